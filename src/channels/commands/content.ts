import type { DecisionOutcome } from '../../content/decisions';
import { lines } from './format';
import type { Command, DraftLine } from './types';

const PAGE = 10;
const MAX_PAGE = 20;
const MAX_IDS = 20;
/** Below Telegram's 4096 characters, with room for the header and footer lines. */
const MAX_LIST_CHARS = 3_500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const draftLine = (draft: DraftLine) => `${draft.channel} ${draft.id}\n  ${draft.preview}`;

/** Drafts that fit one message, newest first; later pages with `/drafts <page>`. */
export const draftsCommand: Command = {
  name: 'drafts',
  usage: '/drafts [page]',
  summary: 'content drafts waiting for approval, newest first, with approve and reject buttons',
  async run(args, context) {
    const page = args ? Number(args) : 1;
    if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE)
      return `Usage: /drafts [page], page from 1 to ${MAX_PAGE}`;
    const found = await context.drafts(page * PAGE + 1);
    const drafts = found.slice((page - 1) * PAGE, page * PAGE);
    if (drafts.length === 0) return page === 1 ? 'No drafts waiting for approval.' : `No drafts on page ${page}.`;
    const shown: DraftLine[] = [];
    let length = 0;
    for (const draft of drafts) {
      length += draftLine(draft).length + 1;
      if (length > MAX_LIST_CHARS) break;
      shown.push(draft);
    }
    const more = found.length > (page - 1) * PAGE + shown.length;
    return {
      text: lines(
        `Drafts, page ${page}`,
        ...shown.map((draft, index) => `${index + 1}. ${draftLine(draft)}`),
        more && `More: /drafts ${page + 1}`,
        'Approve with /approve <id…>, reject with /reject <id…> [reason], or the buttons.',
      ),
      buttons: shown.map((draft, index) => [
        { text: `Approve ${index + 1}`, command: `approve ${draft.id}` },
        { text: `Reject ${index + 1}`, command: `reject ${draft.id}` },
      ]),
    };
  },
};

/** Leading ids, then the rest (a reason); undefined when there is no id or one is malformed. */
function idsAndRest(args: string): { ids: string[]; rest: string } | undefined {
  const words = args.split(/[\s,]+/).filter(Boolean);
  const ids: string[] = [];
  for (const word of words) {
    if (!UUID.test(word)) break;
    ids.push(word.toLowerCase());
  }
  if (ids.length === 0 || ids.length > MAX_IDS) return undefined;
  const rest = words.slice(ids.length).join(' ');
  return { ids, rest };
}

function outcomeLine(outcome: DecisionOutcome): string {
  if (!outcome.ok) return outcome.message;
  if (outcome.status === 'rejected') return `Rejected ${outcome.channel} ${outcome.id}.`;
  return `Approved ${outcome.channel} ${outcome.id}: scheduled for ${outcome.scheduledFor}.`;
}

export const approveCommand: Command = {
  name: 'approve',
  usage: '/approve <id…>',
  summary: 'approve drafts; each takes the next free posting slot of its channel',
  ownerOnly: true,
  async run(args, context) {
    const parsed = idsAndRest(args);
    if (!parsed || parsed.rest) return `Usage: /approve <id…>, up to ${MAX_IDS} ids as /drafts shows them`;
    return lines(...(await context.decideContent('approve', parsed.ids)).map(outcomeLine));
  },
};

export const rejectCommand: Command = {
  name: 'reject',
  usage: '/reject <id…> [reason]',
  summary: 'reject drafts; a rejected item is never posted',
  ownerOnly: true,
  async run(args, context) {
    const parsed = idsAndRest(args);
    if (!parsed || parsed.rest.length > 1_000)
      return `Usage: /reject <id…> [reason], up to ${MAX_IDS} ids as /drafts shows them`;
    const outcomes = await context.decideContent('reject', parsed.ids, parsed.rest || undefined);
    return lines(...outcomes.map(outcomeLine));
  },
};
