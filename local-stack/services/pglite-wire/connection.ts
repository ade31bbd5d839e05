// One client socket of the PGlite front: cuts its bytes into packets, answers what needs no
// database (encryption requests, cancels), and hands the rest to the session in batches.
import type { Socket } from 'node:net';
import { type FrontendPacket, fatal, nextPacket, TERMINATE } from './protocol.ts';

export interface ConnectionEvents {
  /** The connection has packets for the database. */
  wake(connection: WireConnection): void;
  /** The connection is gone (either side closed it); called once. */
  drop(connection: WireConnection): void;
}

type Queued = Extract<FrontendPacket, { kind: 'startup' | 'message' | 'invalid' }>;

/** Messages to run together (`terminate` when the client said goodbye after them), or why not. */
export type Batch =
  | { kind: 'run'; bytes: Buffer; terminate: boolean }
  | { kind: 'invalid'; code: string; reason: string };

export class WireConnection {
  closed = false;
  private buffer: Buffer = Buffer.alloc(0);
  private startupSeen = false;
  /** Set once a Terminate or a protocol violation is read: nothing after it is parsed. */
  private finished = false;
  private readonly packets: Queued[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly socket: Socket;
  private readonly events: ConnectionEvents;

  constructor(socket: Socket, events: ConnectionEvents) {
    this.socket = socket;
    this.events = events;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.read(chunk));
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
  }

  hasWork(): boolean {
    return this.packets.length > 0;
  }

  /** Everything queued up to the next Terminate, or the startup packet alone (PGlite drops what follows it). */
  takeBatch(): Batch | undefined {
    const first = this.packets.shift();
    if (!first) return undefined;
    if (first.kind === 'invalid') return first;
    if (first.kind === 'startup') return { kind: 'run', bytes: first.bytes, terminate: false };
    const parts: Buffer[] = [];
    let packet: Queued | undefined = first;
    while (packet?.kind === 'message') {
      if (packet !== first) this.packets.shift();
      if (packet.type === TERMINATE) return { kind: 'run', bytes: Buffer.concat(parts), terminate: true };
      parts.push(packet.bytes);
      packet = this.packets[0];
    }
    return { kind: 'run', bytes: Buffer.concat(parts), terminate: false };
  }

  write(chunk: Uint8Array): void {
    // Copied: PGlite hands out views of its own memory, reused by the next call.
    if (!this.closed && this.socket.writable) this.socket.write(Buffer.from(chunk));
  }

  /** Runs `expire` after `ms` with no traffic; any packet from the client cancels it. */
  arm(ms: number, expire: () => void): void {
    this.disarm();
    if (ms <= 0 || this.closed) return;
    this.timer = setTimeout(expire, ms);
    this.timer.unref();
  }

  /** Closes the socket; with a code the client first reads a FATAL error saying why, as from PostgreSQL. */
  close(code?: string, text?: string): void {
    if (this.closed) return;
    this.closed = true;
    this.finished = true;
    this.packets.length = 0;
    this.disarm();
    const destroy = () => this.socket.destroy();
    if (!this.socket.writable) destroy();
    else if (code && text) this.socket.end(fatal(code, text), destroy);
    else this.socket.end(destroy);
    this.events.drop(this);
  }

  private disarm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private read(chunk: Buffer): void {
    if (this.finished) return;
    this.buffer = this.buffer.length > 0 ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const next = nextPacket(this.buffer, this.startupSeen);
      if (!next) break;
      this.buffer = this.buffer.subarray(next.size);
      const { packet } = next;
      if (packet.kind === 'encryption-request') {
        this.socket.write('N');
        continue;
      }
      if (packet.kind === 'cancel') {
        this.close();
        return;
      }
      if (packet.kind === 'startup') this.startupSeen = true;
      this.packets.push(packet);
      if (packet.kind === 'invalid' || (packet.kind === 'message' && packet.type === TERMINATE)) {
        this.finished = true;
        break;
      }
    }
    if (this.packets.length > 0) {
      this.disarm();
      this.events.wake(this);
    }
  }
}
