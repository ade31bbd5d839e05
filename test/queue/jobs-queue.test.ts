import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../workers/index';

interface DeadLetterRow {
  message_id: string;
  kind: string | null;
  attempts: number;
  reason: string;
  body: string;
}

// Production backoff (a 2 s base); the suite's own config retries at once.
const withBackoff = { ...env, QUEUE_RETRY_BASE_SECONDS: '2' } as Env;

async function deliver(queue: string, messages: { id: string; attempts: number; body: unknown }[]) {
  const batch = createMessageBatch(
    queue,
    messages.map((message) => ({ ...message, timestamp: new Date() })),
  );
  // The test batch does not keep retry delays, so each message's retry() is observed here.
  const delays: Record<string, number | undefined> = {};
  for (const message of batch.messages) {
    const retry = message.retry.bind(message);
    message.retry = (options) => {
      delays[message.id] = options?.delaySeconds;
      retry(options);
    };
  }
  const ctx = createExecutionContext();
  await worker.queue(batch, withBackoff, ctx);
  return { ...(await getQueueResult(batch, ctx)), delays };
}

const deadLetters = async () =>
  (await env.DB.prepare('select * from dead_letters order by message_id').all<DeadLetterRow>()).results;

describe('happy', () => {
  it('acknowledges each valid message explicitly', async () => {
    const result = await deliver('empire-jobs', [
      { id: 'p1', attempts: 1, body: { kind: 'probe', sentAt: Date.now() } },
      { id: 'p2', attempts: 1, body: { kind: 'probe', sentAt: Date.now() } },
    ]);
    expect(result.explicitAcks.sort()).toEqual(['p1', 'p2']);
    expect(result.retryMessages).toEqual([]);
  });
});

describe('errors', () => {
  it('retries an invalid message with backoff instead of dropping it', async () => {
    const result = await deliver('empire-jobs', [
      { id: 'bad-1', attempts: 1, body: { kind: 'probe', sentAt: 'yesterday' } },
      { id: 'bad-3', attempts: 3, body: 'not even an object' },
      { id: 'ok', attempts: 1, body: { kind: 'probe', sentAt: 1 } },
    ]);
    expect(result.explicitAcks).toEqual(['ok']);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(['bad-1', 'bad-3']);
    expect(result.delays).toEqual({ 'bad-1': 2, 'bad-3': 8 });
  });

  it('records each dead letter with its reason, once, even when redelivered', async () => {
    const messages = [
      { id: 'dl-1', attempts: 6, body: { kind: 'probe', sentAt: 'yesterday' } },
      { id: 'dl-2', attempts: 6, body: { kind: 'swarm.unknown', jobId: 'j1' } },
      { id: 'dl-3', attempts: 6, body: { kind: 'probe', sentAt: 5 } },
    ];
    const first = await deliver('empire-jobs-dlq', messages);
    expect(first.ackAll).toBe(true);
    await deliver('empire-jobs-dlq', messages);

    const rows = await deadLetters();
    expect(rows.map((row) => row.message_id)).toEqual(['dl-1', 'dl-2', 'dl-3']);
    expect(rows[0]).toMatchObject({ kind: 'probe', attempts: 6 });
    expect(rows[0]?.reason).toMatch(/^invalid message: sentAt:/);
    expect(rows[1]?.reason).toMatch(/^invalid message: kind:/);
    expect(rows[2]?.reason).toBe('retries exhausted');
    expect(JSON.parse(rows[1]?.body ?? 'null')).toEqual({ kind: 'swarm.unknown', jobId: 'j1' });
  });

  it('records a full batch of 100 dead letters (past D1 parameter limits)', async () => {
    const messages = Array.from({ length: 100 }, (_, index) => ({
      id: `bulk-${String(index).padStart(3, '0')}`,
      attempts: 6,
      body: { index },
    }));
    await deliver('empire-jobs-dlq', messages);
    const count = await env.DB.prepare("select count(*) as n from dead_letters where message_id like 'bulk-%'").first<{
      n: number;
    }>();
    expect(count?.n).toBe(100);
  });
});
