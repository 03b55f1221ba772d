// Target filtering: text anywhere, name=value, name~part, name!=value.
import { describe, expect, it } from 'vitest';
import { filterTargets, parseFilter } from '../../src/ui/results/filter.ts';
import type { TargetView } from '../../src/worker/view.ts';

const t = (id: string, labels: Record<string, string>, extra: Partial<TargetView> = {}): TargetView => ({
  id,
  row: 0,
  job: 'job',
  source: 'pod/ns/p',
  index: 0,
  sdIndex: 0,
  state: 'active',
  discoveredLabels: { __address__: '10.0.0.1:80', ...labels },
  ...extra,
});

const list = [
  t('a', { app: 'web' }, { labels: { instance: 'x', team: 'Payments' }, scrapeUrl: 'http://10.0.0.1:80/metrics' }),
  t('b', { app: 'api' }, { state: 'dropped', reason: { kind: 'relabel', rule: { index: 1, action: 'keep', summary: 'keep app =~ "web"' } } }),
  t('c', { app: 'web-2' }),
];

describe('filter', () => {
  it('parses terms', () => {
    expect(parseFilter(' app=web  x~Y a!=b text ')).toEqual([
      { kind: 'eq', name: 'app', value: 'web' },
      { kind: 'has', name: 'x', text: 'y' },
      { kind: 'ne', name: 'a', value: 'b' },
      { kind: 'text', text: 'text' },
    ]);
  });
  it.each([
    ['', ['a', 'b', 'c']],
    ['app=web', ['a']],
    ['app~web', ['a', 'c']],
    ['app!=web', ['b', 'c']],
    ['payments', ['a']],
    ['keep', ['b']],
    ['/metrics', ['a']],
    ['app~web team=Payments', ['a']],
    ['nothing-matches', []],
    // A text term finds label names too (any case), and with "=" it reads `name=value`.
    ['TEAM', ['a']],
    ['=web', ['a', 'c']],
    ['=web-', ['c']],
  ])('%j', (q, ids) => {
    expect(filterTargets(list, q).map((x) => x.id)).toEqual(ids);
  });

  // Values too short to hold the text are not lower-cased: the bound must allow for the one character whose lower case
  // is two code units (U+0130 İ → "i̇"), so a value of half the text's length is still searched.
  const turkish = [t('n', { city: 'İİİ' }), t('o', { city: 'İİ' }), t('p', { code: 'ab' })];
  it.each([
    ['i̇i̇i̇', ['n']],
    ['i̇i̇', ['n', 'o']],
    ['i̇i̇i̇i̇', []],
    ['ab', ['p']],
  ])('values whose lower case is longer than they are: %j', (q, ids) => {
    expect(filterTargets(turkish, q).map((x) => x.id)).toEqual(ids);
  });

  // A text term remembers the previous target's job and source answers: they must follow each change, in both
  // directions, and a name's answer must not leak from one term to another.
  const mixed = [
    t('d', { zone: 'a' }, { job: 'alpha', source: 'pod/ns/p1' }),
    t('e', { zone: 'b' }, { job: 'beta', source: 'pod/ns/p2' }),
    t('f', { other: 'c' }, { job: 'alpha', source: 'pod/ns/p1' }),
    t('g', {}, { job: 'beta', source: 'pod/ns/p3' }),
  ];
  it.each([
    ['alpha', ['d', 'f']],
    ['bet', ['e', 'g']],
    ['p2', ['e']],
    ['p1', ['d', 'f']],
    ['zone', ['d', 'e']],
    ['other', ['f']],
    ['zone alpha', ['d']],
  ])('jobs and sources that change from target to target: %j', (q, ids) => {
    expect(filterTargets(mixed, q).map((x) => x.id)).toEqual(ids);
  });

  // The same for drop reasons: a group's targets share one reason object, and the answer follows each change.
  const keepWeb = { kind: 'relabel', rule: { index: 0, action: 'keep', summary: 'keep app =~ "web"' } } as const;
  const dropCanary = { kind: 'relabel', rule: { index: 2, action: 'drop', summary: 'drop track =~ "canary"' } } as const;
  const dropped = (id: string, reason: TargetView['reason']) => t(id, {}, { state: 'dropped', reason });
  const reasons = [dropped('h', keepWeb), dropped('i', keepWeb), dropped('j', dropCanary), dropped('k', keepWeb), dropped('l', { kind: 'duplicate', of: 0, note: 'same labels and URL as pod/ns/p' }), dropped('m', dropCanary)];
  it.each([
    ['keep', ['h', 'i', 'k']],
    ['canary', ['j', 'm']],
    ['same labels', ['l']],
    ['drop', ['j', 'm']],
  ])('drop reasons that change from target to target: %j', (q, ids) => {
    expect(filterTargets(reasons, q).map((x) => x.id)).toEqual(ids);
  });
});
