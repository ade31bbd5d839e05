// Where the routed call spends workerd's CPU: a V8 CPU profile of the Empire Worker taken over its
// inspector while one connection sends POST /v1/chat/completions in a loop, printed as the
// functions with the most self time. Not a benchmark section: a tool for finding the next cut.
//   node bench/router-profile.ts [seconds]
import WebSocket from 'ws';
import { startStack } from './lib/stack.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const seconds = Number(process.argv[2] ?? 10);

function inspector(url: string) {
  const socket = new WebSocket(url);
  let nextId = 1;
  const pending = new Map<number, (result: unknown) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.error ? { error: message.error } : message.result);
  });
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    opened,
    send: (method: string, params: object = {}) =>
      new Promise<unknown>((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, method, params }));
      }),
    close: () => socket.close(),
  };
}

function selfTimes(profile: Profile): Map<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const micros = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop() ?? ''}:${lineNumber + 1}`;
    micros.set(key, (micros.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  return micros;
}

/** Time with the function anywhere on the stack (counted once per sample), by the same keys. */
function totalTimes(profile: Profile): Map<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const micros = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at);
      if (!node) break;
      const { functionName, url, lineNumber } = node.callFrame;
      seen.add(`${functionName || '(anonymous)'} ${url.split('/').pop() ?? ''}:${lineNumber + 1}`);
    }
    for (const key of seen) micros.set(key, (micros.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  return micros;
}

const stack = await startStack({
  bindings: { RATE_LIMIT_REQUESTS: '1000000', RATE_LIMIT_WINDOW_SECONDS: '60' },
  inspectorPort: 0,
});
try {
  const base = await stack.mf.getInspectorURL();
  const client = inspector(`${base.origin.replace('http', 'ws')}/core:user:${stack.workerName}`);
  await client.opened;
  const body = JSON.stringify({
    model: 'moonshot/kimi-k2.5',
    messages: [{ role: 'user', content: 'In one line: why should every LLM call pass a budget check first?' }],
    max_tokens: 64,
  });
  const call = async () => {
    const response = await fetch(`${stack.url}/v1/chat/completions`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.backing.ownerKey}` },
    });
    if (response.status !== 200) throw new Error(`routed call answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  };
  for (let i = 0; i < 300; i++) await call();
  await client.send('Profiler.enable');
  await client.send('Profiler.setSamplingInterval', { interval: Number(process.env.PROFILE_INTERVAL ?? 50) });
  await client.send('Profiler.start');
  let calls = 0;
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    await call();
    calls++;
  }
  const { profile } = (await client.send('Profiler.stop')) as { profile: Profile };
  client.close();
  const times = [...selfTimes(profile)].sort((a, b) => b[1] - a[1]);
  const total = times.reduce((sum, [, us]) => sum + us, 0);
  const idle = times.filter(([key]) => key.startsWith('(idle)')).reduce((sum, [, us]) => sum + us, 0);
  console.log(`${calls} calls in ${seconds} s; busy ${((total - idle) / calls / 1000).toFixed(3)} ms per call`);
  for (const [key, us] of times.slice(0, 45)) {
    console.log(`${(us / calls / 1000).toFixed(4).padStart(8)} ms/call  ${key}`);
  }
  console.log('\nWith callees:');
  const totals = [...totalTimes(profile)].sort((a, b) => b[1] - a[1]);
  for (const [key, us] of totals.slice(0, Number(process.env.PROFILE_TOTALS ?? 60))) {
    console.log(`${(us / calls / 1000).toFixed(4).padStart(8)} ms/call  ${key}`);
  }
} finally {
  await stack.dispose();
}
process.exit(0);
