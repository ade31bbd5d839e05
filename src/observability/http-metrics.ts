import { isolateId, PER_ISOLATE } from './isolate-id';
import type { MetricFamily } from './prometheus';

// Seconds; the bounds of the request-duration histogram.
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Series {
  count: number;
  sum: number;
  buckets: number[];
}

/** Request counts and latencies, per isolate: each isolate reports its own since it started. */
const series = new Map<string, Series>();
let rateLimited = 0;

const key = (route: string, method: string, status: number) => `${method} ${route} ${status}`;

export function recordRequest(route: string, method: string, status: number, seconds: number): void {
  const id = key(route, method, status);
  let entry = series.get(id);
  if (!entry) {
    entry = { count: 0, sum: 0, buckets: BUCKETS.map(() => 0) };
    series.set(id, entry);
  }
  entry.count += 1;
  entry.sum += seconds;
  BUCKETS.forEach((bound, index) => {
    if (seconds <= bound) entry.buckets[index] = (entry.buckets[index] ?? 0) + 1;
  });
}

export function recordRateLimited(): void {
  rateLimited += 1;
}

export function httpFamilies(): MetricFamily[] {
  const isolate = isolateId();
  const requests: MetricFamily = {
    name: 'empire_http_requests_total',
    help: `HTTP requests by route, method and status ${PER_ISOLATE}.`,
    type: 'counter',
    samples: [],
  };
  const duration: MetricFamily = {
    name: 'empire_http_request_duration_seconds',
    help: `HTTP request latency by route and method ${PER_ISOLATE}.`,
    type: 'histogram',
    samples: [],
  };
  for (const [id, entry] of series) {
    const [method = '', route = '', status = ''] = id.split(' ');
    const labels = { isolate, route, method, status };
    requests.samples.push({ labels, value: entry.count });
    BUCKETS.forEach((bound, index) => {
      duration.samples.push({
        suffix: '_bucket',
        labels: { ...labels, le: String(bound) },
        value: entry.buckets[index] ?? 0,
      });
    });
    duration.samples.push({ suffix: '_bucket', labels: { ...labels, le: '+Inf' }, value: entry.count });
    duration.samples.push({ suffix: '_sum', labels, value: entry.sum });
    duration.samples.push({ suffix: '_count', labels, value: entry.count });
  }
  return [
    requests,
    duration,
    {
      name: 'empire_rate_limited_total',
      help: `Requests refused by the per-client rate limit ${PER_ISOLATE}.`,
      type: 'counter',
      samples: [{ labels: { isolate }, value: rateLimited }],
    },
  ];
}
