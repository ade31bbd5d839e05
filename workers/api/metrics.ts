import { agentObject, budgetLedger } from '../../durable-objects/clients';
import { agentIds } from '../../src/agents/personas';
import { sameDigest } from '../../src/auth/api-keys';
import { readBooks } from '../../src/budget/books';
import { businessFamilies } from '../../src/observability/business-metrics';
import { conversionFamilies } from '../../src/observability/conversion-metrics';
import { globalFamilies } from '../../src/observability/global-metrics';
import { httpFamilies } from '../../src/observability/http-metrics';
import { ledgerFamilies } from '../../src/observability/ledger-metrics';
import { outageFamilies } from '../../src/observability/outage-metrics';
import { renderMetrics } from '../../src/observability/prometheus';
import { authenticate } from '../http/auth';
import { createRouter } from '../http/create-app';
import { AppError } from '../http/errors';

const digest = async (text: string) =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))]
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('');

/** Prometheus scrape endpoint: the scrape token, or an owner credential. */
export const metricsRoutes = createRouter().get('/metrics', async (c) => {
  const token = /^Bearer ([^\s]+)$/.exec(c.req.header('Authorization') ?? '')?.[1];
  if (!token)
    throw new AppError('unauthorized', 'A bearer token is required', undefined, { 'WWW-Authenticate': 'Bearer' });
  const scrape = c.var.config.metricsScrapeToken;
  const isScraper = scrape !== undefined && sameDigest(await digest(token), await digest(scrape));
  if (!isScraper) {
    const principal = await authenticate(c, token);
    if (!principal) throw new AppError('unauthorized', 'The token is not valid');
    if (principal.role !== 'owner') throw new AppError('forbidden', 'Metrics need the owner role or the scrape token');
  }
  const ledger = budgetLedger(c.env);
  const now = Date.now();
  const [budget, agents, ledgerStatus] = await Promise.all([
    ledger.snapshot(),
    Promise.all(agentIds.map((agent) => agentObject(c.env, agent).summary(agent))),
    ledger.ledgerStatus(),
  ]);
  const postgres = c.var.services.postgres()?.db;
  // Drift needs the Postgres ledger; while it is down the pending figures still tell what waits.
  const drift = postgres
    ? await readBooks(ledger, postgres, now).then(
        (books) => books.rows,
        () => undefined,
      )
    : undefined;
  const d1 = c.var.services.d1;
  const families = [
    ...(await globalFamilies({ budget, agents, d1, postgres })),
    ...(await businessFamilies(d1)),
    ...(await conversionFamilies(d1, now)),
    ...ledgerFamilies(ledgerStatus, drift, now),
    ...httpFamilies(),
    ...outageFamilies(),
  ];
  return c.body(renderMetrics(families), 200, {
    'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
    'Cache-Control': 'no-store',
  });
});
