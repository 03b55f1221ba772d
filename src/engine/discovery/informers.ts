// The offline stand-in for Prometheus' informers: which objects each list/watch would return
// (namespace scope + that role's label/field selectors), which informers a discoverer waits
// for, and the selector checks Prometheus does at config load.
// See prometheus discovery/kubernetes/kubernetes.go SDConfig.UnmarshalYAML, mapSelector, Discovery.Run.
import type { KubernetesSDConfig, Role, SelectorConfig } from '../config/types.ts';
import type { KubeObject, Node, StoredObject } from '../ingest/kinds.ts';
import type { ObjectStore } from '../ingest/store.ts';
import type { DiscoveryProfile } from '../profiles/types.ts';
import { describe, type Reporter } from './common.ts';
import { ALL_NAMESPACES, inScope, type Scope } from './namespaces.ts';
import {
  matchFieldSelector,
  matchLabelSelector,
  parseFieldSelector,
  parseLabelSelector,
  validateFieldSelector,
  type FieldSelector,
  type LabelSelector,
} from './selectors.ts';
import type { AttachFlags, SideStores } from './types.ts';

/** The Kubernetes kind each role's informer lists. */
export const ROLE_KIND: Record<Role, string> = {
  node: 'Node',
  pod: 'Pod',
  service: 'Service',
  endpoints: 'Endpoints',
  endpointslice: 'EndpointSlice',
  ingress: 'Ingress',
};

/** One role's selectors, parsed; `refused` holds the API server's errors when it would refuse the list. */
export interface RoleFilter {
  label?: LabelSelector;
  field?: FieldSelector;
  refused: string[];
  /** vmagent: the API server refuses this watcher's list, so it holds no objects (the others still work). */
  empty?: boolean;
}

/** Selector roles allowed per main role (allowedSelectors); node selectors on the pod role since 3.11. */
function allowedSelectorRoles(role: Role, profile: DiscoveryProfile): Role[] {
  switch (role) {
    case 'pod':
      return profile.podNodeStoreFilter ? ['pod', 'node'] : ['pod'];
    case 'endpoints':
      return ['pod', 'service', 'endpoints'];
    case 'endpointslice':
      return ['pod', 'service', 'endpointslice'];
    default:
      return [role];
  }
}

/** Parses and checks `selectors` like SDConfig.UnmarshalYAML (errors there fail the whole config load) and
 * like the API server (an unsupported field makes that role's list fail). Undefined on a config error. */
export function compileSelectors(sd: KubernetesSDConfig, profile: DiscoveryProfile, report: Reporter): Map<Role, RoleFilter> | undefined {
  if (!profile.validateSelectors) return joinSelectors(sd, report);
  const out = new Map<Role, RoleFilter>();
  const allowed = allowedSelectorRoles(sd.role, profile);
  for (const s of sd.selectors) {
    const fail = (m: string, code: 'SELECTOR_INVALID' | 'SD_CONFIG_INVALID' = 'SELECTOR_INVALID') => {
      report.add(code, 'error', m, s.pos);
      return undefined;
    };
    if (out.has(s.role)) return fail(`duplicated selector role: ${s.role}`, 'SD_CONFIG_INVALID');
    if (!allowed.includes(s.role)) return fail(`${sd.role} role supports only ${allowed.join(', ')} selectors`, 'SD_CONFIG_INVALID');
    const f: RoleFilter = { refused: [] };
    if (s.field) {
      const r = parseFieldSelector(s.field);
      if (!r.ok) return fail(r.message);
      f.field = r.sel;
      f.refused = validateFieldSelector(r.sel, ROLE_KIND[s.role]);
    }
    if (s.label) {
      const r = parseLabelSelector(s.label);
      if (!r.ok) return fail(r.message);
      f.label = r.sel;
    }
    out.set(s.role, f);
  }
  return out;
}

/** vmagent (api_watcher.go joinSelectors): no validation; all selectors of one role are joined with "," into one
 * labelSelector and one fieldSelector, so repeated roles are ANDed. What the API server refuses leaves that
 * watcher empty. */
function joinSelectors(sd: KubernetesSDConfig, report: Reporter): Map<Role, RoleFilter> {
  const out = new Map<Role, RoleFilter>();
  const byRole = new Map<Role, { labels: string[]; fields: string[]; pos: SelectorConfig['pos'] }>();
  for (const s of sd.selectors) {
    const e = byRole.get(s.role) ?? { labels: [], fields: [], pos: s.pos };
    if (s.label) e.labels.push(s.label);
    if (s.field) e.fields.push(s.field);
    byRole.set(s.role, e);
  }
  for (const [role, e] of byRole) {
    const f: RoleFilter = { refused: [] };
    if (e.fields.length) {
      const r = parseFieldSelector(e.fields.join(','));
      if (r.ok) {
        f.field = r.sel;
        f.refused = validateFieldSelector(r.sel, ROLE_KIND[role]);
      } else f.refused = [r.message];
    }
    if (e.labels.length) {
      const r = parseLabelSelector(e.labels.join(','));
      if (r.ok) f.label = r.sel;
      else f.refused.push(r.message);
    }
    if (f.refused.length) {
      f.empty = true;
      report.add('SELECTOR_INVALID', 'warning', `selectors (role ${role}): the API server refuses the ${ROLE_KIND[role]} list (${f.refused.join('; ')}); vmagent keeps retrying and that watcher stays empty`, e.pos);
    }
    out.set(role, f);
  }
  return out;
}

/** True when the object passes the role's selectors (no selector = everything). */
export function passes(filters: Map<Role, RoleFilter>, role: Role, o: KubeObject): boolean {
  const f = filters.get(role);
  if (!f) return true;
  if (f.empty) return false;
  if (f.label && !matchLabelSelector(f.label, o.metadata.labels)) return false;
  if (f.field && !matchFieldSelector(f.field, o)) return false;
  return true;
}

/** The informers a role's discoverer waits for before emitting anything (its Run's WaitForCacheSync). */
export function awaitedRoles(role: Role, attach: AttachFlags): Role[] {
  const withNode = attach.node ? (['node'] as Role[]) : [];
  switch (role) {
    case 'pod':
      return ['pod', ...withNode];
    case 'endpoints':
    case 'endpointslice':
      return [role, 'service', 'pod', ...withNode];
    default:
      return [role];
  }
}

/** Reports every awaited informer whose list the API server refuses; true if there is one (then the
 * discoverer never syncs and emits nothing, while Prometheus logs the error and retries). */
export function refusedInformers(sd: KubernetesSDConfig, filters: Map<Role, RoleFilter>, attach: AttachFlags, report: Reporter): boolean {
  // vmagent's watchers are independent: only an empty main watcher means no targets (already reported).
  if ([...filters.values()].some((f) => f.empty)) return filters.get(sd.role)?.empty === true;
  let refused = false;
  for (const role of awaitedRoles(sd.role, attach)) {
    const f = filters.get(role);
    if (!f || f.refused.length === 0) continue;
    refused = true;
    const pos = sd.selectors.find((s) => s.role === role)?.pos ?? sd.pos;
    report.add(
      'SELECTOR_INVALID',
      'error',
      `selectors (role ${role}): the API server refuses the ${ROLE_KIND[role]} list (${f.refused.join('; ')}); the ${sd.role} discoverer never syncs, so this kubernetes_sd_configs entry discovers nothing`,
      pos,
    );
  }
  return refused;
}

const BETA_VERSIONS: Record<string, string[]> = {
  EndpointSlice: ['discovery.k8s.io/v1beta1'],
  Ingress: ['networking.k8s.io/v1beta1', 'extensions/v1beta1'],
};

/** The main objects one discoverer lists: kind, namespace scope, selectors, and API version (3.x watches
 * only v1 EndpointSlices and Ingresses). */
export function listMain(store: ObjectStore, sd: KubernetesSDConfig, scope: Scope, filters: Map<Role, RoleFilter>, profile: DiscoveryProfile, report: Reporter): StoredObject[] {
  const kind = ROLE_KIND[sd.role];
  const beta = BETA_VERSIONS[kind] ?? [];
  // One namespace: the store's list of it (not every object of the kind, filtered).
  const objects = sd.role !== 'node' && typeof scope === 'string' && scope !== ALL_NAMESPACES ? store.list(kind, scope) : store.list(kind);
  return objects.filter((o) => {
    if (sd.role !== 'node' && !inScope(scope, o.obj.metadata.namespace)) return false;
    if (!passes(filters, sd.role, o.obj)) return false;
    if (beta.includes(o.obj.apiVersion) && !profile.betaApiVersions) {
      report.add('DISCOVERY_WARNING', 'warning', `${describe(o.obj)} is ${o.obj.apiVersion}; this Prometheus watches only the v1 API, so it is not discovered (write it as ${kind === 'Ingress' ? 'networking.k8s.io/v1' : 'discovery.k8s.io/v1'})`, { ...o.origin.pos });
      return false;
    }
    return true;
  });
}

/** The side stores of one discoverer (namespace `scope`, '' = all): services, pods, ReplicaSets and Jobs of
 * that scope; nodes cluster-wide through the node selector; namespaces unfiltered. */
/** `onLookup`: told the namespace of every namespaced lookup (discover.ts shares a group only when its object looked
 * nothing up outside its own namespace: then the scope did not shape it). */
export function sideStores(store: ObjectStore, scope: Scope, filters: Map<Role, RoleFilter>, onLookup?: (namespace: string) => void): SideStores {
  const scoped = <T extends KubeObject>(kind: string, role: Role | undefined, ns: string, name: string): StoredObject<T> | undefined => {
    onLookup?.(ns);
    if (!inScope(scope, ns)) return undefined;
    const o = store.get<T>(kind, ns, name);
    return o && (!role || passes(filters, role, o.obj)) ? o : undefined;
  };
  return {
    service: (ns, name) => scoped('Service', 'service', ns, name),
    pod: (ns, name) => scoped('Pod', 'pod', ns, name),
    replicaSet: (ns, name) => scoped('ReplicaSet', undefined, ns, name),
    job: (ns, name) => scoped('Job', undefined, ns, name),
    node: (name) => {
      const o = store.get<Node>('Node', undefined, name);
      return o && passes(filters, 'node', o.obj) ? o : undefined;
    },
    namespace: (name) => store.get('Namespace', undefined, name),
  };
}
