import { fill, h } from '../dom';
import { percent } from '../format';
import type { Pipeline } from '../types';

const ORDER = ['new', 'contacted', 'qualified', 'proposal', 'won', 'lost'];

/** The funnel and the top leads; `onEdit` opens a lead's fields for editing. */
export function renderLeads(container: HTMLElement, pipeline: Pipeline, onEdit: (id: string) => void): void {
  const max = Math.max(1, ...Object.values(pipeline.counts));
  fill(
    container,
    h(
      'ul',
      { class: 'funnel' },
      ...ORDER.map((status) => {
        const count = pipeline.counts[status as keyof Pipeline['counts']] ?? 0;
        return h(
          'li',
          { 'data-status': status },
          h('span', { class: 'label' }, status),
          h('span', { class: 'hbar' }, h('span', { style: `width:${percent(count, max)}%` })),
          h('span', { class: 'value' }, String(count)),
        );
      }),
    ),
    h('h3', {}, `Top scored (${pipeline.total} leads)`),
    pipeline.top.length === 0
      ? h('p', { class: 'muted' }, 'No open leads yet.')
      : h(
          'ol',
          { class: 'top-leads' },
          ...pipeline.top.map((lead) =>
            h(
              'li',
              { 'data-lead': lead.id },
              h('span', { class: 'score' }, String(lead.score)),
              h('span', {}, lead.name, lead.company ? h('span', { class: 'muted' }, ` · ${lead.company}`) : null),
              h('span', { class: `pill ${lead.status}` }, lead.status),
              h('button', { type: 'button', class: 'ghost small', onclick: () => onEdit(lead.id) }, 'Edit'),
            ),
          ),
        ),
  );
}
