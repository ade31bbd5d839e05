// Sends a burst of identical requests from a child process (burst-client.ts) and returns what
// came back, so the Worker under test is not measured from the event loop of its backing services.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BurstRequest, BurstResult } from './burst-types.ts';

const clientPath = fileURLToPath(new URL('./burst-client.ts', import.meta.url));

export function burst(request: BurstRequest): Promise<BurstResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [clientPath], { stdio: ['pipe', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`the burst client exited with ${code}`));
      try {
        resolve(JSON.parse(output) as BurstResult);
      } catch (error) {
        reject(error);
      }
    });
    child.stdin.write(`${JSON.stringify(request)}\n`);
  });
}
