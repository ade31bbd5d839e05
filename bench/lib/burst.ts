// Sends a burst of identical requests from a child process (burst-client.ts) and returns what
// came back, so the Worker under test is not measured from the event loop of its backing services.
import { fileURLToPath } from 'node:url';
import type { BurstRequest, BurstResult } from './burst-types.ts';
import { runChildClient } from './child-io.ts';

const clientPath = fileURLToPath(new URL('./burst-client.ts', import.meta.url));

export const burst = (request: BurstRequest) => runChildClient<BurstResult>(clientPath, 'burst', request);
