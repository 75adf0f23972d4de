import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration files each use their own Redis key prefix, so files may run in parallel.
    fileParallelism: true,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
