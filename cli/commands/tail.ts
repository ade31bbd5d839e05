import { noMorePositionals, parse, positiveNumber } from '../args.ts';
import type { Command } from '../command.ts';
import { CliError, exitCodes } from '../errors.ts';
import { print } from '../output.ts';
import { session } from '../session.ts';

function describe(event: Record<string, unknown>): string {
  const at = typeof event.at === 'number' ? new Date(event.at).toISOString() : new Date().toISOString();
  const { type, at: _at, ...rest } = event;
  const detail = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
  return `${at}  ${String(type ?? 'event')}${detail}`;
}

export const tail: Command = {
  name: 'tail',
  summary: 'Print live events (agent status, results, budget alerts) until Ctrl-C',
  usage: 'empire tail [--count N] [--for seconds] [--agent <agent>]',
  async run(args) {
    const { values, positionals } = parse(args, {
      count: { type: 'string' },
      for: { type: 'string' },
      agent: { type: 'string' },
    });
    noMorePositionals(positionals, 0);
    const count = positiveNumber(values.count, 'count');
    const seconds = positiveNumber(values.for, 'for');
    const api = session(values.url);
    const path = values.agent ? `/ws/agents/${encodeURIComponent(values.agent)}` : '/ws';
    // A socket hides why it failed; this turns a server that is down into the connection exit code.
    await api.probe('/api/health');
    const url = await api.socketUrl(path);
    await new Promise<void>((resolve, reject) => {
      const socket = new WebSocket(url);
      let seen = 0;
      let opened = false;
      const stop = () => socket.close(1000, 'done');
      const timer = seconds === undefined ? undefined : setTimeout(stop, seconds * 1000);
      process.once('SIGINT', stop);
      socket.addEventListener('open', () => {
        opened = true;
        if (!values.json) process.stderr.write(`Listening on ${api.url}${path} (Ctrl-C to stop)\n`);
      });
      socket.addEventListener('message', (event) => {
        const text = String(event.data);
        if (text === 'pong') return;
        if (values.json) print(text);
        else {
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = { type: 'text', text };
          }
          print(typeof parsed === 'object' && parsed !== null ? describe(parsed as Record<string, unknown>) : text);
        }
        seen += 1;
        if (count !== undefined && seen >= count) stop();
      });
      socket.addEventListener('close', (event) => {
        clearTimeout(timer);
        process.off('SIGINT', stop);
        if (opened) resolve();
        // The upgrade refusal's status is not exposed by WebSocket; the token is the usual cause.
        else
          reject(
            new CliError(
              `The live stream refused the connection (code ${event.code}); try \`empire login\``,
              exitCodes.unauthorized,
            ),
          );
      });
    });
  },
};
