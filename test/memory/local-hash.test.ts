import { describe, expect, it } from 'vitest';
import { LOCAL_HASH_DIMENSIONS, localHashEmbedder, localHashVector } from '../../src/memory/embeddings/local-hash';

const cosine = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);

describe('happy', () => {
  it('is deterministic, unit length and of fixed size', async () => {
    const [first, second] = await localHashEmbedder().embed([
      'Fire-alarm audit checklist',
      'Fire-alarm audit checklist',
    ]);
    expect(first).toEqual(second);
    expect(first).toHaveLength(LOCAL_HASH_DIMENSIONS);
    expect(Math.hypot(...(first ?? []))).toBeCloseTo(1, 10);
    expect(localHashEmbedder().info).toMatchObject({ provider: 'local-hash', model: 'local-hash-v1', local: true });
  });

  it('puts texts that share words closer than texts that do not', () => {
    const query = localHashVector('who buys fire alarm audits?');
    const related = localHashVector('Fire-alarm audits are bought by facility managers');
    const unrelated = localHashVector('Newsletter subject lines under fifty characters');
    expect(cosine(query, related)).toBeGreaterThan(0.3);
    expect(cosine(query, related)).toBeGreaterThan(cosine(query, unrelated) + 0.2);
  });

  it('gives punctuation-only and empty-looking texts a direction too', () => {
    const vector = localHashVector('!!!');
    expect(Math.hypot(...vector)).toBeCloseTo(1, 10);
  });
});
