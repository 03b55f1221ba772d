import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'threads',
    // The JSON report feeds the "N passed, N failed" line that CI reads (scripts/summarize-tests.mjs).
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    // Two projects (their include lists are their own: `extends` would concatenate root lists).
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['node_modules/**', 'test/e2e/**'] } },
      // Browser tests: the global setup builds the site once per run (reused across runs while the sources
      // are unchanged) and serves it; vitest runs it only when an e2e file is queued. Forks: each file
      // drives its own Chromium.
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], exclude: ['node_modules/**'], globalSetup: ['test/e2e/global-setup.ts'], pool: 'forks' } },
    ],
  },
});
