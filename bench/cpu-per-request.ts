// Workerd CPU per request for the bare route and the two API read routes, closed loop at 32
// connections: CPU time per request holds far better than req/s on a shared machine, so this is
// the quick check between two versions of a route. Not a benchmark section.
//   node bench/cpu-per-request.ts [seconds]
import { measure } from './lib/load.ts';
import { seedLead } from './lib/seed-lead.ts';
import { startStack } from './lib/stack.ts';

const seconds = Number(process.argv[2] ?? 5);
const stack = await startStack({ bindings: { RATE_LIMIT_REQUESTS: '1000000', RATE_LIMIT_WINDOW_SECONDS: '60' } });
try {
  const auth = { authorization: `Bearer ${stack.backing.ownerKey}` };
  const leadId = await seedLead(stack);
  const routes = [
    { label: 'bare GET /', url: `${stack.bareUrl}/` },
    { label: 'GET /api/brains', url: `${stack.url}/api/brains`, headers: auth },
    { label: 'GET /api/crm/leads/:id', url: `${stack.url}/api/crm/leads/${leadId}`, headers: auth },
  ];
  for (const { label, ...route } of routes) {
    const result = await measure({
      ...route,
      connections: 32,
      durationSeconds: seconds,
      processes: stack.processes,
      settleSeconds: 0,
    });
    const cpuMs = ((result.cores.workerd ?? Number.NaN) / result.requestsPerSecond) * 1000;
    console.log(
      `${label}: ${Math.round(result.requestsPerSecond)} req/s, workerd ${cpuMs.toFixed(3)} ms CPU per request, failed ${result.non2xx + result.errors}`,
    );
  }
} finally {
  await stack.dispose();
}
process.exit(0);
