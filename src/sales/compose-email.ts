import type { EmailMessage } from '../channels/email';
import type { LeadRow } from '../db/crm-schema';
import type { SequenceStep } from '../db/sales-schema';
import { escapeHtml } from '../lib/escape-html';
import { fillTemplate, type Placeholder } from './sequence-input';

// Subjects are one line: a newline from lead data must not break the subject header.
const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ').trim();

export interface ComposeInput {
  lead: Pick<LeadRow, 'name' | 'email' | 'company' | 'title'>;
  step: SequenceStep;
  unsubscribeUrl: string;
  /** The model's opening line, or undefined to send the plain template. */
  personalisation?: string;
}

/** The step's templates filled with the lead's data, as text and HTML, with the unsubscribe link and header. */
export function composeEmail(input: ComposeInput): Omit<EmailMessage, 'idempotencyKey' | 'tags'> {
  const { lead, step, unsubscribeUrl } = input;
  const personalisation = input.personalisation ?? '';
  const values: Record<Placeholder, string> = {
    name: lead.name,
    firstName: lead.name.split(/\s+/)[0] ?? lead.name,
    company: lead.company ?? '',
    title: lead.title ?? '',
    personalisation,
    unsubscribeUrl,
  };
  const usesOpening = /\{\{\s*personalisation\s*\}\}/.test(step.body);
  const body = fillTemplate(step.body, values);
  const withOpening = personalisation && !usesOpening ? `${personalisation}\n\n${body}` : body;
  const footer = `Unsubscribe: ${unsubscribeUrl}`;
  const text = `${withOpening.trim()}\n\n--\n${footer}\n`;
  const paragraphs = withOpening
    .trim()
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
  const link = escapeHtml(unsubscribeUrl);
  const html = `${paragraphs}<hr><p style="font-size:12px;color:#666">Do not want these emails? <a href="${link}">Unsubscribe</a>.</p>`;
  return {
    to: lead.email,
    subject: oneLine(fillTemplate(step.subject, { ...values, personalisation: '' })).slice(0, 250),
    text,
    html,
    headers: {
      'List-Unsubscribe': `<${unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
