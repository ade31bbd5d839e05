// The pipe between a benchmark and a load client it runs as its own process: one JSON request on
// the client's stdin, one JSON result on its stdout.
import { spawn } from 'node:child_process';

/** In the client: the request the benchmark wrote, the first line of stdin. */
export function readChildRequest<T>(): Promise<T> {
  return new Promise((resolve, reject) => {
    let input = '';
    const onData = (chunk: Buffer) => {
      input += chunk.toString();
      const newline = input.indexOf('\n');
      if (newline < 0) return;
      process.stdin.off('data', onData);
      try {
        resolve(JSON.parse(input.slice(0, newline)) as T);
      } catch (error) {
        reject(error);
      }
    };
    process.stdin.on('data', onData);
  });
}

/** In the benchmark: runs the client at `clientPath` on `request` and returns its JSON result. */
export function runChildClient<T>(clientPath: string, label: string, request: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [clientPath], { stdio: ['pipe', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`the ${label} client exited with ${code}`));
      try {
        resolve(JSON.parse(output) as T);
      } catch (error) {
        reject(error);
      }
    });
    child.stdin.write(`${JSON.stringify(request)}\n`);
  });
}
