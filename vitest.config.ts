import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['analytics/**/*.test.ts', 'survey-forms/**/*.test.ts', 'server/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: 2,
    pool: 'forks',
  },
});
