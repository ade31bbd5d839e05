// The Neon driver from Node: the `ws` package for sockets and, locally, local-stack's
// WebSocket proxy (host:port/v2) in front of a plain PostgreSQL.
import { neonConfig } from '@neondatabase/serverless';
import ws from 'ws';

export function configureNeonForNode(wsProxy?: string): void {
  neonConfig.webSocketConstructor = ws;
  if (!wsProxy) return;
  neonConfig.wsProxy = (host, port) => `${wsProxy}?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
}
