import { fill, h } from '../dom';
import { ago, money, percent } from '../format';
import type { Run, Task } from '../types';

export const runId = (run: Run) => run.runId ?? run.id ?? '';

const iso = (value: string | number | null) =>
  value === null ? null : typeof value === 'number' ? new Date(value).toISOString() : value;

function progressBar(run: Run): HTMLElement {
  const settled = run.done + run.failed;
  const value = run.status === 'done' ? 100 : percent(settled, run.total);
  return h(
    'div',
    {
      class: `progress ${run.status}`,
      role: 'progressbar',
      'aria-valuemin': 0,
      'aria-valuemax': 100,
      'aria-valuenow': value,
      'aria-label': `${run.task} progress`,
    },
    h('span', { style: `width:${value}%` }),
    h('em', {}, `${value} %`),
  );
}

export function renderRuns(container: HTMLElement, runs: Run[], currency: { rate: number; code: string }): void {
  if (runs.length === 0) {
    fill(container, h('p', { class: 'muted' }, 'No swarm runs yet: start one above.'));
    return;
  }
  fill(
    container,
    ...runs.map((run) =>
      h(
        'li',
        { class: 'run', 'data-run-id': runId(run), 'data-status': run.status },
        h(
          'div',
          { class: 'run-head' },
          h('strong', {}, run.task),
          h('span', { class: `pill ${run.status}` }, run.status),
          h('span', { class: 'muted small' }, ago(iso(run.createdAt))),
        ),
        progressBar(run),
        h(
          'p',
          { class: 'muted small' },
          `${run.done}/${run.total} done · ${run.failed} failed · ${money(run.costMicros, currency.rate, currency.code)}`,
        ),
      ),
    ),
  );
}

/** A live progress event updates its run in place, or adds a run started elsewhere. */
export function applyProgress(runs: Run[], progress: Run): Run[] {
  const id = runId(progress);
  const index = runs.findIndex((run) => runId(run) === id);
  const merged: Run = { ...progress, id, runId: id };
  if (index === -1) return [merged, ...runs].slice(0, 20);
  return runs.map((run, i) => (i === index ? { ...run, ...merged } : run));
}

export interface StartForm {
  element: HTMLFormElement;
  setTasks(tasks: Task[]): void;
  setMessage(text: string, isError?: boolean): void;
}

export function startForm(onStart: (task: string, inputs: Record<string, unknown>) => Promise<void>): StartForm {
  const select = h('select', { name: 'task', 'aria-label': 'Task' });
  const inputs = h('input', {
    name: 'inputs',
    'aria-label': 'Inputs as JSON',
    placeholder: '{"region": "Austria"}',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const message = h('p', { class: 'form-message', role: 'status' });
  const setMessage = (text: string, isError = false) => {
    message.textContent = text;
    message.classList.toggle('error', isError);
  };
  const element = h(
    'form',
    {
      class: 'start-task',
      onsubmit: (event: Event) => {
        event.preventDefault();
        let parsed: Record<string, unknown> = {};
        try {
          parsed = inputs.value.trim() ? (JSON.parse(inputs.value) as Record<string, unknown>) : {};
          if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
        } catch {
          setMessage('Inputs must be a JSON object, e.g. {"region": "Austria"}', true);
          return;
        }
        setMessage('Starting…');
        onStart(select.value, parsed).catch((error: Error) => setMessage(error.message, true));
      },
    },
    select,
    inputs,
    h('button', { type: 'submit' }, 'Start task'),
    message,
  );
  return {
    element,
    setMessage,
    setTasks(tasks) {
      fill(select, ...tasks.map((task) => h('option', { value: task.name, title: task.description }, task.name)));
    },
  };
}
