import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // CI machines are shared and loaded; a concurrency proof that fails once is run once more
    // there (and the retry shows in the report). Locally every failure counts.
    retry: process.env['CI'] ? 1 : 0,
  },
});
