// The http-overhead section of docs/benchmarks.md.
import { cores, markdownTable, ms, rate, ratio } from './lib/format.ts';
import type { Measurement } from './lib/load.ts';

export interface Row {
  label: string;
  connections: number;
  result: Measurement;
  /** The bare route at the same connection count. */
  bare: Measurement;
}

export interface Context {
  seconds: number;
  warmupSeconds: number;
  cores: number;
  postgres: string;
  redis: string;
  healthSamples: number;
  checkLatencies: Map<string, number>;
}

const right = (columns: number) => [false, ...Array<boolean>(columns - 1).fill(true)];

function rowLabel({ label, result }: Row): string {
  return result.attempts > 1 ? `${label} (best of ${result.attempts})` : label;
}

function latencyTable(rows: Row[]): string {
  const header = ['Route', 'Conns', 'req/s', 'p50 ms', 'p99 ms', 'req/s × bare', 'p50 × bare', 'p99 × bare', 'Failed'];
  const cells = rows.map((row) => {
    const { connections, result, bare } = row;
    const failures = result.non2xx + result.errors;
    return [
      rowLabel(row),
      String(connections),
      rate(result.requestsPerSecond),
      ms(result.p50Ms),
      ms(result.p99Ms),
      ratio(result.requestsPerSecond / bare.requestsPerSecond),
      ratio(result.p50Ms / bare.p50Ms),
      ratio(result.p99Ms / bare.p99Ms),
      failures === 0 ? '0' : `**${failures}**`,
    ];
  });
  return markdownTable(header, cells, right(header.length));
}

function cpuTable(rows: Row[]): string {
  const header = [
    'Route',
    'Conns',
    'Busy before',
    'workerd',
    'Benchmark process',
    'Load client',
    'Interrupts',
    'Other',
  ];
  const cells = rows.map((row) => {
    const { before, workerd, runner, client, interrupts, other } = row.result.cores;
    const figures = [before, workerd, runner, client, interrupts, other].map(cores);
    return [rowLabel(row), String(row.connections), ...figures];
  });
  return markdownTable(header, cells, right(header.length));
}

function checksTable(latencies: Map<string, number>): string {
  const cells = [...latencies].map(([check, median]) => [`\`${check}\``, String(median)]);
  return markdownTable(['Health check', 'Median ms'], cells, [false, true]);
}

export function renderHttpOverhead(rows: Row[], context: Context): string {
  return `Closed loop: each connection keeps one request in flight; ${context.seconds} s measured after
a ${context.warmupSeconds} s warm-up, per route and connection count. "× bare" divides by the bare
Hono route at the same connection count (lower is better for latency, higher for req/s). Failed
counts non-2xx responses and connection errors.

${latencyTable(rows)}

- **Empire \`GET /\`** does no I/O: it is the app's whole middleware stack (\`workers/http/create-app.ts\`:
  the request scope with its id, configuration, services, security headers and metrics; CORS, body
  limit, JSON guard, audit) and an OpenAPI route. The app's access log writes a line only for
  failed requests (\`ACCESS_LOG=errors\`); Workers Logs records every request by itself.
- **\`GET /api/health\`** runs every health check in parallel on each request (the
  ${context.checkLatencies.size} listed at the end), which fans out to every dependency: Postgres
  (a new connection through the Neon WebSocket proxy), Redis (\`PING\` through the Upstash REST
  bridge), the fake LLM three times (Ollama, Moonshot and Anthropic model lists), a D1 query, a
  ping to each of the three Durable Objects and a queue send. Its figures are dominated by those
  round trips, not by the HTTP stack. Postgres: ${context.postgres}. Redis: ${context.redis}. The
  fake LLM, the Upstash bridge and the Neon proxy run in the benchmark process.

CPU in use while measuring, in cores (of ${context.cores}). "Busy before" is the whole machine
just before the measurement started. The benchmark process hosts the fake LLM, the bridges and
Miniflare's reader of workerd's log output. "Interrupts" is kernel time not charged to any
process, mostly loopback networking. "Other" is everything else: Postgres and Redis for
\`/api/health\`; for the other routes nothing should be there, so those were measured again (up to
three times, keeping the run with the least) when something else used a tenth of a core or more.

${cpuTable(rows)}

Median latency per check as the Worker reports it (whole milliseconds), over
${context.healthSamples} sequential \`/api/health\` requests after the load:

${checksTable(context.checkLatencies)}`;
}
