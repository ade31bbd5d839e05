import { eventFor, type LiveEvent, type Viewer } from '../src/auth/scoping';
import { socketViewer } from './viewer';

/**
 * Live sockets on the WebSocket Hibernation API: the object may sleep while they stay open. Each
 * socket keeps its viewer as its attachment, and gets only the events that viewer may see.
 */
export function acceptSocket(ctx: DurableObjectState, viewer: Viewer, hello?: unknown): Response {
  const pair = new WebSocketPair();
  const [client, server] = [pair[0], pair[1]];
  ctx.acceptWebSocket(server);
  server.serializeAttachment(viewer);
  if (hello !== undefined) server.send(JSON.stringify(hello));
  return new Response(null, { status: 101, webSocket: client });
}

export function broadcast(ctx: DurableObjectState, event: LiveEvent): number {
  const everything = JSON.stringify(event);
  let sent = 0;
  for (const socket of ctx.getWebSockets()) {
    const visible = eventFor(socketViewer(socket), event);
    if (!visible) continue;
    try {
      socket.send(visible === event ? everything : JSON.stringify(visible));
      sent += 1;
    } catch {
      // A socket closing under us is not an error worth failing the broadcast for.
    }
  }
  return sent;
}

/** Answers the peer's close; 1005 (no code) cannot be sent back, and a closed socket throws. */
export function closeSocket(socket: WebSocket, code: number, reason: string): void {
  try {
    socket.close(code === 1005 ? 1000 : code, reason);
  } catch {
    // Already closed.
  }
}

export const isUpgrade = (request: Request) => request.headers.get('Upgrade')?.toLowerCase() === 'websocket';
