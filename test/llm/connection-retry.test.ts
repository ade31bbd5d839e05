import { describe, expect, it } from 'vitest';
import { addFault, gatewayClient, uniqueMarker, upstreamRequests } from '../helpers/gateway';
import { ledgerRowsOf } from '../helpers/ledger-rows';

// A pooled keep-alive connection the upstream closes just as it is reused fails before any byte of
// an answer: the router tries the same model once more rather than failing (or falling back) at once.

describe('errors', () => {
  it('tries the same model again when the connection drops before any answer', async () => {
    const marker = uniqueMarker('dropped');
    await addFault({ contains: marker, provider: 'moonshot', status: 200, disconnect: true });
    const { data, response } = await gatewayClient()
      .chat.completions.create({
        model: 'moonshot/kimi-k2.5',
        messages: [{ role: 'user', content: marker }],
        max_tokens: 32,
      })
      .withResponse();
    expect(data.model).toBe('moonshot/kimi-k2.5');
    expect((await upstreamRequests(marker)).map((entry) => entry.provider)).toEqual(['moonshot', 'moonshot']);

    // One row per attempt: the dropped one costs nothing, the answered one what it used.
    const rows = await ledgerRowsOf(response.headers.get('x-request-id') ?? '', 2);
    const byStatus = rows.map((row) => [row.status, row.cost_micros > 0]).sort();
    expect(byStatus).toEqual([
      ['error', false],
      ['ok', true],
    ]);
    const billed = (data as unknown as { empire: { cost_micros: number } }).empire.cost_micros;
    expect(rows.reduce((sum, row) => sum + row.cost_micros, 0)).toBe(billed);
  });

  it('gives up on a model whose connection drops twice', async () => {
    const marker = uniqueMarker('dropped-twice');
    await addFault({ contains: marker, provider: 'moonshot', status: 200, disconnect: true, times: 2 });
    const error = await gatewayClient()
      .chat.completions.create({
        model: 'moonshot/kimi-k2.5',
        messages: [{ role: 'user', content: marker }],
        max_tokens: 32,
      })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 502 });
    expect((await upstreamRequests(marker)).map((entry) => entry.provider)).toEqual(['moonshot', 'moonshot']);
  });
});
