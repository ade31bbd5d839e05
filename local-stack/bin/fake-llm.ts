import { startFakeLlm } from '../services/fake-llm.ts';
import { envPort, runService } from './run-service.ts';

await runService('empire-fake-llm', () => startFakeLlm({ port: envPort(8790) }));
