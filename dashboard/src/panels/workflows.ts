import { fill, h } from '../dom';
import { ago } from '../format';
import type { Workflow } from '../types';
import { formMessage } from './form-message';

export interface WorkflowActions {
  run(workflow: string, input?: Record<string, unknown>): Promise<string>;
  retry(runId: string): Promise<string>;
}

/** The optional input typed beside Run: empty for none, else a JSON object the API checks. */
function readInput(field: HTMLInputElement | undefined): Record<string, unknown> | undefined {
  const text = field?.value.trim() ?? '';
  if (text === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('The input is not JSON, e.g. {"regions":["DACH"]}');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error('The input must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** Each workflow's last and next run, with Run now (and its input, for workflows that take one), and Retry on a failed last run. */
export function renderWorkflows(container: HTMLElement, workflows: Workflow[], actions: WorkflowActions): void {
  const message = formMessage();
  fill(
    container,
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'workflow'),
          h('th', {}, 'last'),
          h('th', {}, 'next'),
          h('th', {}, 'failures'),
          h('th', {}, ''),
        ),
      ),
      h(
        'tbody',
        {},
        ...workflows.map((workflow) => {
          const inputField = workflow.input
            ? h('input', {
                class: 'small',
                type: 'text',
                placeholder: 'input JSON (optional)',
                'aria-label': `Input for ${workflow.id}`,
              })
            : undefined;
          return h(
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
            h(
              'td',
              { class: 'row-actions' },
              inputField,
              h(
                'button',
                {
                  type: 'button',
                  class: 'ghost small',
                  onclick: () =>
                    void message.run(`Starting ${workflow.id}…`, () => actions.run(workflow.id, readInput(inputField))),
                },
                'Run',
              ),
              workflow.lastRun?.status === 'failed' &&
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'ghost small',
                    onclick: () => {
                      const runId = workflow.lastRun?.id ?? '';
                      void message.run(`Retrying ${workflow.id}…`, () => actions.retry(runId));
                    },
                  },
                  'Retry',
                ),
            ),
          );
        }),
      ),
    ),
    message.element,
  );
}
