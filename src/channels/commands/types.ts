import type { DecisionOutcome } from '../../content/decisions';
import type { LeadView } from '../../crm/lead-view';

export interface AgentLine {
  agent: string;
  status: string;
  task: string | null;
  lastError: string | null;
}

export interface BudgetLine {
  scope: string;
  window: 'day' | 'month';
  spent: number;
  reserved: number;
  cap: number | null;
  remaining: number | null;
}

export interface BudgetView {
  currency: string;
  lines: BudgetLine[];
  /** Alert texts, newest first. */
  alerts: { text: string; firedAt: string }[];
}

export interface SpendView {
  currency: string;
  from: string;
  to: string;
  rows: { day: string; calls: number; cost: number }[];
}

export interface QueueView {
  deferredWaiting: number;
  activeRuns: { id: string; task: string; status: string; done: number; total: number }[];
}

export interface RunStarted {
  runId: string;
  task: string;
  total: number;
  status: string;
}

export interface DraftLine {
  id: string;
  channel: string;
  /** The start of the text, on one line. */
  preview: string;
}

export interface AskQueued {
  actionId: string;
  agent: string;
  /** True when the answer will be posted back in this chat; else it is read at /api/actions/{id}. */
  answersHere: boolean;
}

export interface LeadDetail {
  lead: LeadView;
  events: { kind: string; at: string }[];
}

/**
 * What a command may do, wired by the Worker to its bindings. A user-facing refusal
 * (no such task, no database) is thrown as a domain error
 * (`src/lib/domain-errors.ts`); its message becomes the answer.
 */
export interface CommandContext {
  agents(): Promise<AgentLine[]>;
  budget(): Promise<BudgetView>;
  spend(days: number): Promise<SpendView>;
  queue(): Promise<QueueView>;
  /** `input` is the user's text: a JSON object of inputs, or one value for the task's first input. */
  startRun(task: string, input: string): Promise<RunStarted>;
  leads(query: string | undefined, limit: number): Promise<LeadView[]>;
  lead(id: string): Promise<LeadDetail | undefined>;
  setPaused(agent: string, paused: boolean): Promise<AgentLine>;
  drafts(limit: number): Promise<DraftLine[]>;
  /** One outcome per id, in order: unknown ids and items that are not drafts are outcomes too. */
  decideContent(decision: 'approve' | 'reject', ids: string[], reason?: string): Promise<DecisionOutcome[]>;
  /** Queues a question to a brain agent through the budgeted router; a paused agent is refused. */
  ask(agent: string, question: string): Promise<AskQueued>;
  /** Paid sales no lead is matched to, newest first. */
  unmatchedSales(limit: number): Promise<UnmatchedSaleLine[]>;
  /** Credits a sale to a lead; an unknown sale or lead, or a sale linked elsewhere, is refused. */
  linkSale(saleId: string, leadId: string): Promise<{ changed: boolean }>;
  /** The latest learnt patterns, each one sentence with its figures. */
  insights(area: 'content' | 'sales' | undefined): Promise<string[]>;
}

export interface UnmatchedSaleLine {
  id: string;
  source: string;
  product: string | null;
  amount: string;
  buyerEmail: string | null;
  at: string;
}

/** An answer with buttons under it (Telegram's inline keyboard); each button's data is a command line. */
export interface RichAnswer {
  text: string;
  buttons: { text: string; command: string }[][];
}

export interface Command {
  name: string;
  usage: string;
  summary: string;
  /** Only the owner may run it (Telegram: the owner's chat, not the other allowed chats). */
  ownerOnly?: boolean;
  /** `args` is the text after the command name, trimmed; it is data, never an instruction. */
  run(args: string, context: CommandContext): Promise<string | RichAnswer>;
}
