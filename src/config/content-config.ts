import { z } from 'zod';
import { type ContentChannel, contentChannels } from '../db/content-schema.ts';
import { type ChannelSettings, channelSettings } from './channel-settings.ts';
import type { EnvironmentVariables } from './config-schema.ts';

/** `HH:MM` every day or `DDD HH:MM` once a week (DDD = MON … SUN), in SCHEDULE_TIMEZONE. */
export interface Slot {
  weekday?: number;
  minuteOfDay: number;
}

export interface ContentConfig extends ChannelSettings {
  slots: Record<ContentChannel, Slot[]>;
  /** At most this many posts a local day per channel (CONTENT_DAILY_CAP); unset: one per slot. */
  dailyCap: Partial<Record<ContentChannel, number>>;
  /** Ideas daily_content proposes a day, each drafted for every channel (CONTENT_IDEAS_PER_DAY). */
  ideasPerDay: number;
  /** The zone slots and days are read in (SCHEDULE_TIMEZONE). */
  timezone: string;
  x?: { token: string; userId?: string; apiUrl: string };
  /** The user whose mentions the lead machine reads; needs a token too. */
  xMentions?: { token: string; userId: string; apiUrl: string };
  blog?: { url: string; secret: string };
  /** Who receives the newsletter (a list address or a few readers); none means a dry run. */
  newsletterTo: string[];
  /** Inputs of the daily lead_research task run. */
  leadResearch: { icp: string; regions: string[] };
}

/** What the scheduler and the weekly target read of the content config. */
export type PostingSettings = Pick<ContentConfig, 'slots' | 'dailyCap' | 'timezone'>;

const DEFAULT_ICP =
  'Owners and operations or facility heads of small and mid-sized businesses (hotels, care homes, offices, ' +
  'light industry) that need fire-alarm system (BMA) audits and consulting, or automation of their back office.';

const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const SLOT = /^(?:(MON|TUE|WED|THU|FRI|SAT|SUN)\s+)?([01]\d|2[0-3]):([0-5]\d)$/;

// Room for the default ten ideas a day: one X post each (its feed moves fast), three LinkedIn posts
// (reach falls past a few a day), two blog posts, and the newsletter once a week: 15 posts a day.
// The owner approves the best drafts; what is approved beyond a day's slots rolls to the next day.
export const DEFAULT_SLOTS: Record<ContentChannel, string[]> = {
  x: ['08:00', '09:00', '10:00', '11:30', '13:00', '14:30', '16:00', '17:00', '18:30', '20:00'],
  linkedin: ['08:30', '12:30', '17:30'],
  blog: ['07:00', '15:00'],
  newsletter: ['TUE 07:00'],
  discord: ['12:00'],
  reddit: ['WED 15:00'],
};

const slotsSchema = z
  .object(Object.fromEntries(contentChannels.map((channel) => [channel, z.array(z.string()).min(1).max(48)])))
  .partial()
  .strict();

export function parseSlot(text: string): Slot | undefined {
  const match = SLOT.exec(text.trim().toUpperCase());
  if (!match) return undefined;
  const [, day, hours = '0', minutes = '0'] = match;
  const minuteOfDay = Number(hours) * 60 + Number(minutes);
  return day ? { weekday: WEEKDAYS.indexOf(day), minuteOfDay } : { minuteOfDay };
}

type Fail = (name: string, problem: string) => never;

const dailyCapSchema = z
  .object(Object.fromEntries(contentChannels.map((channel) => [channel, z.number().int().min(1).max(48)])))
  .partial()
  .strict();

function readDailyCap(json: string | undefined, fail: Fail): Partial<Record<ContentChannel, number>> {
  if (!json) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    fail('CONTENT_DAILY_CAP', 'is not valid JSON');
  }
  const parsed = dailyCapSchema.safeParse(raw);
  if (!parsed.success)
    fail('CONTENT_DAILY_CAP', `must map ${contentChannels.join(', ')} to whole numbers from 1 to 48`);
  return parsed.data;
}

/** When `channel` posts, as the scheduler reads it. */
export const postingPlan = (content: PostingSettings, channel: ContentChannel) => ({
  slots: content.slots[channel],
  timezone: content.timezone,
  dailyCap: content.dailyCap[channel],
});

function readSlots(json: string | undefined, fail: Fail): Record<ContentChannel, Slot[]> {
  let overrides: Partial<Record<string, string[]>> = {};
  if (json) {
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch {
      fail('CONTENT_SLOTS', 'is not valid JSON');
    }
    const parsed = slotsSchema.safeParse(raw);
    if (!parsed.success) fail('CONTENT_SLOTS', `must map ${contentChannels.join(', ')} to lists of "HH:MM"`);
    overrides = parsed.data;
  }
  const slots = {} as Record<ContentChannel, Slot[]>;
  for (const channel of contentChannels) {
    slots[channel] = (overrides[channel] ?? DEFAULT_SLOTS[channel]).map((text) => {
      const slot = parseSlot(text);
      return slot ?? fail('CONTENT_SLOTS', `${channel}: "${text}" is not "HH:MM" or "MON HH:MM" (SCHEDULE_TIMEZONE)`);
    });
  }
  return slots;
}

export function contentConfig(vars: EnvironmentVariables, fail: Fail): ContentConfig {
  const apiUrl = vars.X_API_URL ?? 'https://api.x.com';
  if (vars.BLOG_WEBHOOK_URL && !vars.BLOG_WEBHOOK_SECRET)
    fail('BLOG_WEBHOOK_SECRET', 'must be set with BLOG_WEBHOOK_URL: the posts are signed with it');
  return {
    ...channelSettings(vars, fail),
    slots: readSlots(vars.CONTENT_SLOTS, fail),
    dailyCap: readDailyCap(vars.CONTENT_DAILY_CAP, fail),
    ideasPerDay: vars.CONTENT_IDEAS_PER_DAY,
    timezone: vars.SCHEDULE_TIMEZONE,
    x: vars.X_USER_TOKEN ? { token: vars.X_USER_TOKEN, userId: vars.X_USER_ID, apiUrl } : undefined,
    xMentions:
      vars.X_USER_TOKEN && vars.X_USER_ID ? { token: vars.X_USER_TOKEN, userId: vars.X_USER_ID, apiUrl } : undefined,
    blog:
      vars.BLOG_WEBHOOK_URL && vars.BLOG_WEBHOOK_SECRET
        ? { url: vars.BLOG_WEBHOOK_URL, secret: vars.BLOG_WEBHOOK_SECRET }
        : undefined,
    newsletterTo: (vars.NEWSLETTER_TO ?? '')
      .split(',')
      .map((address) => address.trim())
      .filter(Boolean),
    leadResearch: {
      icp: vars.LEAD_RESEARCH_ICP ?? DEFAULT_ICP,
      regions: (vars.LEAD_RESEARCH_REGIONS ?? 'DACH')
        .split(',')
        .map((region) => region.trim())
        .filter(Boolean),
    },
  };
}
