// Pathological regexes stay linear: relabel regexes run on RE2 (re2js), which has no backtracking, so the classic
// catastrophic patterns — `(a+)+$` on "aaaa…!", `(a|a)*b`, `(x+x+)+y` — finish in time linear in the input.
//
// How this is shown without a clock: re2js reads its input only through MachineUTF16Input.step/context, i.e.
// String.prototype.charCodeAt. We count those reads (and codePointAt, for any other path) while matching inputs of
// growing size, and check that reads per input character stay under a constant and that the count grows like the
// input. A backtracking engine re-reads the input once per path it tries: for `(a+)+$` on a^n! that is ~2^n paths,
// so at n = 65 536 it would not finish at all, let alone within a constant number of reads per character. The count
// is deterministic (same input, same reads), so the test cannot be flaky; completing at all is the first half of the
// proof, the bound the second. (The reads bound the scan; the work per read is bounded by the compiled program's
// size, which does not depend on the input — RE2's O(|regex| × |input|).)
//
// The other half of "a regex that would be pathological": RE2 refuses regexes whose program would be huge
// (`(a{1000}){1000}`, 1001 nested groups) at load time, like Prometheus does, as a located RELABEL_INVALID.
// A config that is pathological without any regex — a relabel chain that multiplies a label's size — is an open bug
// (regressions/open-relabel-label-past-max-string-length.json).
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/engine/config/scrape-config.ts';
import { ingest } from '../../src/engine/ingest/ingest.ts';
import { getProfile, type ProfileId } from '../../src/engine/profiles/index.ts';
import { applyRelabel } from '../../src/engine/relabel/apply.ts';
import { compileRegex } from '../../src/engine/relabel/regex.ts';
import { checkRun } from './harness/invariants.ts';

/** Catastrophic for a backtracking engine; each with an input family that defeats literal prefilters and does not match. */
const PATHOLOGICAL: [pattern: string, input: (n: number) => string][] = [
  ['(a+)+$', (n) => 'a'.repeat(n) + '!'],
  ['(a|a)*b', (n) => 'a'.repeat(n) + '!b'],
  ['(a*)*b', (n) => 'a'.repeat(n) + '!b'],
  ['(x+x+)+y', (n) => 'x'.repeat(n) + '!y'],
  ['(a|aa)+$', (n) => 'a'.repeat(n) + '!'],
  ['(.*a){20}', (n) => 'a'.repeat(n) + '!'],
  ['([a-z]+)*@', (n) => 'a'.repeat(n) + '!@'],
  ['(\\w+\\s?)+$', (n) => 'a'.repeat(n) + '!'],
  ['(?:a?){25}a{25}', (n) => 'a'.repeat(n) + '!'],
];
const SIZES = [1 << 10, 1 << 13, 1 << 16];
/** Reads per input character allowed (observed: 1 for a test, 3–4 for a match with groups; the backtracker that
 * re2js uses for short inputs reads up to its program size per character, ~40 here). */
const PER_CHAR = 64;

/** Runs `f` and counts the characters it read from any string (charCodeAt / codePointAt calls). */
function reads(f: () => unknown): number {
  let n = 0;
  const proto = String.prototype;
  const charCodeAt = proto.charCodeAt;
  const codePointAt = proto.codePointAt;
  proto.charCodeAt = function (this: string, i: number) {
    n++;
    return charCodeAt.call(this, i);
  };
  proto.codePointAt = function (this: string, i: number) {
    n++;
    return codePointAt.call(this, i);
  } as typeof proto.codePointAt;
  try {
    f();
  } finally {
    proto.charCodeAt = charCodeAt;
    proto.codePointAt = codePointAt;
  }
  return n;
}

/** Checks a series of (size, reads): bounded per character, and growing no faster than the input at the top end. */
function expectLinear(series: [size: number, reads: number][]): void {
  for (const [size, r] of series) expect(r, `${r} reads for ${size} characters`).toBeLessThanOrEqual(PER_CHAR * (size + 2));
  const [a, b] = series.slice(-2) as [[number, number], [number, number]];
  // Input ×8 → reads at most ×16: re2js picks its algorithm by input size (a bit-state backtracker bounded by a
  // visited set for short inputs, the NFA above), so reads per character may change by a constant factor between
  // sizes; a quadratic engine would show ×64, an exponential one would not get here.
  if (a[1] > 0) expect(b[1] / a[1], `growth from ${a[0]} to ${b[0]} characters`).toBeLessThanOrEqual((b[0] / a[0]) * 2);
}

describe('regex: pathological patterns stay linear (RE2)', () => {
  const profile = getProfile('prometheus-3.14')!;
  for (const [pattern, input] of PATHOLOGICAL) {
    it(`${pattern} on inputs up to ${SIZES.at(-1)} characters: no match, linear reads`, () => {
      const c = compileRegex(pattern, profile);
      expect(c.ok).toBe(true);
      if (!c.ok) return;
      const test: [number, number][] = [];
      const exec: [number, number][] = [];
      for (const n of SIZES) {
        const s = input(n);
        let matched: unknown;
        test.push([s.length, reads(() => (matched = c.re.test(s)))]);
        expect(matched).toBe(false);
        exec.push([s.length, reads(() => (matched = c.re.exec(s)))]);
        expect(matched).toBeNull();
      }
      expect(test.at(-1)![1]).toBeGreaterThan(0); // the input was really read (no prefilter shortcut)
      expectLinear(test);
      expectLinear(exec);
    });
  }
});

describe('regex: through relabeling, for every engine profile', () => {
  const profiles: ProfileId[] = ['prometheus-3.14', 'prometheus-2.42', 'vmagent-1.79', 'vmagent-1.150'];
  for (const id of profiles) {
    it(`${id}: replace and keep with (a+)+$ on a label of up to ${SIZES.at(-1)} characters`, () => {
      const profile = getProfile(id)!;
      const cfg = `scrape_configs:\n- job_name: r\n  relabel_configs:\n  - {source_labels: [x], regex: '(a+)+$', target_label: y, replacement: '$1'}\n  - {source_labels: [x], regex: '(a+)+$', action: keep}\n`;
      const { config, diagnostics } = parseConfig(ingest([{ name: 'r.yml', text: cfg }]).configs, profile);
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const rules = config.scrapeConfigs[0]!.relabelConfigs;
      const series: [number, number][] = [];
      for (const n of SIZES) {
        const x = 'a'.repeat(n) + '!';
        let res: ReturnType<typeof applyRelabel> | undefined;
        series.push([x.length, reads(() => (res = applyRelabel({ __address__: 'a:80', x }, rules, profile)))]);
        // No match: the replace leaves y unset, the keep drops the target.
        expect(res!.dropped).toBe(true);
        expect(res!.labels.y).toBeUndefined();
        // And a matching value of the same size is kept, its capture copied.
        const ok = applyRelabel({ __address__: 'a:80', x: 'a'.repeat(n) }, rules, profile);
        expect(ok.dropped).toBe(false);
        expect(ok.labels.y?.length).toBe(n);
      }
      expectLinear(series);
    });
  }
});

describe('regex: programs too large are refused at load time, with a location', () => {
  const huge = ['(a{1000}){1000}', 'x{1001}', '((a{100}){100}){100}', '('.repeat(1001) + 'a' + ')'.repeat(1001)];
  for (const re of huge) {
    it(`${re.length > 30 ? re.slice(0, 12) + '…' + re.slice(-12) : re}`, () => {
      const text = `scrape_configs:\n- job_name: r\n  static_configs: [{targets: ['a:80']}]\n  relabel_configs:\n  - source_labels: [__address__]\n    regex: '${re}'\n    action: keep\n`;
      const r = checkRun([{ name: 'prometheus.yml', text }]);
      const d = r.diagnostics.find((x) => x.code === 'RELABEL_INVALID');
      expect(d?.pos).toMatchObject({ file: 'prometheus.yml', line: 6 });
      expect(r.configRejected).toBe(true);
    });
  }
});
