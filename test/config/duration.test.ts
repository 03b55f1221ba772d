// prometheus/common model/time.go ParseDuration / Duration.String; Go time.Duration.String.
import { describe, expect, it } from 'vitest';
import { formatGoDuration, formatPromDuration, parsePromDuration } from '../../src/engine/config/duration.ts';

describe('model.Duration', () => {
  it.each([
    [60_000, '1m'],
    [90_000, '1m30s'],
    [1_500, '1s500ms'],
    [7 * 86_400_000, '1w'],
    [8 * 86_400_000, '8d'],
    [365 * 86_400_000, '1y'],
    [0, '0s'],
    [3_600_000, '1h'],
  ])('String(%d ms) = %s', (ms, s) => expect(formatPromDuration(ms)).toBe(s));

  it.each([
    ['1m30s', 90_000],
    ['0', 0],
    ['2d', 172_800_000],
    ['15s', 15_000],
    ['100ms', 100],
  ])('ParseDuration(%s)', (s, ms) => expect(parsePromDuration(s)).toEqual({ ok: true, ms }));

  it.each([
    ['', 'empty duration string'],
    ['30s1m', 'not a valid duration string: "30s1m"'],
    ['1.5m', 'not a valid duration string: "1.5m"'],
    ['thirty', 'not a valid duration string: "thirty"'],
  ])('rejects %j', (s, msg) => expect(parsePromDuration(s)).toEqual({ ok: false, message: msg }));
});

describe('time.Duration (vmagent prints these)', () => {
  it.each([
    [60_000, '1m0s'],
    [300_000, '5m0s'],
    [30_000, '30s'],
    [3_600_000, '1h0m0s'],
    [1_500, '1.5s'],
    [500, '500ms'],
    [0, '0s'],
  ])('%d ms = %s', (ms, s) => expect(formatGoDuration(ms)).toBe(s));
});
