import type { Hook } from '@hono/zod-openapi';
import type { z } from 'zod';
import type { AppEnv } from './app-env';
import { AppError } from './errors';

/** Each problem of a failed parse, as the 400's details list them. */
export const issuesOf = (error: z.ZodError) =>
  error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));

/** The validator hook: a request that fails its schema answers 400 with each problem listed. */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (result.success) return;
  const issues = issuesOf(result.error);
  throw new AppError('invalid_request', `Invalid ${result.target}: ${issues[0]?.message ?? 'bad input'}`, issues);
};
