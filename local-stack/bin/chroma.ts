import { join } from 'node:path';
import { prepareChromaLibs, startChroma } from '../services/chroma-server.ts';
import { runService } from './run-service.ts';

// A free port is picked (chroma run does not report a port it chose itself); DATA_DIR keeps the data.
const dataDir = process.env.DATA_DIR || join(process.cwd(), '.empire/chroma');
await runService(
  'empire-chroma',
  async () => startChroma({ dataDir, libsDir: await prepareChromaLibs() }),
  (chroma) => `(Chroma ${chroma.version}, data in ${dataDir}, started in ${chroma.startupMs} ms)`,
);
