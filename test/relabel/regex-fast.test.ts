// The fast matchers in regex-fast.ts must be indistinguishable from running the wrapped
// pattern in re2js (Go semantics). For each shape, both profiles, many inputs.
import { RE2JS } from 're2js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastShape, requiredPrefix } from '../../src/engine/relabel/regex-fast.ts';
import { compileRegex, matchesWholeInputOnly } from '../../src/engine/relabel/regex.ts';
import { P2, P3 } from './helpers.ts';

function reference(wrapped: string, s: string): (string | undefined)[] | null {
  const re = RE2JS.compile(wrapped);
  const m = re.matcher(s);
  if (!m.find()) return null;
  const out: (string | undefined)[] = [];
  for (let i = 0; i <= re.groupCount(); i++) out.push(m.group(i) ?? undefined);
  return out;
}

const FAST = ['(.*)', '.*', '.+', '(.+)', '', 'a', 'a|b', 'web|api', 'a|', '(a|b)', '(metrics)', '10299', 'v2\\.9\\.0', 'a\\|b',
  '__meta_kubernetes_pod_label_(.+)', '__meta_(.*)', 'k8s_.*', 'x.+', 'é(.*)', '😀|x', '\\.(.*)', 'a\nb', 'a(b)', '(app-1|app-21);true', 'x(a|b)y', '(a|)b', 'v(2\\.9)\\.0', 'a(b|😀)',
  '([^:]+)(?::\\d+)?;(\\d+)', '(.+?)(?::\\d+)?;(\\d+)'];
const SLOW = ['a*', '(a)|(b)', '(a|b)(c)', 'a(b|c)*', 'x(?:a|b)', '(a(b))', '(a)(b)', 'a.*b', '(?i)a', 'a\\d', '[ab]', '.*x', '(.*)x', '\\Qa\\E', '(a|b)+', 'ab*c', 'ab?', 'abc\\d+', 'foo)|(bar', 'ab)*c(', 'a)(b', 'ab)?(c', '([^:]+)(:\\d+)?;(\\d+)', '(.+)(?::\\d+)?;(\\d+)', '([^:]+)(?::\\d+);(\\d+)'];
const INPUTS = ['', 'a', 'b', 'ab', 'a|b', 'web', 'api', 'apix', 'metrics', '10299', '1029', 'v2.9.0', 'v2x9x0', '\n', 'a\nb', 'x\n', 'x', 'xx',
  '__meta_kubernetes_pod_label_app', '__meta_kubernetes_pod_label_', '__meta_', '__meta_x\ny', 'k8s_', 'k8s_a', 'é', 'éé', '😀', 'x😀', '.', '.a', 'abc1', 'abd1', 'ac', 'abbc', 'foo', 'xbar', 'c', 'abc', 'ababc', 'app-1;true', 'app-21;true', 'app-1;false', 'app-2;true', ';true', 'xay', 'xby', 'xy', 'xaby', 'v2.9.0', 'a😀', 'abc',
  '10.0.0.1:8080;9102', '10.0.0.1;9102', '10.0.0.1:8080;', ':1;2', 'a:1;2:3', 'a;b;1', 'a;1;2', 'a\n:1;2', '\n;1', 'a\n;1', '[::1]:80;9', 'h:x;1', 'h:1;x', 'h😀;1', '😀:1;2', ';1', 'a;', 'a:;1', 'x;01', 'a:1:2;3', 'a;1:2;3'];

describe('fast shapes agree with re2js on the wrapped pattern', () => {
  for (const p of [P3, P2]) {
    for (const pattern of [...FAST, ...SLOW]) {
      it(`${p.id} ${JSON.stringify(pattern)}`, () => {
        const c = compileRegex(pattern, p);
        if (!c.ok) throw new Error(c.message);
        expect(matchesWholeInputOnly(c.re)).toBe(FAST.includes(pattern));
        const wrapped = p.relabel.regexWrap.prefix + pattern + p.relabel.regexWrap.suffix;
        for (const s of INPUTS) {
          const want = reference(wrapped, s);
          expect([s, c.re.exec(s)]).toEqual([s, want]);
          expect([s, c.re.test(s)]).toEqual([s, want !== null]);
        }
      });
    }
  }
});

describe('the host:port rewrite shapes agree with re2js on generated addresses', () => {
  // Strings over the characters that steer the match: colons, semicolons, digits, newlines, a surrogate pair.
  const text = fc.array(fc.constantFrom(':', ';', ';', '1', '2', '0', 'a', '.', '\n', '😀', '['), { maxLength: 12 }).map((a) => a.join(''));
  for (const p of [P3, P2]) {
    for (const pattern of ['([^:]+)(?::\\d+)?;(\\d+)', '(.+?)(?::\\d+)?;(\\d+)']) {
      it(`${p.id} ${JSON.stringify(pattern)}`, () => {
        const c = compileRegex(pattern, p);
        if (!c.ok) throw new Error(c.message);
        expect(matchesWholeInputOnly(c.re)).toBe(true);
        const wrapped = p.relabel.regexWrap.prefix + pattern + p.relabel.regexWrap.suffix;
        let matched = 0;
        fc.assert(
          fc.property(text, (s) => {
            const want = reference(wrapped, s);
            if (want) matched++;
            expect(c.re.exec(s)).toEqual(want);
            expect(c.re.test(s)).toBe(want !== null);
          }),
          { numRuns: 2000, seed: 1125 },
        );
        // The generator must reach matches, not only misses.
        expect(matched).toBeGreaterThan(50);
      });
    }
  }
});

describe('shape detection', () => {
  it('literal sets, grouped sets and literal-prefix tails', () => {
    expect(fastShape('a|b')).toEqual({ kind: 'set', values: new Set(['a', 'b']), group: false });
    expect(fastShape('(a|b)')).toEqual({ kind: 'set', values: new Set(['a', 'b']), group: true });
    expect(fastShape('x\\.(.+)')).toEqual({ kind: 'prefix', prefix: 'x.', group: true, nonEmpty: true });
    expect(fastShape('(app-1|app-21);true')).toEqual({ kind: 'groupset', groups: new Map([['app-1;true', 'app-1'], ['app-21;true', 'app-21']]) });
    expect(fastShape('(a)(b)')).toBeNull();
    expect(fastShape('a\\d')).toBeNull();
  });
  it('required prefix drops a quantified last rune and refuses alternations', () => {
    expect(requiredPrefix('abc\\d+')).toBe('abc');
    expect(requiredPrefix('ab*c')).toBe('a');
    expect(requiredPrefix('ab{2}')).toBe('a');
    expect(requiredPrefix('a|b.*')).toBe('');
    expect(requiredPrefix('(?i)abc')).toBe('');
  });
});
