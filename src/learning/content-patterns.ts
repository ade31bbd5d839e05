import type { InsightFigures } from '../db/learning-schema';
import type { PublicationEngagement } from './engagement-rows';
import { count, figuresOf, percent, type SampleRule, smallNote, type Tally } from './figures';
import type { Insight } from './insight';

/** Two posts make a figure worth showing, five one worth trusting. */
export const CONTENT_SAMPLES: SampleRule = { skipBelow: 2, firmFrom: 5 };
/** An idea goes out a few times at most: one reading of it is a figure, three a firm one. */
export const TOPIC_SAMPLES: SampleRule = { skipBelow: 1, firmFrom: 3 };

const MAIL_CHANNELS = new Set(['newsletter', 'sales_email']);

const reachUnit = (channels: Iterable<string>): string => {
  const kinds = [
    ...new Set([...channels].map((channel) => (MAIL_CHANNELS.has(channel) ? 'deliveries' : 'impressions'))),
  ];
  return kinds.length === 1 && kinds[0] ? kinds[0] : 'impressions and deliveries';
};

function tally(rows: readonly PublicationEngagement[], keyOf: (row: PublicationEngagement) => string | null): Tally[] {
  const tallies = new Map<string, Tally>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key === null) continue;
    const found = tallies.get(key) ?? { key, hits: 0, base: 0, samples: 0 };
    found.hits += row.engaged;
    found.base += row.reach;
    found.samples += 1;
    tallies.set(key, found);
  }
  return [...tallies.values()];
}

const figuresText = (figures: InsightFigures, unit: string) =>
  `${percent(figures.rate)} engagement (${count(figures.hits)} of ${count(figures.base)} ${unit}, ${figures.samples} post${figures.samples === 1 ? '' : 's'})`;

const againstText = (figures: InsightFigures, what: string) =>
  figures.others ? ` against ${percent(figures.others.rate)} for ${what}` : '';

/** The local hour a post went out, as `HH:00` in the schedule's zone. */
function localHour(at: number, timezone: string): string {
  const hour = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', hourCycle: 'h23' }).format(at);
  return `${hour.padStart(2, '0')}:00`;
}

function byChannel(rows: readonly PublicationEngagement[]): Insight[] {
  return figuresOf(
    tally(rows, (row) => row.channel),
    CONTENT_SAMPLES,
    true,
  ).map(({ key, figures }) => ({
    area: 'content',
    dimension: 'channel',
    key,
    figures,
    text: `On ${key}, posts had ${figuresText(figures, reachUnit([key]))}${againstText(figures, 'other channels')}${smallNote(figures, 'posts')}.`,
  }));
}

/** Slots are compared within a channel: an hour on X says nothing about the newsletter. */
function bySlot(rows: readonly PublicationEngagement[], timezone: string): Insight[] {
  const channels = [...new Set(rows.map((row) => row.channel))].sort();
  return channels.flatMap((channel) => {
    const own = rows.filter((row) => row.channel === channel);
    return figuresOf(
      tally(own, (row) => localHour(row.postedAt, timezone)),
      CONTENT_SAMPLES,
      true,
    ).map(
      ({ key, figures }): Insight => ({
        area: 'content',
        dimension: 'slot',
        key: `${channel} ${key}`,
        figures,
        text: `On ${channel}, posts at ${key} (${timezone}) had ${figuresText(figures, reachUnit([channel]))}${againstText(figures, 'other slots')}${smallNote(figures, 'posts')}.`,
      }),
    );
  });
}

function byFormat(rows: readonly PublicationEngagement[]): Insight[] {
  return figuresOf(
    tally(rows, (row) => row.format),
    CONTENT_SAMPLES,
    true,
  ).map(({ key, figures }) => {
    const unit = reachUnit(rows.filter((row) => row.format === key).map((row) => row.channel));
    return {
      area: 'content' as const,
      dimension: 'format',
      key,
      figures,
      text: `The ${key} format had ${figuresText(figures, unit)}${againstText(figures, 'other formats')}${smallNote(figures, 'posts')}.`,
    };
  });
}

/** The best and the worst topic (idea), when at least two have been read back. */
function bestAndWorstTopics(rows: readonly PublicationEngagement[]): Insight[] {
  const ranked = figuresOf(
    tally(rows, (row) => row.ideaId),
    TOPIC_SAMPLES,
    true,
  );
  const best = ranked[0];
  const worst = ranked.at(-1);
  if (!best || !worst || ranked.length < 2) return [];
  const topics = new Map(rows.map((row) => [row.ideaId, row.topic ?? row.ideaId]));
  const unitOf = (ideaId: string) => reachUnit(rows.filter((row) => row.ideaId === ideaId).map((row) => row.channel));
  return [
    { which: 'best', ...best },
    { which: 'worst', ...worst },
  ].map(({ which, key, figures }) => ({
    area: 'content',
    dimension: 'topic',
    key,
    figures,
    text: `The ${which} topic was "${topics.get(key)}": ${figuresText(figures, unitOf(key))}${againstText(figures, 'other topics')}${smallNote(figures, 'posts')}.`,
  }));
}

/** Engagement by channel, posting slot, format and topic over the publications read back. */
export function contentPatterns(rows: readonly PublicationEngagement[], timezone: string): Insight[] {
  return [...byChannel(rows), ...bySlot(rows, timezone), ...byFormat(rows), ...bestAndWorstTopics(rows)];
}
