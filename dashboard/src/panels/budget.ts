import { fill, h } from '../dom';
import { money, percent } from '../format';
import type { Budget, BudgetWindow } from '../types';

function gauge(window: BudgetWindow | undefined, title: string, budget: Budget): HTMLElement {
  const show = (usdMicros: number) => money(usdMicros, budget.currencyPerUsd, budget.currency);
  if (!window) return h('div', { class: 'gauge' }, h('h3', {}, title), h('p', { class: 'muted' }, 'no spend yet'));
  const cap = window.cap?.usdMicros ?? 0;
  const spentPct = percent(window.spent.usdMicros, cap);
  const reservedPct = Math.min(100 - spentPct, percent(window.reserved.usdMicros, cap));
  const level = spentPct >= 100 ? 'over' : spentPct >= 80 ? 'high' : spentPct >= 50 ? 'mid' : 'ok';
  return h(
    'div',
    { class: `gauge ${level}`, 'data-window': window.window },
    h('h3', {}, title, h('span', { class: 'gauge-pct' }, `${spentPct} %`)),
    h(
      'div',
      {
        class: 'meter',
        role: 'meter',
        'aria-valuemin': 0,
        'aria-valuemax': 100,
        'aria-valuenow': spentPct,
        'aria-label': `${title} spent`,
      },
      h('span', { class: 'spent', style: `width:${spentPct}%` }),
      h('span', { class: 'reserved', style: `width:${reservedPct}%` }),
    ),
    h(
      'dl',
      {},
      h('dt', {}, 'spent'),
      h('dd', { 'data-field': 'spent' }, show(window.spent.usdMicros)),
      h('dt', {}, 'reserved'),
      h('dd', { 'data-field': 'reserved' }, show(window.reserved.usdMicros)),
      h('dt', {}, 'remaining'),
      h('dd', { 'data-field': 'remaining' }, window.remaining ? show(window.remaining.usdMicros) : 'no cap'),
      h('dt', {}, 'cap'),
      h('dd', { 'data-field': 'cap' }, window.cap ? show(window.cap.usdMicros) : 'no cap'),
    ),
  );
}

export function renderBudget(container: HTMLElement, budget: Budget): void {
  const global = (name: 'day' | 'month') =>
    budget.windows.find((window) => window.scope === 'global:*' && window.window === name);
  fill(container, gauge(global('day'), 'Today', budget), gauge(global('month'), 'This month', budget));
}
