export interface LiveEvent {
  type: string;
  [field: string]: unknown;
}

export type LiveState = 'connecting' | 'live' | 'offline';

export interface LiveOptions {
  token: () => string | null;
  onEvent: (event: LiveEvent) => void;
  onState: (state: LiveState) => void;
  /** Called after every successful (re)connect: events missed while offline are refetched. */
  onOpen: (reconnected: boolean) => void;
}

const MAX_BACKOFF_MS = 30_000;
const PING_EVERY_MS = 25_000;

/**
 * The dashboard stream on /ws, reconnecting with exponential backoff and jitter. The JWT rides in
 * the Sec-WebSocket-Protocol list, so it stays out of the URL and of access logs.
 */
export function connectLive(options: LiveOptions): { close(): void } {
  let socket: WebSocket | null = null;
  let attempt = 0;
  let opened = false;
  let stopped = false;
  let retry: number | undefined;
  let ping: number | undefined;

  const open = () => {
    const token = options.token();
    if (stopped || !token) return;
    options.onState('connecting');
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const current = new WebSocket(`${scheme}://${location.host}/ws`, ['empire', `bearer.${token}`]);
    socket = current;
    current.addEventListener('open', () => {
      options.onState('live');
      options.onOpen(opened);
      opened = true;
      attempt = 0;
      ping = window.setInterval(() => current.readyState === WebSocket.OPEN && current.send('ping'), PING_EVERY_MS);
    });
    current.addEventListener('message', (message) => {
      if (typeof message.data !== 'string' || message.data === 'pong') return;
      try {
        options.onEvent(JSON.parse(message.data) as LiveEvent);
      } catch {
        // Not an event of ours; the stream goes on.
      }
    });
    current.addEventListener('close', () => {
      window.clearInterval(ping);
      if (socket !== current || stopped) return;
      options.onState('offline');
      const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt) * (0.75 + Math.random() * 0.5);
      attempt += 1;
      retry = window.setTimeout(open, delay);
    });
  };

  open();
  return {
    close() {
      stopped = true;
      window.clearTimeout(retry);
      window.clearInterval(ping);
      socket?.close(1000, 'logout');
    },
  };
}
