// A client of the running stack that remembers every answer, so a scenario can assert that
// nothing answered 5xx, and the checks every scenario ends with: runs end, books balance.
import { sleep } from './processes.ts';

export interface Answer {
  method: string;
  path: string;
  status: number;
  body: string;
  /** X-Request-Id: a gateway call's ledger rows carry it. */
  requestId: string | null;
}

export interface RunView {
  runId: string;
  status: string;
  total: number;
  queued: number;
  running: number;
  done: number;
  failed: number;
  cancelled: number;
  costMicros: number;
}

interface ReconcileRow {
  scope: string;
  windowKey: string;
  spentMicros: number;
  ledgerMicros: number;
  pendingMicros: number;
  driftMicros: number;
}

export interface Reconcile {
  balanced: boolean;
  pending: { rows: number; forwardFailures: number; lastForwardError: string | null };
  rows: ReconcileRow[];
}

interface BudgetWindow {
  scope: string;
  window: string;
  reserved: { usdMicros: number };
  spent: { usdMicros: number };
}

/** A run has ended once done, failed or cancelled; queued, running and reducing are on the way. */
export const runEnded = (view: RunView) => ['done', 'failed', 'cancelled'].includes(view.status);

export const research = (text: string) => ({
  model: 'auto:research',
  messages: [{ role: 'user', content: text }],
});

export class StackClient {
  readonly answers: Answer[] = [];
  private readonly recorded = new WeakMap<Response, Answer>();

  private readonly baseUrl: () => string;
  private readonly key: () => string;

  constructor(baseUrl: () => string, key: () => string) {
    this.baseUrl = baseUrl;
    this.key = key;
  }

  /** A mark in the record of answers: one test's checks see only the answers after it. */
  mark(): number {
    return this.answers.length;
  }

  /** Every answer with a 5xx status since `mark`, for `expect(tally(...)).toEqual({})`. */
  serverErrors(mark = 0): Answer[] {
    return this.answers.slice(mark).filter((answer) => answer.status >= 500);
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await this.send(method, path, body, headers);
    const answer = this.recorded.get(response) as Answer;
    answer.body = await response.text();
    return answer;
  }

  async json<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const answer = await this.request(method, path, body, headers);
    if (answer.status >= 300) throw new Error(`${method} ${path} answered ${answer.status}: ${answer.body}`);
    return JSON.parse(answer.body) as T;
  }

  /** The raw response (its status is recorded); for streams, the body is the caller's to read. */
  async send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, signal?: AbortSignal) {
    const response = await fetch(`${this.baseUrl()}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.key()}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
    const requestId = response.headers.get('x-request-id');
    const answer: Answer = { method, path, status: response.status, body: '', requestId };
    if (response.status >= 500) answer.body = (await response.clone().text()).slice(0, 2_000);
    this.answers.push(answer);
    this.recorded.set(response, answer);
    return response;
  }

  async run(id: string): Promise<RunView> {
    return this.json<RunView>('GET', `/api/runs/${id}`);
  }

  /** Polls a swarm run until it ends, `sample` says stop, or the deadline passes (then the last view). */
  async waitForRun(id: string, deadlineMs: number, sample: (view: RunView) => boolean = () => false): Promise<RunView> {
    const deadline = Date.now() + deadlineMs;
    for (;;) {
      const view = await this.run(id);
      if (sample(view) || runEnded(view) || Date.now() > deadline) return view;
      await sleep(1_000);
    }
  }

  async budgetWindows(): Promise<BudgetWindow[]> {
    return (await this.json<{ windows: BudgetWindow[] }>('GET', '/api/budget?runs=listed')).windows;
  }

  async reconcile(): Promise<Reconcile> {
    return this.json<Reconcile>('GET', '/api/budget/reconcile');
  }

  /**
   * Polls until no lease holds a reservation and no ledger row waits for Postgres, then returns
   * that reconciliation and the windows (the caller asserts drift 0). After the deadline it returns
   * the last state seen, so the assertion names what did not settle.
   */
  async settledBooks(deadlineMs: number): Promise<{ reconcile: Reconcile; windows: BudgetWindow[] }> {
    const deadline = Date.now() + deadlineMs;
    for (;;) {
      const windows = await this.budgetWindows();
      const reconcile = await this.reconcile();
      const reserved = windows.some((window) => window.reserved.usdMicros !== 0);
      if ((!reserved && reconcile.pending.rows === 0) || Date.now() > deadline) return { reconcile, windows };
      await sleep(1_000);
    }
  }
}

/** Reads until `done` says so or the deadline passes, then returns the last value read (for the assertion to show). */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, deadlineMs: number): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(250);
  }
}

/** Only what a balance check needs to show when it fails. */
export const drifts = (reconcile: Reconcile) => reconcile.rows.filter((row) => row.driftMicros !== 0);

/** Answers counted by status and error code, e.g. { '200': 40, '503 unavailable': 2 }: a failed check reads at a glance. */
export function tally(answers: Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of answers) {
    const code = answer.status >= 400 ? (/"code":"([^"]+)"/.exec(answer.body)?.[1] ?? '') : '';
    const key = code ? `${answer.status} ${code}` : String(answer.status);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
