/** Live sockets on the WebSocket Hibernation API: the object may sleep while they stay open. */
export function acceptSocket(ctx: DurableObjectState, hello?: unknown): Response {
  const pair = new WebSocketPair();
  const [client, server] = [pair[0], pair[1]];
  ctx.acceptWebSocket(server);
  if (hello !== undefined) server.send(JSON.stringify(hello));
  return new Response(null, { status: 101, webSocket: client });
}

export function broadcast(ctx: DurableObjectState, event: unknown): number {
  const text = JSON.stringify(event);
  let sent = 0;
  for (const socket of ctx.getWebSockets()) {
    try {
      socket.send(text);
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
