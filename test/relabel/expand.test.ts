// Go Regexp.Expand / ReplaceAllString (grafana/regexp regexp.go: expand, extract, replaceAll).
// Expected values are Go's, from reference §7.3 (verified there with Go) and from reading extract().
import { describe, expect, it } from 'vitest';
import { goExpand, goReplaceAll } from '../../src/engine/relabel/expand.ts';
import { compileRegex } from '../../src/engine/relabel/regex.ts';
import { P2, P3 } from './helpers.ts';

function re(text: string, profile = P3) {
  const r = compileRegex(text, profile);
  if (!r.ok) throw new Error(r.message);
  return r.re;
}

function expandWith(regex: string, input: string, template: string): string {
  const r = re(regex);
  const g = r.exec(input);
  if (!g) throw new Error('no match');
  return goExpand(template, { groups: g, names: r.subexpNames });
}

describe('Regexp.Expand: reference §7.3 table, regex (?P<name>[a-z]+)-(\\d+) on "abc-42"', () => {
  const table: [string, string][] = [
    ['$1', 'abc'],
    ['${1}', 'abc'],
    ['$1x', ''],
    ['${1}x', 'abcx'],
    ['$$1', '$1'],
    ['$01', ''],
    ['$0', 'abc-42'],
    ['$9', ''],
    ['$name', 'abc'],
    ['$namex', ''],
    ['$1.$2', 'abc.42'],
    ['$1_$2', '42'],
    ['$1-$2', 'abc-42'],
    ['a$', 'a$'],
    ['${1', '${1'],
    ['$é', ''],
  ];
  for (const [tpl, want] of table) {
    it(`${JSON.stringify(tpl)} → ${JSON.stringify(want)}`, () => {
      expect(expandWith('(?P<name>[a-z]+)-(\\d+)', 'abc-42', tpl)).toBe(want);
    });
  }
});

describe('Regexp.Expand: extract() edge cases', () => {
  const r = '(?P<name>[a-z]+)-(\\d+)';
  it('malformed references keep the $ (extract ok=false)', () => {
    expect(expandWith(r, 'abc-42', '$-')).toBe('$-');
    expect(expandWith(r, 'abc-42', '$ 1')).toBe('$ 1');
    expect(expandWith(r, 'abc-42', '${}')).toBe('${}');
    expect(expandWith(r, 'abc-42', '${name')).toBe('${name');
    expect(expandWith(r, 'abc-42', 'x$')).toBe('x$');
  });
  it('$$ is a literal $, even before a brace', () => {
    expect(expandWith(r, 'abc-42', '$${name}')).toBe('${name}');
    expect(expandWith(r, 'abc-42', '$$$1')).toBe('$abc');
  });
  it('${name} and $name with a following non-name rune', () => {
    expect(expandWith(r, 'abc-42', '${name}x')).toBe('abcx');
    expect(expandWith(r, 'abc-42', '$name.x')).toBe('abc.x');
  });
  it('$10 is group 10 (absent → ""), not group 1 then "0"', () => {
    expect(expandWith('(a)(b)', 'ab', '[$10]')).toBe('[]');
    expect(expandWith('(a)(b)', 'ab', '[${1}0]')).toBe('[a0]');
  });
  it('a group that did not take part expands to ""', () => {
    expect(expandWith('(billing)-(api)|(worker)', 'worker', '1=$1 2=$2 3=$3')).toBe('1= 2= 3=worker');
  });
  it('numbers stop being numbers past 1e8 (the check happens before each digit)', () => {
    // 9 digits: still a number (group 100000000, absent); 10 digits: a *name*, which can exist.
    expect(expandWith('(?P<1000000000>x)', 'x', '$1000000000')).toBe('x');
    expect(expandWith('(?P<100000000>x)', 'x', '$100000000')).toBe('');
  });
  it('names are Unicode letters/digits/underscore: $1é is the name "1é"', () => {
    expect(expandWith('(a)', 'a', '$1é')).toBe('');
    expect(expandWith('(a)', 'a', '${1}é')).toBe('aé');
    expect(expandWith('(a)', 'a', '$1٣')).toBe(''); // Arabic-Indic digit is a Unicode digit
  });
  it('duplicate names: the first group with that name that took part wins', () => {
    expect(expandWith('(?P<x>a)|(?P<x>b)', 'b', '$x')).toBe('b');
    expect(expandWith('(?P<x>a)(?P<x>b)', 'ab', '$x')).toBe('a');
  });
  it('(?<name>) works in 3.x templates too', () => {
    expect(expandWith('(line1).*(?<second>line2)', 'line1\nline2', 'val_${second}')).toBe('val_line2');
  });
  it('no $ in the template: returned as is', () => {
    expect(goExpand('plain', { groups: ['x'] })).toBe('plain');
  });
});

describe('ReplaceAllString (labelmap name rewrite)', () => {
  it('anchored regex: one expansion of the whole name', () => {
    expect(goReplaceAll(re('__meta_kubernetes_pod_label_(.+)'), '__meta_kubernetes_pod_label_app', 'k8s_$1')).toBe('k8s_app');
    expect(goReplaceAll(re('(b.*)'), 'b1', 'bar_${1}')).toBe('bar_b1');
  });
  it('unbalanced-paren regex escapes the anchors: several matches, text between kept', () => {
    // `a)|(b` compiles to ^(?s:a)|(b)$: "a" at 0, then "b" at the end.
    expect(goReplaceAll(re('a)|(b'), 'aab', 'X')).toBe('XaX');
    expect(goReplaceAll(re('a)|(b'), 'aab', '[$1]')).toBe('[]a[b]');
  });
  it('empty matches: no replacement right after a previous match', () => {
    // ^(?s:)|(x*)$ on "ab": empty at 0, empty at 2 (end) → "XabX".
    expect(goReplaceAll(re(')|(x*'), 'ab', 'X')).toBe('XabX');
  });
  it('2.42 wrap behaves the same for anchored regexes', () => {
    expect(goReplaceAll(re('__meta_(my.*)', P2), '__meta_my_bar', '${1}')).toBe('my_bar');
  });
});
