// `npm run fuzz`: the long fuzz run. The same properties as `npm test` (test/fuzz/harness/properties.ts) with a fixed
// seed budget — FUZZ_SEEDS seeds (default 4: seeds 1…4, each combined with the property's own seed) × the npm-test runs
// × FUZZ_RUNS_SCALE (default 5) — so CI runs exactly the same inputs every time, then a small benchmark of the input
// limits (how long refusing each hostile input takes; time is measured here, never asserted in tests).
//
// A failure prints fast-check's report (seed, path, shrunk input) and writes the shrunk case to
// test-results/fuzz-failures/<id>.json, ready to be moved to test/fuzz/regressions/. Exit code 1 on any failure.
// If the process dies instead (out of memory, killed after a hang), test-results/fuzz-failures/last-input.json holds
// the input that was running.
//
//   npm run fuzz                              # default budget (48 000 inputs)
//   FUZZ_SEEDS=20 FUZZ_RUNS_SCALE=10 npm run fuzz
//   FUZZ_PROPERTY=isolation npm run fuzz      # one property
//   FUZZ_SEED=123 FUZZ_PATH=4:1:0 npm run fuzz  # replay one failure (with FUZZ_PROPERTY)
//   FUZZ_REPORT=test-results/fuzz.json npm run fuzz  # also write the counts (.ci/run does)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { run } from '../src/engine/run.ts';
import { compileRegex } from '../src/engine/relabel/regex.ts';
import { getProfile } from '../src/engine/profiles/index.ts';
import { defaultSeed, PROPERTIES, runProperty, type Outcome } from '../test/fuzz/harness/properties.ts';

const env = (k: string) => process.env[k] || undefined;
const seeds = Number(env('FUZZ_SEEDS') ?? 4);
const scale = Number(env('FUZZ_RUNS_SCALE') ?? 5);
const only = env('FUZZ_PROPERTY');
const replaySeed = env('FUZZ_SEED');
const OUT = join(import.meta.dirname, '..', 'test-results', 'fuzz-failures');

// The input being run, for a crash no property can report (out of memory, a hang): removed at the end of a run.
mkdirSync(OUT, { recursive: true });
const LAST = join(OUT, 'last-input.json');
const breadcrumb = (property: string, seed: number) => (c: unknown) => writeFileSync(LAST, JSON.stringify({ property, seed, input: c }));

const outcomes: Outcome[] = [];
const t0 = performance.now();
for (const p of PROPERTIES) {
  if (only && p.name !== only) continue;
  const runs = Math.max(1, Math.round(p.runs * scale));
  const list = replaySeed !== undefined ? [Number(replaySeed)] : Array.from({ length: seeds }, (_, i) => (defaultSeed(p.name) ^ (i + 1)) | 0);
  for (const seed of list) {
    const s = performance.now();
    const o = runProperty(p, { seed, runs, onInput: breadcrumb(p.name, seed), ...(env('FUZZ_PATH') ? { path: env('FUZZ_PATH') } : {}) });
    outcomes.push(o);
    console.log(`${o.failed ? 'FAIL' : 'ok  '} ${p.name.padEnd(18)} seed ${String(seed).padStart(11)}  ${String(runs).padStart(6)} runs  ${((performance.now() - s) / 1000).toFixed(1)} s`);
    if (o.failed) {
      console.log(o.report);
      const id = (o.regression as { id?: string } | undefined)?.id ?? `${p.name}-${seed}`;
      writeFileSync(join(OUT, `${id}.json`), JSON.stringify(o.regression, null, 2) + '\n');
      console.log(`  → ${join('test-results', 'fuzz-failures', `${id}.json`)}`);
    }
  }
}
rmSync(LAST, { force: true });
const total = outcomes.reduce((n, o) => n + o.runs, 0);
const failed = outcomes.filter((o) => o.failed);
console.log(`\n${total} inputs in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${failed.length ? `${failed.length} failing property run(s)` : 'no failure'}`);
// FUZZ_REPORT=<file>: each property run (a property with one seed) as one test, for CI's "N passed, N failed" line
// (scripts/summarize-tests.mjs adds them to vitest's).
const report = env('FUZZ_REPORT');
if (report) writeFileSync(report, JSON.stringify({ passed: outcomes.length - failed.length, failed: failed.length, inputs: total }) + '\n');

// ---- limits benchmark: how long refusing a hostile input takes ----
if (!only) {
  console.log('\nlimits (time to refuse; measured, not asserted):');
  const time = (name: string, f: () => unknown, goal = '') => {
    const s = performance.now();
    f();
    const ms = performance.now() - s;
    console.log(`  ${name.padEnd(60)} ${ms.toFixed(1).padStart(8)} ms${goal ? `   goal: ${goal}` : ''}`);
  };
  const laughs = (levels: number) => {
    let t = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < levels; i++) t += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    return t + 'kind: ConfigMap\napiVersion: v1\nmetadata: {name: bomb}\n';
  };
  time('billion laughs (10^9 nodes from 1 KiB)', () => run([{ name: 'b.yaml', text: laughs(9) }]), '< 100 ms');
  time('10^30 laughs (30 levels)', () => run([{ name: 'b.yaml', text: laughs(30) }]), '< 100 ms');
  const sub = Array.from({ length: 1000 }, (_, i) => `x0: &x0 [a, a, a, a, a, a, a, a, a, a]\nx1: &x1 [${Array(10).fill('*x0').join(', ')}]\nx2: &x2 [${Array(10).fill('*x1').join(', ')}]\nx3: [${Array(10).fill('*x2').join(', ')}]\nkind: ConfigMap\napiVersion: v1\nmetadata: {name: c${i}}\n`).join('---\n');
  time('1000 documents of 10^4 alias nodes each (maxAliasNodesTotal)', () => run([{ name: 'many.yaml', text: sub }]));
  time('JSON nested 10^6 deep (maxDepth)', () => run([{ name: 'deep.json', text: '['.repeat(1e6) + ']'.repeat(1e6) }]));
  time('YAML flow nested 10^5 deep (maxDepth)', () => run([{ name: 'deep.yaml', text: `a: ${'['.repeat(1e5)}${']'.repeat(1e5)}\n` }]));
  time('a 200 MiB file (maxFileSize)', () => run([{ name: 'huge.yaml', text: 'a'.repeat(200 * 1024 * 1024) }]), '< 10 ms');
  const re = compileRegex('(a+)+$', getProfile('prometheus-3.14')!);
  if (re.ok) {
    const s = 'a'.repeat(1 << 20) + '!';
    time('(a+)+$ on 2^20 × "a" + "!" (test)', () => re.re.test(s));
    time('(a+)+$ on 2^20 × "a" + "!" (exec, with groups)', () => re.re.exec(s));
  }
}
process.exit(failed.length ? 1 : 0);
