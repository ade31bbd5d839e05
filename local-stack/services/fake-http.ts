// What every local stand-in of a remote HTTP API shares: bounded body reading and JSON answers
// marked as the fake's, so a test can tell a fake's answer from the real service's.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const FAKE_HEADER = 'x-empire-fake';

/** The request body as text; past maxBytes it throws what tooLarge makes. */
export async function readBodyText(
  req: IncomingMessage,
  maxBytes = 1024 * 1024,
  tooLarge: () => Error = () => new Error('body too large'),
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The request body parsed as JSON (an empty body is `{}`), or as text. */
export async function readFakeBody(req: IncomingMessage, as: 'json' | 'text' = 'json'): Promise<unknown> {
  const text = await readBodyText(req);
  if (as === 'text') return text;
  return text ? JSON.parse(text) : {};
}

/** A JSON answer carrying the fake's marker; `headers` add to or replace the defaults. */
export function sendFakeJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', [FAKE_HEADER]: '1', ...headers });
  res.end(JSON.stringify(body));
}
