import { describe, expect, it } from 'vitest';
import type { RunProgress } from '../../cli/api-types.ts';
import { parseInputs } from '../../cli/commands/run.ts';
import { CliError, exitCodes } from '../../cli/errors.ts';
import { apiError } from '../../cli/http.ts';
import { percent, renderBar } from '../../cli/progress.ts';

const errorBody = (code: string, message: string, details?: unknown) => ({
  error: { code, message, requestId: 'req-1', details },
});

describe('apiError', () => {
  it('gives each failure kind its own exit code', () => {
    const cases: [number, number][] = [
      [400, exitCodes.invalid],
      [401, exitCodes.unauthorized],
      [402, exitCodes.overBudget],
      [403, exitCodes.forbidden],
      [404, exitCodes.notFound],
      [429, exitCodes.rateLimited],
      [500, exitCodes.other],
      [503, exitCodes.other],
    ];
    for (const [status, code] of cases) expect(apiError(status, errorBody('x', 'y'), null).exitCode).toBe(code);
  });

  it('shows the cap and the deferral id of a 402', () => {
    const details = { deferralId: 'd-1', scope: 'client:dev-owner', window: 'day', capMicros: 1, spentMicros: 0 };
    const error = apiError(402, errorBody('over_budget', 'Over the cap', details), '30');
    expect(error.message).toMatch(/cap: client:dev-owner per day = \$0\.000001 USD/);
    expect(error.message).toMatch(/deferral: d-1/);
  });

  it('shows Retry-After of a 429 and keeps the raw body', () => {
    const error = apiError(429, errorBody('rate_limited', 'Slow down'), '17');
    expect(error.message).toMatch(/retry after 17 s/);
    expect(error.api).toMatchObject({ status: 429, retryAfter: '17', error: { code: 'rate_limited' } });
  });

  it('copes with a body that is not the error shape', () => {
    expect(apiError(502, '<html>bad gateway</html>', null).message).toMatch(/The API answered 502/);
  });
});

describe('parseInputs', () => {
  it('takes strings, JSON values and a JSON object, the pairs winning', () => {
    expect(parseInputs('{"region":"DE","n":1}', ['region=Austria', 'kinds:=["audits"]', 'note=a=b'])).toEqual({
      region: 'Austria',
      n: 1,
      kinds: ['audits'],
      note: 'a=b',
    });
  });

  it('refuses bad input as a usage error', () => {
    for (const [json, pairs] of [
      ['[1]', []],
      ['{', []],
      [undefined, ['novalue']],
      [undefined, ['n:=nope']],
    ] as const) {
      const attempt = () => parseInputs(json, [...pairs]);
      expect(attempt).toThrow(CliError);
      try {
        attempt();
      } catch (error) {
        expect((error as CliError).exitCode).toBe(exitCodes.usage);
      }
    }
  });
});

describe('progress bar', () => {
  const progress = (over: Partial<RunProgress>): RunProgress => ({
    runId: 'r',
    task: 't',
    status: 'running',
    total: 4,
    queued: 0,
    running: 0,
    done: 0,
    failed: 0,
    cancelled: 0,
    costMicros: 0,
    maxInFlight: 4,
    createdAt: 0,
    endedAt: null,
    error: null,
    ...over,
  });

  it('keeps 100% for a finished run', () => {
    expect(percent(progress({ done: 2, running: 2 }))).toBe(50);
    expect(percent(progress({ done: 4, status: 'reducing' }))).toBe(99);
    expect(renderBar(progress({ done: 4, status: 'done' }))).toMatch(/^\[#{30}\] 100%/);
    expect(percent(progress({ total: 0 }))).toBe(0);
  });
});
