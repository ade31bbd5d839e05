import { errorMessage } from '../lib/error-message';

export type CheckStatus = 'ok' | 'degraded' | 'down' | 'not_configured';

export interface CheckResult {
  name: string;
  status: CheckStatus;
  latencyMs: number;
  core: boolean;
  detail?: string;
  fake?: boolean;
}

/** What a probe may say beyond "it answered": a note, or that the answer came from a local fake. */
export interface ProbeOutcome {
  detail?: string;
  fake?: boolean;
  degraded?: boolean;
}

export interface HealthCheck {
  name: string;
  /** Core checks decide the HTTP status: the Worker is unusable without D1 and its Durable Objects. */
  core: boolean;
  /** Undefined when the dependency is not configured in this deployment. */
  probe?: (signal: AbortSignal) => Promise<ProbeOutcome | void>;
}

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  checks: CheckResult[];
}

class ProbeTimeout extends Error {}

async function runCheck(check: HealthCheck, timeoutMs: number): Promise<CheckResult> {
  const base = { name: check.name, core: check.core };
  if (!check.probe) return { ...base, status: 'not_configured', latencyMs: 0 };
  const controller = new AbortController();
  const started = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ProbeTimeout(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    const outcome = (await Promise.race([check.probe(controller.signal), timeout])) ?? {};
    const latencyMs = Date.now() - started;
    // Answering in more than half the budget counts as degraded: the next slow call will time out.
    const slow = latencyMs > timeoutMs / 2;
    return {
      ...base,
      status: outcome.degraded || slow ? 'degraded' : 'ok',
      latencyMs,
      ...(outcome.detail ? { detail: outcome.detail } : {}),
      ...(outcome.fake ? { fake: true } : {}),
    };
  } catch (error) {
    const detail = errorMessage(error);
    return { ...base, status: 'down', latencyMs: Date.now() - started, detail: detail.slice(0, 300) };
  } finally {
    clearTimeout(timer);
  }
}

export async function runHealthChecks(checks: HealthCheck[], timeoutMs: number): Promise<HealthReport> {
  const results = await Promise.all(checks.map((check) => runCheck(check, timeoutMs)));
  const coreOk = results.filter((r) => r.core).every((r) => r.status === 'ok' || r.status === 'degraded');
  const allOk = results.every((r) => r.status === 'ok' || r.status === 'not_configured');
  return { status: !coreOk ? 'down' : allOk ? 'ok' : 'degraded', checks: results };
}
