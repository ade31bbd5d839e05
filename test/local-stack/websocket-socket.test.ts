// The socket pg runs over (src/db/websocket-socket.ts), against a bare WebSocket server: what a
// turn writes goes out as one frame, what arrives comes back as data, and a close reaches pg.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { proxyAddress, WebSocketSocket } from '../../src/db/websocket-socket.ts';

describe('websocket socket', () => {
  let server: WebSocketServer;
  let prefix: string;
  const accepted: { socket: WebSocket; url: string; frames: Buffer[] }[] = [];

  beforeAll(async () => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    server.on('connection', (socket, request) => {
      const peer = { socket, url: request.url ?? '', frames: [] as Buffer[] };
      socket.on('message', (data) => peer.frames.push(data as Buffer));
      accepted.push(peer);
    });
    await once(server, 'listening');
    prefix = `127.0.0.1:${(server.address() as AddressInfo).port}/v2`;
  });
  afterAll(() => server.close());

  async function connected(): Promise<{ socket: WebSocketSocket; peer: (typeof accepted)[number] }> {
    const socket = new WebSocketSocket(proxyAddress(prefix));
    socket.connect(5432, '127.0.0.1');
    await once(socket, 'connect');
    await expect.poll(() => accepted.length).toBeGreaterThan(0);
    const peer = accepted.shift();
    if (!peer) throw new Error('no connection reached the server');
    return { socket, peer };
  }

  it('opens the proxy address, sends one turn of writes as one frame and hands back what arrives', async () => {
    const { socket, peer } = await connected();
    expect(peer.url).toBe('/v2?address=127.0.0.1:5432');
    const written = new Promise<void>((resolve) => socket.write(Buffer.from('sync'), () => resolve()));
    socket.write(Buffer.from('parse,'));
    socket.write('bind,');
    await written;
    await expect.poll(() => peer.frames.length).toBe(1);
    expect(Buffer.concat(peer.frames).toString()).toBe('syncparse,bind,');
    const data = once(socket, 'data');
    peer.socket.send(Buffer.from('ready'));
    expect(((await data)[0] as Buffer).toString()).toBe('ready');
    const closed = once(socket, 'close');
    socket.end();
    await closed;
    expect(socket.writable).toBe(false);
  });

  it('tells pg when the far end closes, once', async () => {
    const { socket, peer } = await connected();
    let closes = 0;
    socket.on('close', () => {
      closes += 1;
    });
    peer.socket.close(1011, 'target gone');
    await expect.poll(() => closes).toBe(1);
    socket.destroy();
    expect(closes).toBe(1);
  });

  it('closes a socket ended while it was still connecting, once it opens', async () => {
    const socket = new WebSocketSocket(proxyAddress(prefix));
    const closed = once(socket, 'close');
    socket.connect(5432, '127.0.0.1');
    socket.end();
    await closed;
    await expect.poll(() => accepted.length).toBe(1);
    const peer = accepted.shift();
    await expect.poll(() => peer?.socket.readyState).toBe(peer?.socket.CLOSED);
  });

  it('reports a refused connection as an error, then a close', async () => {
    const socket = new WebSocketSocket(() => 'ws://127.0.0.1:1/v2');
    const events: string[] = [];
    socket.on('error', () => events.push('error'));
    socket.on('close', () => events.push('close'));
    socket.connect(5432, '127.0.0.1');
    await expect.poll(() => events).toEqual(['error', 'close']);
  });
});
