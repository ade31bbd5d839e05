// A test-side endpoint that runs Prometheus's own `promtool check metrics` on a body, so Worker
// tests (inside workerd, which cannot start processes) can validate the /metrics exposition.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';

export async function startPromtoolServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const child = spawn('promtool', ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (data: Buffer) => {
        output += data.toString();
      });
      child.stderr.on('data', (data: Buffer) => {
        output += data.toString();
      });
      child.on('error', (error) => {
        res.writeHead(501, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, output: `promtool is not installed: ${error.message}` }));
      });
      child.on('close', (code) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: code === 0, output }));
      });
      child.stdin.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
