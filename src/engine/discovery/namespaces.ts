// Which namespaces one kubernetes_sd_configs entry watches. Prometheus runs one discoverer
// (with its own pod/service/... informers) per namespace, or one for all namespaces.
// See prometheus discovery/kubernetes/kubernetes.go Discovery.getNamespaces.
import type { KubernetesSDConfig } from '../config/types.ts';
import type { Reporter } from './common.ts';

/** The "all namespaces" scope (Kubernetes NamespaceAll). */
export const ALL_NAMESPACES = '';

/** What one discoverer sees: one namespace ('' = all), or (vmagent's group watcher) several at once. */
export type Scope = string | ReadonlySet<string>;

/** Namespace scopes to run discoverers for: `['']` for all namespaces, else the names (own namespace
 * appended). Duplicates are dropped: two discoverers for one namespace emit the same Sources, which the
 * discovery manager stores once. */
export function resolveNamespaces(sd: KubernetesSDConfig, ownNamespace: string | undefined, report: Reporter, ownNamespaceWithNames: 'append' | 'ignore' = 'append'): string[] {
  if (sd.role === 'node') return [ALL_NAMESPACES]; // nodes are cluster-scoped; `namespaces` is ignored
  const names = [...sd.namespaces];
  if (names.length === 0 && !sd.ownNamespace) return [ALL_NAMESPACES];
  // vmagent (api_watcher.go newAPIWatcher) reads its own namespace only when `names` is empty.
  const ignoreOwn = ownNamespaceWithNames === 'ignore' && names.length > 0;
  if (sd.ownNamespace && ignoreOwn) {
    report.add('DISCOVERY_WARNING', 'info', 'namespaces.own_namespace is ignored because namespaces.names is set (vmagent reads its own namespace only when names is empty; Prometheus would add it)', sd.pos);
  }
  if (sd.ownNamespace && !ignoreOwn) {
    if (ownNamespace) names.push(ownNamespace);
    else {
      // In a pod the scraper reads its namespace from the service-account mount; offline nobody told us.
      report.add(
        'DISCOVERY_WARNING',
        'warning',
        ownNamespaceWithNames === 'ignore'
          ? 'namespaces.own_namespace is set but no own namespace was given; vmagent reads it from /var/run/secrets/kubernetes.io/serviceaccount/namespace (1.79 exits with a fatal error when it cannot). Set it to include it'
          : 'namespaces.own_namespace is set but no own namespace was given; Prometheus would add the namespace it runs in (from /var/run/secrets/kubernetes.io/serviceaccount/namespace). Set it to include it',
        sd.pos,
      );
    }
  }
  return [...new Set(names)];
}

/** True when an object in `namespace` is visible to a discoverer for `scope`. */
export function inScope(scope: Scope, namespace: string | undefined): boolean {
  if (typeof scope === 'string') return scope === ALL_NAMESPACES || namespace === scope;
  return namespace !== undefined && scope.has(namespace);
}
