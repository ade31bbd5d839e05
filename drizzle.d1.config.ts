import { defineConfig } from 'drizzle-kit';

// D1 (SQLite): the CRM and workflow history. Applied with `wrangler d1 migrations apply`.
export default defineConfig({
  dialect: 'sqlite',
  schema: [
    './src/db/d1-schema.ts',
    './src/db/crm-schema.ts',
    './src/db/memory-schema.ts',
    './src/db/sales-schema.ts',
    './src/db/content-schema.ts',
    './src/db/social-schema.ts',
    './src/db/revenue-schema.ts',
    './src/db/bma-schema.ts',
    './src/db/idempotency-schema.ts',
    './src/db/engagement-schema.ts',
    './src/db/learning-schema.ts',
  ],
  out: './migrations/d1',
});
