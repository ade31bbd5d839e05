import type { AgentId } from '../agents/personas';
import type { TaskClass } from '../llm/types';
import type { TaskDefinition } from './task-schema';

export type RunStatus = 'running' | 'reducing' | 'done' | 'failed' | 'cancelled';

export interface RunSpec {
  runId: string;
  task: TaskDefinition;
  taskVersion: number;
  inputs: Record<string, unknown>;
  items: unknown[];
  maxInFlight: number;
  requestedBy: string;
}

/** What a consumer needs to run one job. */
export interface JobSpec {
  job: number;
  item: unknown;
}

/** One execution of a job, reported back to its run. `execution` makes the report idempotent. */
export interface JobReport {
  job: number;
  execution: string;
  costMicros: number;
  outcome:
    | { ok: true; result: unknown }
    /** A try that is not final is retried `retryInSeconds` from now; the run waits that long on top of its deadline. */
    | { ok: false; error: string; final: boolean; retryInSeconds?: number };
}

export interface RunProgress {
  runId: string;
  task: string;
  status: RunStatus;
  total: number;
  /** Not yet handed to the queue (held back by the in-flight limit). */
  queued: number;
  /** On the queue or being worked on. */
  running: number;
  done: number;
  failed: number;
  cancelled: number;
  costMicros: number;
  maxInFlight: number;
  createdAt: number;
  endedAt: number | null;
  error: string | null;
}

/** A summary reducer's model call, made by a consumer once the run's jobs have ended. */
export interface SummaryRequest {
  prompt: string;
  maxTokens: number;
  input: string;
  task: string;
  agent: AgentId;
  modelClass: TaskClass;
}

export interface RunStatusView {
  progress: RunProgress;
  /** The reduced result as JSON text: recursive JSON types are too deep for RPC typing. */
  resultJson: string | null;
  onDone: 'import_leads' | null;
  requestedBy: string;
  failures: { job: number; error: string | null }[];
}
