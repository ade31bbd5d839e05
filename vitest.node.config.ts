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
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
