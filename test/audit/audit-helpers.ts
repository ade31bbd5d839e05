import { env } from 'cloudflare:workers';
import { openPostgres } from '../../src/db/postgres';
import { workerFetch } from '../helpers/fetch';
import { ownerKey } from '../helpers/keys';

export interface AuditItem {
  id: number;
  at: string;
  actor: { kind: string; id: string; role: string | null; keyPrefix: string | null };
  action: string;
  target: { type: string; id: string | null } | null;
  outcome: string;
  status: number | null;
  costMicros: number;
  requestId: string | null;
  details: Record<string, unknown>;
}

export interface AuditPage {
  items: AuditItem[];
  nextCursor: string | null;
}

export const auditGet = (query: string, key = ownerKey) =>
  workerFetch(`/api/audit${query}`, { headers: { authorization: `Bearer ${key}` } });

/** Polls the audit API until `ready` holds: entries reach Postgres through the queue, after the response. */
export async function waitForAudit(
  query: string,
  ready: (page: AuditPage) => boolean,
  timeoutMs = 20_000,
): Promise<AuditPage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await auditGet(query);
    if (response.status !== 200) throw new Error(`audit query failed: ${response.status} ${await response.text()}`);
    const page = (await response.json()) as AuditPage;
    if (ready(page) || Date.now() > deadline) return page;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** Raw rows straight from the table, for what the API would not show. */
export async function auditRows(where: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  const postgres = openPostgres({ url: env.DATABASE_URL, wsProxy: env.NEON_WS_PROXY });
  try {
    const result = await postgres.pool.query(`select * from audit_log where ${where}`, params);
    return result.rows as Record<string, unknown>[];
  } finally {
    await postgres.close();
  }
}
