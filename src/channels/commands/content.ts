import { lines } from './format';
import type { Command, DraftLine } from './types';

const PAGE = 10;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const draftLine = (draft: DraftLine) => `${draft.channel} ${draft.id}\n  ${draft.preview}`;

export const draftsCommand: Command = {
  name: 'drafts',
  usage: '/drafts',
  summary: 'content drafts waiting for approval, newest first',
  async run(_args, context) {
    const drafts = await context.drafts(PAGE);
    if (drafts.length === 0) return 'No drafts waiting for approval.';
    return lines(`Drafts (${drafts.length})`, ...drafts.map(draftLine), 'Approve one with /approve <id>.');
  },
};

export const approveCommand: Command = {
  name: 'approve',
  usage: '/approve <id>',
  summary: 'approve a content draft; it takes the next free posting slot',
  async run(args, context) {
    if (!UUID.test(args)) return 'Usage: /approve <id>, the id as /drafts shows it';
    const approved = await context.approveContent(args.toLowerCase());
    return `Approved ${approved.channel} ${approved.id}: scheduled for ${approved.scheduledAt}.`;
  },
};
