import { fill, h } from '../dom';
import { ago, shortTime } from '../format';
import type { KeyCaps, KeyList } from '../key-actions';
import { mayRevoke, mayRotate, shownState } from '../key-view';
import type { ApiKey, Money } from '../types';

export interface KeyRowActions {
  rotate(key: ApiKey): void;
  revoke(key: ApiKey): void;
}

function capsText(caps: KeyCaps, show: (cap: Money) => string): string {
  const parts = (['day', 'month'] as const).flatMap((window) => {
    const cap = caps[window];
    return cap ? [`${show(cap)}/${window}`] : [];
  });
  return parts.length > 0 ? parts.join(' · ') : 'none';
}

function age(key: ApiKey) {
  return key.rotationDue
    ? h('span', { class: 'bad', title: 'Older than 90 days: rotate it' }, `${key.ageDays}d, rotate`)
    : `${key.ageDays}d`;
}

function row(key: ApiKey, list: KeyList, actions: KeyRowActions) {
  const state = shownState(key);
  const cell = (field: string, ...content: (Node | string)[]) => h('td', { 'data-field': field }, ...content);
  return h(
    'tr',
    { 'data-key': key.id, 'data-state': state },
    cell('name', key.label),
    cell('role', key.role),
    cell('prefix', h('code', {}, `${key.prefix}…`)),
    cell('state', h('span', { class: `pill ${state}` }, state)),
    cell('created', h('span', { title: shortTime(key.createdAt) }, ago(key.createdAt))),
    cell('last-used', key.lastUsedAt ? h('span', { title: shortTime(key.lastUsedAt) }, ago(key.lastUsedAt)) : 'never'),
    cell('expires', key.expiresAt ? h('span', { title: shortTime(key.expiresAt) }, ago(key.expiresAt)) : 'never'),
    cell('age', age(key)),
    cell('caps', capsText(list.capsOf(key), list.show)),
    cell('models', key.allowedModels ? key.allowedModels.join(', ') : 'all'),
    h(
      'td',
      { class: 'row-actions' },
      mayRotate(key) &&
        h('button', { type: 'button', class: 'ghost small', onclick: () => actions.rotate(key) }, 'Rotate'),
      mayRevoke(key) &&
        h('button', { type: 'button', class: 'ghost small', onclick: () => actions.revoke(key) }, 'Revoke'),
    ),
  );
}

const HEADINGS = ['name', 'role', 'prefix', 'state', 'created', 'last used', 'expires', 'age', 'caps', 'models', ''];

/** Every key, newest first, revoked and expired ones too; never a secret (the API has none to give). */
export function renderKeys(container: HTMLElement, list: KeyList, actions: KeyRowActions): void {
  if (list.keys.length === 0) {
    fill(container, h('p', { class: 'muted' }, 'No API keys yet.'));
    return;
  }
  fill(
    container,
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, ...HEADINGS.map((heading) => h('th', {}, heading)))),
      h('tbody', {}, ...list.keys.map((key) => row(key, list, actions))),
    ),
  );
}
