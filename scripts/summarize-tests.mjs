// Prints the plain "N passed, N failed" line CI reads, from vitest's JSON report and, after it, the count files of
// other test runs (`{"passed": N, "failed": N}`, e.g. the long fuzz run's FUZZ_REPORT). A missing file is a failure:
// the run it stands for did not finish.
import { existsSync, readFileSync } from 'node:fs';

const [file = 'test-results/vitest.json', ...others] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
if (!existsSync(file)) {
  failed++;
  console.error(`no test report at ${file} (the test run did not start)`);
} else {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests ?? 0;
  // Suites that failed to load count as failures too.
  failed += (r.numFailedTests ?? 0) + (r.numFailedTestSuites && !r.numFailedTests ? r.numFailedTestSuites : 0);
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
for (const other of others) {
  const r = existsSync(other) ? JSON.parse(readFileSync(other, 'utf8')) : undefined;
  if (!r || typeof r.passed !== 'number' || typeof r.failed !== 'number') {
    failed++;
    console.error(`no counts in ${other} (that run did not finish)`);
    continue;
  }
  passed += r.passed;
  failed += r.failed;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
