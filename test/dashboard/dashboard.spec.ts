import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, logIn, pageProblems, shot } from './browser.ts';
import { keysPanelTests } from './keys-panel.ts';
import { type DashboardStack, startDashboardStack } from './stack.ts';

let stack: DashboardStack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startDashboardStack(), launchChromium()]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
}, 60_000);

const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent()) ?? '';

describe('happy', () => {
  it('logs in, shows the agents, runs a task to 100 %, shows the spend move, logs out', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = pageProblems(page);

    // A browser opening the root lands on the dashboard; API clients keep the JSON root.
    await page.goto(`${stack.url}/`);
    expect(new URL(page.url()).pathname).toBe('/dashboard/');
    await expect.poll(() => page.locator('#login').isVisible()).toBe(true);
    await shot(page, 'login');

    await logIn(page, stack.url, stack.ownerKey);
    await expect.poll(() => page.locator('.agent').count(), { timeout: 15_000 }).toBe(7);
    await expect.poll(() => text(page, '#live'), { timeout: 15_000 }).toBe('live');
    expect(await text(page, '[data-agent="ceo"]')).toContain('idle');
    await expect.poll(() => page.locator('#start select option').count()).toBeGreaterThan(0);

    // An agent's work, started elsewhere (the CLI, Telegram), shows on its card from the stream.
    const asked = await fetch(`${stack.url}/api/action`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.ownerKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'ask', agent: 'drive', input: 'What should I focus on today?' }),
    });
    expect(asked.status).toBe(202);
    await expect.poll(() => text(page, '[data-agent="drive"]'), { timeout: 30_000 }).toMatch(/1 tasks/);
    await expect.poll(() => page.locator('#workflows tr[data-workflow]').count(), { timeout: 15_000 }).toBe(9);
    const spendBefore = await text(page, '[data-field="spend-total"]');
    const daySpentBefore = await text(page, '[data-window="day"] [data-field="spent"]');
    await shot(page, 'overview-before-run');

    // A region no earlier run used, so the router's response cache cannot answer for free.
    await page.locator('#start select').selectOption('bma_services');
    await page.locator('#start input[name="inputs"]').fill(JSON.stringify({ region: `Tyrol-${randomUUID()}` }));
    await page.getByRole('button', { name: 'Start task' }).click();
    await expect.poll(() => text(page, '#start .form-message')).toMatch(/^Started bma_services/);
    const run = page.locator('li.run').first();
    const runId = await run.getAttribute('data-run-id');
    expect(runId).toMatch(/^[0-9a-f-]{36}$/);

    // The bar moves on swarm.progress events from /ws, with no reload in between.
    const bar = page.locator(`li.run[data-run-id="${runId}"] [role="progressbar"]`);
    await expect.poll(() => bar.getAttribute('aria-valuenow'), { timeout: 60_000 }).toBe('100');
    expect(await text(page, `li.run[data-run-id="${runId}"]`)).toMatch(/3\/3 done · 0 failed/);
    await expect
      .poll(() => text(page, '[data-window="day"] [data-field="spent"]'), { timeout: 20_000 })
      .not.toBe(daySpentBefore);
    await expect.poll(() => text(page, '[data-field="spend-total"]'), { timeout: 20_000 }).not.toBe(spendBefore);
    expect(await page.locator('.breakdown li').count()).toBeGreaterThan(0);
    await shot(page, 'overview-after-run');

    await page.getByRole('button', { name: 'Log out' }).click();
    await expect.poll(() => page.locator('#login').isVisible()).toBe(true);
    expect(await text(page, '#login-message')).toBe('Logged out.');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await shot(page, 'logged-out');
    expect(problems).toEqual([]);
    await context.close();
  }, 150_000);

  it('approves drafts from the page, one with its button and two ticked together', async () => {
    const call = async (path: string, init: { method?: string; body?: unknown } = {}) => {
      const response = await fetch(`${stack.url}${path}`, {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${stack.ownerKey}`, 'content-type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      return (await response.json()) as Record<string, unknown>;
    };
    const idea = (await call('/api/content/ideas', {
      method: 'POST',
      body: {
        topic: `Dashboard approvals ${randomUUID()}`,
        variants: { linkedin: { text: 'One.' }, blog: { title: 'Two', markdown: 'Two' }, x: { text: 'Three.' } },
      },
    })) as { items: { id: string; channel: string }[] };
    const idOf = (channel: string) => idea.items.find((item) => item.channel === channel)?.id ?? '';
    const [linkedin, blog, x] = [idOf('linkedin'), idOf('blog'), idOf('x')];
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = pageProblems(page);
    await logIn(page, stack.url, stack.ownerKey);
    const draft = (id: string) => page.locator(`li[data-draft="${id}"]`);
    await expect.poll(() => draft(linkedin).count(), { timeout: 15_000 }).toBe(1);

    await draft(linkedin).getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => text(page, '#content .form-message')).toMatch(/^1 of 1 approved: linkedin scheduled for /);
    expect(await draft(linkedin).count()).toBe(0);

    await draft(blog).locator('input[name="draft"]').check();
    await draft(x).locator('input[name="draft"]').check();
    await page.getByRole('button', { name: 'Approve selected' }).click();
    await expect
      .poll(() => text(page, '#content .form-message'))
      .toMatch(/^2 of 2 approved: blog scheduled for .*; x scheduled for /);
    const message = await text(page, '#content .form-message');
    for (const id of [linkedin, blog, x]) {
      const item = (await call(`/api/content/items/${id}`)) as { status: string; scheduledAt: string };
      expect(item.status).toBe('scheduled');
      // The page shows the slot each item took, as the API answered it.
      if (id !== linkedin) expect(message).toContain(`${item.scheduledAt.slice(0, 16).replace('T', ' ')} UTC`);
    }
    // Nothing of this stack went out live, so the engagement table says there is nothing yet.
    expect(await text(page, '#engagement')).toMatch(/^Nothing read back yet/);
    await shot(page, 'drafts-approved');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('runs a workflow with the input typed beside its Run button, and shows why an input is refused', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logIn(page, stack.url, stack.ownerKey);
    const row = page.locator('#workflows tr[data-workflow="lead_research"]');
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    // Only workflows that declare an input get the field.
    expect(await page.locator('#workflows tr[data-workflow="backup"] input').count()).toBe(0);
    const message = () => text(page, '#workflows .form-message');
    await row.getByLabel('Input for lead_research').fill('{"regions":"DACH"}');
    await row.getByRole('button', { name: 'Run' }).click();
    await expect.poll(message).toMatch(/input\.regions/);
    await row.getByLabel('Input for lead_research').fill('{"regions":["Tyrol"]}');
    await row.getByRole('button', { name: 'Run' }).click();
    await expect.poll(message).toMatch(/^Started lead_research: run [0-9a-f]{8}/);
    const runs = await fetch(`${stack.url}/api/workflows/lead_research/runs?limit=5`, {
      headers: { authorization: `Bearer ${stack.ownerKey}` },
    });
    const [latest] = ((await runs.json()) as { runs: { trigger: string; input: unknown }[] }).runs;
    expect(latest).toMatchObject({ trigger: 'manual', input: { regions: ['Tyrol'] } });
    await context.close();
  }, 60_000);

  it('fits a phone screen: one column, no sideways scrolling', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const problems = pageProblems(page);
    await logIn(page, stack.url, stack.ownerKey);
    await expect.poll(() => page.locator('.agent').count(), { timeout: 15_000 }).toBe(7);
    await expect.poll(() => page.locator('li.run').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('#workflows tr[data-workflow]').count(), { timeout: 15_000 }).toBe(9);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'phone');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});

keysPanelTests(() => ({ stack, browser }));

describe('live stream', () => {
  it('reconnects by itself after the socket drops, and refetches what it may have missed', async () => {
    const context = await browser.newContext();
    // Keeps a handle on each socket the page opens, so the test can cut one as a network drop would.
    await context.addInitScript(() => {
      const Native = window.WebSocket;
      const opened: WebSocket[] = [];
      Object.assign(window, { openedSockets: opened });
      window.WebSocket = class extends Native {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols);
          opened.push(this);
        }
      };
    });
    const page = await context.newPage();
    const problems = pageProblems(page);
    await logIn(page, stack.url, stack.ownerKey);
    await expect.poll(() => text(page, '#live'), { timeout: 15_000 }).toBe('live');
    const sockets = () =>
      page.evaluate(() => (window as unknown as { openedSockets: WebSocket[] }).openedSockets.length);
    expect(await sockets()).toBe(1);
    const refetched = page.waitForRequest((request) => request.url().endsWith('/api/brains'), { timeout: 15_000 });
    await page.evaluate(() =>
      (window as unknown as { openedSockets: WebSocket[] }).openedSockets[0]?.close(4000, 'cut'),
    );
    await expect.poll(() => text(page, '#live')).not.toBe('live');
    await expect.poll(() => text(page, '#live'), { timeout: 15_000 }).toBe('live');
    expect(await sockets()).toBe(2);
    await refetched;
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});

describe('routing under wrangler dev', () => {
  it('serves the static build with its CSP, and leaves every API path to the Worker', async () => {
    const page = await fetch(`${stack.url}/dashboard/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(await page.text()).not.toMatch(/<script>|<script type="module">/);
    const redirect = await fetch(`${stack.url}/dashboard`, { redirect: 'manual' });
    expect([301, 307, 308]).toContain(redirect.status);
    for (const path of ['/api/nope', '/v1/nope', '/dashboard/nope.js', '/metrics-nope']) {
      const response = await fetch(`${stack.url}${path}`, { headers: { Accept: 'text/html' } });
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code, path).toBe('not_found');
    }
    const root = await fetch(`${stack.url}/`, { headers: { Accept: 'application/json' } });
    expect(((await root.json()) as { name: string }).name).toBe('AI Empire');
  });
});

describe('errors', () => {
  it('refuses a wrong key with the API message, and sends a dead token back to the login', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${stack.url}/dashboard/`);
    await page.locator('#api-key').fill('emp_not_a_real_key_000000000000');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => text(page, '#login-message')).toBe('The API key is not valid');
    expect(await page.locator('#app').isVisible()).toBe(false);

    // A token the server does not accept (forged, revoked or signed with a retired key).
    await page.evaluate(() =>
      sessionStorage.setItem(
        'empire.session',
        JSON.stringify({ token: 'eyJhbGciOiJIUzI1NiJ9.e30.bad', expiresAt: '2999-01-01T00:00:00Z', role: 'owner' }),
      ),
    );
    await page.reload();
    await expect.poll(() => page.locator('#login').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await text(page, '#login-message')).toMatch(/^Signed out: The token is not valid/);

    // A token past its expiry never leaves the browser.
    await page.evaluate(() =>
      sessionStorage.setItem(
        'empire.session',
        JSON.stringify({ token: 'a.b.c', expiresAt: '2000-01-01T00:00:00Z', role: 'owner' }),
      ),
    );
    await page.reload();
    await expect.poll(() => text(page, '#login-message')).toBe('Your session expired. Log in again.');
    await shot(page, 'session-expired');
    await context.close();
  }, 60_000);
});
