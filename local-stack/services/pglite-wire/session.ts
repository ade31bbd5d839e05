// PGlite is one PostgreSQL backend: one session shared by every client socket. This hands it
// to one connection at a time and takes it back only at a point where another client may use
// it: after ReadyForQuery 'idle'. A connection inside a transaction, or half way through an
// extended-query batch, keeps the session until it finishes, leaves, or idles past a limit;
// a connection that leaves mid-way has its batch synced and its transaction rolled back.
import type { Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { errorMessage } from '../../../src/lib/error-message.ts';
import { type ConnectionEvents, WireConnection } from './connection.ts';
import { BackendTracker, ROLLBACK, SETTLE } from './protocol.ts';

export interface WireSessionOptions {
  db: PGlite;
  /** A connection with nothing to do is closed after this long (57P05, as idle_session_timeout). */
  idleTimeoutMs: number;
  /**
   * A connection holding the session inside a transaction and sending nothing is closed after
   * this long (25P03, as idle_in_transaction_session_timeout): every other client waits on it.
   */
  idleInTransactionTimeoutMs: number;
  log: (line: string) => void;
}

export class WireSession implements ConnectionEvents {
  private readonly connections = new Set<WireConnection>();
  /** Connections with packets, in arrival order, waiting for the session. */
  private readonly waiting = new Set<WireConnection>();
  private readonly tracker = new BackendTracker();
  private owner: WireConnection | undefined;
  private running = false;
  private drained: Promise<void> = Promise.resolve();
  private readonly options: WireSessionOptions;

  constructor(options: WireSessionOptions) {
    this.options = options;
  }

  get size(): number {
    return this.connections.size;
  }

  attach(socket: Socket): void {
    const connection = new WireConnection(socket, this);
    this.connections.add(connection);
    this.armIdle(connection);
  }

  wake(connection: WireConnection): void {
    if (connection !== this.owner) this.waiting.add(connection);
    this.pump();
  }

  drop(connection: WireConnection): void {
    this.connections.delete(connection);
    this.waiting.delete(connection);
    if (connection === this.owner) this.pump();
  }

  /** Closes every connection and resolves once the session is settled and no PGlite call is running. */
  async close(): Promise<void> {
    for (const connection of [...this.connections]) connection.close();
    await this.drained;
  }

  private pump(): void {
    if (this.running) return;
    this.running = true;
    this.drained = this.drain();
  }

  private async drain(): Promise<void> {
    // `running` is cleared with no await after the last next(), so a wake() is never missed.
    try {
      for (let next = this.next(); next; next = this.next()) await this.serve(next);
    } catch (error) {
      this.options.log(`pglite session: ${errorMessage(error)}`);
    } finally {
      this.running = false;
    }
  }

  private next(): WireConnection | undefined {
    const owner = this.owner;
    if (owner) return owner.closed || owner.hasWork() ? owner : undefined;
    for (const connection of this.waiting) {
      this.waiting.delete(connection);
      if (!connection.closed && connection.hasWork()) return connection;
    }
    return undefined;
  }

  private async serve(connection: WireConnection): Promise<void> {
    const batch = connection.closed ? undefined : connection.takeBatch();
    if (!batch) {
      if (connection.closed) await this.release();
      return;
    }
    this.owner = connection;
    if (batch.kind === 'invalid') {
      connection.close(batch.code, batch.reason);
      return this.release();
    }
    try {
      if (batch.bytes.length > 0) await this.run(batch.bytes, (chunk) => connection.write(chunk));
    } catch (error) {
      this.options.log(`pglite query failed, closing its connection: ${errorMessage(error)}`);
      // Not idle any more as far as we know: release() below syncs and rolls back.
      this.tracker.resync();
      connection.close('XX000', `internal error: ${errorMessage(error)}`);
    }
    if (batch.terminate || connection.closed) {
      connection.close();
      return this.release();
    }
    if (this.tracker.idle) {
      this.owner = undefined;
      // Back of the line: one busy client cannot starve the others.
      if (connection.hasWork()) this.waiting.add(connection);
    }
    this.armIdle(connection);
  }

  /** Frees the session from a connection that left, bringing it back to idle first if needed. */
  private async release(): Promise<void> {
    this.owner = undefined;
    if (this.tracker.idle) return;
    try {
      await this.run(SETTLE, () => {});
      if (this.options.db.isInTransaction()) await this.run(ROLLBACK, () => {});
    } catch (error) {
      this.options.log(`pglite session could not be settled: ${errorMessage(error)}`);
    }
  }

  private run(bytes: Uint8Array, onData: (chunk: Uint8Array) => void): Promise<void> {
    const { db } = this.options;
    const onRawData = (chunk: Uint8Array) => {
      this.tracker.feed(chunk);
      onData(chunk);
    };
    // runExclusive keeps in-process users of the same PGlite (db.query) off the session meanwhile.
    return db.runExclusive(() => db.execProtocolRawStream(bytes, { onRawData }));
  }

  private armIdle(connection: WireConnection): void {
    if (connection.closed || connection.hasWork()) return;
    if (connection === this.owner) {
      connection.arm(this.options.idleInTransactionTimeoutMs, () =>
        connection.close('25P03', 'terminating connection due to idle-in-transaction timeout'),
      );
    } else {
      connection.arm(this.options.idleTimeoutMs, () =>
        connection.close('57P05', 'terminating connection due to idle-session timeout'),
      );
    }
  }
}
