import { startUpstashBridge } from '../services/upstash-bridge.ts';
import { envPort, runService } from './run-service.ts';

const token = process.env.TOKEN || process.env.UPSTASH_TOKEN || process.env.UPSTASH_REDIS_REST_TOKEN;
if (!token) {
  console.error('upstash-bridge: set TOKEN (or UPSTASH_TOKEN) to the bearer token clients must send');
  process.exit(1);
}
const redisUrl = process.env.REDIS_URL || undefined;

await runService(
  'upstash-bridge',
  () => startUpstashBridge({ port: envPort(8079), token, redisUrl }),
  (bridge) => `(backend: ${bridge.backend})`,
);
