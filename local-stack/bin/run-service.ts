import { errorMessage } from '../../src/lib/error-message.ts';

interface Running {
  url: string;
  close(): Promise<void>;
}

/** Reads a TCP port from the environment; 0 means "any free port". */
export function envPort(fallback: number, name = 'PORT'): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`${name} must be a port number, got "${raw}"`);
  return port;
}

/** Starts a service, prints one line with its URL, and closes it cleanly on SIGINT/SIGTERM. */
export async function runService<T extends Running>(
  name: string,
  start: () => Promise<T>,
  detail?: (handle: T) => string,
): Promise<void> {
  // Handlers go in before starting so a signal during startup still ends in a clean close.
  let starting: Promise<T | undefined> = Promise.resolve(undefined);
  let stopping = false;
  const stop = (): void => {
    if (stopping) process.exit(1);
    stopping = true;
    starting
      .then((handle) => handle?.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(`${name}: close failed: ${errorMessage(error)}`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  starting = start().catch((error: unknown) => {
    console.error(`${name}: ${errorMessage(error)}`);
    process.exit(1);
  });
  const handle = await starting;
  if (handle && !stopping) console.log(`${name} ${handle.url}${detail ? ` ${detail(handle)}` : ''}`);
}
