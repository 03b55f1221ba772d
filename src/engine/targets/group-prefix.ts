// The leading relabel rules of a job that read only labels every target of a group shares, run once per group
// instead of once per target. Most targets of a real config are dropped by such a rule — a keep on a Service's
// annotation or label, a Pod's annotation — and at 10k pods that was ~100k relabel runs giving one answer per group.
//
// A rule belongs to the prefix when it is keep, drop or replace (with a literal target_label), and every label it
// reads or writes is *shared*: held by no target's own labels nor by its pod's (TargetGroup.under), so that for
// every target it reads from the group's labels or the job defaults. Such rules give every target of the group the
// same verdict and the same changes. The run resumes per target after the prefix, on a builder that starts with
// the prefix's changes (LabelBuilder.adopt). vmagent builds each target's label list whole (populate-vmagent.ts), so
// there the prefix runs on the group's first target and only its drop is shared (groupDropVm). Untraced runs only: a
// trace shows every rule for every target.
import type { GlobalConfig, ScrapeConfig } from '../config/types.ts';
import type { TargetGroup } from '../discovery/types.ts';
import type { Labels } from '../labels.ts';
import type { Profile } from '../profiles/types.ts';
import { runRules } from '../relabel/apply.ts';
import { LabelBuilder } from '../relabel/builder.ts';
import { ExpansionTooLarge } from '../relabel/expand.ts';
import type { RelabelRule } from '../relabel/types.ts';
import { applyRelabelVm, runVmRules } from '../relabel/vmagent/index.ts';
import { vmDiscoveredLabels, vmMergedList } from './populate-vmagent.ts';
import { DEFAULT_NAMES, defaultsLayer, paramList } from './populate.ts';
import { layersValid, ownLabels, underLabels } from './target-record.ts';

/** What the prefix did for one group: the rule that dropped every target, or how far it ran and what it changed. */
export interface GroupPrefix {
  droppedBy: RelabelRule | undefined;
  /** Index of the first rule each target still runs. */
  from: number;
  /** The prefix's changes, for LabelBuilder.adopt (undefined when `from` is 0). */
  changes: LabelBuilder | undefined;
}

const NONE: GroupPrefix = Object.freeze({ droppedBy: undefined, from: 0, changes: undefined });

/** Per group (groups are shared by the jobs of one discovery), the answers so far, by label name: whether some target
 * holds the name itself or through its pod (`held`), and for vmagent whether the targets do not all hold it with one
 * value (`vm`). Asked only for the names a job's leading rules read — one walk over the targets per name. */
interface NameAnswers {
  held: Map<string, boolean>;
  vm: Map<string, boolean>;
  allOwn: boolean | undefined;
}
const ANSWERS = new WeakMap<TargetGroup, NameAnswers>();
/** Small groups (a pod's few ports) are walked again rather than remembered: a map per group cost more than the walk. */
const REMEMBER_ABOVE = 16;
function answersOf(g: TargetGroup): NameAnswers | undefined {
  if (g.targets.length <= REMEMBER_ABOVE) return undefined;
  let a = ANSWERS.get(g);
  if (a === undefined) ANSWERS.set(g, (a = { held: new Map(), vm: new Map(), allOwn: undefined }));
  return a;
}

const own = Object.prototype.hasOwnProperty;

/** Whether some target of the group holds `name` itself or through its pod (TargetGroup.under). */
function held(g: TargetGroup, a: NameAnswers | undefined, name: string): boolean {
  let r = a?.held.get(name);
  if (r !== undefined) return r;
  r = false;
  let lastUnder: Labels | undefined;
  for (let i = 0; i < g.targets.length && !r; i++) {
    if (own.call(g.targets[i], name)) r = true;
    const u = g.under?.[i];
    if (u !== undefined && u !== lastUnder) {
      lastUnder = u;
      if (own.call(u, name)) r = true;
    }
  }
  a?.held.set(name, r);
  return r;
}

/** vmagent discovery gives each target every label (no group labels: the object's and pod's labels are in the target
 * or in the object under it, TargetGroup.under), so what its targets share is also a name every target holds with
 * one value. */
function variesVm(g: TargetGroup, a: NameAnswers | undefined, name: string): boolean {
  let r = a?.vm.get(name);
  if (r !== undefined) return r;
  r = held(g, a, name);
  if (r) {
    const first = heldValue(g, 0, name);
    r = first === undefined;
    for (let i = 1; i < g.targets.length && !r; i++) if (heldValue(g, i, name) !== first) r = true;
  }
  a?.vm.set(name, r);
  return r;
}

/** The value of `name` in target `i`'s labels ({...own, ...under}: the labels under it win), or undefined. */
function heldValue(g: TargetGroup, i: number, name: string): string | undefined {
  const u = g.under?.[i];
  if (u !== undefined && own.call(u, name)) return u[name];
  const t = g.targets[i] as Labels;
  return own.call(t, name) ? t[name] : undefined;
}

/** Whether every target of the group holds at least one label of its own. */
function allOwn(g: TargetGroup, a: NameAnswers | undefined): boolean {
  if (a?.allOwn !== undefined) return a.allOwn;
  let r = true;
  for (const t of g.targets) {
    // Nearly every target has an address: asking for it spares starting a for…in over a whole vmagent target.
    if (own.call(t, '__address__')) continue;
    let any = false;
    for (const _ in t) {
      any = true;
      break;
    }
    if (!any) r = false;
  }
  if (a) a.allOwn = r;
  return r;
}

/** How many leading rules of the list read and write only shared labels (`varies`: whether a name may differ between
 * the targets). */
function prefixLength(rules: RelabelRule[], g: TargetGroup, varies: (g: TargetGroup, a: NameAnswers | undefined, name: string) => boolean): number {
  const a = answersOf(g);
  let n = 0;
  for (const r of rules) {
    // vmagent's extras: an `if` reads any label, `{{label}}` references in a replacement too.
    if (r.vm !== undefined && (r.vm.if !== undefined || r.vm.hasLabelRefs || r.vm.graphite !== undefined)) break;
    if (r.action !== 'keep' && r.action !== 'drop' && r.action !== 'replace') break;
    if (r.sourceLabels?.some((s) => varies(g, a, s))) break;
    if (r.action === 'replace' && (r.targetLabel.includes('$') || varies(g, a, r.targetLabel))) break;
    n++;
  }
  return n;
}

/** Whether the group's labels over the job defaults read, for a shared name, as each target's relabel base does
 * (populate.ts Shape): no config param named like a group label (nor twice), no own "__proto__", no default name the
 * group holds as "". */
function groupReadsAlike(g: TargetGroup, job: ScrapeConfig): boolean {
  const params = paramList(job);
  if (params === undefined) return false;
  for (const [name] of params) if (own.call(g.labels, name)) return false;
  if (own.call(g.labels, '__proto__')) return false;
  for (const k of DEFAULT_NAMES) if (g.labels[k] === '') return false;
  return true;
}

const EMPTY: Labels = Object.freeze({}) as Labels;

/** Runs the job's shared-label prefix once for the group. A fresh builder per group: its changes are adopted by
 * every target of the group. */
export function groupPrefix(g: TargetGroup, job: ScrapeConfig, profile: Profile): GroupPrefix {
  const rules = job.relabelConfigs;
  if (profile.engine === 'vmagent' || rules.length === 0 || g.targets.length === 0 || !groupReadsAlike(g, job)) return NONE;
  const n = prefixLength(rules, g, held);
  if (n === 0) return NONE;
  const plain = !DEFAULT_NAMES.some((k) => own.call(g.labels, k));
  const b = new LabelBuilder(EMPTY, [g.labels, defaultsLayer(job, profile, g.labels, plain)], profile.targets.emptyDiscoveredLabelsVanish);
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

/** vmagent: the rule that drops every target of the group, found by running the shared-label prefix on the first
 * target as vmagent builds it (populate-vmagent.ts). Each target's labels are built whole there, so the prefix is not
 * resumed: a group that passes runs every rule per target. The prefix changes only shared labels, so it never empties
 * a target's list while each target holds a label of its own (vmagent drops a target whose list ends up empty). */
export function groupDropVm(g: TargetGroup, job: ScrapeConfig, global: GlobalConfig, profile: Profile): RelabelRule | undefined {
  const rules = job.relabelConfigs;
  if (rules.length === 0 || g.targets.length === 0) return undefined;
  const n = prefixLength(rules, g, variesVm);
  if (n === 0 || !allOwn(g, answersOf(g))) return undefined;
  // The first target as build.ts hands it to populateVm: its own labels over its pod's, or merged when they overlap.
  const layered = layersValid(g);
  const first = { target: ownLabels(g, 0, layered), under: underLabels(g, 0, layered), group: g.labels, job, global, profile };
  const prefix = n === rules.length ? rules : rules.slice(0, n);
  try {
    // The merged list as populateVm reads it untraced (no discovered object built and sorted per group and job);
    // the object and applyRelabelVm where the list cannot be made.
    const list = vmMergedList(first);
    if (list !== undefined) return runVmRules(list, prefix, profile);
    const r = applyRelabelVm(vmDiscoveredLabels(first), prefix, profile);
    return r.dropped ? r.droppedBy : undefined;
  } catch (e) {
    if (e instanceof ExpansionTooLarge) return undefined;
    throw e;
  }
}
