/**
 * The headers every response carries (Hono's secureHeaders defaults), set in one pass over a
 * fixed list rather than by a middleware layer of their own.
 */
const SECURITY_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'SAMEORIGIN'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
];

/** False when the headers are immutable (a WebSocket upgrade's response): those go out as they are. */
export function setSecurityHeaders(headers: Headers): boolean {
  try {
    for (const [name, value] of SECURITY_HEADERS) headers.set(name, value);
    headers.delete('X-Powered-By');
    return true;
  } catch {
    return false;
  }
}
