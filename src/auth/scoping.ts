import type { Role } from './api-keys';

/**
 * Who may see what (the README's scoping table). Per client: actions, deferred calls and swarm
 * runs a client started, and its budget scope and spend; the owner sees every client's, a
 * non-owner only its own, and another client's object is "not found" to it. Business-wide:
 * agents, workflows, leads and other personal data, for the owner and operators; readonly
 * keys see aggregates (budget, spend, revenue totals, health, metrics). What cron, webhooks or
 * Telegram start belongs to the owner.
 */
export interface Viewer {
  role: Role;
  clientId: string;
}

/** Whether `viewer` may see an object `ownerClientId` started; system objects are the owner's. */
export function mayView(viewer: Viewer, ownerClientId: string | null | undefined): boolean {
  return viewer.role === 'owner' || (ownerClientId !== null && ownerClientId === viewer.clientId);
}

/** The roles that read business-wide records (agents, workflows, leads): never readonly. */
export const businessReaders = ['owner', 'operator'] as const satisfies readonly Role[];

export type LiveEvent = { type: string; [field: string]: unknown };

/** Events about agents' work, for the owner and operators only. */
const BUSINESS_EVENTS = new Set(['agent.status', 'agent.snapshot']);
/** Budget figures and counts, which every role may see (other clients' lines cut out). */
const AGGREGATE_EVENTS = new Set(['hello', 'budget.changed', 'budget.alert', 'budget.spend', 'spend.recorded']);

/** Budget lines of other clients' scopes are theirs; every other line is business-wide. */
export function mayViewScope(viewer: Viewer, scope: string): boolean {
  return !scope.startsWith('client:') || mayView(viewer, scope.slice('client:'.length));
}

export function visibleBudget<T extends { windows: { scope: string }[]; alerts?: { scope: string }[] }>(
  viewer: Viewer,
  budget: T,
): T {
  if (viewer.role === 'owner') return budget;
  return {
    ...budget,
    windows: budget.windows.filter((line) => mayViewScope(viewer, line.scope)),
    ...(budget.alerts ? { alerts: budget.alerts.filter((alert) => mayViewScope(viewer, alert.scope)) } : {}),
  };
}

/**
 * The form of a live event `viewer` may receive, or undefined. Events that carry a `client` go
 * to that client and the owner.
 */
export function eventFor(viewer: Viewer, event: LiveEvent): LiveEvent | undefined {
  if (viewer.role === 'owner') return event;
  if ('client' in event) return mayView(viewer, event.client as string | null) ? event : undefined;
  if (event.type === 'budget.alert') {
    const scope = (event.alert as { scope?: { kind: string; id: string } } | undefined)?.scope;
    return scope && !mayViewScope(viewer, `${scope.kind}:${scope.id}`) ? undefined : event;
  }
  if (event.type === 'budget.changed' && event.budget && typeof event.budget === 'object') {
    return { ...event, budget: visibleBudget(viewer, event.budget as { windows: { scope: string }[] }) };
  }
  if (AGGREGATE_EVENTS.has(event.type)) return event;
  if (BUSINESS_EVENTS.has(event.type)) return viewer.role === 'operator' ? event : undefined;
  return undefined;
}
