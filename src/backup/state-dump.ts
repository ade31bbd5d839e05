import { ConflictError } from '../lib/domain-errors';

/** A Durable Object's SQLite rows as its export RPC returns them, with the schema version they are at. */
export interface StateDump {
  schemaVersion: number;
  /** Table name to rows, in rowid order; only JSON-safe values (the objects store no blobs). */
  tables: Record<string, Record<string, string | number | null>[]>;
}

/** How an import lands: `resume` restarts the object's alarms (a live restore), a drill's copy stays still. */
export interface ImportOptions {
  resume: boolean;
}

/** What the backup reads from and writes to a Durable Object (BudgetLedger, BrainAgent, SwarmRun). */
export interface StateHolder {
  exportState(): Promise<StateDump>;
  /** Replaces the object's backed-up tables with the dump's rows; refuses a schema version it does not know. */
  importState(dump: StateDump, options: ImportOptions): Promise<{ rows: number }>;
  /** Deletes everything the object stores, leaving it as a new one (a drill's scratch copy). */
  eraseState(): Promise<void>;
}

export const durableObjectClasses = ['BudgetLedger', 'BrainAgent', 'SwarmRun'] as const;
export type DurableObjectClass = (typeof durableObjectClasses)[number];

/** Finds the objects a backup holds, and reaches any object of those classes by name. */
export interface DurableObjectsPort {
  /** Every object to back up: the ledger, each agent, each swarm run not ended. */
  objects(): Promise<{ class: DurableObjectClass; name: string }[]>;
  holder(objectClass: DurableObjectClass, name: string): StateHolder;
  /** The schema version each class's storage is at in this code. */
  schemaVersions: Readonly<Record<DurableObjectClass, number>>;
}

/** Thrown by an import for a dump of a schema version this code does not know. */
export class UnknownSchemaVersion extends ConflictError {}
