import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'local-stack',
    environment: 'node',
    include: [
      'test/local-stack/**/*.test.ts',
      'test/cli/**/*.spec.ts',
      'test/dashboard/**/*.spec.ts',
      'test/db/**/*.spec.ts',
      'test/backup/**/*.spec.ts',
      'test/deploy/**/*.spec.ts',
      'test/bundle/**/*.spec.ts',
      // Whole-product crash and outage scenarios: each boots `npm start`'s stack, one at a time.
      'test/chaos/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
