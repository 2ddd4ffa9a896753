import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts', 'cluster/**/*.test.ts', 'load/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Browser tests share two cores with the server they start: one file at a time.
    fileParallelism: false,
  },
});
