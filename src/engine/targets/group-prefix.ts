// The leading relabel rules of a job that read only labels every target of a group shares, run once per group
// instead of once per target. Most targets of a real config are dropped by such a rule — a keep on a Service's
// annotation or label, a Pod's annotation — and at 10k pods that was ~100k relabel runs giving one answer per group.
//
// A rule belongs to the prefix when it is keep, drop or replace (with a literal target_label), and every label it
// reads or writes is *shared*: held by no target's own labels nor by its pod's (TargetGroup.under), so that for
// every target it reads from the group's labels or the job defaults. Such rules give every target of the group the
// same verdict and the same changes. The run resumes per target after the prefix, on a builder that starts with
// the prefix's changes (LabelBuilder.adopt). Untraced Prometheus runs only: a trace shows every rule for every target,
// and vmagent builds its label list another way (populate-vmagent.ts).
import type { GlobalConfig, ScrapeConfig } from '../config/types.ts';
import type { TargetGroup } from '../discovery/types.ts';
import { sameKeys, type Labels } from '../labels.ts';
import type { Profile } from '../profiles/types.ts';
import { runRules } from '../relabel/apply.ts';
import { LabelBuilder } from '../relabel/builder.ts';
import { ExpansionTooLarge } from '../relabel/expand.ts';
import type { RelabelRule } from '../relabel/types.ts';
import { applyRelabelVm } from '../relabel/vmagent/index.ts';
import { vmDiscoveredLabels } from './populate-vmagent.ts';
import { DEFAULT_NAMES, defaultsLayer } from './populate.ts';

/** What the prefix did for one group: the rule that dropped every target, or how far it ran and what it changed. */
export interface GroupPrefix {
  droppedBy: RelabelRule | undefined;
  /** Index of the first rule each target still runs. */
  from: number;
  /** The prefix's changes, for LabelBuilder.adopt (undefined when `from` is 0). */
  changes: LabelBuilder | undefined;
}

const NONE: GroupPrefix = Object.freeze({ droppedBy: undefined, from: 0, changes: undefined });

/** The names some target of the group holds itself or through its pod, once per group (groups are shared by the
 * jobs of one discovery), and whether every target holds at least one label of its own. Targets of a group mostly
 * carry the same names, so each is compared with the last names added. */
interface Varying {
  names: Set<string>;
  allOwn: boolean;
}
const VARYING = new WeakMap<TargetGroup, Varying>();
function varyingOf(g: TargetGroup): Varying {
  let v = VARYING.get(g);
  if (v !== undefined) return v;
  const names = new Set<string>();
  let allOwn = true;
  let last: string[] = [];
  let lastUnder: Labels | undefined;
  for (let i = 0; i < g.targets.length; i++) {
    const t = g.targets[i] as Labels;
    if (!sameKeys(last, t)) {
      last = Object.keys(t);
      if (last.length === 0) allOwn = false;
      for (const k of last) names.add(k);
    }
    const u = g.under?.[i];
    if (u !== undefined && u !== lastUnder) {
      lastUnder = u;
      for (const k in u) names.add(k);
    }
  }
  VARYING.set(g, (v = { names, allOwn }));
  return v;
}

/** How many leading rules of the list read and write only shared labels. */
function prefixLength(rules: RelabelRule[], varying: Set<string>): number {
  let n = 0;
  for (const r of rules) {
    // vmagent's extras: an `if` reads any label, `{{label}}` references in a replacement too.
    if (r.vm !== undefined && (r.vm.if !== undefined || r.vm.hasLabelRefs || r.vm.graphite !== undefined)) break;
    if (r.action !== 'keep' && r.action !== 'drop' && r.action !== 'replace') break;
    if (r.sourceLabels?.some((s) => varying.has(s))) break;
    if (r.action === 'replace' && (r.targetLabel.includes('$') || varying.has(r.targetLabel))) break;
    n++;
  }
  return n;
}

/** Whether the group's labels over the job defaults read, for a shared name, as each target's relabel base does
 * (populate.ts Shape): no config param named like a group label (nor twice), no own "__proto__", no default name the
 * group holds as "". */
function groupReadsAlike(g: TargetGroup, job: ScrapeConfig): boolean {
  const own = Object.prototype.hasOwnProperty;
  if (job.params.length !== 0) {
    const names = new Set<string>();
    for (const [k] of job.params) {
      if (names.has(k) || own.call(g.labels, `__param_${k}`)) return false;
      names.add(k);
    }
  }
  if (own.call(g.labels, '__proto__')) return false;
  for (const k of DEFAULT_NAMES) if (g.labels[k] === '') return false;
  return true;
}

const EMPTY: Labels = Object.freeze({}) as Labels;
const LAYERS: Labels[] = [EMPTY, EMPTY];

/** Runs the job's shared-label prefix once for the group. A fresh builder per group: its changes are adopted by
 * every target of the group. */
export function groupPrefix(g: TargetGroup, job: ScrapeConfig, profile: Profile): GroupPrefix {
  const rules = job.relabelConfigs;
  if (rules.length === 0 || g.targets.length === 0 || !groupReadsAlike(g, job)) return NONE;
  if (profile.engine === 'vmagent') return NONE;
  const n = prefixLength(rules, varyingOf(g).names);
  if (n === 0) return NONE;
  const plain = !DEFAULT_NAMES.some((k) => Object.prototype.hasOwnProperty.call(g.labels, k));
  LAYERS[0] = g.labels;
  LAYERS[1] = defaultsLayer(job, profile, g.labels, plain);
  const b = new LabelBuilder(EMPTY, LAYERS.slice(), profile.targets.emptyDiscoveredLabelsVanish);
  let droppedBy: RelabelRule | undefined;
  try {
    droppedBy = runRules(b, rules, profile, 0, n);
  } catch (e) {
    // A label past the size limit fails each target on its own (populate.ts); leave it to them.
    if (e instanceof ExpansionTooLarge) return NONE;
    throw e;
  }
  return { droppedBy, from: n, changes: b };
}

/** vmagent discovery puts every label into each target (no group or pod layer), so what the targets of a group share
 * is the names every target holds with one value: those leave the varying names. Once per group. */
const VM_VARYING = new WeakMap<TargetGroup, Set<string>>();
function vmVarying(g: TargetGroup, v: Varying): Set<string> {
  let names = VM_VARYING.get(g);
  if (names !== undefined) return names;
  names = v.names;
  if (g.under === undefined && g.targets.length > 0) {
    const first = g.targets[0] as Labels;
    const own = Object.prototype.hasOwnProperty;
    const same = Object.keys(first).filter((k) => g.targets.every((t) => own.call(t, k) && t[k] === first[k]));
    if (same.length) {
      names = new Set(names);
      for (const k of same) names.delete(k);
    }
  }
  VM_VARYING.set(g, names);
  return names;
}

/** vmagent: the rule that drops every target of the group, found by running the shared-label prefix on the first
 * target as vmagent builds it (populate-vmagent.ts). Each target's labels are built whole there, so the prefix is not
 * resumed: a group that passes runs every rule per target. The prefix changes only shared labels, so it never empties
 * a target's list while each target holds a label of its own (vmagent drops a target whose list ends up empty). */
export function groupDropVm(g: TargetGroup, job: ScrapeConfig, global: GlobalConfig, profile: Profile): RelabelRule | undefined {
  const rules = job.relabelConfigs;
  if (rules.length === 0 || g.targets.length === 0) return undefined;
  const v = varyingOf(g);
  if (!v.allOwn) return undefined;
  const n = prefixLength(rules, vmVarying(g, v));
  if (n === 0) return undefined;
  const first = { target: g.targets[0] as Labels, under: g.under?.[0], group: g.labels, job, global, profile };
  try {
    const r = applyRelabelVm(vmDiscoveredLabels(first), n === rules.length ? rules : rules.slice(0, n), profile);
    return r.dropped ? r.droppedBy : undefined;
  } catch (e) {
    if (e instanceof ExpansionTooLarge) return undefined;
    throw e;
  }
}
