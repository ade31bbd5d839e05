// Spreads closed-loop calls over several Workers from a child process (spread-client.ts), so the
// Workers under test are not measured from the event loop of their backing services.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SpreadRequest, SpreadResult } from './spread-types.ts';

const clientPath = fileURLToPath(new URL('./spread-client.ts', import.meta.url));

export function spread(request: SpreadRequest): Promise<SpreadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [clientPath], { stdio: ['pipe', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`the spread client exited with ${code}`));
      try {
        resolve(JSON.parse(output) as SpreadResult);
      } catch (error) {
        reject(error);
      }
    });
    child.stdin.write(`${JSON.stringify(request)}\n`);
  });
}
