// A job's target groups → its active, dropped, failed and collapsed targets
// (Prometheus scrape/scrape.go scrapePool.Sync / sync: failed targets are only logged;
// active targets with equal labels and URL are one target).
import type { GlobalConfig, ScrapeConfig } from '../config/types.ts';
import type { TargetGroup } from '../discovery/types.ts';
import type { Labels } from '../labels.ts';
import { ActiveIndex } from './active-index.ts';
import type { Profile } from '../profiles/types.ts';
import { discoveredLabel as discoveredLabelOf, discoveredLabels, discoveredLayers, dropReason, populate, underValid, type PopulateInput, type PopulateOutcome } from './populate.ts';
import { groupDropVm, groupPrefix } from './group-prefix.ts';
import { targetLabels } from '../discovery/common.ts';
import { populateVm, vmDiscoveredLabels, type VmPopulateOutcome } from './populate-vmagent.ts';
import type { JobTargets, ObjectRef, Target } from './types.ts';

export interface JobGroups {
  /** Index of the kubernetes_sd_configs entry the groups came from (-1 for static_configs). */
  sdIndex: number;
  groups: TargetGroup[];
}

const SOURCE_KINDS: Record<string, string> = {
  node: 'Node',
  pod: 'Pod',
  svc: 'Service',
  endpoints: 'Endpoints',
  endpointslice: 'EndpointSlice',
  ingress: 'Ingress',
};

/** `pod/ns/name` → {kind: Pod, namespace: ns, name}. */
export function objectOfSource(source: string): ObjectRef | undefined {
  const parts = source.split('/');
  const kind = SOURCE_KINDS[parts[0] ?? ''];
  if (!kind) return undefined;
  if (parts.length === 2) return { kind, name: parts[1]! };
  if (parts.length === 3) return { kind, namespace: parts[1]!, name: parts[2]! };
  return undefined;
}

/** The object of each group, by group (groups are shared by the jobs of one discovery). */
const OBJECTS = new WeakMap<TargetGroup, { source: string; ref: ObjectRef | undefined }>();

/** Where a target whose discovered labels were not built keeps what builds them. */
const LAZY = Symbol('discovered labels: the group');
const LAZY_JOB = Symbol('discovered labels: the job');
/** What a target of a job needs besides its group and index to build its discovered labels; one per job. */
type JobInput = Pick<PopulateInput, 'job' | 'global' | 'profile'>;
type LazyTarget = Target & { [LAZY]: TargetGroup; [LAZY_JOB]: JobInput };

const isVm = (input: Omit<PopulateInput, 'trace'>): boolean => input.profile.engine === 'vmagent';

/** A lazy target's discovered labels as its engine builds them (vmagent: merged and sorted). */
function buildDiscovered(input: Omit<PopulateInput, 'trace'>): Labels {
  return isVm(input) ? vmDiscoveredLabels(input) : discoveredLabels(input);
}

/** The populate input of a lazy target, from its group and index (a target holds references, not an input object). */
function lazyInput(t: LazyTarget): Omit<PopulateInput, 'trace'> {
  const g = t[LAZY];
  const layered = layersValid(g);
  return { target: ownLabels(g, t.index, layered), under: underLabels(g, t.index, layered), group: g.labels, ...t[LAZY_JOB] };
}

/** Whether a group's targets go to populate as their own labels with their pod's under them (TargetGroup.under);
 * else each target whole. */
function layersValid(g: TargetGroup): boolean {
  return g.under === undefined || underValid(g);
}
function ownLabels(g: TargetGroup, i: number, layered: boolean): Labels {
  return layered ? (g.targets[i] as Labels) : targetLabels(g, i);
}
function underLabels(g: TargetGroup, i: number, layered: boolean): Labels | undefined {
  return layered ? g.under?.[i] : undefined;
}

/** The discovered labels of most targets are never read (at 10k pods, ~150k targets of which 85% are dropped), so
 * they are built on first read, from the discovery's own target and group labels, which the run keeps anyway. One
 * descriptor for every target, so they all keep one hidden class; the first read (or a write) makes it a plain data
 * property, which spreads, JSON.stringify and structured cloning see as any other. */
/** The discovered labels become a plain data property; the target no longer refers to its group (so a target
 * with `[LAZY]` set is one whose labels are not built yet). */
function settle(t: LazyTarget, value: Labels): void {
  Object.defineProperty(t, 'discoveredLabels', { value, writable: true, enumerable: true, configurable: true });
  (t as unknown as Record<symbol, unknown>)[LAZY] = undefined;
}

const LAZY_DISCOVERED: PropertyDescriptor = {
  get(this: LazyTarget): Labels {
    const value = buildDiscovered(lazyInput(this));
    settle(this, value);
    return value;
  },
  set(this: LazyTarget, value: Labels) {
    settle(this, value);
  },
  enumerable: true,
  configurable: true,
};

/** The populate input of a target whose discovered labels are not built yet; undefined once they are. */
function unbuiltInput(t: Target): Omit<PopulateInput, 'trace'> | undefined {
  return (t as LazyTarget)[LAZY] === undefined ? undefined : lazyInput(t as LazyTarget);
}

/** A target's discovered labels without keeping them when they were not built yet. */
export function peekDiscoveredLabels(t: Target): Labels {
  const input = unbuiltInput(t);
  return input ? buildDiscovered(input) : t.discoveredLabels;
}

/** Whether some label of a target's discovered set passes `test`, read without building the set (a filter reads every
 * target; building each set was most of its time). `seen`: the answers for the layers shared by many targets (a pod's,
 * a group's, the job defaults), for this one test. */
export function someDiscoveredLabel(t: Target, test: (name: string, value: string) => boolean, seen?: WeakMap<Labels, boolean>): boolean {
  const g = (t as LazyTarget)[LAZY];
  const input = g === undefined ? undefined : scratchInput(t as LazyTarget, g);
  const layers = input && !isVm(input) ? discoveredLayers(input) : undefined;
  if (!layers) {
    const l = input ? buildDiscovered(input) : t.discoveredLabels;
    for (const k in l) if (test(k, l[k] as string)) return true;
    return false;
  }
  const skip = layers.skipEmpty;
  if (someLabel(layers.own, skip, test)) return true;
  for (const l of layers.shared) {
    let r = seen?.get(l);
    if (r === undefined) {
      r = someLabel(l, skip, test);
      seen?.set(l, r);
    }
    if (r) return true;
  }
  return false;
}

function someLabel(l: Labels, skipEmpty: boolean, test: (name: string, value: string) => boolean): boolean {
  for (const k in l) {
    const v = l[k] as string;
    if (!(skipEmpty && v === '') && test(k, v)) return true;
  }
  return false;
}

/** A lazy target's populate input in one object reused for every call (lazyInput makes a new one): for readers that
 * keep nothing of it (someDiscoveredLabel, which a filter calls for every target of a run). */
const SCRATCH_INPUT = { target: {}, under: undefined, group: {}, job: undefined, global: undefined, profile: undefined } as unknown as Omit<PopulateInput, 'trace'>;
function scratchInput(t: LazyTarget, g: TargetGroup): Omit<PopulateInput, 'trace'> {
  const layered = layersValid(g);
  const j = t[LAZY_JOB];
  const s = SCRATCH_INPUT;
  s.target = ownLabels(g, t.index, layered);
  s.under = underLabels(g, t.index, layered);
  s.group = g.labels;
  s.job = j.job;
  s.global = j.global;
  s.profile = j.profile;
  return s;
}

/** One label of a target's discovered set (undefined: not in it), read without building the set. */
export function discoveredLabel(t: Target, name: string): string | undefined {
  const input = unbuiltInput(t);
  if (input && !isVm(input)) return discoveredLabelOf(input, name);
  const l = input ? buildDiscovered(input) : t.discoveredLabels;
  return Object.prototype.hasOwnProperty.call(l, name) ? l[name] : undefined;
}

export function buildJobTargets(job: ScrapeConfig, all: JobGroups[], global: GlobalConfig, profile: Profile, trace: boolean): JobTargets {
  const out: JobTargets = { job: job.jobName, active: [], dropped: [], failed: [], duplicates: [] };
  /** vmagent: active targets by their duplicate key. Prometheus: by labels and URL. */
  const byIdentity = new Map<string, number>();
  const byLabels = new ActiveIndex();
  const internalOf = (i: number): Labels => out.active[i]!.internalLabels!;
  const isVm = profile.engine === 'vmagent';
  const jobInput: JobInput = { job, global, profile };
  // One input for every target of the job, filled in per target: populate keeps no reference to it.
  const input: PopulateInput = { target: {}, under: undefined, group: {}, job, global, profile, trace, prefix: undefined };
  let n = 0;
  for (const { sdIndex, groups } of all) {
    for (const g of groups) {
      // One read-only reference for every target of the group (a copy each was 150k small objects at 10k pods), and
      // for every job the group is shared with.
      let obj = OBJECTS.get(g);
      if (obj === undefined || obj.source !== g.source) {
        const o = objectOfSource(g.source);
        OBJECTS.set(g, (obj = { source: g.source, ref: o && Object.freeze(o) }));
      }
      const ref = obj.ref;
      const targets = g.targets;
      const layered = layersValid(g);
      // The rules that read only what the group's targets share, run once for the group (group-prefix.ts).
      const prefix = trace || isVm ? undefined : groupPrefix(g, job, profile);
      const droppedBy = trace ? undefined : isVm ? groupDropVm(g, job, global, profile) : prefix?.droppedBy;
      const groupDropped: PopulateOutcome | undefined = droppedBy && { state: 'dropped', discovered: undefined, reason: dropReason(droppedBy) };
      for (let index = 0; index < targets.length; index++) {
        let vm: VmPopulateOutcome | undefined;
        let r: PopulateOutcome;
        if (groupDropped !== undefined) r = groupDropped;
        else {
          input.target = ownLabels(g, index, layered);
          input.under = underLabels(g, index, layered);
          input.group = g.labels;
          input.prefix = prefix;
          vm = isVm ? populateVm(input) : undefined;
          r = vm ?? populate(input);
        }
        // Built once and completed in place: the keys land in the same order as a spread copy would put them.
        const target = {
          id: `${job.jobName}#${n++}`,
          job: job.jobName,
          source: g.source,
          index,
          sdIndex,
          state: r.state,
          scrapePool: job.jobName,
        } as Target;
        if (r.discovered !== undefined) target.discoveredLabels = r.discovered;
        else {
          (target as LazyTarget)[LAZY] = g;
          (target as LazyTarget)[LAZY_JOB] = jobInput;
          Object.defineProperty(target, 'discoveredLabels', LAZY_DISCOVERED);
        }
        if (ref) target.object = ref;
        if (r.trace) target.trace = r.trace;
        if (r.state === 'dropped') {
          target.reason = r.reason;
          out.dropped.push(target);
          continue;
        }
        if (r.state === 'failed') {
          target.reason = { kind: 'invalid', code: r.code, message: r.message };
          target.error = `instance ${index} in group ${g.source}: ${r.message}`;
          // vmagent logs "cannot create kubernetes_sd_config target %q for job_name %q: <error>".
          if (vm) Object.assign(target, { address: vm.address, error: r.message });
          out.failed.push(target);
          continue;
        }
        target.labels = r.labels;
        target.internalLabels = r.internal;
        target.scrapeUrl = r.url;
        let prev: number | undefined;
        if (vm?.state === 'active') {
          target.scrapePool = vm.scrapePool;
          if (vm.crash) target.crash = vm.crash;
          prev = byIdentity.get(vm.identity);
          if (prev === undefined) byIdentity.set(vm.identity, out.active.length);
        } else {
          // Same labels (hidden ones included) and URL (active-index.ts).
          prev = byLabels.lookupOrAdd(r.internal, r.url, out.active.length, internalOf);
        }
        if (prev === undefined) {
          out.active.push(target);
          continue;
        }
        // Changed in place: `target` is in no list yet, and `kept` leaves the active list here (a copy would read
        // unbuilt discovered labels, and at 10k pods the pod job alone collapses 13k targets).
        const kept = out.active[prev]!;
        if (profile.targets.duplicates === 'collapse-keep-last') {
          // The scrape pool keeps one target and shows the last duplicate's discovered labels.
          kept.state = 'duplicate';
          kept.reason = { kind: 'duplicate', of: prev, note: `same labels and URL as ${target.source} target ${target.index}; Prometheus keeps one target` };
          out.duplicates.push(kept);
          target.id = kept.id;
          out.active[prev] = target;
        } else {
          target.state = 'duplicate';
          target.reason = { kind: 'duplicate', of: prev, note: `duplicate of ${kept.source} target ${kept.index} (same labels and URL)` };
          out.dropped.push(target);
        }
      }
    }
  }
  return out;
}
