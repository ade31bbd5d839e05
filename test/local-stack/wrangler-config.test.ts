import { describe, expect, it } from 'vitest';
import { unstable_readConfig } from 'wrangler';
import { SCHEDULE_TRIGGER } from '../../src/workflows/schedule.ts';

// What every environment of wrangler.toml must hold: the one schedule trigger (the schedules live
// with the workflows), Workers Logs, and the Workflow binding the runs execute on.
describe('wrangler.toml', () => {
  it.each([undefined, 'staging', 'production'])('lists exactly the schedule trigger in environment %s', (env) => {
    const config = unstable_readConfig({ config: 'wrangler.toml', env }, { hideWarnings: true });
    expect(config.triggers.crons).toEqual([SCHEDULE_TRIGGER]);
  });

  it.each([undefined, 'staging', 'production'])('keeps Workers Logs on in environment %s', (env) => {
    const config = unstable_readConfig({ config: 'wrangler.toml', env }, { hideWarnings: true });
    expect(config.observability).toMatchObject({ enabled: true });
  });

  it.each([undefined, 'staging', 'production'])('binds the workflow runs in environment %s', (env) => {
    const config = unstable_readConfig({ config: 'wrangler.toml', env }, { hideWarnings: true });
    const workflows = config.workflows as { binding: string; class_name: string }[];
    expect(workflows.map(({ binding, class_name }) => ({ binding, class_name }))).toEqual([
      { binding: 'WORKFLOWS', class_name: 'BusinessWorkflow' },
    ]);
  });

  it.each([undefined, 'staging', 'production'])('declares the restore targets in environment %s', (env) => {
    const config = unstable_readConfig({ config: 'wrangler.toml', env }, { hideWarnings: true });
    const databases = config.d1_databases as { binding: string; database_name?: string }[];
    expect(databases.map((database) => database.binding)).toEqual(['DB', 'DB_RESTORE', 'DB_RESTORE_DRILL']);
    const names = databases.map((database) => database.database_name);
    expect(new Set(names).size).toBe(3);
  });
});
