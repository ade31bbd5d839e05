// The parts of the API's answers the dashboard reads.

export interface Money {
  usdMicros: number;
  amount: number;
  currency: string;
}

export interface Brain {
  id: string;
  name: string;
  alias: string;
  role: string;
  status: string;
  currentTask: { actionId: string; summary: string } | null;
  counters: { tasks: number; costMicros: number };
  lastError: string | null;
}

export interface BudgetWindow {
  scope: string;
  window: 'day' | 'month';
  cap: Money | null;
  spent: Money;
  reserved: Money;
  remaining: Money | null;
  calls: number;
}

export interface BudgetAlert {
  scope: string;
  window: string;
  threshold: number | 'p1';
  spent: Money;
  limit: Money;
  firedAt: string;
}

export interface Budget {
  currency: string;
  currencyPerUsd: number;
  windows: BudgetWindow[];
  alerts: BudgetAlert[];
}

export interface SpendRow {
  key: string;
  calls: number;
  costMicros: number;
}

export interface Spend {
  from: string;
  to: string;
  rows: SpendRow[];
}

export interface Run {
  id?: string;
  runId?: string;
  task: string;
  status: string;
  total: number;
  done: number;
  failed: number;
  costMicros: number;
  createdAt: string | number;
  endedAt: string | number | null;
}

export interface Task {
  name: string;
  description: string;
  agent: string;
}

export interface WorkflowRun {
  status: string;
  startedAt: string;
  error: string | null;
}

export interface Workflow {
  id: string;
  title: string;
  cron: string;
  nextRun: string;
  lastRun: WorkflowRun | null;
  failures?: number;
}

export interface Lead {
  id: string;
  name: string;
  company: string | null;
  status: string;
  score: number;
}

export interface Pipeline {
  counts: Record<string, number>;
  total: number;
  top: Lead[];
}

/** One line in the alerts panel, from the budget's fired alerts or the live stream. */
export interface AlertLine {
  at: string;
  text: string;
}
