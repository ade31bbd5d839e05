import type { z } from 'zod';
import type { Alert } from '../channels/alerts/alert';
import type { EmailSender } from '../channels/email';
import type { Delivery } from '../channels/owner-notifier';
import type { XClient } from '../channels/x/client';
import type { ContentConfig } from '../config/content-config';
import type { Publishers } from '../content/publishers';
import type { D1Db } from '../db/d1';
import type { ChatRequest, ChatResult } from '../llm/types';
import type { HealthReport } from '../observability/health';
import type { Logger } from '../observability/logger';
import type { KpiSources } from '../review/weekly-kpis';
import type { BackupPort } from './backup-port';
import type { HealthPort } from './health-port';
import type { WorkflowLesson } from './workflow-memory';

export type WorkflowTrigger = 'cron' | 'manual' | 'retry' | 'webhook';

/** What a manual or webhook run was started with, already checked against the workflow's `input` schema. */
export type RunInput = Readonly<Record<string, unknown>>;

/** What a workflow's steps may use; the Worker supplies each member (src declares, workers/ wires). */
export interface WorkflowContext {
  runId: string;
  trigger: WorkflowTrigger;
  /** The schedule tick (epoch ms) this run belongs to. */
  tick: number;
  /** The run's input (empty for a cron run); a step reads it through its workflow's `input` schema. */
  input: RunInput;
  log: Logger;
  checkHealth(): Promise<HealthReport>;
  d1: D1Db;
  /** The LLM router, with its budget gate and ledger: the entry agents use. */
  llm: { chat(request: ChatRequest): Promise<ChatResult> };
  /** A report to the owner's Telegram chat; resolves to `not_configured` without sending when none is configured. */
  notifyOwner(text: string): Promise<Delivery>;
  /** An alert to every configured sink (Telegram, e-mail, signed webhook); throws only when every sink failed. */
  alert(alert: Alert): Promise<Delivery>;
  /** Starts a reactor swarm run of a registered task; resolves to the run id. */
  startTask(name: string, inputs: Record<string, unknown>): Promise<string>;
  /** Stores what the run learnt in long-term memory; never throws, and does nothing without memory. */
  remember(lesson: WorkflowLesson): Promise<void>;
  /** The content engine's channels: posting slots, one publisher per channel, the X account read for leads. */
  content: {
    slots: ContentConfig['slots'];
    ideasPerDay: number;
    /** SCHEDULE_TIMEZONE: the zone posting slots are read in. */
    timezone: string;
    /** A router call never deferred: past its budget cap the day's batch stops with what it made. */
    llm: { chat(request: ChatRequest): Promise<ChatResult> };
    publishers(): Publishers;
    /** Undefined until X_USER_TOKEN and X_USER_ID are set. */
    xMentions(): { client: XClient; userId: string } | undefined;
    /** The X account's client, for reading back its posts' metrics; undefined until X_USER_TOKEN is set. */
    xClient(): XClient | undefined;
    leadResearch: ContentConfig['leadResearch'];
  };
  /** The health check's readings and remedies. */
  health: HealthPort;
  /** The sales engine's ports: the email adapter, the origin for links in emails, and a router call never deferred. */
  sales: SalesPorts;
  /** The backup's bucket and sources. */
  backup: BackupPort;
  /** The weekly review's spend ledger, budget currency, and a router call never deferred (a late review is no review). */
  review: Omit<KpiSources, 'd1'> & { llm: { chat(request: ChatRequest): Promise<ChatResult> } };
}

export interface SalesPorts {
  email: EmailSender;
  publicBaseUrl: string;
  /** Refused calls (over budget) throw instead of being queued: the plain template goes out instead. */
  llm: { chat(request: ChatRequest): Promise<ChatResult> };
}

export interface StepResult {
  /** JSON-serialisable and small (ids, counts): recorded on the run so a retry can resume after this step. */
  output?: unknown;
  costMicros?: number;
  note?: string;
}

export interface WorkflowStep {
  name: string;
  /** Attempts after the first failure (default 3), with backoff. */
  retries?: number;
  run(context: WorkflowContext, outputs: Readonly<Record<string, unknown>>): Promise<StepResult | undefined>;
}

export interface WorkflowDefinition {
  id: string;
  title: string;
  /** Its schedule: a cron expression read in SCHEDULE_TIMEZONE (UTC by default); see schedule.ts. */
  cron: string;
  /** What a manual or webhook run may pass as `input`; a workflow without one takes no input. */
  input?: z.ZodType<Record<string, unknown>>;
  steps: readonly WorkflowStep[];
}

/** Thrown by a step when there is nothing to do: the run ends as skipped, not failed, and is not retried. */
export class SkipRun extends Error {
  override name = 'SkipRun';
}
