import { h } from '../dom';
import type { Brain } from '../types';
import { formMessage } from './form-message';

/** Ask one agent; `ask` resolves to the answer once the action has run (or its error). */
export function askForm(brains: Brain[], ask: (agent: string, question: string) => Promise<string>) {
  const agent = h(
    'select',
    { name: 'agent', 'aria-label': 'Agent' },
    ...brains.map((brain) => h('option', { value: brain.id }, `${brain.alias} (${brain.id})`)),
  );
  const question = h('textarea', { name: 'question', 'aria-label': 'Question', rows: 2, maxlength: 20_000 });
  const message = formMessage();
  const answer = h('pre', { class: 'answer', 'data-field': 'answer' });
  return h(
    'form',
    {
      class: 'owner-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        if (!question.value.trim()) return message.set('Write a question first.', true);
        answer.textContent = '';
        void message.run(`Asking ${agent.value}…`, async () => {
          answer.textContent = await ask(agent.value, question.value.trim());
          return `${agent.value} answered.`;
        });
      },
    },
    agent,
    question,
    h('button', { type: 'submit' }, 'Ask'),
    message.element,
    answer,
  );
}
