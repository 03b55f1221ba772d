// Discovery entry point: one kubernetes_sd_configs entry + the object store → the target
// groups Prometheus' discovery manager would hand to the scrape pool.
// See prometheus discovery/kubernetes/kubernetes.go Discovery.Run and discovery/manager.go updateGroup.
import type { KubernetesSDConfig, Role } from '../config/types.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { StoredObject } from '../ingest/kinds.ts';
import type { ObjectStore } from '../ingest/store.ts';
import { compareStrings } from '../labels.ts';
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
export function discover(
  sd: KubernetesSDConfig,
  store: ObjectStore,
  profile: Profile,
  opts: { ownNamespace?: string } = {},
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
  for (const scope of scopes) {
    const ctx: RoleContext = { sd, profile: profile.discovery, attach, stores: sideStores(store, scope, filters), report };
    for (const o of listMain(store, sd, scope, filters, profile.discovery, report)) {
      const g = build(o, ctx);
      if (!g) continue;
      // Group labels are built key by key (a dictionary-mode object in V8); every target copies them, so copy them
      // once into a fast-mode object (a spread keeps the same keys, order and values).
      g.labels = { ...g.labels };
      bySource.set(g.source, g);
    }
  }
  const groups = [...bySource.values()].filter((g) => g.targets.length > 0).sort((a, b) => compareStrings(a.source, b.source));
  return { groups, diagnostics };
}
