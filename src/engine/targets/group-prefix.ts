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
import type { ScrapeConfig } from '../config/types.ts';
import type { TargetGroup } from '../discovery/types.ts';
import { sameKeys, type Labels } from '../labels.ts';
import type { Profile } from '../profiles/types.ts';
import { runRules } from '../relabel/apply.ts';
import { LabelBuilder } from '../relabel/builder.ts';
import { ExpansionTooLarge } from '../relabel/expand.ts';
import type { RelabelRule } from '../relabel/types.ts';
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
 * jobs of one discovery). Targets of a group mostly carry the same names, so each is compared with the last
 * names added. */
const VARYING = new WeakMap<TargetGroup, Set<string>>();
function varyingNames(g: TargetGroup): Set<string> {
  let names = VARYING.get(g);
  if (names !== undefined) return names;
  names = new Set();
  let last: string[] = [];
  let lastUnder: Labels | undefined;
  for (let i = 0; i < g.targets.length; i++) {
    const t = g.targets[i] as Labels;
    if (!sameKeys(last, t)) {
      last = Object.keys(t);
      for (const k of last) names.add(k);
    }
    const u = g.under?.[i];
    if (u !== undefined && u !== lastUnder) {
      lastUnder = u;
      for (const k in u) names.add(k);
    }
  }
  VARYING.set(g, names);
  return names;
}

/** How many leading rules of the list read and write only shared labels. */
function prefixLength(rules: RelabelRule[], varying: Set<string>): number {
  let n = 0;
  for (const r of rules) {
    if (r.vm !== undefined) break;
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
  const n = prefixLength(rules, varyingNames(g));
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
