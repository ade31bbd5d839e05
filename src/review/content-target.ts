import { type ContentConfig, postingPlan } from '../config/content-config';
import { slotTimes } from '../content/schedule';
import { type ContentChannel, contentChannels } from '../db/content-schema';

/** What the week's content target is made of: the ideas a day and each channel's slots and cap. */
export type ContentPlan = Pick<ContentConfig, 'slots' | 'dailyCap' | 'timezone' | 'ideasPerDay'>;

const DAYS_SPANNED = 9;

/**
 * Posts each channel could publish in [from, to): per local day, the ideas of a day (one variant
 * each), no more than the day's slots and the channel's daily cap. A weekly newsletter's target
 * is one, an X account with ten slots and ten ideas a day seventy.
 */
export function contentTarget(plan: ContentPlan, from: number, to: number): Record<ContentChannel, number> {
  const target = {} as Record<ContentChannel, number>;
  for (const channel of contentChannels) {
    const channelPlan = postingPlan(plan, channel);
    const perDay = new Map<string, number>();
    for (const slot of slotTimes(channelPlan, from, DAYS_SPANNED)) {
      if (slot.at >= to) break;
      perDay.set(slot.day, (perDay.get(slot.day) ?? 0) + 1);
    }
    const dayLimit = Math.min(plan.ideasPerDay, channelPlan.dailyCap ?? Number.POSITIVE_INFINITY);
    target[channel] = [...perDay.values()].reduce((sum, slots) => sum + Math.min(slots, dayLimit), 0);
  }
  return target;
}
