// The parts of the API's answers the human output reads; --json prints them whole.

export interface Money {
  usdMicros: number;
  amount: number;
  currency: string;
}

export interface Health {
  status: string;
  environment: string;
  version: string;
  checks: { name: string; status: string; latencyMs: number; detail?: string; fake?: boolean }[];
}

export interface Brain {
  id: string;
  name: string;
  alias: string;
  role: string;
  status: string;
  currentTask: string | null;
  counters: Record<string, number>;
  lastError: string | null;
}

export interface BudgetWindow {
  scope: string;
  window: 'day' | 'month';
  windowKey: string;
  calls: number;
  cap: Money | null;
  spent: Money;
  reserved: Money;
  remaining: Money | null;
}

export interface Budget {
  currency: string;
  currencyPerUsd: number;
  windows: BudgetWindow[];
  alerts: { scope: string; window: string; threshold: number; spent: Money; limit: Money; firedAt: string }[];
}

export interface SpendReport {
  from: string;
  to: string;
  groupBy: string;
  currency: string;
  rows: ({ key?: string; cost: number; costMicros: number; calls?: number } & Record<string, unknown>)[];
}

export interface Action {
  id: string;
  action: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  agents: string[];
  result: string | null;
  error: string | null;
  costMicros: number | null;
}

export interface RunProgress {
  runId: string;
  task: string;
  status: 'running' | 'reducing' | 'done' | 'failed' | 'cancelled';
  total: number;
  queued: number;
  running: number;
  done: number;
  failed: number;
  cancelled: number;
  costMicros: number;
  error: string | null;
}

export interface RunView extends Omit<RunProgress, 'createdAt'> {
  createdAt: string;
  endedAt: string | null;
  results: unknown;
  failures: unknown;
}

export interface Lead {
  id: string;
  name: string;
  email: string;
  company: string | null;
  status: string;
  score: number | null;
  relevance?: number;
  scoreBreakdown: Record<string, unknown> | null;
}
