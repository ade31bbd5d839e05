import { z } from 'zod';

/** A liveness probe the health check sends; the consumer acknowledges it and nothing else. */
export const probeMessage = z.object({
  kind: z.literal('probe'),
  sentAt: z.number().int().nonnegative(),
});

/** Every message on the jobs queue, told apart by `kind`. New kinds join this union. */
export const jobMessage = z.discriminatedUnion('kind', [probeMessage]);

export type JobMessage = z.infer<typeof jobMessage>;
export type JobKind = JobMessage['kind'];
