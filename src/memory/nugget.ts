export const nuggetKinds = ['lesson', 'pattern', 'rule'] as const;
export type NuggetKind = (typeof nuggetKinds)[number];

export interface NuggetInput {
  text: string;
  kind: NuggetKind;
  /** Who learnt it: `agent:ceo`, `workflow:weekly_review`, `api:<client>` ... */
  source: string;
  tags: string[];
}

export interface Nugget extends NuggetInput {
  id: string;
  /** Epoch ms. */
  createdAt: number;
}

export interface NuggetHit extends Nugget {
  /** Cosine distance from the query: 0 is the same direction, 2 the opposite. */
  distance: number;
}

/** Whitespace runs collapse for the id, so the same lesson typed twice is one nugget. */
export const normaliseText = (text: string) => text.normalize('NFC').trim().replace(/\s+/g, ' ');

/** Same source and same (normalised) text give the same id: storing it again is a no-op. */
export async function nuggetId(source: string, text: string): Promise<string> {
  const bytes = new TextEncoder().encode(`${source}\n${normaliseText(text)}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return `ngt_${Array.from(digest.subarray(0, 12), (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
