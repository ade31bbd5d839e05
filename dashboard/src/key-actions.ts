import type { Api } from './api';
import type { ApiKey, Budget, Money, NewApiKey, NewApiKeyRequest, RotatedApiKey } from './types';

/** A key's caps live in the budget ledger under its client's scope, shared across rotations. */
export type KeyCaps = Partial<Record<'day' | 'month', Money>>;

export interface KeyList {
  keys: ApiKey[];
  capsOf(key: ApiKey): KeyCaps;
  /** The owner's budget currency, in which caps are set and shown. */
  currency: string;
  show(amount: Money): string;
}

/**
 * A cap set as 5 EUR is stored as USD micros rounded down and comes back a micro short of 5 EUR;
 * shown rounded to the cent, it reads as the owner set it.
 */
function centsText(micros: number, currency: string): string {
  const cents = Math.round(micros / 10_000);
  return `${currency} ${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

function capsByClient(budget: Budget): Map<string, KeyCaps> {
  const caps = new Map<string, KeyCaps>();
  for (const window of budget.windows) {
    if (!window.cap || !window.scope.startsWith('client:')) continue;
    const clientId = window.scope.slice('client:'.length);
    caps.set(clientId, { ...caps.get(clientId), [window.window]: window.cap });
  }
  return caps;
}

// The key routes, all owner-only; the panel shows what they answer, refusals included.
export function keyActions(api: Api) {
  return {
    async list(): Promise<KeyList> {
      const [{ items }, budget] = await Promise.all([
        api<{ items: ApiKey[] }>('/api/keys?state=all'),
        api<Budget>('/api/budget'),
      ]);
      const caps = capsByClient(budget);
      return {
        keys: items,
        capsOf: (key) => caps.get(key.clientId) ?? {},
        currency: budget.currency,
        show: (cap) => centsText(cap.usdMicros * budget.currencyPerUsd, budget.currency),
      };
    },
    create: (request: NewApiKeyRequest) => api<NewApiKey>('/api/keys', { method: 'POST', body: request }),
    revoke: (id: string) => api<ApiKey>(`/api/keys/${id}`, { method: 'DELETE' }),
    rotate: (id: string, graceSeconds: number) =>
      api<RotatedApiKey>(`/api/keys/${id}/rotate`, { method: 'POST', body: { graceSeconds } }),
  };
}
