// A job's target groups → its active, dropped, failed and collapsed targets
// (Prometheus scrape/scrape.go scrapePool.Sync / sync: failed targets are only logged;
// active targets with equal labels and URL are one target).
import type { GlobalConfig, ScrapeConfig } from '../config/types.ts';
import type { TargetGroup } from '../discovery/types.ts';
import type { Labels } from '../labels.ts';
import { ActiveIndex } from './active-index.ts';
import type { Profile } from '../profiles/types.ts';
import { dropReason, populate, type PopulateInput, type PopulateOutcome } from './populate.ts';
import { groupDropVm, groupPrefix } from './group-prefix.ts';
import { populateVm, type VmPopulateOutcome } from './populate-vmagent.ts';
import { layersValid, ownLabels, TargetRecord, underLabels, type JobInput } from './target-record.ts';
import type { JobTargets, ObjectRef } from './types.ts';

export { discoveredLabel, peekDiscoveredLabels, someDiscoveredLabel } from './target-record.ts';

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
        const target = new TargetRecord(job.jobName, n++, g, index, sdIndex, r.state, r.discovered, jobInput);
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
          target.seq = (kept as TargetRecord).seq;
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
