// Made on first use: a Worker may not generate random values while its module is being loaded.
let id: string | undefined;

/**
 * A random id for this isolate, the `isolate` label of every per-isolate series: each scrape may
 * land on another isolate, and the label keeps their counts apart so none is taken for a total.
 */
export function isolateId(): string {
  id ??= crypto.randomUUID().slice(0, 8);
  return id;
}

/** Ends the help text of every per-isolate family, for whoever builds a dashboard or rule on them. */
export const PER_ISOLATE =
  '(per isolate: counted by the isolate named in the isolate label since it started; a scrape reaches one ' +
  'isolate of many, so these are samples, never global totals)';
