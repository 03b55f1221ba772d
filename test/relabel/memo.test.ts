// memo.ts: the bounded caches every target and every re-run goes through start over at either limit, never grow.
import { describe, expect, it } from 'vitest';
import { BoundedCache, boundedMemo } from '../../src/engine/memo.ts';

describe('BoundedCache', () => {
  it('keeps up to max entries, then starts over', () => {
    const c = new BoundedCache<number>(3);
    for (const k of ['a', 'b', 'c']) c.set(k, k.charCodeAt(0));
    expect(['a', 'b', 'c'].map((k) => c.get(k))).toEqual([97, 98, 99]);
    c.set('d', 100);
    expect(['a', 'b', 'c', 'd'].map((k) => c.get(k))).toEqual([undefined, undefined, undefined, 100]);
  });
  it('starts over before the entry that would pass the weight limit', () => {
    const c = new BoundedCache<string>(16, 10);
    c.set('a', 'A', 4);
    c.set('b', 'B', 6);
    expect([c.get('a'), c.get('b')]).toEqual(['A', 'B']);
    c.set('c', 'C', 1);
    expect([c.get('a'), c.get('b'), c.get('c')]).toEqual([undefined, undefined, 'C']);
  });
});

describe('boundedMemo', () => {
  it('calls the function once per key while under its limit, again after starting over', () => {
    let calls = 0;
    const f = boundedMemo((k: string) => (calls++, k.length), 2);
    expect([f('x'), f('yy'), f('x'), f('yy')]).toEqual([1, 2, 1, 2]);
    expect(calls).toBe(2);
    f('zzz');
    f('x');
    expect(calls).toBe(4);
  });
});
