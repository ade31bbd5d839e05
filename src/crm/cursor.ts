import { z } from 'zod';

// Cursors are opaque to clients: base64url of a small JSON position, validated when read back.

const listPosition = z.object({ k: z.literal('list'), s: z.number().int().positive() }).strict();
const searchPosition = z.object({ k: z.literal('search'), r: z.number(), s: z.number().int().positive() }).strict();

export type ListPosition = z.infer<typeof listPosition>;
export type SearchPosition = z.infer<typeof searchPosition>;

function encode(value: ListPosition | SearchPosition): string {
  return btoa(JSON.stringify(value)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function decode<T>(schema: z.ZodType<T>, cursor: string): T | undefined {
  try {
    const json = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'));
    const parsed = schema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export const listCursor = {
  encode: (seq: number) => encode({ k: 'list', s: seq }),
  decode: (cursor: string) => decode(listPosition, cursor),
};

export const searchCursor = {
  encode: (rank: number, seq: number) => encode({ k: 'search', r: rank, s: seq }),
  decode: (cursor: string) => decode(searchPosition, cursor),
};
