// Where the routed call spends workerd's CPU, or with --heap what it allocates: a V8 CPU profile
// (or sampling heap profile) of the Empire Worker taken over its inspector while one connection
// (or --connections=N) sends POST /v1/chat/completions in a loop, printed as the functions with the
// most self time (or bytes). Not a benchmark section: a tool for finding the next cut.
//   node bench/router-profile.ts [seconds] [--heap | --survivors] [--bare | --brains | --lead | --swarm] [--connections=N]
// --bare profiles the baseline instead: the bare Worker making the same call through the SDK.
// --swarm profiles a running swarm (the swarm benchmark's probe task): queue consumer, SwarmRun
// and router together, per job ended.
// --brains and --lead profile `GET /api/brains` and `GET /api/crm/leads/:id` (a lead made first).
// --survivors samples only what outlived a scavenge. PROFILE_OUT=file also writes the raw profile.
import { writeFileSync } from 'node:fs';
import WebSocket from 'ws';
import { seedLead } from './lib/seed-lead.ts';
import { type BenchStack, startStack } from './lib/stack.ts';
import { BARE_WORKER_NAME } from './lib/start-workerd.ts';
import { swarmApi } from './lib/swarm-api.ts';
import { targets } from './router-overhead.ts';
import { MAX_JOBS, probeInputs, probeTaskYaml, TASK_NAME } from './swarm-task.ts';

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

const seconds = Number(process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? 10);
const heap = process.argv.includes('--heap') || process.argv.includes('--survivors');
/** Only what outlived a scavenge: what minor collections could not free is what makes them slow. */
const survivorsOnly = process.argv.includes('--survivors');
const bare = process.argv.includes('--bare');
/** Calls kept in flight at once (--connections=32): group commit and leases behave as under load. */
const connections = Number(process.argv.find((arg) => arg.startsWith('--connections='))?.split('=')[1] ?? 1);
const apiRoute = process.argv.includes('--brains') ? 'brains' : process.argv.includes('--lead') ? 'lead' : undefined;
const swarm = process.argv.includes('--swarm');

interface ProfiledCall {
  url: string;
  method: 'GET' | 'POST';
  body?: string;
  headers: Record<string, string>;
}

async function profiledCall(stack: BenchStack): Promise<ProfiledCall> {
  const owner = { authorization: `Bearer ${stack.backing.ownerKey}` };
  if (apiRoute === 'brains') return { url: `${stack.url}/api/brains`, method: 'GET', headers: owner };
  if (apiRoute === 'lead') {
    return { url: `${stack.url}/api/crm/leads/${await seedLead(stack)}`, method: 'GET', headers: owner };
  }
  return { method: 'POST', ...targets(stack)[bare ? 'workerSdk' : 'routed'] };
}

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

/** A function by name, file and line: how the profiles below are added up. */
const frameKey = ({ functionName, url, lineNumber }: ProfileNode['callFrame']) =>
  `${functionName || '(anonymous)'} ${url.split('/').pop() ?? ''}:${lineNumber + 1}`;

function selfTimes(profile: Profile): Map<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const micros = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    if (!node) return;
    const key = frameKey(node.callFrame);
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
      seen.add(frameKey(node.callFrame));
    }
    for (const key of seen) micros.set(key, (micros.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  return micros;
}

type Inspector = ReturnType<typeof inspector>;

async function printCpuProfile(client: Inspector, loop: () => Promise<number>) {
  await client.send('Profiler.enable');
  await client.send('Profiler.setSamplingInterval', { interval: Number(process.env.PROFILE_INTERVAL ?? 50) });
  await client.send('Profiler.start');
  const calls = await loop();
  const { profile } = (await client.send('Profiler.stop')) as { profile: Profile };
  if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));
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
}

interface HeapNode {
  callFrame: ProfileNode['callFrame'];
  selfSize: number;
  children: HeapNode[];
}

/** Bytes allocated with each function on the stack (self), and with it anywhere on the stack (total). */
function heapSizes(head: HeapNode) {
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const walk = (node: HeapNode, above: Set<string>): number => {
    const key = frameKey(node.callFrame);
    self.set(key, (self.get(key) ?? 0) + node.selfSize);
    const stackKeys = new Set(above).add(key);
    let bytes = node.selfSize;
    for (const child of node.children) bytes += walk(child, stackKeys);
    // Recursion counts a function once per stack, as the CPU totals do.
    if (!above.has(key)) total.set(key, (total.get(key) ?? 0) + bytes);
    return bytes;
  };
  const all = walk(head, new Set());
  return { self, total, all };
}

async function printHeapProfile(client: Inspector, loop: () => Promise<number>) {
  await client.send('HeapProfiler.enable');
  await client.send('HeapProfiler.startSampling', {
    samplingInterval: Number(process.env.PROFILE_INTERVAL ?? 256),
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: !survivorsOnly,
  });
  const calls = await loop();
  const { profile } = (await client.send('HeapProfiler.stopSampling')) as { profile: { head: HeapNode } };
  if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));
  const { self, total, all } = heapSizes(profile.head);
  const kb = (bytes: number) => `${(bytes / calls / 1024).toFixed(2).padStart(7)} KB/call`;
  console.log(`${calls} calls in ${seconds} s; ${kb(all)} allocated (sampled estimate)`);
  for (const [key, bytes] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log(`${kb(bytes)}  ${key}`);
  console.log('\nWith callees:');
  const totals = [...total].sort((a, b) => b[1] - a[1]);
  for (const [key, bytes] of totals.slice(0, Number(process.env.PROFILE_TOTALS ?? 60)))
    console.log(`${kb(bytes)}  ${key}`);
}

/** Jobs ended while profiling a run far longer than the profile, after a warm-up of its own jobs. */
async function profileSwarm(stack: BenchStack, client: Inspector) {
  const api = swarmApi(stack.url, stack.backing.ownerKey);
  await api.putTask(TASK_NAME, probeTaskYaml(Number(process.env.SWARM_MAX_IN_FLIGHT ?? 100)));
  const runId = await api.startRun(TASK_NAME, probeInputs(MAX_JOBS));
  const ended = async () => {
    const view = await api.run(runId);
    return view.done + view.failed;
  };
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const loop = async () => {
    const before = await ended();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    return (await ended()) - before;
  };
  if (heap) await printHeapProfile(client, loop);
  else await printCpuProfile(client, loop);
  client.close();
  await stack.dispose();
}

const stack = await startStack({
  bindings: { RATE_LIMIT_REQUESTS: '1000000', RATE_LIMIT_WINDOW_SECONDS: '60' },
  inspectorPort: 0,
});
try {
  const base = await stack.mf.getInspectorURL();
  const client = inspector(
    `${base.origin.replace('http', 'ws')}/core:user:${bare ? BARE_WORKER_NAME : stack.workerName}`,
  );
  await client.opened;
  if (swarm) {
    await profileSwarm(stack, client);
    process.exit(0);
  }
  const target = await profiledCall(stack);
  const call = async () => {
    const response = await fetch(target.url, { method: target.method, body: target.body, headers: target.headers });
    if (response.status !== 200) throw new Error(`the call answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  };
  for (let i = 0; i < 300; i++) await call();
  const loop = async () => {
    let calls = 0;
    const until = Date.now() + seconds * 1000;
    const client = async () => {
      while (Date.now() < until) {
        await call();
        calls++;
      }
    };
    await Promise.all(Array.from({ length: connections }, client));
    return calls;
  };
  if (heap) await printHeapProfile(client, loop);
  else await printCpuProfile(client, loop);
  client.close();
} finally {
  await stack.dispose();
}
process.exit(0);
