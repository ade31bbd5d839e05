import { redact } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

/**
 * One JSON object per line, so Workers Logs and `wrangler tail` can filter on fields. A class, not
 * closures: every request makes one, and most never write a line.
 */
class JsonLogger implements Logger {
  constructor(
    private readonly base: LogFields,
    private readonly sink: (line: string) => void,
  ) {}

  private write(level: LogLevel, message: string, fields?: LogFields): void {
    const entry = { level, message, time: new Date().toISOString(), ...this.base, ...fields };
    this.sink(JSON.stringify(redact(entry)));
  }

  debug(message: string, fields?: LogFields): void {
    this.write('debug', message, fields);
  }
  info(message: string, fields?: LogFields): void {
    this.write('info', message, fields);
  }
  warn(message: string, fields?: LogFields): void {
    this.write('warn', message, fields);
  }
  error(message: string, fields?: LogFields): void {
    this.write('error', message, fields);
  }
  child(fields: LogFields): Logger {
    return new JsonLogger({ ...this.base, ...fields }, this.sink);
  }
}

// console.log is looked up when a line is written, not when the logger is made: tests replace it.
const consoleSink = (line: string) => console.log(line);

export function createLogger(base: LogFields = {}, sink: (line: string) => void = consoleSink): Logger {
  return new JsonLogger(base, sink);
}

export function errorFields(error: unknown): LogFields {
  if (error instanceof Error) return { error: error.message, errorName: error.name, stack: error.stack };
  return { error: String(error) };
}
