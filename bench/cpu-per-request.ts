// Workerd CPU per request, closed loop at 32 connections: the bare route, the two API read routes,
// and with --chat the chat completion three ways (the bare Worker with plain `fetch`, the router,
// and the peer gateway of bench/lib/peer-gateway.ts when one is configured). CPU time per request
// holds far better than req/s on a shared machine, so this is the quick check between two versions
// of a route. Not a benchmark section.
//   node bench/cpu-per-request.ts [seconds] [--chat]
import { measure } from './lib/load.ts';
import { peerGatewayFromEnv } from './lib/peer-gateway.ts';
import { seedLead } from './lib/seed-lead.ts';
import { startStack } from './lib/stack.ts';
import { targets } from './router-overhead.ts';

const seconds = Number(process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? 5);
const chat = process.argv.includes('--chat');
const peer = peerGatewayFromEnv();
const stack = await startStack({
  bindings: { RATE_LIMIT_REQUESTS: '1000000', RATE_LIMIT_WINDOW_SECONDS: '60' },
  fixtures: chat && peer ? [peer.configPath] : [],
});
try {
  const auth = { authorization: `Bearer ${stack.backing.ownerKey}` };
  const routes: Array<{
    label: string;
    url: string;
    headers?: Record<string, string>;
    method?: 'GET' | 'POST';
    body?: string;
  }> = [{ label: 'bare GET /', url: `${stack.bareUrl}/` }];
  if (chat) {
    const calls = targets(stack, peer);
    routes.push(
      { label: 'chat, bare Worker with fetch', method: 'POST' as const, ...calls.worker },
      { label: 'chat, through the router', method: 'POST' as const, ...calls.routed },
      ...(calls.peer ? [{ label: `chat, ${peer?.label}`, method: 'POST' as const, ...calls.peer }] : []),
    );
  } else {
    const leadId = await seedLead(stack);
    routes.push(
      { label: 'GET /api/brains', url: `${stack.url}/api/brains`, headers: auth },
      { label: 'GET /api/crm/leads/:id', url: `${stack.url}/api/crm/leads/${leadId}`, headers: auth },
    );
  }
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
