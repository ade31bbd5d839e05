// What `pgpass` and `pg-cloudflare` resolve to in the Worker's bundle (wrangler.toml [alias]).
// pg reaches for them lazily: pgpass reads ~/.pgpass when a URL has no password, and pg-cloudflare
// opens raw TCP sockets when none is given. A Worker has no home folder, and every connection
// brings its own socket (src/db/websocket-socket.ts), so neither is ever called.
export default function unavailable(): never {
  throw new Error('not available in the Worker');
}
export const CloudflareSocket = unavailable;
