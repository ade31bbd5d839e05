import { startNeonWsProxy } from '../services/neon-ws-proxy.ts';
import { envPort, runService } from './run-service.ts';

await runService('neon-ws-proxy', () => startNeonWsProxy({ port: envPort(8081) }));
