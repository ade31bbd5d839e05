// A bare PostgreSQL wire client for tests that need what a driver hides: a client that goes
// silent inside a transaction, vanishes without saying goodbye, or reads the server's FATAL.
import { connect, type Socket } from 'node:net';

export interface BackendMessage {
  type: string;
  body: Buffer;
}

export interface WireClient {
  socket: Socket;
  /** Sends a simple Query and resolves with every message up to ReadyForQuery. */
  query(sql: string): Promise<BackendMessage[]>;
  /** Resolves with the SQLSTATE of the last error the server sent, once it closes the socket. */
  closed: Promise<string | undefined>;
}

export function frame(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

/** A StartupMessage (protocol 3.0) carrying `params`, e.g. 'user\0postgres\0\0'. */
export function startup(params = 'user\0postgres\0database\0postgres\0\0'): Buffer {
  const body = Buffer.from(params);
  const head = Buffer.alloc(8);
  head.writeInt32BE(body.length + 8, 0);
  head.writeInt32BE(196608, 4);
  return Buffer.concat([head, body]);
}

/** The SQLSTATE ('C' field) of an ErrorResponse body. */
export function sqlState(body: Buffer): string | undefined {
  for (const field of body.toString('utf8').split('\0')) if (field.startsWith('C')) return field.slice(1);
  return undefined;
}

export const terminateMessage = (): Buffer => frame('X', Buffer.alloc(0));

export async function openWireClient(port: number): Promise<WireClient> {
  const socket = connect({ host: '127.0.0.1', port });
  let buffer = Buffer.alloc(0);
  let lastError: string | undefined;
  let pending: BackendMessage[] = [];
  let onReady: ((messages: BackendMessage[]) => void) | undefined;
  let onClose: ((error: Error) => void) | undefined;
  const closed = new Promise<string | undefined>((resolve) =>
    socket.on('close', () => {
      onClose?.(new Error(`connection closed (${lastError ?? 'no error'})`));
      resolve(lastError);
    }),
  );
  socket.on('error', () => {});
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    while (buffer.length >= 5 && buffer.length >= 1 + buffer.readInt32BE(1)) {
      const size = 1 + buffer.readInt32BE(1);
      const message = { type: String.fromCharCode(buffer[0] ?? 0), body: buffer.subarray(5, size) };
      buffer = buffer.subarray(size);
      if (message.type === 'E') lastError = sqlState(message.body);
      pending.push(message);
      if (message.type === 'Z') {
        const done = pending;
        pending = [];
        onReady?.(done);
      }
    }
  });
  const exchange = (bytes: Buffer) =>
    new Promise<BackendMessage[]>((resolve, reject) => {
      onReady = resolve;
      onClose = reject;
      socket.write(bytes);
    });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  await exchange(startup());
  return { socket, closed, query: (sql) => exchange(frame('Q', Buffer.from(`${sql}\0`))) };
}

/** Sends raw bytes on a new connection; resolves with the SQLSTATE of the FATAL the server closed it with. */
export function refusalOf(port: number, bytes: Buffer): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write(bytes));
    let received = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(received[0] === 0x45 ? sqlState(received.subarray(5)) : undefined));
  });
}
