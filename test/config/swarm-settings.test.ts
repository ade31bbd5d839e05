import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/config';

const base = { ...env } as unknown as Record<string, unknown>;

describe('happy', () => {
  it('takes the defaults for blank swarm variables, as .dev.vars.example leaves them', () => {
    const config = parseConfig({ ...base, SWARM_JOB_DEADLINE_MS: '', SWARM_JOB_MAX_SENDS: '' });
    expect(config.swarm).toEqual({ jobDeadlineMs: 300_000, maxSends: 3 });
  });

  it('takes values a deployment sets', () => {
    const config = parseConfig({ ...base, SWARM_JOB_DEADLINE_MS: '60000', SWARM_JOB_MAX_SENDS: '5' });
    expect(config.swarm).toEqual({ jobDeadlineMs: 60_000, maxSends: 5 });
  });
});

describe('errors', () => {
  it.each([
    ['SWARM_JOB_DEADLINE_MS', 'soon'],
    ['SWARM_JOB_DEADLINE_MS', '999'],
    ['SWARM_JOB_DEADLINE_MS', '1500.5'],
    ['SWARM_JOB_MAX_SENDS', '0'],
    ['SWARM_JOB_MAX_SENDS', '21'],
    ['SWARM_JOB_MAX_SENDS', '-1'],
  ])('names %s when it is %s', (name, value) => {
    let thrown: unknown;
    try {
      parseConfig({ ...base, [name]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).variables.map((variable) => variable.name)).toContain(name);
  });
});
