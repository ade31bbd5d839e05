import pg from 'pg';
import { WebSocket } from 'ws';
import { connectionConfig } from '../../src/db/postgres-pool.ts';

let proxyUrl: string | undefined;

/** Points the pools and clients below at a local ws proxy, as the Worker reaches it in local mode. */
export function useLocalNeonProxy(url: string): void {
  proxyUrl = url;
}

/** A pg pool over the proxy given to useLocalNeonProxy: the Worker's own connection path. */
export function proxiedPool(url: string, max: number): pg.Pool {
  return new pg.Pool({ ...connectionConfig({ url, wsProxy: proxyUrl }), max });
}

/** A single pg client over the proxy given to useLocalNeonProxy. */
export function proxiedClient(url: string): pg.Client {
  return new pg.Client(connectionConfig({ url, wsProxy: proxyUrl }));
}

/** Opens a raw WebSocket to the proxy and resolves with how the proxy closed it. */
export function closeOf(url: string): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    ws.on('error', reject);
  });
}
