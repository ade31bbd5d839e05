import type { Hook } from '@hono/zod-openapi';
import type { AppEnv } from './app-env';
import { AppError } from './errors';

/** The validator hook: a request that fails its schema answers 400 with each problem listed. */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (result.success) return;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
  throw new AppError('invalid_request', `Invalid ${result.target}: ${issues[0]?.message ?? 'bad input'}`, issues);
};
