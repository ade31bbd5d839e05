// `wrangler dev` serves through a proxy Worker whose Miniflare logs every request as
// `[wrangler:info] POST /webhooks/gumroad/<secret> 200 OK (12ms)`: the path as it came, a secret
// in it included. wrangler turns that log off only on the Worker's own Miniflare and has no flag
// for the proxy's. Its log level would hide it (`--log-level warn`), but also every console.log of
// the Worker, which is how the app writes its JSON lines. So `npm start` keeps the level and leaves
// those lines out of what wrangler prints; the app's own access log (ACCESS_LOG) is redacted.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';

// Miniflare writes `<method> <path> <status> ...` after the prefix (`wrangler-ProxyWorker` under
// WRANGLER_LOG=debug); the method and path alone are enough to know the line.
const REQUEST_LOG_LINE = /^\[wrangler(?:-ProxyWorker)?:info\] [A-Z]+ \//;

export function isRequestLogLine(line: string): boolean {
  return REQUEST_LOG_LINE.test(stripVTControlCharacters(line));
}

/** Copies `source` to `sink` line by line, without the dev server's request log. */
export function copyWithoutRequestLog(source: Readable, sink: Writable): void {
  const lines = createInterface({ input: source, crlfDelay: Number.POSITIVE_INFINITY });
  lines.on('line', (line) => {
    if (!isRequestLogLine(line)) sink.write(`${line}\n`);
  });
}
