import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../workers/index';
import { checkedFetch } from '../helpers/fetch';
import { tokenFor } from '../helpers/tokens';

async function dashboardSocket() {
  const token = await tokenFor();
  const response = await checkedFetch(
    new Request('http://empire.test/ws', {
      headers: { Upgrade: 'websocket', 'Sec-WebSocket-Protocol': `empire, bearer.${token}` },
    }),
  );
  const socket = response.webSocket;
  if (!socket) throw new Error(`no socket: ${response.status}`);
  const events: { type: string; [field: string]: unknown }[] = [];
  socket.addEventListener('message', (event) => events.push(JSON.parse(String(event.data))));
  socket.accept();
  return { socket, events };
}

const entry = (requestId: string) => ({
  requestId,
  at: Date.now(),
  provider: 'moonshot',
  model: 'moonshot/kimi-k2.5',
  tokensIn: 120,
  tokensOut: 30,
  costMicros: 211,
  latencyMs: 40,
  status: 'ok' as const,
  cacheHit: false,
  scopes: { agent: 'numbers', client: 'dev-owner' },
});

describe('happy', { timeout: 30_000 }, () => {
  it('tells the dashboard stream when ledger rows land, after they are written', async () => {
    const { socket, events } = await dashboardSocket();
    const ids = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    const batch = createMessageBatch('empire-jobs', [
      {
        id: `m-${ids[0]}`,
        timestamp: new Date(),
        attempts: 1,
        body: { kind: 'ledger.entries', entries: [entry(ids[0] ?? '')] },
      },
      {
        id: `m-${ids[1]}`,
        timestamp: new Date(),
        attempts: 1,
        body: { kind: 'ledger.entries', entries: [entry(ids[1] ?? ''), entry(ids[2] ?? '')] },
      },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.retryMessages).toEqual([]);
    expect(result.retryBatch.retry).toBe(false);
    // The budget object is shared with other files: its alarm may forward their rows with these,
    // in one announcement or several, so the announcements add up to at least these three.
    const announced = () =>
      events
        .filter((event) => event.type === 'spend.recorded')
        .reduce((sum, event) => sum + Number(event.entries ?? 0), 0);
    for (let wait = 0; wait < 200 && announced() < 3; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(announced()).toBeGreaterThanOrEqual(3);
    socket.close(1000, 'done');
  });
});
