import type { Pool } from '@neondatabase/serverless';
import type { BackupRetention } from '../backup/retention-rule';

/** Where backups go and what they read; the Worker wires the bindings. */
export interface BackupPort {
  /** Undefined when no R2 bucket is bound. */
  bucket: R2Bucket | undefined;
  d1: D1Database;
  /** Undefined without Postgres. */
  postgres(): Pool | undefined;
  postgresSchema: string;
  /** How many daily, weekly and monthly backups stay in the bucket. */
  keep: BackupRetention;
}
