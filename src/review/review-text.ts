import { personas } from '../agents/personas';
import type { ChatRequest } from '../llm/types';
import { money } from '../revenue/summary';
import type { ConversionLine, SpendLine, WeeklyKpis } from './weekly-kpis';

/** Telegram refuses a message over 4096 characters. */
export const TELEGRAM_LIMIT = 4096;

const counts = (record: Record<string, number>) =>
  Object.entries(record)
    .filter(([, n]) => n > 0)
    .map(([key, n]) => `${key} ${n}`)
    .join(', ') || 'none';

/** `x 12/70 (17%)` per channel with a target; dry runs do not count as published. */
const againstTarget = ({ published, target }: WeeklyKpis['content']) =>
  Object.entries(target)
    .filter(([, goal]) => goal > 0)
    .map(([channel, goal]) => {
      const done = published[channel] ?? 0;
      return `${channel} ${done}/${goal} (${Math.round((done / goal) * 100)}%)`;
    })
    .join(', ') || 'no posting slots';

const spendLines = (lines: SpendLine[], currency: string) =>
  lines.slice(0, 8).map((line) => `- ${line.key}: ${money(line.costMicros, currency)} (${line.calls} calls)`);

const conversionLines = (lines: ConversionLine[]) =>
  lines.map((line) => `${line.key} ${line.convertedLeads}/${line.leads} (${(line.rate * 100).toFixed(1)}%)`).join(', ');

// Partial: a run resumed from figures recorded before conversions were counted has none.
function conversionText({ conversions }: Partial<Pick<WeeklyKpis, 'conversions'>>): string[] {
  if (!conversions) return [];
  const lines = [
    `Converted leads: ${conversions.convertedLeads}; sales not matched to a lead: ${conversions.unmatchedSales}`,
  ];
  if (conversions.topSegments.length > 0) lines.push(`- best segments: ${conversionLines(conversions.topSegments)}`);
  if (conversions.topSources.length > 0) lines.push(`- best sources: ${conversionLines(conversions.topSources)}`);
  return lines;
}

/** The week's figures as plain text: sent as they are, so the owner gets exact numbers whatever the model says. */
export function figuresText(kpis: WeeklyKpis): string {
  const { leads, content, revenue, spend } = kpis;
  const lines = [
    `Week ${kpis.from.slice(0, 10)} to ${kpis.to.slice(0, 16).replace('T', ' ')} UTC`,
    `Leads: ${leads.new} new (${counts(leads.newBySource)}); pipeline ${counts(leads.pipeline)}`,
    `Content published: ${counts(content.published)}; dry runs ${counts(content.dryRun)}`,
    `Content against the week's target (${content.ideasPerDay} ideas a day within slots and caps): ${againstTarget(content)}`,
  ];
  if (revenue.totals.length === 0) lines.push('Revenue: no sales');
  for (const total of revenue.totals)
    lines.push(`Revenue: ${money(total.amountMicros, total.currency)} from ${total.count} sales`);
  for (const entry of revenue.bySource)
    lines.push(`- ${entry.source}: ${money(entry.amountMicros, entry.currency)} (${entry.count})`);
  for (const refund of revenue.refunds)
    lines.push(`Refunded: ${money(refund.amountMicros, refund.currency)} (${refund.count})`);
  for (const [currency, micros] of Object.entries(revenue.consultingInvoicedOpenMicros))
    if (micros > 0) lines.push(`Consulting invoiced, unpaid: ${money(micros, currency)}`);
  lines.push(...conversionText(kpis));
  lines.push(`LLM spend: ${money(spend.costMicros, spend.currency)} in ${spend.calls} calls`);
  if (spend.byAgent.length > 0) lines.push('By agent:', ...spendLines(spend.byAgent, spend.currency));
  if (spend.byModel.length > 0) lines.push('By model:', ...spendLines(spend.byModel, spend.currency));
  return lines.join('\n');
}

/** The CEO's request: its persona as the system prompt; the figures only as data in the user message. */
export function writeUpRequest(kpis: WeeklyKpis, requestId: string): ChatRequest {
  const data = JSON.stringify(kpis).replaceAll('</data>', '</ data>');
  return {
    messages: [
      { role: 'system', content: personas.ceo.system },
      {
        role: 'user',
        content: [
          "Write the owner's weekly review of the business from this week's figures: what went well, what did not,",
          'where the LLM money went, and the three priorities for next week. Plain text, at most 250 words,',
          'no tables; quote figures exactly as given (money in micro-units: divide by 1,000,000).',
          `<data>${data}</data>`,
        ].join('\n'),
      },
    ],
    maxTokens: 700,
    temperature: 0.4,
    taskClass: personas.ceo.taskClass,
    scopes: { agent: 'ceo', task: 'weekly_review' },
    requestId,
  };
}

/** The message sent: the CEO's write-up (cut to fit) above the exact figures. */
export function reviewMessage(writeUp: string | undefined, figures: string, fallbackReason?: string): string {
  const head = writeUp?.trim()
    ? writeUp.trim()
    : `Weekly review (the CEO's write-up is unavailable: ${fallbackReason ?? 'no answer'}).`;
  const tail = `\n\nFigures\n${figures}`.slice(0, TELEGRAM_LIMIT - 200);
  const room = TELEGRAM_LIMIT - tail.length;
  const cut = head.length > room ? `${head.slice(0, room - 1)}…` : head;
  return `${cut}${tail}`;
}
