// An optional peer gateway (Portkey's open-source gateway, or any other) measured beside the
// router: its Worker is served by the same workerd, so CPU per call compares like for like.
//   BENCH_PEER_CONFIG   the peer's wrangler config (its dependencies installed), e.g. ~/gateway/wrangler.toml
//   BENCH_PEER_HEADERS  JSON headers for its chat completions call; {upstream} becomes the fake
//                       upstream's origin and {key} the fake Moonshot key
//   BENCH_PEER_PATH     its chat completions path (default /v1/chat/completions)
//   BENCH_PEER_LABEL    its name in the tables (default: the config's Worker name)
import { readWranglerConfig } from './wrangler-config.ts';

export interface PeerGateway {
  configPath: string;
  workerName: string;
  label: string;
  path: string;
  headerTemplate: Record<string, string>;
}

export function peerGatewayFromEnv(env: NodeJS.ProcessEnv = process.env): PeerGateway | undefined {
  const configPath = env.BENCH_PEER_CONFIG;
  if (!configPath) return undefined;
  const headerTemplate = JSON.parse(env.BENCH_PEER_HEADERS ?? '{}') as Record<string, string>;
  const workerName = readWranglerConfig(configPath).name;
  return {
    configPath,
    workerName,
    label: env.BENCH_PEER_LABEL ?? workerName,
    path: env.BENCH_PEER_PATH ?? '/v1/chat/completions',
    headerTemplate,
  };
}

export function peerHeaders(peer: PeerGateway, upstream: string, key: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(peer.headerTemplate)) {
    headers[name] = value.replaceAll('{upstream}', upstream).replaceAll('{key}', key);
  }
  return headers;
}
