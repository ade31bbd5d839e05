import type { IncomingMessage } from 'node:http';

const MAX_BODY = 1024 * 1024;

export async function readFakeBody(req: IncomingMessage, as: 'json' | 'text' = 'json'): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (as === 'text') return text;
  return text ? JSON.parse(text) : {};
}

// X's own rule, written independently of the Worker's counter so the fake can catch its mistakes:
// a URL counts 23, code points in the light ranges 1, everything else 2 (an emoji sequence 2).
const URL = /https?:\/\/\S+/g;
const light = (point: number) =>
  point <= 4351 ||
  (point >= 8192 && point <= 8205) ||
  (point >= 8208 && point <= 8223) ||
  (point >= 8242 && point <= 8247);

export function xWeightedLength(raw: string): number {
  const text = raw.normalize('NFC');
  let weight = (text.match(URL) ?? []).length * 23;
  const rest = text.replace(URL, '');
  for (const { segment } of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(rest)) {
    if (/\p{Extended_Pictographic}/u.test(segment)) weight += 2;
    else for (const char of segment) weight += light(char.codePointAt(0) ?? 0) ? 1 : 2;
  }
  return weight;
}
