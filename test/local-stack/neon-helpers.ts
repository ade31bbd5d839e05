import { neonConfig } from '@neondatabase/serverless';
import { WebSocket } from 'ws';

/** Points the Neon driver at a local ws proxy, the same settings the Worker uses in local mode. */
export function useLocalNeonProxy(proxyUrl: string): void {
  neonConfig.webSocketConstructor = WebSocket;
  neonConfig.wsProxy = (host, port) => `${proxyUrl}?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
}

/** Opens a raw WebSocket to the proxy and resolves with how the proxy closed it. */
export function closeOf(url: string): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    ws.on('error', reject);
  });
}
