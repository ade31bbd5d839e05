import { env } from 'cloudflare:workers';
import { openPostgres } from '../../src/db/postgres';

export interface LedgerRowView {
  model: string;
  status: string;
  cost_micros: number;
}

/** The Postgres ledger rows of one request, once `count` have landed (they travel by queue). */
export async function ledgerRowsOf(requestId: string, count = 1): Promise<LedgerRowView[]> {
  const read = async () => {
    const postgres = openPostgres({ url: env.DATABASE_URL, wsProxy: env.NEON_WS_PROXY });
    try {
      const result = await postgres.pool.query(
        'select model, status, cost_micros::bigint as cost_micros from spend_ledger where request_id = $1',
        [requestId],
      );
      return result.rows.map((row: Record<string, unknown>) => ({
        model: String(row.model),
        status: String(row.status),
        cost_micros: Number(row.cost_micros),
      }));
    } finally {
      await postgres.close();
    }
  };
  let rows = await read();
  for (let tries = 0; tries < 100 && rows.length < count; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    rows = await read();
  }
  return rows;
}

/** Who each ledger row of a request was for: the caller's end user and labels, as stored in Postgres. */
export async function callerFieldsOf(requestId: string, count = 1) {
  const read = async () => {
    const postgres = openPostgres({ url: env.DATABASE_URL, wsProxy: env.NEON_WS_PROXY });
    try {
      const result = await postgres.pool.query(
        'select end_user, metadata, downgraded_from from spend_ledger where request_id = $1',
        [requestId],
      );
      return result.rows as { end_user: string | null; metadata: Record<string, string> | null }[];
    } finally {
      await postgres.close();
    }
  };
  let rows = await read();
  for (let tries = 0; tries < 100 && rows.length < count; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    rows = await read();
  }
  return rows;
}
