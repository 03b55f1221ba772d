// Shapes shared by the discovery stage: the target group (what one Kubernetes object
// becomes) and the read-only view of the informer stores a role builder works against.
import type { KubernetesSDConfig } from '../config/types.ts';
import type { Endpoints, EndpointSlice, Ingress, KubeObject, Namespace, Node, Pod, Service, StoredObject } from '../ingest/kinds.ts';
import type { Labels } from '../labels.ts';
import type { DiscoveryProfile } from '../profiles/types.ts';
import type { Reporter } from './common.ts';

/** One discovered object: group-level labels plus one label set per target. Values may be "" (the target
 * stage removes empty values per profile), exactly as Prometheus' model.LabelSet holds them. */
export interface TargetGroup {
  source: string;
  labels: Labels;
  /** Each target's own labels. */
  targets: Labels[];
  /** Parallel to `targets` where present: labels a target carries under its own — its pod's labels, one object
   * shared by every target of that pod (and never written to) instead of a copy in each. A target's labels are
   * `{...targets[i], ...under[i]}`, and no name is in both. Use targetLabels() to read a whole target. */
  under?: (Labels | undefined)[];
}

/** The side stores one Prometheus discoverer reads while building a group. Each lookup already applies what
 * the real informer would: the discoverer's namespace and the selectors of that role. */
export interface SideStores {
  service(namespace: string, name: string): StoredObject<Service> | undefined;
  pod(namespace: string, name: string): StoredObject<Pod> | undefined;
  node(name: string): StoredObject<Node> | undefined;
  namespace(name: string): StoredObject<Namespace> | undefined;
  replicaSet(namespace: string, name: string): StoredObject<KubeObject> | undefined;
  job(namespace: string, name: string): StoredObject<KubeObject> | undefined;
}

/** Which optional metadata this discoverer attaches: the sd config's attach_metadata already gated by the
 * profile (e.g. `namespace` is ignored before Prometheus 3.6). */
export interface AttachFlags {
  node: boolean;
  namespace: boolean;
  deployment: boolean;
  job: boolean;
  cronjob: boolean;
}

/** Everything a role builder reads besides the object itself. */
export interface RoleContext {
  sd: KubernetesSDConfig;
  profile: DiscoveryProfile;
  attach: AttachFlags;
  stores: SideStores;
  report: Reporter;
  /** podLabels by pod, for this discoverer (a pod's labels are read for every endpoint port and extra port). The
   * cached sets are shared: callers copy them (merge) and never write to them. */
  podLabelsCache?: Map<StoredObject<Pod>, Labels>;
  /** The same, across the discoverers of a run that build pod labels alike (discover.ts podLabelsKey); only sets
   * whose building reported nothing are kept there. */
  sharedPodLabels?: WeakMap<StoredObject, Labels>;
}

/** The main object kinds, by role. */
export interface RoleObjects {
  node: Node;
  pod: Pod;
  service: Service;
  endpoints: Endpoints;
  endpointslice: EndpointSlice;
  ingress: Ingress;
}
