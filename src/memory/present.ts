import type { UsedNugget } from './long-term-memory';
import type { Nugget, NuggetHit } from './nugget';

export const presentNugget = (nugget: Nugget) => ({
  id: nugget.id,
  text: nugget.text,
  kind: nugget.kind,
  source: nugget.source,
  tags: nugget.tags,
  createdAt: new Date(nugget.createdAt).toISOString(),
});

const round = (value: number) => Math.round(value * 10_000) / 10_000;

export const presentHit = (hit: NuggetHit) => ({
  ...presentNugget(hit),
  distance: round(hit.distance),
  score: round(1 - hit.distance),
});

export const presentUsed = (nugget: UsedNugget) => ({
  ...presentNugget(nugget),
  uses: nugget.uses,
  lastUsedAt: nugget.lastUsedAt === null ? null : new Date(nugget.lastUsedAt).toISOString(),
});
