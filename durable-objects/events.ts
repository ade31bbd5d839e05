import { DurableObject } from 'cloudflare:workers';
import { type PingAnswer, pingStorage } from './ping';
import { acceptSocket, broadcast, closeSocket, isUpgrade } from './sockets';
import { viewerOf } from './viewer';

/** The dashboard's one live stream: agents, budget, swarms and alerts publish here. */
export class EventHub extends DurableObject<Env> {
  ping(): PingAnswer {
    return pingStorage(this.ctx.storage, 'EventHub');
  }

  publish(event: { type: string; [field: string]: unknown }): number {
    return broadcast(this.ctx, event);
  }

  subscribers(): number {
    return this.ctx.getWebSockets().length;
  }

  override async fetch(request: Request): Promise<Response> {
    if (!isUpgrade(request)) return new Response('expected a WebSocket upgrade', { status: 426 });
    return acceptSocket(this.ctx, viewerOf(request), { type: 'hello', at: Date.now() });
  }

  override webSocketMessage(socket: WebSocket, message: string | ArrayBuffer): void {
    if (message === 'ping') socket.send('pong');
  }

  override webSocketClose(socket: WebSocket, code: number, reason: string): void {
    closeSocket(socket, code, reason);
  }
}
