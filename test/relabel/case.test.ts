// lowercase / uppercase use Go strings.ToLower / strings.ToUpper (per-rune unicode.ToLower /
// ToUpper, i.e. simple case mapping). Expected values are Go's (reference §7.3 and UnicodeData.txt).
import { describe, expect, it } from 'vitest';
import { goToLower, goToUpper } from '../../src/engine/relabel/case.ts';

describe('goToLower / goToUpper', () => {
  it('ASCII', () => {
    expect(goToUpper('bAr123Foo')).toBe('BAR123FOO');
    expect(goToLower('bAr123Foo')).toBe('bar123foo');
  });
  it('İ lowercases to plain i (JS gives i + combining dot)', () => {
    expect(goToLower('İSTANBUL')).toBe('istanbul');
    expect('İSTANBUL'.toLowerCase()).not.toBe('istanbul');
  });
  it('ß has no simple uppercase: ToUpper("straße") = "STRAßE" (JS gives STRASSE)', () => {
    expect(goToUpper('straße')).toBe('STRAßE');
  });
  it('final sigma is not context-sensitive in Go', () => {
    expect(goToLower('ΣΑΣ')).toBe('σασ');
  });
  it('ligatures and other multi-rune uppercases stay as they are', () => {
    expect(goToUpper('ﬁx')).toBe('ﬁX');
    expect(goToUpper('ŉ')).toBe('ŉ');
  });
  it('Greek with ypogegrammeni uses the simple (titlecase-form) uppercase', () => {
    expect(goToUpper('ᾳ')).toBe('ᾼ');
    expect(goToUpper('ᾀ')).toBe('ᾈ');
    expect(goToUpper('ᾈ')).toBe('ᾈ');
  });
  it('Kelvin sign and long s', () => {
    expect(goToLower('\u212a')).toBe('k');
    expect(goToUpper('ſ')).toBe('S');
  });
  it('astral letters (Deseret) map per code point', () => {
    expect(goToLower('𐐀')).toBe('𐐨');
    expect(goToUpper('𐐨')).toBe('𐐀');
  });
});
