import type { WebhookSecretCreated, WebhookSecretState } from '../api-types.ts';
import { positiveNumber } from '../args.ts';
import { usageError } from '../errors.ts';
import type { Api } from '../http.ts';
import { print, printJson } from '../output.ts';

export interface SecretOptions {
  rotate?: boolean;
  revoke?: boolean;
  graceHours?: string;
  json?: boolean;
}

/** `empire workflows secret <workflow>`: shows, makes or rotates, or revokes the workflow's webhook secret. */
export async function workflowSecret(api: Api, workflow: string, options: SecretOptions): Promise<void> {
  const path = `/api/workflows/${encodeURIComponent(workflow)}/webhook-secret`;
  if (options.rotate && options.revoke) throw usageError('Give --rotate or --revoke, not both');
  if (options.graceHours !== undefined && !options.rotate) throw usageError('--grace-hours goes with --rotate');
  if (options.revoke) {
    const revoked = await api.request<{ workflow: string }>('DELETE', path);
    if (options.json) printJson(revoked);
    else print(`Revoked the webhook secret of ${workflow}: every delivery is refused until a new one is made`);
    return;
  }
  if (options.rotate) {
    const hours = options.graceHours === '0' ? 0 : (positiveNumber(options.graceHours, 'grace-hours') ?? 24);
    const made = await api.request<WebhookSecretCreated>('POST', path, { graceSeconds: Math.round(hours * 3600) });
    if (options.json) printJson(made);
    else {
      print(`Webhook secret of ${workflow}. It is shown only now:\n\n  ${made.secret}\n`);
      if (made.previousValidUntil) print(`The secret it replaced verifies until ${made.previousValidUntil}`);
    }
    return;
  }
  const state = await api.get<WebhookSecretState>(path);
  if (options.json) printJson(state);
  else if (!state.configured) print(`${workflow} has no webhook secret (make one with --rotate)`);
  else {
    print(`${workflow}: webhook secret made ${state.createdAt}`);
    if (state.previousValidUntil) print(`The secret it replaced verifies until ${state.previousValidUntil}`);
  }
}
