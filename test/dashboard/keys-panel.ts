// The API keys panel, driven in the browser of dashboard.spec.ts against its stack (one stack for
// the whole file keeps the suite's time): every step the page takes is proven against the API.
import { randomUUID } from 'node:crypto';
import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, pageProblems, shot } from './browser.ts';
import type { DashboardStack } from './stack.ts';

const text = async (place: Page | Locator, selector: string) =>
  (await place.locator(selector).first().textContent()) ?? '';

export function keysPanelTests(get: () => { stack: DashboardStack; browser: Browser }): void {
  /** The status of GET /api/brains with this key: 200 while it works, 401 once it does not. */
  const statusWith = async (key: string) => {
    const response = await fetch(`${get().stack.url}/api/brains`, { headers: { authorization: `Bearer ${key}` } });
    await response.text();
    return response.status;
  };

  describe('keys panel', () => {
    it('creates a key and shows its secret once, rotates it and revokes it, each step proven on the API', async () => {
      const { stack, browser } = get();
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const problems = pageProblems(page);
      await logIn(page, stack.url, stack.ownerKey);
      const form = page.locator('#key-create form');
      await form.waitFor({ timeout: 15_000 });
      const rowOf = (secret: string) => page.locator('#keys tr[data-key]').filter({ hasText: secret.slice(0, 12) });
      const secretBox = page.locator('#key-secret');
      const secretField = secretBox.locator('[data-field="secret"]');
      const status = () => text(page, '#key-status');

      // A model the catalogue lacks: the API refuses it by name and the page marks that field.
      const name = `browser-${randomUUID().slice(0, 8)}`;
      await form.locator('[name="name"]').fill(name);
      await form.locator('[name="role"]').selectOption('operator');
      await form.locator('[name="day"]').fill('5');
      await form.locator('[name="models"]').fill('ollama/llama3.2, nobody/nothing');
      await form.getByRole('button', { name: 'Create key' }).click();
      await expect
        .poll(() => text(form, '.form-message'))
        .toMatch(/models\[1\]: nobody\/nothing is not in the catalogue/);
      expect(await form.locator('[name="models"]').getAttribute('aria-invalid')).toBe('true');
      expect(await secretBox.isVisible()).toBe(false);

      await form.locator('[name="models"]').fill('ollama/llama3.2');
      await form.getByRole('button', { name: 'Create key' }).click();
      await secretField.waitFor();
      expect(await text(page, '#key-secret')).toContain('Shown only now.');
      const secret = await secretField.inputValue();
      expect(secret).toMatch(/^emp_/);
      await expect.poll(() => rowOf(secret).getAttribute('data-state')).toBe('active');
      const created = rowOf(secret);
      expect(await text(created, '[data-field="name"]')).toBe(name);
      expect(await text(created, '[data-field="role"]')).toBe('operator');
      expect(await text(created, '[data-field="caps"]')).toBe('EUR 5.00/day');
      expect(await text(created, '[data-field="models"]')).toBe('ollama/llama3.2');
      expect(await statusWith(secret)).toBe(200);
      await shot(page, 'keys-created');

      // Once hidden, the secret is nowhere in the page: not in the markup, not in the tab's storage.
      await secretBox.getByRole('button', { name: 'I saved it, hide' }).click();
      expect(await secretBox.isVisible()).toBe(false);
      expect(await page.content()).not.toContain(secret);
      expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }))).not.toContain(secret);

      await created.getByRole('button', { name: 'Rotate' }).click();
      await page.locator('#key-change [name="graceHours"]').fill('1');
      await page.locator('#key-change').getByRole('button', { name: 'Rotate key' }).click();
      await expect.poll(() => status()).toMatch(/^Rotated /);
      const rotated = await secretField.inputValue();
      expect(rotated).toMatch(/^emp_/);
      expect(rotated).not.toBe(secret);
      await expect.poll(() => rowOf(secret).getAttribute('data-state')).toBe('rotated');
      await expect.poll(() => rowOf(rotated).getAttribute('data-state')).toBe('active');
      // The old secret lasts its grace period beside the new one.
      expect(await statusWith(rotated)).toBe(200);
      expect(await statusWith(secret)).toBe(200);
      await secretBox.getByRole('button', { name: 'I saved it, hide' }).click();

      // Revoking asks first: nothing changes until the second click.
      await rowOf(rotated).getByRole('button', { name: 'Revoke' }).click();
      expect(await text(page, '#key-change')).toContain('cannot be undone');
      expect(await statusWith(rotated)).toBe(200);
      // A request that never reaches the API says so, and the list can be fetched again.
      await context.setOffline(true);
      await page.locator('#key-change').getByRole('button', { name: 'Yes, revoke' }).click();
      await expect.poll(() => status()).toMatch(/^Could not reach the API: /);
      await expect.poll(() => text(page, '#keys')).toMatch(/^Could not load the keys: Could not reach the API: /);
      await context.setOffline(false);
      await page.locator('#keys').getByRole('button', { name: 'Try again' }).click();
      await expect.poll(() => rowOf(rotated).getAttribute('data-state')).toBe('active');
      expect(await statusWith(rotated)).toBe(200);

      await rowOf(rotated).getByRole('button', { name: 'Revoke' }).click();
      await page.locator('#key-change').getByRole('button', { name: 'Yes, revoke' }).click();
      await expect.poll(() => status()).toMatch(/^Revoked /);
      await expect.poll(() => rowOf(rotated).getAttribute('data-state')).toBe('revoked');
      expect(await rowOf(rotated).getByRole('button').count()).toBe(0);
      await expect.poll(() => statusWith(rotated), { timeout: 40_000, interval: 1_000 }).toBe(401);
      // The browser logs the refused create and the offline requests as failed loads; nothing else.
      const expected = /status of 400|ERR_INTERNET_DISCONNECTED|WebSocket/;
      expect(problems.filter((line) => !expected.test(line))).toEqual([]);
      await context.close();
    }, 90_000);

    it('is hidden from a readonly login; a refusal the page did not expect shows in the panel', async () => {
      const { stack, browser } = get();
      const response = await fetch(`${stack.url}/api/keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.ownerKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'browser readonly', role: 'readonly' }),
      });
      expect(response.status).toBe(201);
      const { secret } = (await response.json()) as { secret: string };
      const context = await browser.newContext();
      const page = await context.newPage();
      const keyRequests: string[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname.startsWith('/api/keys')) keyRequests.push(request.url());
      });
      await logIn(page, stack.url, secret);
      await expect.poll(() => page.locator('.agent').count(), { timeout: 15_000 }).toBe(7);
      expect(await page.locator('#keys-card').isVisible()).toBe(false);
      expect(keyRequests).toEqual([]);

      // A page that takes itself for the owner's (its role changed since login) meets the API's 403
      // in the panel, and the session goes on.
      await page.evaluate(() => {
        const session = JSON.parse(sessionStorage.getItem('empire.session') ?? '{}') as { role?: string };
        sessionStorage.setItem('empire.session', JSON.stringify({ ...session, role: 'owner' }));
      });
      await page.reload();
      await expect
        .poll(() => text(page, '#keys'), { timeout: 15_000 })
        .toMatch(/^Could not load the keys: Only the owner manages API keys: This needs the owner role/);
      expect(await page.locator('#app').isVisible()).toBe(true);
      expect(await page.locator('#key-create form').count()).toBe(0);
      await context.close();
    }, 60_000);
  });
}
