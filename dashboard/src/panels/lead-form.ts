import { h } from '../dom';
import type { Lead } from '../types';
import { formMessage } from './form-message';

const FIELDS = ['name', 'company', 'title', 'notes'] as const;
const STATUSES = ['new', 'contacted', 'qualified', 'proposal', 'won', 'lost'];

/** Edit one lead's fields; only what changed is sent, and the API refuses a status moving back. */
export function leadForm(lead: Lead, save: (id: string, patch: Record<string, unknown>) => Promise<Lead>) {
  const inputs = FIELDS.map((field) =>
    h('input', { name: field, 'aria-label': field, placeholder: field, value: String(lead[field] ?? '') }),
  );
  const status = h(
    'select',
    { name: 'status', 'aria-label': 'status' },
    ...STATUSES.map((value) => h('option', { value, selected: value === lead.status }, value)),
  );
  const message = formMessage();
  return h(
    'form',
    {
      class: 'owner-form',
      'data-edit-lead': lead.id,
      onsubmit: (event: Event) => {
        event.preventDefault();
        const patch: Record<string, unknown> = {};
        for (const input of inputs) {
          const field = input.name as (typeof FIELDS)[number];
          const value = input.value.trim();
          if (value !== String(lead[field] ?? '')) patch[field] = value === '' && field !== 'name' ? null : value;
        }
        if (status.value !== lead.status) patch.status = status.value;
        if (Object.keys(patch).length === 0) return message.set('Nothing changed.', true);
        void message.run('Saving…', async () => {
          const saved = await save(lead.id, patch);
          Object.assign(lead, saved);
          return `Saved ${saved.name}: ${saved.status}, score ${saved.score ?? '-'}.`;
        });
      },
    },
    ...inputs,
    status,
    h('button', { type: 'submit' }, 'Save lead'),
    message.element,
  );
}
