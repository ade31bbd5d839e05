import { fill, h, svg } from '../dom';
import { money, percent } from '../format';
import type { SpendRow } from '../types';

const DAYS = 30;
const WIDTH = 600;
const HEIGHT = 120;

export interface SpendData {
  byDay: SpendRow[];
  byModel: SpendRow[];
  byProvider: SpendRow[];
  to: string;
  currency: { rate: number; code: string };
}

/** The last 30 UTC days, oldest first, with days without spend as zero. */
function dailySeries(rows: SpendRow[], to: string): { day: string; micros: number }[] {
  const byKey = new Map(rows.map((row) => [row.key, row.costMicros]));
  const end = Date.parse(`${to.slice(0, 10)}T00:00:00Z`);
  return Array.from({ length: DAYS }, (_, i) => {
    const day = new Date(end - (DAYS - 1 - i) * 86_400_000).toISOString().slice(0, 10);
    return { day, micros: byKey.get(day) ?? 0 };
  });
}

// The SVG stretches to the card (preserveAspectRatio none) and holds only bars; labels are HTML,
// so their size stays readable from a phone to a wide screen.
function dayChart(data: SpendData): HTMLElement {
  const series = dailySeries(data.byDay, data.to);
  const max = Math.max(1, ...series.map((point) => point.micros));
  const show = (micros: number) => money(micros, data.currency.rate, data.currency.code);
  const total = series.reduce((sum, point) => sum + point.micros, 0);
  const step = WIDTH / DAYS;
  const bars = svg(
    'svg',
    {
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      preserveAspectRatio: 'none',
      class: 'chart',
      role: 'img',
      'aria-label': `Spend per day over ${DAYS} days: ${show(total)}`,
    },
    svg('line', { x1: 0, y1: HEIGHT, x2: WIDTH, y2: HEIGHT, class: 'axis' }),
    ...series.map((point, i) => {
      const height = Math.round((HEIGHT * point.micros) / max);
      return svg(
        'rect',
        {
          x: i * step + 1,
          y: HEIGHT - Math.max(point.micros > 0 ? 2 : 0, height),
          width: Math.max(1, step - 2),
          height: Math.max(point.micros > 0 ? 2 : 0, height),
          class: 'bar',
          'data-day': point.day,
        },
        svg('title', {}, `${point.day}: ${show(point.micros)}`),
      );
    }),
  );
  return h(
    'figure',
    { class: 'day-chart' },
    h('span', { class: 'tick' }, total > 0 ? `max ${show(max)} a day` : 'no spend yet'),
    bars,
    h(
      'figcaption',
      { class: 'ticks' },
      h('span', { class: 'tick' }, series[0]?.day ?? ''),
      h('span', { class: 'tick' }, series.at(-1)?.day ?? ''),
    ),
  );
}

function breakdown(title: string, rows: SpendRow[], data: SpendData): HTMLElement {
  const sorted = [...rows].sort((a, b) => b.costMicros - a.costMicros).slice(0, 8);
  const max = Math.max(1, ...sorted.map((row) => row.costMicros));
  return h(
    'div',
    { class: 'breakdown' },
    h('h3', {}, title),
    sorted.length === 0
      ? h('p', { class: 'muted' }, 'no spend in 30 days')
      : h(
          'ul',
          {},
          ...sorted.map((row) =>
            h(
              'li',
              { 'data-key': row.key },
              h('span', { class: 'label' }, row.key || '(none)'),
              h('span', { class: 'hbar' }, h('span', { style: `width:${percent(row.costMicros, max)}%` })),
              h('span', { class: 'value' }, money(row.costMicros, data.currency.rate, data.currency.code)),
            ),
          ),
        ),
  );
}

export function renderSpend(container: HTMLElement, data: SpendData): void {
  const total = data.byDay.reduce((sum, row) => sum + row.costMicros, 0);
  fill(
    container,
    h(
      'p',
      { class: 'total' },
      '30 days: ',
      h('strong', { 'data-field': 'spend-total' }, money(total, data.currency.rate, data.currency.code)),
    ),
    dayChart(data),
    h(
      'div',
      { class: 'breakdowns' },
      breakdown('By model', data.byModel, data),
      breakdown('By provider', data.byProvider, data),
    ),
  );
}
