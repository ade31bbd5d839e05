import { describe, expect, it } from 'vitest';
import { MAX_KEPT_BODY_CHARS } from '../../src/idempotency/answer';
import { chatStreamRecorder } from '../../src/llm/chat-stream-record';
import { toChunk } from '../../src/llm/openai-format';

// How a streamed chat completion is kept for an Idempotency-Key replay.

const event = (data: unknown) => `data: ${JSON.stringify(data)}\n\n`;

describe('happy', () => {
  it('merges the text deltas into one chunk and keeps every other event as sent, across split reads', () => {
    const role = event(toChunk('r1', 'm', { role: 'assistant', content: '' }));
    const words = ['[fake] ', 'one ', 'two'].map((word) => event(toChunk('r1', 'm', { content: word })));
    const finish = event(toChunk('r1', 'm', {}, 'stop'));
    const usage = event({ ...toChunk('r1', 'm', {}), choices: [], usage: { prompt_tokens: 3, completion_tokens: 3 } });
    const stream = [role, ...words, finish, usage, 'data: [DONE]\n\n'].join('');
    const recorder = chatStreamRecorder();
    // Reads end anywhere, also inside an event.
    for (let at = 0; at < stream.length; at += 7) expect(recorder.push(stream.slice(at, at + 7))).toBe(true);
    const kept = recorder.finish().split('\n\n').filter(Boolean);
    expect(kept).toHaveLength(5);
    expect(`${kept[0]}\n\n`).toBe(role);
    const merged = JSON.parse(kept[1]?.slice('data: '.length) ?? '{}') as ReturnType<typeof toChunk>;
    expect(merged).toMatchObject({ id: 'chatcmpl-r1', object: 'chat.completion.chunk', model: 'm' });
    expect(merged.choices).toEqual([{ index: 0, delta: { content: '[fake] one two' }, finish_reason: null }]);
    expect(kept.slice(2).map((block) => `${block}\n\n`)).toEqual([finish, usage, 'data: [DONE]\n\n']);
  });

  it('keeps an error event the stream ended with', () => {
    const recorder = chatStreamRecorder();
    recorder.push(event(toChunk('r2', 'm', { content: 'half' })));
    recorder.push('event: error\ndata: {"error":{"code":"upstream_error"}}\n\n');
    expect(recorder.finish()).toContain('event: error\ndata: {"error":{"code":"upstream_error"}}\n\n');
  });
});

describe('errors', () => {
  it('says when the merged answer outgrows what a record keeps', () => {
    const recorder = chatStreamRecorder();
    const word = 'x'.repeat(1_000);
    let fits = true;
    let pushed = 0;
    while (fits && pushed <= MAX_KEPT_BODY_CHARS + 2_000) {
      fits = recorder.push(event(toChunk('r3', 'm', { content: word })));
      pushed += word.length;
    }
    expect(fits).toBe(false);
    expect(pushed).toBeGreaterThan(MAX_KEPT_BODY_CHARS);
  });
});
