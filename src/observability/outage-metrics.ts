import { outageStats } from '../lib/outage';
import type { MetricFamily } from './prometheus';

/** Dependencies seen down and the fallbacks taken instead, from this isolate's outage state. */
export function outageFamilies(): MetricFamily[] {
  const stats = outageStats();
  return [
    {
      name: 'empire_dependency_down',
      help: 'One while this isolate sees the dependency as down and serves from its fallbacks (per isolate).',
      type: 'gauge',
      samples: [...stats.down].map(([dependency, down]) => ({ labels: { dependency }, value: down ? 1 : 0 })),
    },
    {
      name: 'empire_dependency_outages_total',
      help: 'Times this isolate saw a dependency go down (per isolate).',
      type: 'counter',
      samples: [...stats.outages].map(([dependency, value]) => ({ labels: { dependency }, value })),
    },
    {
      name: 'empire_fallbacks_total',
      help: 'Calls served by a fallback because a dependency was down, by dependency and use (per isolate).',
      type: 'counter',
      samples: [...stats.fallbacks].map(([key, value]) => {
        const [dependency = '', use = ''] = key.split('|');
        return { labels: { dependency, use }, value };
      }),
    },
  ];
}
