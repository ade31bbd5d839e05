import { EventEmitter } from 'node:events';

/** The WebSocket URL that carries the Postgres protocol to `host:port`. */
export type WebSocketAddress = (host: string, port: number) => string;

/** Neon's own endpoint: the protocol over `wss://HOST/v2`, TLS being the WebSocket's. */
export const neonAddress: WebSocketAddress = (host) => `wss://${host}/v2`;

/** local-stack's proxy in front of a plain PostgreSQL: `ws://127.0.0.1:PORT/v2?address=HOST:PORT`. */
export const proxyAddress =
  (proxy: string): WebSocketAddress =>
  (host, port) =>
    `${proxy.includes('://') ? proxy : `ws://${proxy}`}?address=${host}:${port}`;

/**
 * What `pg` needs of a socket (connect, write, end, destroy and the events connect, data, error,
 * close), carried over a WebSocket: Workers have no raw sockets to Neon, and the WebSocket is the
 * way Neon and local-stack both offer. Writes made in one turn go out as one frame, so a query's
 * parse, bind, execute and sync cost one frame rather than five.
 */
export class WebSocketSocket extends EventEmitter {
  writable = false;
  destroyed = false;
  private socket: WebSocket | undefined;
  private pending: Uint8Array[] = [];
  private flushes: ((error?: Error) => void)[] = [];
  private closed = false;
  private failed = false;
  /** end() or destroy() was called: a socket still connecting is closed as it opens. */
  private closing = false;
  private readonly address: WebSocketAddress;

  constructor(address: WebSocketAddress) {
    super();
    this.address = address;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  connect(port: number | string, host: string): this {
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.address(host, Number(port)));
    } catch (error) {
      queueMicrotask(() => this.fail(error));
      return this;
    }
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.addEventListener('open', () => {
      if (this.closing) {
        socket.close(1000);
        return;
      }
      this.writable = true;
      this.emit('connect');
    });
    socket.addEventListener('message', (event) => {
      const { data } = event;
      this.emit('data', typeof data === 'string' ? Buffer.from(data) : Buffer.from(data as ArrayBuffer));
    });
    socket.addEventListener('error', (event) => {
      const message = (event as { message?: string }).message;
      this.fail(new Error(`postgres WebSocket failed${message ? `: ${message}` : ''}`));
    });
    socket.addEventListener('close', () => this.finish());
    return this;
  }

  write(data: Uint8Array | string, encodingOrDone?: unknown, maybeDone?: (error?: Error) => void): boolean {
    const done = typeof encodingOrDone === 'function' ? (encodingOrDone as (error?: Error) => void) : maybeDone;
    if (data.length > 0) {
      if (this.pending.length === 0) queueMicrotask(() => this.flush());
      this.pending.push(typeof data === 'string' ? Buffer.from(data) : data);
    }
    if (done) {
      if (this.pending.length === 0) queueMicrotask(() => done());
      else this.flushes.push(done);
    }
    return true;
  }

  end(data?: Uint8Array | string, ...rest: unknown[]): this {
    if (data !== undefined && typeof data !== 'function') this.write(data);
    const done = rest.find((value) => typeof value === 'function') as (() => void) | undefined;
    this.flush();
    this.writable = false;
    this.closeSocket();
    if (done) queueMicrotask(done);
    return this;
  }

  destroy(error?: Error): this {
    this.destroyed = true;
    this.pending = [];
    this.writable = false;
    if (error) this.fail(error);
    else this.closeSocket();
    return this;
  }

  private flush(): void {
    const chunks = this.pending;
    const callbacks = this.flushes;
    if (chunks.length === 0) return;
    this.pending = [];
    this.flushes = [];
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      const error = new Error('postgres WebSocket is not open');
      for (const callback of callbacks) callback(error);
      return;
    }
    socket.send(chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks));
    for (const callback of callbacks) callback();
  }

  /** Closes an open socket; one still connecting is closed as it opens (see connect). */
  private closeSocket(): void {
    this.closing = true;
    const socket = this.socket;
    if (!socket) this.finish();
    else if (socket.readyState === WebSocket.OPEN) socket.close(1000);
  }

  /**
   * Reports the first failure. An open socket is closed and its close event ends it; one that never
   * opened ends here, as not every WebSocket (Node's, for one) fires close after a failed connect.
   */
  private fail(error: unknown): void {
    if (this.closed || this.failed) return;
    this.failed = true;
    this.emit('error', error instanceof Error ? error : new Error(String(error)));
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.close(1000);
    else this.finish();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.writable = false;
    this.emit('close');
  }
}
