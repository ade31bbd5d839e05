import { fill, h } from '../dom';
import { shortTime } from '../format';
import type { ContentDecision, ContentItem } from '../types';
import { formMessage } from './form-message';

export interface DraftActions {
  decide(decision: 'approve' | 'reject', ids: string[]): Promise<ContentDecision[]>;
}

const PREVIEW = 140;

function preview(item: ContentItem): string {
  const body = item.body as Record<string, unknown>;
  const first = Array.isArray(body.posts) ? body.posts[0] : (body.title ?? body.subject ?? body.text);
  const text = String(first ?? '').replace(/\s+/g, ' ');
  return text.length > PREVIEW ? `${text.slice(0, PREVIEW - 1)}…` : text;
}

const outcomeText = (outcome: ContentDecision) =>
  outcome.ok
    ? outcome.status === 'rejected'
      ? `${outcome.channel} rejected`
      : `${outcome.channel} scheduled for ${shortTime(outcome.scheduledFor)}`
    : outcome.message;

/** Drafts waiting for approval: approve or reject one, or the ticked ones together. */
export function renderDrafts(container: HTMLElement, drafts: ContentItem[], actions: DraftActions): void {
  const message = formMessage();
  const ticked = () =>
    [...container.querySelectorAll<HTMLInputElement>('input[name="draft"]:checked')].map((box) => box.value);
  const decide = (decision: 'approve' | 'reject', ids: string[]) => {
    if (ids.length === 0) {
      message.set('Tick one or more drafts first.', true);
      return;
    }
    void message.run(decision === 'approve' ? 'Approving…' : 'Rejecting…', async () => {
      const outcomes = await actions.decide(decision, ids);
      // A decided draft leaves the list; the message stays to say where it went.
      for (const outcome of outcomes)
        if (outcome.ok) container.querySelector(`li[data-draft="${outcome.id}"]`)?.remove();
      const done = outcomes.filter((outcome) => outcome.ok).length;
      return `${done} of ${outcomes.length} ${decision === 'approve' ? 'approved' : 'rejected'}: ${outcomes.map(outcomeText).join('; ')}`;
    });
  };
  if (drafts.length === 0) {
    fill(container, h('p', { class: 'muted' }, 'No drafts waiting for approval.'));
    return;
  }
  fill(
    container,
    h(
      'ul',
      { class: 'drafts' },
      ...drafts.map((draft) =>
        h(
          'li',
          { 'data-draft': draft.id },
          h(
            'label',
            {},
            h('input', { type: 'checkbox', name: 'draft', value: draft.id, 'aria-label': `Select ${draft.id}` }),
            h('span', { class: `pill ${draft.channel}` }, draft.channel),
            h('span', { class: 'draft-text' }, preview(draft)),
          ),
          h(
            'span',
            { class: 'draft-actions' },
            h('button', { type: 'button', onclick: () => decide('approve', [draft.id]) }, 'Approve'),
            h('button', { type: 'button', class: 'ghost', onclick: () => decide('reject', [draft.id]) }, 'Reject'),
          ),
        ),
      ),
    ),
    h(
      'div',
      { class: 'bulk' },
      h('button', { type: 'button', onclick: () => decide('approve', ticked()) }, 'Approve selected'),
      h('button', { type: 'button', class: 'ghost', onclick: () => decide('reject', ticked()) }, 'Reject selected'),
    ),
    message.element,
  );
}
