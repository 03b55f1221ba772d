// Label-name checks: prometheus/common ValidationScheme.IsValidLabelName and relabel.go's
// relabelTargetLegacy (table from relabel_test.go TestTargetLabelLegacyValidity, plus a
// differential check of our linear scan against the regex itself run by re2js).
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { isValidLabelName, isValidLegacyTemplate } from '../../src/engine/relabel/names.ts';

describe('relabelTargetLegacy (TestTargetLabelLegacyValidity)', () => {
  const table: [string, boolean][] = [
    ['-label', false], ['label', true], ['label${1}', true], ['${1}label', true], ['${1}', true], ['${', false],
    ['$', false], ['${}', false], ['foo${', false], ['$1', true], ['asd$2asd', true], ['-foo${1}bar-', false],
    ['bar.foo${1}bar', false], ['_${1}_', true], ['foo${bar}foo', true],
  ];
  for (const [s, valid] of table) it(`${JSON.stringify(s)} → ${valid}`, () => expect(isValidLegacyTemplate(s)).toBe(valid));

  it('agrees with the Go regex (run by re2js) on 20000 random strings', () => {
    const re = RE2JS.compile('^(?:(?:[a-zA-Z_]|\\$(?:\\{\\w+\\}|\\w+))+\\w*)+$');
    const alphabet = ['a', 'b', 'Z', '_', '0', '9', '$', '$', '{', '}', '-', '.', 'é'];
    let seed = 12345;
    const rnd = (n: number) => {
      // mulberry32
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    let valid = 0;
    for (let i = 0; i < 20000; i++) {
      let s = '';
      const len = rnd(8);
      for (let k = 0; k < len; k++) s += alphabet[rnd(alphabet.length)];
      const want = re.test(s);
      if (want) valid++;
      expect([s, isValidLegacyTemplate(s)]).toEqual([s, want]);
    }
    expect(valid).toBeGreaterThan(1000); // the sample really covers both outcomes
  });
});

describe('IsValidLabelName', () => {
  it('legacy: [a-zA-Z_][a-zA-Z0-9_]*', () => {
    expect(isValidLabelName('a_1', 'legacy')).toBe(true);
    expect(isValidLabelName('_', 'legacy')).toBe(true);
    expect(isValidLabelName('1a', 'legacy')).toBe(false);
    expect(isValidLabelName('a.b', 'legacy')).toBe(false);
    expect(isValidLabelName('', 'legacy')).toBe(false);
    expect(isValidLabelName('é', 'legacy')).toBe(false);
  });
  it('utf8: non-empty valid UTF-8', () => {
    expect(isValidLabelName('app.kubernetes.io/name', 'utf8')).toBe(true);
    expect(isValidLabelName('0${3}', 'utf8')).toBe(true);
    expect(isValidLabelName('', 'utf8')).toBe(false);
    expect(isValidLabelName('a\ud800', 'utf8')).toBe(false);
    expect(isValidLabelName('😀', 'utf8')).toBe(true);
  });
});
