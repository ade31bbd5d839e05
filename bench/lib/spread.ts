// Spreads closed-loop calls over several Workers from a child process (spread-client.ts), so the
// Workers under test are not measured from the event loop of their backing services.
import { fileURLToPath } from 'node:url';
import { runChildClient } from './child-io.ts';
import type { SpreadRequest, SpreadResult } from './spread-types.ts';

const clientPath = fileURLToPath(new URL('./spread-client.ts', import.meta.url));

export const spread = (request: SpreadRequest) => runChildClient<SpreadResult>(clientPath, 'spread', request);
