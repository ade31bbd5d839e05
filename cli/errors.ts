/** Exit codes, one per kind of failure, so scripts can branch without parsing messages. */
export const exitCodes = {
  ok: 0,
  other: 1,
  usage: 2,
  connection: 3,
  unauthorized: 4,
  forbidden: 5,
  overBudget: 6,
  notFound: 7,
  rateLimited: 8,
  invalid: 9,
  unsupported: 10,
  timeout: 11,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

export interface ApiErrorBody {
  code: string;
  message: string;
  requestId?: string;
  details?: unknown;
}

export interface ApiFailure {
  status: number;
  error: ApiErrorBody;
  retryAfter?: string;
}

export class CliError extends Error {
  readonly exitCode: ExitCode;
  /** The API's error body, printed as is under --json. */
  readonly api: ApiFailure | undefined;

  constructor(message: string, exitCode: ExitCode, api?: ApiFailure) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
    this.api = api;
  }
}

export const usageError = (message: string) => new CliError(message, exitCodes.usage);

export function exitCodeForStatus(status: number): ExitCode {
  switch (status) {
    case 400:
    case 422:
      return exitCodes.invalid;
    case 401:
      return exitCodes.unauthorized;
    case 402:
      return exitCodes.overBudget;
    case 403:
      return exitCodes.forbidden;
    case 404:
      return exitCodes.notFound;
    case 429:
      return exitCodes.rateLimited;
    default:
      return exitCodes.other;
  }
}
