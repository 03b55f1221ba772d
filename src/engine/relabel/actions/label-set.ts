// labelmap / labeldrop / labelkeep (relabel.go relabel()): they iterate over a snapshot
// of the labels taken before the rule (Builder.Range copies its add/del lists). 2.42 walked
// a sorted Labels slice; 3.x walks the builder's insertion order, which follows Go map
// iteration and is effectively random. We walk sorted order for both and say so when
// two sources map to one name, because only then does the order matter.
import { sortGo } from '../../labels.ts';
import { goReplaceAll } from '../expand.ts';
import { boundedMemo } from '../../memo.ts';
import type { ActionFn } from './context.ts';
import type { LayerMemo } from '../builder.ts';
import type { RelabelRule } from '../types.ts';
import { q } from './context.ts';

/** Per rule, the names of each shared label layer its regex matches (LabelBuilder.matching): a pod's or a group's
 * labels are tested once, not once per target. Separate memos for matching and not matching (labelkeep). */
const MATCH = new WeakMap<RelabelRule, LayerMemo>();
const MISS = new WeakMap<RelabelRule, LayerMemo>();
function memoOf(m: WeakMap<RelabelRule, LayerMemo>, rule: RelabelRule): LayerMemo {
  let memo = m.get(rule);
  if (memo === undefined) m.set(rule, (memo = new WeakMap()));
  return memo;
}

/** Per rule, the new name of each label name it maps: the targets of a job carry mostly the same names (a pod's, a
 * Service's), so each is expanded once. */
const MAPPED = new WeakMap<RelabelRule, (name: string) => string>();
function mappedName(rule: RelabelRule, name: string): string {
  let map = MAPPED.get(rule);
  if (map === undefined) MAPPED.set(rule, (map = boundedMemo((n) => goReplaceAll(rule.regex, n, rule.replacement), 4096)));
  return map(name);
}

// Only matching names do anything, so we filter first and sort just those (the order only
// decides collisions), taking every value before the first Set, as the snapshot requires.
export const labelmap: ActionFn = (rule, lb, _val, ctx) => {
  const from = ctx.notes ? new Map<string, string>() : null;
  const hits = lb.matching((n) => rule.regex.test(n), memoOf(MATCH, rule));
  if (hits.length > 1) sortGo(hits);
  const values = hits.map((n) => lb.get(n));
  for (let i = 0; i < hits.length; i++) {
    const name = hits[i] as string;
    const value = values[i] as string;
    const res = mappedName(rule, name);
    lb.set(res, value);
    if (!from || !ctx.notes) continue;
    const prev = from.get(res);
    if (prev !== undefined) {
      ctx.notes.push(
        `${q(prev)} and ${q(name)} both map to ${q(res)}; ${q(name)} wins here (sorted order)` +
          (ctx.profile.replaceLegacyDelete ? '' : ', but Prometheus 3.x iterates in an unspecified order'),
      );
    } else {
      ctx.notes.push(`${name} → ${res}`);
    }
    from.set(res, name);
  }
  return true;
};

export const labeldrop: ActionFn = (rule, lb, _val, ctx) => {
  for (const name of lb.matching((n) => rule.regex.test(n), memoOf(MATCH, rule))) {
    lb.del(name);
    if (ctx.notes) ctx.notes.push(`${name} dropped`);
  }
  return true;
};

export const labelkeep: ActionFn = (rule, lb, _val, ctx) => {
  for (const name of lb.matching((n) => !rule.regex.test(n), memoOf(MISS, rule))) {
    lb.del(name);
    if (ctx.notes) ctx.notes.push(`${name} dropped`);
  }
  return true;
};
