import type { DrizzleD1Database } from 'drizzle-orm/d1';
import type * as d1Schema from './d1-schema';

/** The D1 database as the stores see it; the Worker opens it over the DB binding. */
export type D1Db = DrizzleD1Database<typeof d1Schema>;
