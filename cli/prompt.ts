import { createInterface } from 'node:readline/promises';

/** Reads one line; on a terminal the typed characters are not echoed (it is a secret). */
export async function promptSecret(question: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    const rl = createInterface({ input });
    try {
      for await (const line of rl) return line.trim();
      return '';
    } finally {
      rl.close();
    }
  }
  process.stderr.write(question);
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  try {
    return await new Promise<string>((resolve, reject) => {
      let value = '';
      const onData = (chunk: string) => {
        for (const char of chunk) {
          if (char === '\r' || char === '\n') {
            input.off('data', onData);
            resolve(value.trim());
            return;
          }
          if (char === '\u0003') {
            input.off('data', onData);
            reject(new Error('Cancelled'));
            return;
          }
          value = char === '\u007f' ? value.slice(0, -1) : value + char;
        }
      };
      input.on('data', onData);
    });
  } finally {
    input.setRawMode(false);
    input.pause();
    process.stderr.write('\n');
  }
}
