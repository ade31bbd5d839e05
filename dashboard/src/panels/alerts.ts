import { fill, h } from '../dom';
import { ago } from '../format';
import type { AlertLine } from '../types';

export function renderAlerts(container: HTMLElement, alerts: AlertLine[]): void {
  if (alerts.length === 0) {
    fill(container, h('p', { class: 'muted' }, 'No alerts.'));
    return;
  }
  fill(
    container,
    h(
      'ul',
      { class: 'alerts' },
      ...alerts.map((alert) => h('li', {}, h('span', { class: 'muted small' }, ago(alert.at)), ' ', alert.text)),
    ),
  );
}
