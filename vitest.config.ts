import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // A `check` leaves a spare supervisor behind for the next one (5 minutes): hundreds of them
    // here. Spares are off in every test but their own (test/cli/spare.test.ts), which cleans up.
    env: { THREADLINGS_SPARE: '0' },
    // CI machines are shared and loaded; a concurrency proof that fails once is run once more
    // there (and the retry shows in the report). Locally every failure counts.
    retry: process.env['CI'] ? 1 : 0,
  },
});
