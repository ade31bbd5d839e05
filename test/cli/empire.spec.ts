import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BenchStack, startStack } from '../../bench/lib/stack.ts';
import { type CliResult, parseJson, runCli } from './run-cli.ts';

// Distinct per failure kind; mirrors cli/errors.ts so a renumbering is caught here.
const EXIT = { usage: 2, connection: 3, unauthorized: 4, overBudget: 6, notFound: 7, invalid: 9 };

let stack: BenchStack;
let home: string;
let env: NodeJS.ProcessEnv;

const empire = (...args: string[]) => runCli(args, env);
const expectOk = (result: CliResult) => expect(result.code, result.stderr).toBe(0);

beforeAll(async () => {
  const secret = randomBytes(32).toString('base64url');
  stack = await startStack({
    bindings: {
      JWT_SIGNING_KEYS: JSON.stringify([{ kid: 'cli-test', secret }]),
      RATE_LIMIT_REQUESTS: '100000',
      QUEUE_RETRY_BASE_SECONDS: '0',
      WORKFLOW_WEBHOOK_KEY: randomBytes(32).toString('hex'),
    },
  });
  home = mkdtempSync(join(tmpdir(), 'empire-cli-'));
  const { EMPIRE_API_KEY: _key, EMPIRE_URL: _url, ...rest } = process.env;
  env = { ...rest, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), NO_COLOR: '1' };
});

afterAll(async () => {
  await stack?.dispose();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('empire CLI against a running Worker', () => {
  it('refuses commands before login and a wrong key at login', async () => {
    expect((await empire('agents', '--url', stack.url)).code).toBe(EXIT.unauthorized);
    const wrong = await empire('login', '--key', 'emp_not_a_real_key_000000000000', '--url', stack.url);
    expect(wrong.code).toBe(EXIT.unauthorized);
    expect(wrong.stderr).toMatch(/not valid/);
  });

  it('logs in and keeps the token in a private config file', async () => {
    const result = await empire('login', '--key', stack.backing.ownerKey, '--url', stack.url);
    expectOk(result);
    expect(result.stdout).toMatch(/Logged in .* as owner/);
    const file = join(home, '.config', 'empire', 'config.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('shows status: health, agents and the day budget', async () => {
    const human = await empire('status');
    expectOk(human);
    expect(human.stdout).toMatch(/OK/);
    expect(human.stdout).toMatch(/Agents: 7/);
    expect(human.stdout).toMatch(/global:\*/);
    const json = parseJson<{ health: { status: string }; brains: unknown[] }>(await empire('status', '--json'));
    expect(json.health.status).toBe('ok');
    expect(json.brains).toHaveLength(7);
  });

  it('lists the agents', async () => {
    const result = await empire('agents');
    expectOk(result);
    expect(result.stdout).toMatch(/^ceo\s/m);
    expect(parseJson<{ brains: { id: string }[] }>(await empire('agents', '--json')).brains.map((b) => b.id)).toContain(
      'hands',
    );
  });

  it('asks an agent and waits for the answer', async () => {
    const result = await empire('ask', 'ceo', 'Which', 'audit', 'sells', 'best?');
    expectOk(result);
    expect(result.stdout.startsWith('[fake]')).toBe(true);
    expect(result.stdout).toMatch(/Which audit sells best\?/);
  });

  it('runs a task with a live progress bar to 100%', async () => {
    const result = await empire('run', 'bma_services', '--input', 'region=Austria');
    expectOk(result);
    expect(result.stdout).toMatch(/\[#{30}\] 100%\s+3\/3 done/);
    expect(result.stdout).toMatch(/done: 3 done, 0 failed of 3/);
  });

  it('runs a task in JSON mode with the done counts, by polling too', async () => {
    const body = parseJson<{ status: string; total: number; done: number; failed: number; results: unknown[] }>(
      await empire('run', 'bma_services', '--input-json', '{"kinds":["audits","training"]}', '--json', '--poll'),
    );
    expect(body).toMatchObject({ status: 'done', total: 2, done: 2, failed: 0 });
    expect(body.results).toHaveLength(2);
    const runs = parseJson<{ runs: { task: string }[] }>(await empire('runs', '--json'));
    expect(runs.runs.some((run) => run.task === 'bma_services')).toBe(true);
  });

  it('shows the budget and the spend', async () => {
    const budget = await empire('budget');
    expectOk(budget);
    expect(budget.stdout).toMatch(/agent:ceo/);
    const spend = parseJson<{ groupBy: string; rows: unknown[] }>(
      await empire('spend', '--group-by', 'agent', '--json'),
    );
    expect(spend.groupBy).toBe('agent');
    expect(spend.rows.length).toBeGreaterThan(0);
    expect((await empire('spend', '--group-by', 'planet')).code).toBe(EXIT.usage);
  });

  it('adds, searches and scores leads', async () => {
    const email = `anna.${Date.now()}@hotel-berg.example`;
    const add = await empire(
      'leads',
      'add',
      '--name',
      'Anna Berg',
      '--email',
      email,
      '--company',
      'Hotel Zugspitzblick',
      '--title',
      'CEO',
      '--set',
      'budgetAmount=5000',
      '--json',
    );
    const lead = parseJson<{ id: string; score: number }>(add);
    expect(lead.score).toBeGreaterThan(0);
    const found = await empire('leads', 'search', 'Zugspitzblick');
    expectOk(found);
    expect(found.stdout).toContain(lead.id);
    const scored = await empire('leads', 'score', lead.id);
    expectOk(scored);
    expect(scored.stdout).toMatch(/score: \d+/);
    expect((await empire('leads', 'add', '--name', 'X', '--email', 'not-an-email')).code).toBe(EXIT.invalid);
    expect((await empire('leads', 'score', '00000000-0000-4000-8000-000000000000')).code).toBe(EXIT.notFound);
  });

  it('exports what is held on a lead, then erases it only when told --yes', async () => {
    const email = `erase.${Date.now()}@example.com`;
    const lead = parseJson<{ id: string }>(
      await empire('leads', 'add', '--name', 'Erin Vale', '--email', email, '--json'),
    );
    const exported = parseJson<{ lead: { id: string; email: string }; doNotEmail: boolean }>(
      await empire('leads', 'export', lead.id),
    );
    expect(exported.lead).toMatchObject({ id: lead.id, email });
    expect(exported.doNotEmail).toBe(false);
    const unconfirmed = await empire('leads', 'erase', lead.id);
    expect(unconfirmed.code).toBe(EXIT.usage);
    expect(unconfirmed.stderr).toContain('--yes');
    expect((await empire('leads', 'export', lead.id)).code).toBe(0);
    const erased = await empire('leads', 'erase', lead.id, '--yes');
    expectOk(erased);
    expect(erased.stdout).toContain(`Erased ${lead.id}`);
    expect((await empire('leads', 'export', lead.id)).code).toBe(EXIT.notFound);
    expect((await empire('leads', 'erase', lead.id, '--yes')).code).toBe(EXIT.notFound);
  });

  it('lists a sale without a lead, links it, and shows the conversion rates', async () => {
    const source = `cli-${Date.now()}`;
    const lead = parseJson<{ id: string }>(
      await empire(
        'leads',
        'add',
        '--name',
        'Otto Kern',
        '--email',
        `${source}@kern.example`,
        '--source',
        source,
        '--json',
      ),
    );
    const orderId = `CO-${Date.now()}`;
    const order = await fetch(`${stack.url}/api/revenue/consulting`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.backing.ownerKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ orderId, amount: 900, currency: 'EUR', product: 'Audit' }),
    });
    expect(order.status).toBe(201);
    const listed = parseJson<{ items: { id: string; orderId: string }[] }>(
      await empire('revenue', 'unmatched', '--json'),
    );
    const sale = listed.items.find((item) => item.orderId === orderId);
    expect(sale).toBeDefined();
    const human = await empire('revenue', 'unmatched');
    expect(human.stdout).toContain('EUR 900.00');

    const linked = await empire('revenue', 'link', sale?.id ?? '', lead.id);
    expectOk(linked);
    expect(linked.stdout).toBe(`Sale ${sale?.id} linked to lead ${lead.id}\n`);
    expect((await empire('revenue', 'link', sale?.id ?? '', lead.id)).stdout).toMatch(/already linked/);
    const unknown = await empire('revenue', 'link', sale?.id ?? '', '00000000-0000-4000-8000-000000000000');
    expect(unknown.code).toBe(EXIT.notFound);
    expect((await empire('revenue', 'link', sale?.id ?? '')).code).toBe(EXIT.usage);

    const rates = await empire('revenue', 'conversions');
    expectOk(rates);
    expect(rates.stdout).toMatch(new RegExp(`${source}\\s+1\\s+1\\s+100\\.0%\\s+EUR 900\\.00`));
  });

  it('runs a workflow now and follows its run to the end', async () => {
    const result = await empire('workflows', 'run', 'revenue_tracking');
    expectOk(result);
    expect(result.stdout).toMatch(/started; waiting for it to end/);
    expect(result.stdout).toMatch(/revenue_tracking (succeeded|skipped) \(manual/);
    const detached = parseJson<{ run: { status: string } }>(
      await empire('workflows', 'run', 'revenue_tracking', '--no-wait', '--json'),
    );
    expect(detached.run.status).toBe('running');
  });

  it('passes a workflow run its input, and shows why an input is refused', async () => {
    const started = parseJson<{ run: { trigger: string; input: unknown } }>(
      await empire(
        'workflows',
        'run',
        'lead_research',
        '--input',
        'regions:=["Nordics","Benelux"]',
        '--no-wait',
        '--json',
      ),
    );
    expect(started.run).toMatchObject({ trigger: 'manual', input: { regions: ['Nordics', 'Benelux'] } });
    const refused = await empire('workflows', 'run', 'lead_research', '--input-json', '{"regions":"DACH"}');
    expect(refused.code).toBe(EXIT.invalid);
    expect(refused.stderr).toMatch(/input\.regions/);
    const none = await empire('workflows', 'run', 'revenue_tracking', '--input', 'day=monday');
    expect(none.code).toBe(EXIT.invalid);
    expect(none.stderr).toMatch(/revenue_tracking takes no input/);
  });

  it("makes, shows and revokes a workflow's webhook secret; a delivery signed with it starts a run", async () => {
    const made = await empire('workflows', 'secret', 'revenue_tracking', '--rotate', '--grace-hours', '0');
    expectOk(made);
    const secret = /shown only now:\n\n {2}(emp_wh_[\w-]+)/.exec(made.stdout)?.[1] ?? '';
    expect(secret).not.toBe('');
    const shown = await empire('workflows', 'secret', 'revenue_tracking');
    expectOk(shown);
    expect(shown.stdout).toMatch(/revenue_tracking: webhook secret made 20/);
    expect(shown.stdout).not.toContain(secret);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const delivered = await fetch(`${stack.url}/webhooks/workflows/revenue_tracking`, {
      method: 'POST',
      headers: {
        'x-empire-timestamp': timestamp,
        'x-empire-signature': `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).digest('hex')}`,
        'x-empire-delivery': randomUUID(),
      },
    });
    expect(delivered.status).toBe(202);
    expect(await delivered.json()).toMatchObject({ run: { trigger: 'webhook' } });
    expectOk(await empire('workflows', 'secret', 'revenue_tracking', '--revoke'));
    expect((await empire('workflows', 'secret', 'revenue_tracking')).stdout).toMatch(/has no webhook secret/);
    expect((await empire('workflows', 'secret', 'revenue_tracking', '--rotate', '--revoke')).code).toBe(EXIT.usage);
  });

  it('creates, lists, rotates and revokes API keys', async () => {
    const created = parseJson<{ key: { id: string; prefix: string }; secret: string }>(
      await empire('keys', 'create', 'build server', '--role', 'readonly', '--expires-days', '30', '--json'),
    );
    expect(created.secret).toMatch(/^emp_/);
    const listed = await empire('keys');
    expectOk(listed);
    expect(listed.stdout).toContain(created.key.prefix);
    expect(listed.stdout).not.toContain(created.secret);
    const rotated = await empire('keys', 'rotate', created.key.id, '--grace-hours', '0');
    expectOk(rotated);
    expect(rotated.stdout).toMatch(/shown only now:\n\n {2}emp_/);
    const successor = /(emp_[\w-]+)/.exec(rotated.stdout)?.[1] ?? '';
    const newId = /API key ([0-9a-f-]{36})/.exec(rotated.stdout)?.[1] ?? '';
    expectOk(await empire('keys', 'revoke', newId));
    const all = await empire('keys', '--all', '--json');
    const states = parseJson<{ items: { id: string; state: string }[] }>(all).items;
    expect(states.find((key) => key.id === newId)?.state).toBe('revoked');
    expect(states.find((key) => key.id === created.key.id)?.state).toBe('expired');
    expect(successor).not.toBe(created.secret);
    expect((await empire('keys', 'create', 'x', '--role', 'root')).code).toBe(EXIT.usage);
    expect((await empire('keys', 'revoke', crypto.randomUUID())).code).toBe(EXIT.notFound);
  });

  it('reports over budget with the cap and the deferral id', async () => {
    expectOk(await empire('budget', 'set', 'client:dev-owner', 'day', '0.000001', '--usd'));
    const result = await empire('ask', 'ceo', 'Price the audit');
    expect(result.code).toBe(EXIT.overBudget);
    expect(result.stderr).toMatch(/Over budget/);
    expect(result.stderr).toMatch(/cap: .*0\.000001 USD/);
    expect(result.stderr).toMatch(/deferral: [0-9a-f-]{36}/);
    expectOk(await empire('budget', 'set', 'client:dev-owner', 'day', 'none'));
  });

  it('prints live events from the stream', async () => {
    const tail = empire('tail', '--count', '2', '--json', '--for', '20');
    // The socket must be open before the event it should see.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expectOk(await empire('ask', 'numbers', 'Margin of an audit?'));
    const result = await tail;
    expectOk(result);
    const events = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string });
    expect(events[0]?.type).toBe('hello');
    expect(events).toHaveLength(2);
  });

  it('answers a server that is down with the connection code', async () => {
    const result = await empire('status', '--url', 'http://127.0.0.1:9');
    expect(result.code).toBe(EXIT.connection);
    expect(result.stderr).toMatch(/Cannot reach/);
  });

  it('logs out', async () => {
    expectOk(await empire('logout'));
    expect((await empire('agents')).code).toBe(EXIT.unauthorized);
  });
});
