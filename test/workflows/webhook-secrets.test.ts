import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { pause } from '../../src/lib/pause';
import { app } from '../../workers/app';
import { type ErrorShape, workerFetch } from '../helpers/fetch';
import { createKey } from '../helpers/keys';
import { installWorkflows } from './helpers';
import { asOwner, deliver, echoWorkflow, newSecret, sign } from './webhook-helpers';

/** A request through the app with other Worker settings than the test run's. */
async function withEnv(path: string, overrides: Record<string, unknown>, init: RequestInit) {
  const ctx = createExecutionContext();
  const response = await app.request(path, init, { ...env, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

const secretPath = '/api/workflows/webhook_echo/webhook-secret';
const body = (topic: string) => JSON.stringify({ input: { topic } });

interface SecretState {
  workflow: string;
  configured: boolean;
  createdAt: string | null;
  previousValidUntil: string | null;
}

const state = async () => (await (await workerFetch(secretPath, asOwner())).json()) as SecretState;

describe('happy', () => {
  it('shows whether a secret exists and when it was made, never the secret', async () => {
    installWorkflows([echoWorkflow]);
    expect(await state()).toEqual({
      workflow: 'webhook_echo',
      configured: false,
      createdAt: null,
      previousValidUntil: null,
    });
    const created = await newSecret('webhook_echo');
    expect(created.secret).toMatch(/^emp_wh_[A-Za-z0-9_-]{43}$/);
    const response = await workerFetch(secretPath, asOwner());
    const text = await response.text();
    expect(text).not.toContain(created.secret);
    expect(JSON.parse(text)).toEqual({
      workflow: 'webhook_echo',
      configured: true,
      createdAt: created.createdAt,
      previousValidUntil: null,
    });
  });

  it('after a rotation the old secret verifies during its grace, and not after it', async () => {
    installWorkflows([echoWorkflow]);
    const old = await newSecret('webhook_echo');
    const rotatedAt = Date.now();
    const rotated = await newSecret('webhook_echo', { graceSeconds: 2 });
    expect(Date.parse(rotated.previousValidUntil ?? '')).toBeGreaterThanOrEqual(rotatedAt + 2_000);
    expect((await state()).previousValidUntil).toBe(rotated.previousValidUntil);
    expect((await deliver('webhook_echo', { secret: old.secret, body: body('old in grace') })).status).toBe(202);
    expect((await deliver('webhook_echo', { secret: rotated.secret, body: body('new') })).status).toBe(202);
    await pause(Math.max(0, Date.parse(rotated.previousValidUntil ?? '') - Date.now()) + 50);
    const late = await deliver('webhook_echo', { secret: old.secret, body: body('old after grace') });
    expect(late.status).toBe(401);
    expect((await deliver('webhook_echo', { secret: rotated.secret, body: body('new again') })).status).toBe(202);
    expect((await state()).previousValidUntil).toBeNull();
  });

  it('a rotation with no grace, or a second rotation, ends the replaced secret at once', async () => {
    installWorkflows([echoWorkflow]);
    const first = await newSecret('webhook_echo');
    const second = await newSecret('webhook_echo', { graceSeconds: 0 });
    expect(second.previousValidUntil).toBeNull();
    expect((await deliver('webhook_echo', { secret: first.secret, body: body('a') })).status).toBe(401);
    const third = await newSecret('webhook_echo');
    const fourth = await newSecret('webhook_echo');
    expect((await deliver('webhook_echo', { secret: second.secret, body: body('b') })).status).toBe(401);
    expect((await deliver('webhook_echo', { secret: third.secret, body: body('c') })).status).toBe(202);
    expect((await deliver('webhook_echo', { secret: fourth.secret, body: body('d') })).status).toBe(202);
  });

  it('a revoked secret, and the one it replaced, stop at once', async () => {
    installWorkflows([echoWorkflow]);
    const old = await newSecret('webhook_echo');
    const current = await newSecret('webhook_echo');
    const revoked = await workerFetch(secretPath, asOwner({ method: 'DELETE' }));
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toEqual({ workflow: 'webhook_echo', revoked: true });
    for (const secret of [old.secret, current.secret]) {
      const refused = await deliver('webhook_echo', { secret, body: body('after revoke') });
      expect(refused.status).toBe(404);
    }
    const again = await workerFetch(secretPath, asOwner({ method: 'DELETE' }));
    expect(again.status).toBe(404);
  });
});

describe('errors', () => {
  it('refuses an unknown workflow and a grace it cannot honour', async () => {
    const unknown = await workerFetch('/api/workflows/no_such_flow/webhook-secret', asOwner({ method: 'POST' }));
    expect(unknown.status).toBe(404);
    installWorkflows([echoWorkflow]);
    for (const grace of [-1, 8 * 86_400, 1.5, '60']) {
      const refused = await workerFetch(
        secretPath,
        asOwner({ method: 'POST', body: JSON.stringify({ graceSeconds: grace }) }),
      );
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as ErrorShape).error.details).toEqual([
        { path: 'graceSeconds', message: expect.any(String) },
      ]);
    }
    const extra = await workerFetch(secretPath, asOwner({ method: 'POST', body: JSON.stringify({ grace: 5 }) }));
    expect(extra.status).toBe(400);
  });

  it('turns workflow webhooks off without WORKFLOW_WEBHOOK_KEY, naming it', async () => {
    installWorkflows([echoWorkflow]);
    const create = await withEnv(secretPath, { WORKFLOW_WEBHOOK_KEY: '' }, asOwner({ method: 'POST' }));
    expect(create.status).toBe(503);
    expect(((await create.json()) as ErrorShape).error.message).toMatch(/WORKFLOW_WEBHOOK_KEY/);
    const hook = await withEnv('/webhooks/workflows/webhook_echo', { WORKFLOW_WEBHOOK_KEY: '' }, { method: 'POST' });
    expect(hook.status).toBe(404);
    expect(((await hook.json()) as ErrorShape).error.message).toMatch(/WORKFLOW_WEBHOOK_KEY/);
  });

  it('cannot open a stored secret with another key: the database alone does not sign', async () => {
    installWorkflows([echoWorkflow]);
    const { secret } = await newSecret('webhook_echo');
    const body = JSON.stringify({ input: { topic: 'other key' } });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const refused = await withEnv(
      '/webhooks/workflows/webhook_echo',
      { WORKFLOW_WEBHOOK_KEY: 'another-sealing-key-of-at-least-32-characters' },
      {
        method: 'POST',
        body,
        headers: {
          'x-empire-timestamp': timestamp,
          'x-empire-signature': await sign(secret, timestamp, body),
          'x-empire-delivery': crypto.randomUUID(),
        },
      },
    );
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as ErrorShape).error.message).toMatch(/sealed with another WORKFLOW_WEBHOOK_KEY/);
  });
});

describe('security', () => {
  it('only the owner may see, make or revoke a secret', async () => {
    installWorkflows([echoWorkflow]);
    for (const role of ['operator', 'readonly'] as const) {
      const key = await createKey(role);
      for (const method of ['GET', 'POST', 'DELETE']) {
        const response = await workerFetch(secretPath, asOwner({ method }, key));
        expect(response.status).toBe(403);
      }
    }
    const anonymous = await workerFetch(secretPath, { method: 'POST' });
    expect(anonymous.status).toBe(401);
  });
});
