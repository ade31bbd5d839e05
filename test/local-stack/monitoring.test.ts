import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const monitoring = join(root, 'local-stack/monitoring');
const configPath = join(monitoring, 'prometheus.yml');
const alertsPath = join(monitoring, 'alerts.yml');
const alertmanagerPath = join(monitoring, 'alertmanager.yml');
const dashboardPath = join(monitoring, 'grafana/dashboards/empire.json');
const tokenPath = '/etc/prometheus/empire-scrape-token';
// biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax, not a template literal.
const datasourceUid = '${datasource}';

/** Every family the Worker's /metrics exposes (src/observability/*-metrics.ts). */
const exposed = new Set([
  'empire_http_requests_total',
  'empire_http_request_duration_seconds',
  'empire_rate_limited_total',
  'empire_budget_spent_micros',
  'empire_budget_reserved_micros',
  'empire_budget_remaining_micros',
  'empire_agent_status',
  'empire_agent_tasks_total',
  'empire_workflow_runs_total',
  'empire_queue_dead_letters_total',
  'empire_audit_pending_entries',
  'empire_audit_pending_age_seconds',
  'empire_llm_calls_total',
  'empire_llm_tokens_total',
  'empire_llm_cost_micros_total',
  'empire_llm_cache_hits_total',
  'empire_swarm_runs',
  'empire_ledger_pending_rows',
  'empire_ledger_pending_micros',
  'empire_ledger_pending_age_seconds',
  'empire_ledger_forward_failures',
  'empire_budget_drift_micros',
  'empire_dependency_down',
  'empire_dependency_outages_total',
  'empire_fallbacks_total',
  'empire_leads',
  'empire_content_items',
  'empire_sales',
  'empire_revenue_micros',
  'empire_conversions',
  'empire_unmatched_sales',
  'empire_segment_conversion_rate',
  'empire_source_conversion_rate',
]);
const histograms = new Set(['empire_http_request_duration_seconds']);

/** The empire_* series an expression selects, with label values and strings removed first. */
function metricNames(expr: string): string[] {
  const bare = expr.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""');
  return [...bare.matchAll(/\bempire_[a-zA-Z0-9_:]*/g)].map((match) => match[0]);
}

function unknownMetrics(expr: string): string[] {
  return metricNames(expr).filter((name) => {
    if (exposed.has(name)) return false;
    const family = name.replace(/_(bucket|sum|count)$/, '');
    return !(family !== name && histograms.has(family));
  });
}

interface Target {
  refId: string;
  expr: string;
}
interface Panel {
  title: string;
  type: string;
  datasource?: { type: string; uid: string };
  targets?: Target[];
}
interface Dashboard {
  schemaVersion: number;
  templating: { list: { name: string; type: string; query: string }[] };
  panels: Panel[];
}
interface RuleFile {
  groups: {
    name: string;
    rules: { alert?: string; record?: string; expr: string; labels?: Record<string, string> }[];
  }[];
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const readYaml = <T>(path: string): T => load(readFileSync(path, 'utf8')) as T;

const dashboard = readJson<Dashboard>(dashboardPath);
const queryPanels = dashboard.panels.filter((panel) => panel.type !== 'row');
const rules = readYaml<RuleFile>(alertsPath);

const work = mkdtempSync(join(tmpdir(), 'empire-monitoring-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs a tool that must be installed (CI installs it in .ci/run): a missing one fails the test. */
function run(tool: string, ...args: string[]): { status: number | null; stdout: string; output: string } {
  const result = spawnSync(tool, args, { encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, output: `${result.stdout}${result.stderr}` };
}

const promtool = (...args: string[]) => run('promtool', ...args);

describe('prometheus', () => {
  it('passes promtool check config, with the token file it references', () => {
    const config = readFileSync(configPath, 'utf8');
    expect(config).toContain(tokenPath);
    // promtool stats the credentials file, which exists only inside the container.
    const token = join(work, 'empire-scrape-token');
    writeFileSync(token, 'scrape-token\n');
    const copy = join(work, 'prometheus.yml');
    writeFileSync(copy, config.replaceAll(tokenPath, token));
    copyFileSync(alertsPath, join(work, 'alerts.yml'));
    const result = promtool('check', 'config', copy);
    expect(result.output).toContain('SUCCESS');
    expect(result.status, result.output).toBe(0);
  });

  it('scrapes /metrics with a bearer token and loads alerts.yml', () => {
    const config = readYaml<{
      rule_files: string[];
      scrape_configs: { metrics_path: string; authorization: { type: string; credentials_file: string } }[];
    }>(configPath);
    expect(config.rule_files).toEqual(['alerts.yml']);
    expect(config.scrape_configs).toHaveLength(1);
    expect(config.scrape_configs[0]).toMatchObject({
      metrics_path: '/metrics',
      authorization: { type: 'Bearer', credentials_file: tokenPath },
    });
  });

  it('passes promtool check rules', () => {
    const result = promtool('check', 'rules', alertsPath);
    expect(result.status, result.output).toBe(0);
  });

  it('alerts only on series the Worker exposes', () => {
    const all = rules.groups.flatMap((group) => group.rules);
    expect(all.map((rule) => rule.alert)).toEqual(
      expect.arrayContaining([
        'EmpireApiErrorRateHigh',
        'EmpireApiLatencyP99High',
        'EmpireDailySpendPastP1',
        'EmpireBudgetNearlyExhausted',
        'EmpireDeadLettersIncreasing',
        'EmpireAgentInError',
        'EmpireBudgetLedgerDrift',
        'EmpireLedgerRowsWaiting',
        'EmpireAuditEntriesWaiting',
        'EmpireDependencyDown',
      ]),
    );
    for (const rule of all) {
      expect(metricNames(rule.expr), rule.alert).not.toHaveLength(0);
      expect(unknownMetrics(rule.expr), rule.alert).toEqual([]);
    }
  });

  it('puts the P1 line at EUR 50 a day in USD micros', () => {
    const p1 = rules.groups.flatMap((group) => group.rules).find((rule) => rule.alert === 'EmpireDailySpendPastP1');
    expect(p1?.expr).toContain('empire_budget_spent_micros{scope="global:*",window="day"}');
    expect(p1?.expr).toContain(`> ${Math.floor((50 / 0.92) * 1e6)}`);
  });
});

describe('alertmanager', () => {
  const alerting = rules.groups.flatMap((group) => group.rules).filter((rule) => rule.alert !== undefined);

  it('passes amtool check-config', () => {
    const result = run('amtool', 'check-config', alertmanagerPath);
    expect(result.output).toContain('SUCCESS');
    expect(result.status, result.output).toBe(0);
  });

  it('gets every alert of alerts.yml from Prometheus', () => {
    const config = readYaml<{ alerting: { alertmanagers: { static_configs: { targets: string[] }[] }[] } }>(configPath);
    expect(config.alerting.alertmanagers[0]?.static_configs[0]?.targets).toEqual(['alertmanager:9093']);
  });

  it('routes each rule by its severity: page to the webhook, warn to e-mail', () => {
    const receiverFor = { page: 'webhook', warn: 'email' } as const;
    for (const rule of alerting) {
      const severity = rule.labels?.severity;
      expect(Object.keys(receiverFor), rule.alert).toContain(severity);
      const result = run(
        'amtool',
        'config',
        'routes',
        'test',
        `--config.file=${alertmanagerPath}`,
        `alertname=${rule.alert}`,
        `severity=${severity}`,
      );
      expect(result.status, result.output).toBe(0);
      expect(result.stdout.trim(), rule.alert).toBe(receiverFor[severity as keyof typeof receiverFor]);
    }
  });
});

describe('grafana dashboard', () => {
  it('is schema 39 and queries Prometheus through the datasource variable', () => {
    expect(dashboard.schemaVersion).toBe(39);
    expect(dashboard.templating.list).toContainEqual(
      expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' }),
    );
    for (const panel of queryPanels) {
      expect(panel.datasource, panel.title).toEqual({ type: 'prometheus', uid: datasourceUid });
    }
  });

  it('has the required panels', () => {
    const titles = queryPanels.map((panel) => panel.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'API latency',
        'API error rate',
        'LLM spend per day by model',
        'Budget remaining',
        'Swarm throughput',
        'Swarm runs by status',
        'Queue dead letters',
        'Agent status',
      ]),
    );
    const exprs = (title: string) =>
      (queryPanels.find((panel) => panel.title === title)?.targets ?? []).map((target) => target.expr).join('\n');
    expect(exprs('API latency')).toContain('histogram_quantile(0.5,');
    expect(exprs('API latency')).toContain('histogram_quantile(0.99,');
    expect(exprs('LLM spend per day by model')).toContain('increase(empire_llm_cost_micros_total[1d])');
    expect(exprs('Budget remaining')).toContain('window="day"');
    expect(exprs('Budget remaining')).toContain('window="month"');
  });

  it('queries only series the Worker exposes', () => {
    for (const panel of queryPanels) {
      expect(panel.targets ?? [], panel.title).not.toHaveLength(0);
      for (const target of panel.targets ?? []) {
        expect(metricNames(target.expr), `${panel.title} ${target.refId}`).not.toHaveLength(0);
        expect(unknownMetrics(target.expr), `${panel.title} ${target.refId}`).toEqual([]);
      }
    }
  });

  it('has PromQL that parses', () => {
    // promtool has no offline query parser, but check rules parses every recording rule's expression.
    const recorded = queryPanels.flatMap((panel, index) =>
      (panel.targets ?? []).map((target) => ({
        record: `dashboard:panel_${index}_${target.refId}`,
        expr: target.expr.replaceAll('$__rate_interval', '2m').replaceAll('$__range', '1h'),
      })),
    );
    const file = join(work, 'dashboard-rules.yml');
    writeFileSync(file, JSON.stringify({ groups: [{ name: 'dashboard', rules: recorded }] }));
    const result = promtool('check', 'rules', file);
    expect(result.status, result.output).toBe(0);
  });

  it('is provisioned with the Prometheus datasource', () => {
    const provisioning = join(monitoring, 'grafana/provisioning');
    const datasources = readYaml<{ datasources: { uid: string; type: string; url: string }[] }>(
      join(provisioning, 'datasources/prometheus.yml'),
    );
    expect(datasources.datasources).toContainEqual(
      expect.objectContaining({ type: 'prometheus', url: 'http://prometheus:9090' }),
    );
    const providers = readYaml<{ providers: { options: { path: string } }[] }>(
      join(provisioning, 'dashboards/empire.yml'),
    );
    expect(providers.providers[0]?.options.path).toBe('/etc/grafana/dashboards');
  });
});

describe('compose', () => {
  interface Service {
    image: string;
    volumes: (string | { source: string; target: string })[];
    healthcheck: { test: string[] };
    deploy: { resources: { limits: { cpus: string; memory: string } } };
  }
  const compose = readYaml<{ services: Record<string, Service> }>(join(root, 'local-stack/compose.yaml'));

  it.each([
    ['prometheus', 'prom/prometheus', '/-/healthy'],
    ['alertmanager', 'prom/alertmanager', '/-/healthy'],
    ['grafana', 'grafana/grafana', '/api/health'],
  ])('runs %s with limits, a healthcheck and mounts that exist', (name, image, health) => {
    const service = compose.services[name];
    expect(service?.image).toMatch(new RegExp(`^${image}:`));
    expect(service?.healthcheck.test.join(' ')).toContain(health);
    expect(service?.deploy.resources.limits).toEqual({ cpus: expect.any(String), memory: expect.any(String) });
    const sources = (service?.volumes ?? [])
      .map((volume) => (typeof volume === 'string' ? (volume.split(':')[0] ?? '') : volume.source))
      .filter((source) => source.startsWith('./'));
    expect(sources).not.toHaveLength(0);
    for (const source of sources) expect(existsSync(join(root, 'local-stack', source)), source).toBe(true);
  });

  it('mounts the token where prometheus.yml reads it', () => {
    const volumes = compose.services.prometheus?.volumes ?? [];
    expect(volumes).toContainEqual(expect.objectContaining({ target: tokenPath }));
  });
});
