import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts', 'cluster/**/*.test.ts', 'load/**/*.test.ts', 'bridge/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Browser tests share two cores with the server they start: one file at a time. Two at
    // a time was tried (2026-12-07): the load average went to 16, each file took about twice
    // as long (day-of 183 s instead of ~100 s, i18n-a11y 290 s instead of ~150 s), so
    // nothing was gained, and two files failed on time bounds they meet alone.
    fileParallelism: false,
  },
});
