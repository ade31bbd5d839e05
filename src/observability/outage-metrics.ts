import { outageStats } from '../lib/outage';
import { isolateId, PER_ISOLATE } from './isolate-id';
import type { MetricFamily } from './prometheus';

/** Dependencies seen down and the fallbacks taken instead, from this isolate's outage state. */
export function outageFamilies(): MetricFamily[] {
  const stats = outageStats();
  const isolate = isolateId();
  return [
    {
      name: 'empire_dependency_down',
      help: `One while this isolate sees the dependency as down and serves from its fallbacks ${PER_ISOLATE}.`,
      type: 'gauge',
      samples: [...stats.down].map(([dependency, down]) => ({ labels: { isolate, dependency }, value: down ? 1 : 0 })),
    },
    {
      name: 'empire_dependency_outages_total',
      help: `Times this isolate saw a dependency go down ${PER_ISOLATE}.`,
      type: 'counter',
      samples: [...stats.outages].map(([dependency, value]) => ({ labels: { isolate, dependency }, value })),
    },
    {
      name: 'empire_fallbacks_total',
      help: `Calls served by a fallback because a dependency was down, by dependency and use ${PER_ISOLATE}.`,
      type: 'counter',
      samples: [...stats.fallbacks].map(([key, value]) => {
        const [dependency = '', use = ''] = key.split('|');
        return { labels: { isolate, dependency, use }, value };
      }),
    },
  ];
}
