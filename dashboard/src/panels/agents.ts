import { fill, h } from '../dom';
import { money } from '../format';
import type { Brain } from '../types';

export function renderAgents(container: HTMLElement, brains: Brain[], currency: { rate: number; code: string }): void {
  fill(
    container,
    ...brains.map((brain) =>
      h(
        'article',
        { class: 'agent', 'data-agent': brain.id, 'data-status': brain.status },
        h('header', {}, h('strong', {}, brain.alias), h('span', { class: `pill ${brain.status}` }, brain.status)),
        h('p', { class: 'muted' }, `${brain.name} · ${brain.role}`),
        h(
          'p',
          { class: 'task' },
          brain.currentTask ? brain.currentTask.summary : brain.lastError ? `error: ${brain.lastError}` : 'no task',
        ),
        h(
          'p',
          { class: 'muted small' },
          `${brain.counters.tasks} tasks · ${money(brain.counters.costMicros, currency.rate, currency.code)}`,
        ),
      ),
    ),
  );
}

/** A live status event changes one card without a refetch. */
export function applyAgentStatus(brains: Brain[], event: Record<string, unknown>): boolean {
  const brain = brains.find((candidate) => candidate.id === event.agent);
  if (!brain || typeof event.status !== 'string') return false;
  brain.status = event.status as Brain['status'];
  brain.currentTask = (event.currentTask as Brain['currentTask']) ?? null;
  return true;
}
