import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unstable_readConfig } from 'wrangler';
import {
  type EnvironmentConfig,
  ensureResources,
  parseQueues,
  parseR2Buckets,
  wantedResources,
  withDatabaseIds,
} from '../../scripts/deploy-plan.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/wrangler/${name}`, import.meta.url), 'utf8');
const production = () =>
  wantedResources(
    unstable_readConfig(
      { config: 'wrangler.toml', env: 'production' },
      { hideWarnings: true },
    ) as unknown as EnvironmentConfig,
  );

/**
 * A wrangler that answers list commands with the recorded samples and remembers what it is told to
 * create, printing it back in the same layout the next time it lists.
 */
function fakeWrangler(options: { failOn?: string } = {}) {
  const calls: string[] = [];
  const databases = JSON.parse(fixture('d1-list.json')) as { uuid: string; name: string }[];
  let buckets = fixture('r2-bucket-list.txt');
  const queueTable = fixture('queues-list.txt').trimEnd().split('\n');
  let created = 0;
  const run = async (args: string[]) => {
    const command = args.join(' ');
    calls.push(command);
    if (options.failOn && command.startsWith(options.failOn)) throw new Error(`wrangler ${command} exited with code 1`);
    const [group, action, name = ''] = args[0] === 'r2' ? args.slice(1) : args;
    created += action === 'create' ? 1 : 0;
    if (group === 'd1' && action === 'list') return JSON.stringify(databases, null, 2);
    if (group === 'd1' && action === 'create') {
      databases.push({ uuid: `00000000-1111-4222-8333-00000000000${created}`, name });
      return `✅ Successfully created DB '${name}'`;
    }
    if (group === 'bucket' && action === 'list') return buckets;
    if (group === 'bucket' && action === 'create') {
      buckets += `\nname:           ${name}\ncreation_date:  2026-12-07T16:00:00.000Z\n`;
      return `Created bucket '${name}' with default storage class of Standard.`;
    }
    if (group === 'queues' && action === 'list') return args[3] === '1' ? `${queueTable.join('\n')}\n` : '┌┐\n└┘\n';
    if (group === 'queues' && action === 'create') {
      queueTable.splice(
        -1,
        0,
        `│ ${'f'.repeat(32)} │ ${name} │ 2026-12-07T16:00:00.000000Z │ 2026-12-07T16:00:00.000000Z │ 0 │ 0 │`,
      );
      return `Created queue ${name}.`;
    }
    throw new Error(`unexpected wrangler ${command}`);
  };
  return { run, calls };
}

describe('happy', () => {
  it('wants every D1 database, bucket and queue the environment binds, by name', () => {
    expect(production()).toEqual({
      d1: [
        { binding: 'DB', name: 'empire-crm-production' },
        { binding: 'DB_RESTORE', name: 'empire-crm-restore-production' },
        { binding: 'DB_RESTORE_DRILL', name: 'empire-crm-restore-drill-production' },
      ],
      r2: ['empire-backups-production'],
      queues: ['empire-jobs-production', 'empire-jobs-dlq-production'],
    });
  });

  it('reads the names wrangler lists', () => {
    expect(parseR2Buckets(fixture('r2-bucket-list.txt'))).toEqual(
      new Set(['empire-backups-staging', 'unrelated-assets']),
    );
    expect(parseQueues(fixture('queues-list.txt'))).toEqual(new Set(['empire-jobs-production']));
    expect(parseQueues('┌┐\n└┘\n')).toEqual(new Set());
  });

  it('creates only what is missing, reads the new ids back from the list, and does nothing the second time', async () => {
    const wrangler = fakeWrangler();
    const first = await ensureResources(wrangler.run, production());
    expect(first.created).toEqual([
      'd1 empire-crm-restore-production',
      'd1 empire-crm-restore-drill-production',
      'r2 empire-backups-production',
      'queue empire-jobs-dlq-production',
    ]);
    expect(first.d1Ids).toEqual(
      new Map([
        ['empire-crm-production', '7c2e9f4a-31d5-4b8e-9a60-5f1d2c3b4a59'],
        ['empire-crm-restore-production', '00000000-1111-4222-8333-000000000001'],
        ['empire-crm-restore-drill-production', '00000000-1111-4222-8333-000000000002'],
      ]),
    );
    expect(wrangler.calls).toEqual([
      'd1 list --json',
      'd1 create empire-crm-restore-production',
      'd1 create empire-crm-restore-drill-production',
      'd1 list --json',
      'r2 bucket list',
      'r2 bucket create empire-backups-production',
      'queues list --page 1',
      'queues list --page 2',
      'queues create empire-jobs-dlq-production',
    ]);

    wrangler.calls.length = 0;
    const second = await ensureResources(wrangler.run, production());
    expect(second.created).toEqual([]);
    expect(second.d1Ids).toEqual(first.d1Ids);
    expect(wrangler.calls).toEqual([
      'd1 list --json',
      'r2 bucket list',
      'queues list --page 1',
      'queues list --page 2',
    ]);
  });

  it("writes the real ids over the environment's placeholders and leaves the others alone", () => {
    const toml = readFileSync('wrangler.toml', 'utf8');
    const ids = new Map([
      ['empire-crm-production', '7c2e9f4a-31d5-4b8e-9a60-5f1d2c3b4a59'],
      ['empire-crm-restore-production', '00000000-1111-4222-8333-000000000001'],
    ]);
    const out = withDatabaseIds(toml, ids);
    expect(out).toContain(
      'database_name = "empire-crm-production"\ndatabase_id = "7c2e9f4a-31d5-4b8e-9a60-5f1d2c3b4a59"',
    );
    expect(out).toContain(
      'database_name = "empire-crm-restore-production"\ndatabase_id = "00000000-1111-4222-8333-000000000001"',
    );
    expect(out).toContain('database_name = "empire-crm-staging"\ndatabase_id = "00000000-0000-4000-8000-000000000001"');
    expect(out.split('\n')).toHaveLength(toml.split('\n').length);
  });
});

describe('errors', () => {
  it('stops at the first wrangler command that fails', async () => {
    const wrangler = fakeWrangler({ failOn: 'r2 bucket create' });
    await expect(ensureResources(wrangler.run, production())).rejects.toThrow(
      'wrangler r2 bucket create empire-backups-production exited with code 1',
    );
    expect(wrangler.calls.at(-1)).toBe('r2 bucket create empire-backups-production');
  });

  it('refuses a database wrangler.toml does not name, and one listed nowhere after its creation', async () => {
    expect(() => withDatabaseIds('[[d1_databases]]\n', new Map([['ghost', 'x']]))).toThrow(
      'wrangler.toml has no database_id line after database_name = "ghost"',
    );
    const forgetful = async (args: string[]) => (args[0] === 'd1' && args[1] === 'list' ? '[]' : '');
    await expect(
      ensureResources(forgetful, { d1: [{ binding: 'DB', name: 'empire-crm-x' }], r2: [], queues: [] }),
    ).rejects.toThrow('D1 database empire-crm-x was created but is not listed');
  });
});
