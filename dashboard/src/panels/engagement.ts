import { fill, h } from '../dom';
import type { EngagementSummary } from '../types';

const HEADINGS = [
  'channel',
  'items',
  'impressions',
  'likes',
  'reposts',
  'replies',
  'delivered',
  'opened',
  'clicked',
  'bounced',
];

const number = (value: number) => value.toLocaleString('en');

/** What went out in the last 30 days earned, one line per channel (X metrics and e-mail events). */
export function renderEngagement(container: HTMLElement, summary: EngagementSummary): void {
  if (summary.groups.length === 0) {
    fill(
      container,
      h('p', { class: 'muted' }, 'Nothing read back yet: X metrics every 6 hours, e-mail events as they arrive.'),
    );
    return;
  }
  fill(
    container,
    h(
      'table',
      { 'aria-label': 'Engagement by channel, last 30 days' },
      h('thead', {}, h('tr', {}, ...HEADINGS.map((heading) => h('th', {}, heading)))),
      h(
        'tbody',
        {},
        ...summary.groups.map((group) =>
          h(
            'tr',
            { 'data-channel': group.key },
            h('td', {}, group.key),
            ...[
              group.subjects,
              group.impressions,
              group.likes,
              group.reposts,
              group.replies,
              group.delivered,
              group.opened,
              group.clicked,
              group.bounced,
            ].map((value) => h('td', {}, number(value))),
          ),
        ),
      ),
    ),
  );
}
