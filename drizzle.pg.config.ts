import { defineConfig } from 'drizzle-kit';

// PostgreSQL (Neon): users, conversations, messages, models and the spend ledger.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/db/pg-schema.ts', './src/db/audit-schema.ts'],
  out: './migrations/postgres',
});
