// Discovery entry point: one kubernetes_sd_configs entry + the object store → the target
// groups Prometheus' discovery manager would hand to the scrape pool.
// See prometheus discovery/kubernetes/kubernetes.go Discovery.Run and discovery/manager.go updateGroup.
import type { KubernetesSDConfig, Role } from '../config/types.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { StoredObject } from '../ingest/kinds.ts';
import type { ObjectStore } from '../ingest/store.ts';
import { compareStrings, type Labels } from '../labels.ts';
import type { Profile } from '../profiles/types.ts';
import { Reporter } from './common.ts';
import { buildEndpoints } from './endpoints.ts';
import { buildEndpointSlice } from './endpointslice.ts';
import { compileSelectors, listMain, refusedInformers, sideStores } from './informers.ts';
import { buildIngress } from './ingress.ts';
import { resolveNamespaces, type Scope } from './namespaces.ts';
import { buildNode } from './node.ts';
import { buildPod } from './pod.ts';
import { buildService } from './service.ts';
import type { AttachFlags, RoleContext, TargetGroup } from './types.ts';

export type { TargetGroup } from './types.ts';

type Builder = (o: StoredObject, ctx: RoleContext) => TargetGroup | undefined;

// The casts only narrow StoredObject to the role's kind; listMain returns objects of that kind.
const BUILDERS: Record<Role, Builder> = {
  node: buildNode as Builder,
  pod: buildPod as Builder,
  service: buildService as Builder,
  endpoints: buildEndpoints as Builder,
  endpointslice: buildEndpointSlice as Builder,
  ingress: buildIngress as Builder,
};

/** Roles whose discoverer builds pod labels (and so reads node and workload metadata). */
const POD_BACKED = new Set<Role>(['pod', 'endpoints', 'endpointslice']);

/** attach_metadata as this profile honours it for this role; flags a role does not use are ignored. */
export function attachFlags(sd: KubernetesSDConfig, profile: Profile): AttachFlags {
  const a = sd.attachMetadata;
  const podBacked = POD_BACKED.has(sd.role);
  const workload = podBacked && profile.discovery.workloadMetadata;
  return {
    node: podBacked && a.node,
    namespace: sd.role !== 'node' && profile.discovery.namespaceMetadata && a.namespace,
    deployment: workload && a.deployment,
    job: workload && a.job,
    cronjob: workload && a.cronjob,
  };
}

/** Runs one kubernetes_sd_configs entry against the store: groups sorted by Source, zero-target groups
 * removed (the discovery manager deletes them), targets in Prometheus' in-group order. */
/** Groups already built in this run, per discoverer kind (sharedKey) and object: `null` for an object that gave no
 * group. Only groups whose building reported nothing and looked nothing up outside the object's own namespace
 * are kept — those do not depend on the namespace scope or on which job asked. */
export interface SharedGroups {
  groups: Map<string, Map<StoredObject, TargetGroup | null>>;
  /** Pod labels per pod, per podLabelsKey: the endpoints and endpointslice discoverers of a run read the same pods. */
  podLabels: Map<string, WeakMap<StoredObject, Labels>>;
}

/** An empty SharedGroups, for one run. */
export function sharedGroups(): SharedGroups {
  return { groups: new Map(), podLabels: new Map() };
}

/** What decides the labels of one pod (pod.ts podLabels): the profile, the metadata attached and the node selectors
 * (the node store they filter). Not the namespaces: a pod's ReplicaSet and Job are in its own namespace, which a
 * discoverer that sees the pod watches. */
function podLabelsKey(sd: KubernetesSDConfig, attach: AttachFlags, profile: Profile): string {
  const nodeSelectors = sd.selectors.filter((s) => s.role === 'node').map((s) => ({ ...s, pos: undefined }));
  return JSON.stringify([attach, profile.id, nodeSelectors]);
}

/** What decides the group of one object: the role, the selectors of the side stores, the metadata attached and the
 * engine. Not the selectors of the role's own objects: they only decide which objects are listed (listMain), not what
 * one becomes — so the PodMonitor-style jobs (`selectors: [{role: pod, …}]`) share the pod groups of a job without. */
function sharedKey(sd: KubernetesSDConfig, attach: AttachFlags, profile: Profile): string {
  const selectors = sd.selectors.filter((s) => s.role !== sd.role).map((s) => ({ ...s, pos: undefined }));
  return JSON.stringify([sd.role, sd.roleText ?? '', selectors, attach, profile.id]);
}

export function discover(
  sd: KubernetesSDConfig,
  store: ObjectStore,
  profile: Profile,
  opts: { ownNamespace?: string; shared?: SharedGroups } = {},
): { groups: TargetGroup[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const report = new Reporter(diagnostics);
  const filters = compileSelectors(sd, profile.discovery, report);
  if (!filters) return { groups: [], diagnostics };
  const attach = attachFlags(sd, profile);
  if (refusedInformers(sd, filters, attach, report)) return { groups: [], diagnostics };
  const bySource = new Map<string, TargetGroup>();
  const build = BUILDERS[sd.role];
  // One discoverer per namespace scope, each with its own (namespace-scoped) side informers.
  const names = resolveNamespaces(sd, opts.ownNamespace, report, profile.discovery.ownNamespaceWithNames);
  // vmagent: one group watcher over every listed namespace, whose lookups cross namespaces.
  const scopes: Scope[] = profile.discovery.namespaceScopes === 'union' && names.length > 1 ? [new Set(names)] : names;
  let memo: Map<StoredObject, TargetGroup | null> | undefined;
  let podMemo: WeakMap<StoredObject, Labels> | undefined;
  if (opts.shared) {
    const key = sharedKey(sd, attach, profile);
    memo = opts.shared.groups.get(key);
    if (memo === undefined) opts.shared.groups.set(key, (memo = new Map()));
    if (POD_BACKED.has(sd.role)) {
      const pk = podLabelsKey(sd, attach, profile);
      podMemo = opts.shared.podLabels.get(pk);
      if (podMemo === undefined) opts.shared.podLabels.set(pk, (podMemo = new WeakMap()));
    }
  }
  // The object being built, and whether it looked anything up in another namespace.
  let ownNs: string | undefined;
  let crossed = false;
  const onLookup = memo ? (ns: string) => void (ns !== ownNs && (crossed = true)) : undefined;
  for (const scope of scopes) {
    const ctx: RoleContext = { sd, profile: profile.discovery, attach, stores: sideStores(store, scope, filters, onLookup), report };
    if (podMemo) ctx.sharedPodLabels = podMemo;
    for (const o of listMain(store, sd, scope, filters, profile.discovery, report)) {
      let g = memo?.get(o);
      if (g === undefined) {
        ownNs = o.obj.metadata.namespace ?? '';
        crossed = false;
        const calls = report.calls;
        g = build(o, ctx) ?? null;
        // Group labels are built key by key (a dictionary-mode object in V8); every target copies them, so copy them
        // once into a fast-mode object (a spread keeps the same keys, order and values).
        if (g) g.labels = { ...g.labels };
        if (memo && !crossed && report.calls === calls) memo.set(o, g);
      }
      if (g) bySource.set(g.source, g);
    }
  }
  const groups = [...bySource.values()].filter((g) => g.targets.length > 0).sort((a, b) => compareStrings(a.source, b.source));
  return { groups, diagnostics };
}
