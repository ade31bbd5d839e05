import { z } from 'zod';
import type { WorkflowDefinition } from '../../src/workflows/types';
import { workerFetch } from '../helpers/fetch';
import { ownerKey } from '../helpers/keys';

export interface RunAnswer {
  duplicate: boolean;
  resumed: boolean;
  run: { id: string; status: string; trigger: string; input: Record<string, unknown> | null };
}

/** A workflow whose one step answers with the input it was given: what reached the step. */
export const echoWorkflow: WorkflowDefinition = {
  id: 'webhook_echo',
  title: 'Webhook echo',
  cron: '0 0 1 1 *',
  input: z.object({ topic: z.string().min(1).max(40), count: z.number().int().min(1).max(5).optional() }).strict(),
  steps: [{ name: 'echo', run: async (context) => ({ output: { input: context.input, trigger: context.trigger } }) }],
};

/** A workflow that declares no input. */
export const plainWorkflow: WorkflowDefinition = {
  id: 'webhook_plain',
  title: 'Webhook plain',
  cron: '0 0 1 1 *',
  steps: [{ name: 'only', run: async () => ({ output: { ran: true } }) }],
};

export const asOwner = (init: RequestInit = {}, key = ownerKey) => ({
  ...init,
  headers: {
    authorization: `Bearer ${key}`,
    ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    ...init.headers,
  },
});

/** Creates or rotates the workflow's secret as the owner; answers the secret. */
export async function newSecret(workflow: string, body?: { graceSeconds: number }) {
  const response = await workerFetch(
    `/api/workflows/${workflow}/webhook-secret`,
    asOwner({ method: 'POST', body: body ? JSON.stringify(body) : undefined }),
  );
  if (response.status !== 201) throw new Error(`secret not created: ${response.status} ${await response.text()}`);
  return (await response.json()) as { secret: string; createdAt: string; previousValidUntil: string | null };
}

const encoder = new TextEncoder();

/** Signed as a sender would, from the README's recipe: `sha256=` + hex HMAC-SHA256 of `<timestamp>.<body>`. */
export async function sign(secret: string, timestamp: string, body: string) {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`${timestamp}.${body}`)));
  return `sha256=${[...mac].map((byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

export interface Delivery {
  secret: string;
  body?: string;
  delivery?: string;
  /** Unix seconds; now by default. */
  timestamp?: number;
  headers?: Record<string, string>;
}

/** One signed delivery to the workflow's webhook. */
export async function deliver(workflow: string, options: Delivery) {
  const body = options.body ?? '';
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  return workerFetch(`/webhooks/workflows/${workflow}`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-empire-timestamp': timestamp,
      'x-empire-signature': await sign(options.secret, timestamp, body),
      'x-empire-delivery': options.delivery ?? crypto.randomUUID(),
      ...options.headers,
    },
  });
}
