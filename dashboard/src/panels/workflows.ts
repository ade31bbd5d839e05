import { fill, h } from '../dom';
import { ago } from '../format';
import type { Workflow } from '../types';

export function renderWorkflows(container: HTMLElement, workflows: Workflow[]): void {
  fill(
    container,
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h('tr', {}, h('th', {}, 'workflow'), h('th', {}, 'last'), h('th', {}, 'next'), h('th', {}, 'failures')),
      ),
      h(
        'tbody',
        {},
        ...workflows.map((workflow) =>
          h(
            'tr',
            { 'data-workflow': workflow.id },
            h('td', {}, h('span', { title: `${workflow.cron} (UTC)` }, workflow.title)),
            h(
              'td',
              {},
              workflow.lastRun
                ? h(
                    'span',
                    { class: `pill ${workflow.lastRun.status}`, title: workflow.lastRun.error ?? '' },
                    `${workflow.lastRun.status} ${ago(workflow.lastRun.startedAt)}`,
                  )
                : h('span', { class: 'muted' }, 'never'),
            ),
            h('td', {}, ago(workflow.nextRun)),
            h(
              'td',
              { class: workflow.failures ? 'bad' : 'muted' },
              workflow.failures === undefined ? '-' : String(workflow.failures),
            ),
          ),
        ),
      ),
    ),
  );
}
