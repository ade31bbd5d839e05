// The few pieces of the PostgreSQL wire protocol (v3) the PGlite front needs: cutting what a
// client sent at message boundaries, following what the backend answered far enough to know
// when its session is free again, and the handful of messages the front writes itself.

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
// PostgreSQL refuses startup packets above 10,000 bytes and messages above 1 GB.
const MAX_STARTUP = 10_000;
const MAX_MESSAGE = 1 << 30;

export const TERMINATE = 0x58; // 'X'
/**
 * Frontend messages PGlite is given. Anything else is refused here, as PostgreSQL itself would
 * (08P01): PGlite 0.5.14 spins forever, blocking the whole process, on an unknown type or on a
 * PasswordMessage ('p') after its trust login.
 */
const PASSED = new Set([...'QPBEDCSHFdcf'].map((c) => c.charCodeAt(0)));
const READY_FOR_QUERY = 0x5a; // 'Z'
const IDLE = 0x49; // 'I': no transaction open

export type FrontendPacket =
  /** SSLRequest or GSSENCRequest: answered with a single 'N' (no encryption on loopback). */
  | { kind: 'encryption-request' }
  /** A CancelRequest: PGlite has no backend to signal, so it is dropped. */
  | { kind: 'cancel' }
  | { kind: 'startup'; bytes: Buffer }
  | { kind: 'message'; type: number; bytes: Buffer }
  /** Refused with a FATAL error of `code` before it reaches PGlite. */
  | { kind: 'invalid'; code: string; reason: string };

/** The next whole packet at the start of `buffer` and its size, or undefined until more bytes arrive. */
export function nextPacket(buffer: Buffer, started: boolean): { packet: FrontendPacket; size: number } | undefined {
  if (!started) {
    if (buffer.length < 8) return undefined;
    const size = buffer.readInt32BE(0);
    if (size < 8 || size > MAX_STARTUP) return { packet: violation('invalid length of startup packet'), size };
    if (buffer.length < size) return undefined;
    const code = buffer.readInt32BE(4);
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) return { packet: { kind: 'encryption-request' }, size };
    if (code === CANCEL_REQUEST) return { packet: { kind: 'cancel' }, size };
    if (code !== PROTOCOL_3)
      return { packet: violation(`unsupported frontend protocol ${code >> 16}.${code & 0xffff}`), size };
    const bytes = buffer.subarray(0, size);
    return { packet: checkStartup(bytes) ?? { kind: 'startup', bytes }, size };
  }
  if (buffer.length < 5) return undefined;
  const length = buffer.readInt32BE(1);
  const type = buffer[0] ?? 0;
  if (type !== TERMINATE && !PASSED.has(type))
    return { packet: violation(`invalid frontend message type ${type}`), size: 0 };
  if (length < 4 || length > MAX_MESSAGE) return { packet: violation('invalid message length'), size: 0 };
  const size = 1 + length;
  if (buffer.length < size) return undefined;
  // A view, not a copy: socket chunks are never reused, and the buffer is only ever replaced.
  return { packet: { kind: 'message', type, bytes: buffer.subarray(0, size) }, size };
}

const violation = (reason: string): FrontendPacket => ({ kind: 'invalid', code: '08P01', reason });

/**
 * PGlite exits (and keeps no usable session) on a startup packet whose parameters are not
 * name/value pairs ending in an empty name, or that names no user; PostgreSQL refuses both.
 */
function checkStartup(bytes: Buffer): FrontendPacket | undefined {
  if (bytes[bytes.length - 1] !== 0)
    return violation('invalid startup packet layout: expected terminator as last byte');
  const fields = bytes
    .subarray(8, bytes.length - 1)
    .toString('utf8')
    .split('\0');
  // A well-formed list is name\0value\0...: an even count once the trailing empty piece is dropped.
  if (fields.pop() !== '' || fields.length % 2 !== 0) return violation('invalid startup packet layout');
  for (let i = 0; i < fields.length; i += 2) if (fields[i] === 'user' && fields[i + 1]) return undefined;
  return { kind: 'invalid', code: '28000', reason: 'no PostgreSQL user name specified in startup packet' };
}

/**
 * Follows the backend's replies message by message. The session is free for another client
 * only when the last whole message is ReadyForQuery with status idle: a transaction block
 * ('T', 'E'), an extended-query batch not yet synced, or COPY all leave it busy.
 */
export class BackendTracker {
  private readonly header = Buffer.alloc(5);
  private headerFill = 0;
  private bodyLeft = 0;
  private type = READY_FOR_QUERY;
  private lastType = READY_FOR_QUERY;
  private status = IDLE;

  feed(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.bodyLeft > 0) {
        const take = Math.min(this.bodyLeft, chunk.length - i);
        // ReadyForQuery's body is its one status byte.
        if (this.type === READY_FOR_QUERY) this.status = chunk[i + take - 1] ?? 0;
        this.bodyLeft -= take;
        i += take;
        if (this.bodyLeft === 0) this.lastType = this.type;
        continue;
      }
      this.header[this.headerFill++] = chunk[i++] ?? 0;
      if (this.headerFill < 5) continue;
      this.headerFill = 0;
      this.type = this.header[0] ?? 0;
      this.bodyLeft = this.header.readInt32BE(1) - 4;
      this.lastType = this.bodyLeft > 0 ? 0 : this.type;
    }
  }

  /** Forgets a reply cut short (PGlite threw mid-way): the next reply starts on a message boundary. */
  resync(): void {
    this.headerFill = 0;
    this.bodyLeft = 0;
    this.lastType = 0;
  }

  get idle(): boolean {
    return this.headerFill === 0 && this.bodyLeft === 0 && this.lastType === READY_FOR_QUERY && this.status === IDLE;
  }
}

function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

const cstring = (text: string): Buffer => Buffer.from(`${text}\0`, 'utf8');

/** A FATAL ErrorResponse, the way PostgreSQL tells a client why it is being disconnected. */
export function fatal(code: string, text: string): Buffer {
  const fields = [cstring('SFATAL'), cstring('VFATAL'), cstring(`C${code}`), cstring(`M${text}`), Buffer.from([0])];
  return message('E', Buffer.concat(fields));
}

/**
 * Brings the shared session back to idle after its client left mid-way: CopyFail ends a COPY
 * (ignored otherwise), Sync ends an extended-query batch or its error state.
 */
export const SETTLE = Buffer.concat([message('f', cstring('client gone')), message('S', Buffer.alloc(0))]);
export const ROLLBACK = message('Q', cstring('ROLLBACK'));
