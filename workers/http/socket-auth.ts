import type { Context } from 'hono';
import type { Principal } from '../../src/auth/principal';
import type { AppEnv } from './app-env';
import { authenticate } from './auth';
import { AppError } from './errors';

/**
 * Browsers cannot set headers on `new WebSocket`, so a socket carries its JWT either in the
 * `Sec-WebSocket-Protocol` list (`new WebSocket(url, ['empire', 'bearer.' + jwt])`, kept out of
 * URLs and access logs) or, for older clients, in the `token` query parameter. Only short-lived
 * JWTs are accepted, never API keys.
 */
export const SOCKET_PROTOCOL = 'empire';
const BEARER_PREFIX = 'bearer.';

export interface SocketAuth {
  principal: Principal;
  /** The subprotocol to echo in the 101: a browser that offered protocols drops a reply without one. */
  protocol: string | null;
}

function offeredProtocols(c: Context<AppEnv>): string[] {
  const header = c.req.header('Sec-WebSocket-Protocol') ?? '';
  return header
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
}

export async function authorizeSocket(c: Context<AppEnv>, queryToken: string | undefined): Promise<SocketAuth> {
  if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket')
    throw new AppError('invalid_request', 'Expected a WebSocket upgrade');
  const offered = offeredProtocols(c);
  const fromProtocol = offered.find((value) => value.startsWith(BEARER_PREFIX))?.slice(BEARER_PREFIX.length);
  if (fromProtocol !== undefined && !offered.includes(SOCKET_PROTOCOL))
    throw new AppError('invalid_request', `A bearer subprotocol needs the '${SOCKET_PROTOCOL}' protocol beside it`);
  const token = fromProtocol ?? queryToken;
  if (!token) throw new AppError('unauthorized', 'A JWT is required (subprotocol bearer.<jwt> or ?token=)');
  if (token.startsWith('emp_')) throw new AppError('unauthorized', 'Use a JWT, not an API key, for sockets');
  const principal = await authenticate(c, token);
  if (!principal) throw new AppError('unauthorized', 'The token is not valid');
  return { principal, protocol: offered.includes(SOCKET_PROTOCOL) ? SOCKET_PROTOCOL : null };
}

/** The Durable Object's 101, with the chosen subprotocol named as the WebSocket handshake requires. */
export function withProtocol(response: Response, protocol: string | null): Response {
  if (!protocol || response.status !== 101 || !response.webSocket) return response;
  const headers = new Headers(response.headers);
  headers.set('Sec-WebSocket-Protocol', protocol);
  return new Response(null, { status: 101, webSocket: response.webSocket, headers });
}
