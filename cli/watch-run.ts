import type { RunProgress } from './api-types.ts';
import { CliError, exitCodes } from './errors.ts';
import type { Api } from './http.ts';
import { isFinished } from './progress.ts';
import { sleep } from './wait.ts';

const OPEN_TIMEOUT_MS = 5_000;
const POLL_MS = 700;
// Polled alongside the socket too, in case a broadcast is missed.
const SAFETY_POLL_MS = 3_000;

type OnProgress = (progress: RunProgress) => void;

function isProgressEvent(value: unknown): value is { type: 'swarm.progress'; progress: RunProgress | null } {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'swarm.progress';
}

/** Resolves with the finished run, or with undefined when the socket cannot be used. */
async function viaSocket(
  api: Api,
  runId: string,
  onProgress: OnProgress,
  deadline: number,
): Promise<RunProgress | undefined> {
  const url = await api.socketUrl(`/ws/runs/${runId}`);
  return new Promise((resolve) => {
    let settled = false;
    const socket = new WebSocket(url);
    const finish = (result: RunProgress | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(openTimer);
      clearTimeout(deadlineTimer);
      clearInterval(pollTimer);
      socket.close();
      resolve(result);
    };
    const openTimer = setTimeout(() => finish(undefined), OPEN_TIMEOUT_MS);
    const deadlineTimer = setTimeout(() => finish(undefined), Math.max(0, deadline - Date.now()));
    const pollTimer = setInterval(() => {
      api
        .get<RunProgress>(`/api/runs/${runId}`)
        .then((progress) => {
          if (settled) return;
          onProgress(progress);
          if (isFinished(progress)) finish(progress);
        })
        .catch(() => {});
    }, SAFETY_POLL_MS);
    socket.addEventListener('open', () => clearTimeout(openTimer));
    socket.addEventListener('message', (event) => {
      let data: unknown;
      try {
        data = JSON.parse(String(event.data));
      } catch {
        return;
      }
      if (!isProgressEvent(data) || !data.progress || settled) return;
      onProgress(data.progress);
      if (isFinished(data.progress)) finish(data.progress);
    });
    socket.addEventListener('close', () => finish(undefined));
    socket.addEventListener('error', () => finish(undefined));
  });
}

async function viaPolling(api: Api, runId: string, onProgress: OnProgress, deadline: number): Promise<RunProgress> {
  for (;;) {
    const progress = await api.get<RunProgress>(`/api/runs/${runId}`);
    onProgress(progress);
    if (isFinished(progress)) return progress;
    if (Date.now() > deadline) throw timedOut(runId);
    await sleep(POLL_MS);
  }
}

const timedOut = (runId: string) =>
  new CliError(`The run is still going; follow it with \`empire runs ${runId}\``, exitCodes.timeout);

/** Follows a run to its end over its WebSocket, polling when the socket is unavailable or drops. */
export async function watchRun(
  api: Api,
  runId: string,
  onProgress: OnProgress,
  options: { timeoutMs: number; socket?: boolean },
): Promise<RunProgress> {
  const deadline = Date.now() + options.timeoutMs;
  if (options.socket !== false) {
    const finished = await viaSocket(api, runId, onProgress, deadline).catch(() => undefined);
    if (finished) return finished;
    if (Date.now() > deadline) throw timedOut(runId);
  }
  return viaPolling(api, runId, onProgress, deadline);
}
