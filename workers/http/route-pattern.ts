import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';

/**
 * The pattern of the route that answered (`/api/crm/leads/:id`), not the path with its ids;
 * undefined when only middleware matched (an unknown path).
 */
export function routePattern(c: Context): string | undefined {
  return matchedRoutes(c)
    .filter((route) => route.method !== 'ALL')
    .at(-1)?.path;
}
