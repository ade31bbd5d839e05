import type { Pool } from 'pg';
import type { ChromaCollections } from '../backup/chroma-collections';
import type { BackupRetention } from '../backup/retention-rule';
import type { DurableObjectsPort } from '../backup/state-dump';

/** Where backups go and what they read; the Worker wires the bindings. */
export interface BackupPort {
  /** Undefined when no R2 bucket is bound. */
  bucket: R2Bucket | undefined;
  d1: D1Database;
  /** The restore drill's scratch database (DB_RESTORE_DRILL); undefined when not bound. */
  drillD1: D1Database | undefined;
  /** Undefined without Postgres. */
  postgres(): Pool | undefined;
  postgresSchema: string;
  durableObjects: DurableObjectsPort;
  /** Undefined without Chroma (CHROMA_URL). */
  chroma(): ChromaCollections | undefined;
  /** How many daily, weekly and monthly backups stay in the bucket. */
  keep: BackupRetention;
}
