import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorStyle } from './faults.ts';
import type { JsonObject } from './http.ts';
import type { ScriptBook } from './scripts.ts';

export interface LlmRequest {
  req: IncomingMessage;
  res: ServerResponse;
  provider: string;
  body: JsonObject;
  style: ErrorStyle;
  /** Aborts when the client goes away or the server closes. */
  signal: AbortSignal;
  /** Scripted conversations (`/__fake/scripts`). */
  scripts?: ScriptBook;
  /** A stream fails after its first piece (a `midstream` fault). */
  failMidstream?: boolean;
}

export type Handler = (ctx: LlmRequest) => Promise<void> | void;
