// Differential corpus: Go RE2 as Prometheus uses it (relabel.go NewRegexp → regexp.Compile of
// the wrapped text, then MatchString / FindStringSubmatchIndex) against our compileRegex.
// Every expected value states what Go does (reference §7.2 and §10, Go's regexp/syntax doc and
// parse.go error paths); none is derived from our code. `U` marks a group that took no part.
import { describe, expect, it } from 'vitest';
import { compileRegex } from '../../src/engine/relabel/regex.ts';
import { P2, P3 } from './helpers.ts';

const U = undefined;
type Want = (string | undefined)[] | null | { error: string };
type Case = [profiles: '3' | '2' | 'both', pattern: string, input: string, want: Want];
const E = (m: string) => ({ error: `error parsing regexp: ${m}` });

const corpus: Case[] = [
  // anchoring and `.`
  ['both', '(.*)', 'abc', ['abc', 'abc']],
  ['3', '(.*)', 'a\nb', ['a\nb', 'a\nb']],
  ['2', '(.*)', 'a\nb', null],
  ['both', '.*', '', ['']],
  ['both', '.+', '', null],
  ['3', '.', '\n', ['\n']],
  ['2', '.', '\n', null],
  ['both', '(?s).', '\n', ['\n']],
  ['3', '(?-s:.)', '\n', null],
  ['both', '.', '😀', ['😀']],
  ['both', '..', '😀', null],
  ['both', 'prod', 'production', null],
  ['both', '^abc$', 'abc', ['abc']],
  ['both', 'a^b', 'ab', null],
  ['both', '', '', ['']],
  ['both', '', 'a', null],
  ['both', 'a|', '', ['']],
  ['both', 'prod|staging', 'staging', ['staging']],
  ['both', 'frontend|.*-web-\\d+', 'shop-web-1', ['shop-web-1']],
  ['both', '[^a]', '\n', ['\n']], // Perl flags include ClassNL
  // the wrap is textual: unbalanced input escapes the anchors
  ['3', 'foo)|(bar', 'fooX', ['foo', U]],
  ['3', 'foo)|(bar', 'xxbar', ['bar', 'bar']],
  ['3', 'foo)|(bar', 'xfoo', null],
  ['3', '(', '', E('missing closing ): `^(?s:()$`')],
  ['2', '(', '', E('missing closing ): `^(?:()$`')],
  ['3', ')', '', E('unexpected ): `^(?s:))$`')],
  // captures: leftmost-first, and a repeated group keeps its last participating value
  ['both', '(?:(a)|b)+', 'ab', ['ab', 'a']],
  ['both', '(?:(a)|(b))+', 'ab', ['ab', 'a', 'b']],
  ['both', '(a|ab)(c|bcd)(d*)', 'abcd', ['abcd', 'a', 'bcd', '']],
  ['both', '(a|ab)(b*)', 'abb', ['abb', 'a', 'bb']],
  ['both', '(a)|b', 'b', ['b', U]],
  ['both', '(a+)(a*)', 'aaa', ['aaa', 'aaa', '']],
  ['both', '(a+?)(a*)', 'aaa', ['aaa', 'a', 'aa']],
  ['both', '(?U)(a+)(a*)', 'aaa', ['aaa', 'a', 'aa']],
  ['both', '(.*?)-(.*)', 'api-gw-2', ['api-gw-2', 'api', 'gw-2']],
  ['both', '(.*)-(.*)', 'api-gw-2', ['api-gw-2', 'api-gw', '2']],
  ['both', 'v?(\\d+)\\.(\\d+)\\.(\\d+)(?:-(\\w+)(?:\\.(\\d+))?)?', 'v2.10.3-rc.1', ['v2.10.3-rc.1', '2', '10', '3', 'rc', '1']],
  ['both', 'v?(\\d+)\\.(\\d+)\\.(\\d+)(?:-(\\w+)(?:\\.(\\d+))?)?', '1.2.3', ['1.2.3', '1', '2', '3', U, U]],
  ['both', '(?P<n>a)(?P<n>b)', 'ab', ['ab', 'a', 'b']], // Go allows duplicate names
  // character classes
  ['both', '[]a]', ']', [']']],
  ['both', '[]a]', 'a', ['a']],
  ['both', '[]a]', 'b', null],
  ['both', '[^]a]', 'b', ['b']],
  ['both', '[^]a]', ']', null],
  ['both', '\\s', '\v', null],
  ['both', '\\s', '\t', ['\t']],
  ['both', '\\s', '\u00a0', null],
  ['both', '\\S', '\v', ['\v']],
  ['both', '[[:space:]]', '\v', ['\v']],
  ['both', '[[:alpha:]]+', 'abcXYZ', ['abcXYZ']],
  ['both', '[[:alpha:]]', 'é', null],
  ['both', '[[:^alpha:]]', '1', ['1']],
  ['both', '[[:^alpha:]]', 'a', null],
  ['both', '[[:word:]]+', 'a_1', ['a_1']],
  ['both', '([[:alpha:]]+)[-_].*', 'api-gw', ['api-gw', 'api']],
  ['both', '\\d+', '٣', null],
  ['both', '\\w+', 'é', null],
  ['both', '\\D', 'a', ['a']],
  ['both', 'a\\b', 'a', ['a']],
  ['both', '\\pL+', 'éa', ['éa']],
  ['both', '\\pL', '1', null],
  ['both', '\\PL', '1', ['1']],
  ['both', '\\p{Greek}+', 'αβγ', ['αβγ']],
  ['both', '\\p{Greek}', 'a', null],
  ['both', '\\p{^Greek}', 'a', ['a']],
  ['both', '\\p{Lu}', 'A', ['A']],
  ['both', '[z-a]', '', E('invalid character class range: `z-a`')],
  ['both', '[[:foo:]]', '', E('invalid character class range: `[:foo:]`')],
  ['both', '\\p{Letter}', '', E('invalid character class range: `\\p{Letter}`')],
  ['3', '[a', '', E('missing closing ]: `[a)$`')],
  // escapes
  ['both', '\\Qa.b\\E', 'a.b', ['a.b']],
  ['both', '\\Qa.b\\E', 'axb', null],
  // \Q without \E also swallows the wrap's `)$`, so the group never closes
  ['3', '\\Qa.b', '', E('missing closing ): `^(?s:\\Qa.b)$`')],
  ['2', '\\Qa.b', '', E('missing closing ): `^(?:\\Qa.b)$`')],
  ['both', '\\x{41}\\x42', 'AB', ['AB']],
  ['both', '\\12', '\n', ['\n']],
  ['both', '\\012', '\n', ['\n']],
  ['both', '\\0', '\x00', ['\x00']],
  ['both', '\\a', '\x07', ['\x07']],
  ['both', '\\_\\:\\-\\"\\@\\#\\\'\\<', '_:-"@#\'<', ['_:-"@#\'<']],
  ['both', '\\Aabc\\z', 'abc', ['abc']],
  ['both', 'a{,3}', 'a{,3}', ['a{,3}']],
  ['both', '}', '}', ['}']],
  ['both', ']', ']', [']']],
  ['both', '{', '{', ['{']],
  ['both', '\\1', '', E('invalid escape sequence: `\\1`')],
  ['both', '\\8', '', E('invalid escape sequence: `\\8`')],
  ['both', '\\Z', '', E('invalid escape sequence: `\\Z`')],
  ['both', '\\e', '', E('invalid escape sequence: `\\e`')],
  ['both', '\\uABCD', '', E('invalid escape sequence: `\\u`')],
  ['both', '\\cA', '', E('invalid escape sequence: `\\c`')],
  ['both', '\\x{110000}', '', E('invalid escape sequence: `\\x{110000`')],
  // flags
  ['both', '(?i)k', '\u212a', ['\u212a']],
  ['both', '(?i)[k]', '\u212a', ['\u212a']],
  ['both', '(?i)s', 'ſ', ['ſ']],
  ['both', '(?i)prod', 'PROD', ['PROD']],
  ['both', '^(?i:frontend)-.*$', 'FRONTEND-x', ['FRONTEND-x']],
  ['both', '(?m)(prod);(.*)$', 'prod;v2', ['prod;v2', 'prod', 'v2']],
  ['both', '(?m)a$', 'a\nb', null], // the outer `$` is outside the (?m) scope
  // repetition
  ['both', 'ab*c', 'ac', ['ac']],
  ['both', 'ab?', 'a', ['a']],
  ['both', 'abc\\d+', 'abd1', null],
  ['both', 'x{1001}', '', E('invalid repeat count: `{1001}`')],
  ['both', 'x**', '', E('invalid nested repetition operator: `**`')],
  ['both', 'a{2}{3}', '', E('invalid nested repetition operator: `{2}{3}`')],
  ['both', '*', '', E('missing argument to repetition operator: `*`')],
  ['both', 'a|*', '', E('missing argument to repetition operator: `*`')],
  // Perl syntax Go rejects
  ['both', '(?=a)', '', E('invalid or unsupported Perl syntax: `(?=`')],
  ['both', '(?!a)', '', E('invalid or unsupported Perl syntax: `(?!`')],
  ['both', '(?#c)', '', E('invalid or unsupported Perl syntax: `(?#`')],
  ['both', '(?x)a', '', E('invalid or unsupported Perl syntax: `(?x`')],
  ['both', '(?P<>a)', '', E('invalid named capture: `(?P<>`')],
  ['both', '(?P<a-b>x)', '', E('invalid named capture: `(?P<a-b>`')],
  // (?<name>…): Go ≥ 1.22 (3.x) only; Go 1.19 stops at the first real `(?<`
  ['3', '(?<n>a)', 'a', ['a', 'a']],
  ['3', '(?<=a)b', '', E('invalid named capture: `(?<=a)b)$`')],
  ['2', '(?<n>a)', '', E('invalid or unsupported Perl syntax: `(?<`')],
  ['2', '(?<=a)b', '', E('invalid or unsupported Perl syntax: `(?<`')],
  ['2', '(?P<n>a)(?<m>b)', '', E('invalid or unsupported Perl syntax: `(?<`')],
  ['2', 'x**(?<n>a)', '', E('invalid nested repetition operator: `**`')], // an earlier error wins
  ['2', '[(?<]', '(', ['(']],
  ['2', '\\Q(?<\\E', '(?<', ['(?<']],
  ['2', '\\(?<n>)', '', E('unexpected ): `^(?:\\(?<n>))$`')],
  ['2', '(?P<n>a)', 'a', ['a', 'a']],
];

describe('Go RE2 differential corpus (relabel.go NewRegexp + MatchString/FindStringSubmatch)', () => {
  for (const [which, pattern, input, want] of corpus) {
    const profiles = which === 'both' ? [P3, P2] : which === '3' ? [P3] : [P2];
    for (const p of profiles) {
      it(`${p.id} ${JSON.stringify(pattern)} on ${JSON.stringify(input)}`, () => {
        const c = compileRegex(pattern, p);
        if (want && !Array.isArray(want)) {
          expect(c.ok ? 'compiled' : c.message).toBe(want.error);
          return;
        }
        if (!c.ok) throw new Error(c.message);
        expect(c.re.exec(input)).toEqual(want);
        expect(c.re.test(input)).toBe(want !== null);
      });
    }
  }
  it('has at least 60 patterns', () => {
    expect(new Set(corpus.map((c) => c[1])).size).toBeGreaterThanOrEqual(60);
  });
});

describe('compileRegex details', () => {
  it('caches per wrap: the same text compiles differently for 2.42 and 3.x', () => {
    const a = compileRegex('.', P3);
    const b = compileRegex('.', P2);
    expect(a.ok && b.ok && a.re !== b.re).toBe(true);
    expect(compileRegex('.', P3)).toBe(a);
  });
  it('keeps the user text and the wrapped source', () => {
    const c = compileRegex('a(b)', P3);
    expect(c.ok && [c.re.text, c.re.source, c.re.numSubexp]).toEqual(['a(b)', '^(?s:a(b))$', 1]);
  });
  it('SubexpNames, with duplicates kept under their own name', () => {
    const c = compileRegex('(?P<x>a)(b)(?P<x>c)', P3);
    expect(c.ok && c.re.subexpNames).toEqual(['', 'x', '', 'x']);
  });
  it('an error quoting the text shows the user names, not our renames', () => {
    const c = compileRegex('(?P<x>a)(?P<x>b', P3);
    expect(c.ok ? '' : c.message).toBe('error parsing regexp: missing closing ): `^(?s:(?P<x>a)(?P<x>b)$`');
  });
});
