// vmagent regex matching (relabel.go matchString at 1.79: Go Regexp.LiteralPrefix shortcuts; newer:
// regexutil.PromRegex and config.go isDefaultRegex) and the `if:` series selector (if_expression.go).
import { describe, expect, it } from 'vitest';
import { VmLabels } from '../../src/engine/relabel/vmagent/labels.ts';
import { parseIfExpression } from '../../src/engine/relabel/vmagent/if-expression.ts';
import { compileVmRegex, isDefaultRegexNewest, literalPrefix, removeStartEndAnchors } from '../../src/engine/relabel/vmagent/regex.ts';
import { V150, V179 } from './helpers.ts';

const matcher = (re: string, p = V179) => {
  const c = compileVmRegex(re, 'keep', p);
  if (!c.ok) throw new Error(c.message);
  return c.re.matcher;
};

describe('Go LiteralPrefix of the unanchored regex', () => {
  it.each([
    ['foo', 'foo', true],
    ['foo.*', 'foo', false],
    ['(foo)', 'foo', true],
    ['foo|foobar', 'foo', false], // the parser factors the common prefix
    ['(?i)foo', '', false],
    ['', '', true],
    ['.*', '', false],
  ])('%j → prefix %j, complete %s', (re, prefix, complete) => expect(literalPrefix(re)).toEqual({ prefix, complete }));
});

describe('1.79 matchString: literal-prefix shortcuts ignore newlines, the rest is the anchored Go regex', () => {
  it.each([
    ['Notes.*', 'Notes:\nmore', true],
    ['Notes.+', 'Notes', false],
    ['(.*)', 'a\nb', true],
    ['.+', 'a\nb', true],
    ['a.*b', 'a\nb', false], // not a shortcut: Go's `.` stops at "\n"
    ['web', 'web', true],
    ['web', 'web-1', false],
    ['^web-\\d$', 'web-1', true], // 1.79 keeps the anchors: ^(?:^web-\d$)$
  ])('%j on %j → %s', (re, s, want) => expect(matcher(re).test(s)).toBe(want));
});

describe('1.150 PromRegex (DotNL in its shortcuts) and RemoveStartEndAnchors', () => {
  it.each([
    ['.*two.*', 'one\ntwo\n', true],
    ['.+two.+', 'two', false],
    ['a.*b', 'a\nb', false], // slow path without DotNL
    ['foo|bar', 'bar', true],
    ['^^foo$$', 'foo', true],
    ['foo\\$', 'foo$', true], // an escaped $ is kept
  ])('%j on %j → %s', (re, s, want) => expect(matcher(re, V150).test(s)).toBe(want));

  it('RemoveStartEndAnchors', () => {
    expect(removeStartEndAnchors('^^a$$')).toBe('a');
    expect(removeStartEndAnchors('a\\$')).toBe('a\\$');
  });

  it.each([
    ['.*', true],
    ['(.*)', true],
    ['^.*$', true],
    ['(?:.*)', true],
    ['(?s).*', true],
    ['.+', false],
    ['(.*)x', false],
    ['', false],
  ])('isDefaultRegex(%j) = %s', (re, want) => expect(isDefaultRegexNewest(re)).toBe(want));
});

describe('if: series selectors', () => {
  const labels = new VmLabels({ __name__: 'up', job: 'node', instance: 'h:1', empty: '' });
  const m = (sel: string | string[], p = V150) => {
    const r = parseIfExpression(Array.isArray(sel) ? sel : [sel], p);
    if (!r.ok) throw new Error(r.message);
    return r.value.match(labels);
  };
  it.each([
    ['{job="node"}', true],
    ['up{job="node"}', true],
    ['down{job="node"}', false],
    ['{job=~"no.*", instance!="x"}', true],
    ["{job='node',}", true],
    ['{job=`node`}', true],
    ['{missing=""}', true],
    ['{empty=""}', true],
    ['{missing!~".+"}', true],
    ['{job!="node"}', false],
  ])('%s → %s', (sel, want) => {
    expect(m(sel, V179)).toBe(want);
    expect(m(sel, V150)).toBe(want);
  });

  it('a list matches when any selector matches (1.150); `or` groups inside braces (1.150 only)', () => {
    expect(m(['{job="x"}', '{instance="h:1"}'])).toBe(true);
    expect(m('{job="x" or instance="h:1"}')).toBe(true);
    expect(parseIfExpression(['{job="x" or instance="h:1"}'], V179).ok).toBe(false);
  });

  it.each(['{job}', '{job="node"', 'sum(up)', 'up[5m]', ''])('refuses %j', (sel) => expect(parseIfExpression([sel], V179).ok).toBe(false));
});
