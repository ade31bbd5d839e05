import { z } from 'zod';

export const scopeKinds = ['global', 'agent', 'task', 'run', 'client'] as const;
export type ScopeKind = (typeof scopeKinds)[number];

/** One budget scope: the whole business (`global:*`) or one agent, task, swarm run or API client. */
export interface Scope {
  kind: ScopeKind;
  id: string;
}

/** The scopes a call is charged to, besides the global one. */
export const callScopesSchema = z.object({
  agent: z.string().min(1).max(64).optional(),
  task: z.string().min(1).max(64).optional(),
  run: z.string().min(1).max(64).optional(),
  client: z.string().min(1).max(64).optional(),
});
export type CallScopes = z.infer<typeof callScopesSchema>;

export const GLOBAL_SCOPE: Scope = { kind: 'global', id: '*' };

export function scopesOf(call: CallScopes): Scope[] {
  const scopes: Scope[] = [GLOBAL_SCOPE];
  for (const kind of ['agent', 'task', 'run', 'client'] as const) {
    const id = call[kind];
    if (id) scopes.push({ kind, id });
  }
  return scopes;
}

export const scopeLabel = (scope: Scope) => `${scope.kind}:${scope.id}`;

/** The scope a label (`kind:id`) names. */
export const parseLabel = (label: string): Scope => {
  const at = label.indexOf(':');
  return { kind: label.slice(0, at) as Scope['kind'], id: label.slice(at + 1) };
};

/** A stable key for a set of scopes: calls with the same key share one budget lease. */
export const scopeSetKey = (scopes: Scope[]) => scopes.map(scopeLabel).sort().join('|');
