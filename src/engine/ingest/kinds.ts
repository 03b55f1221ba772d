// The Kubernetes object shapes the engine reads — only the fields some stage uses.
// After ingest every field here has the JSON type the API server would serve
// (ports are numbers, flags are booleans, label values are strings); anything
// else the input held is kept as parsed (strings, for YAML input).
import type { SourcePos, SourceRange } from '../diagnostics.ts';

export interface OwnerReference {
  apiVersion?: string;
  kind: string;
  name: string;
  uid?: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  generateName?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  deletionTimestamp?: string;
  creationTimestamp?: string;
  [k: string]: unknown;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [k: string]: unknown;
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
  hostPort?: number;
}

export interface Container {
  name: string;
  image?: string;
  ports?: ContainerPort[];
  restartPolicy?: string;
  [k: string]: unknown;
}

export interface ContainerStatus {
  name: string;
  containerID?: string;
  ready?: boolean;
  [k: string]: unknown;
}

export interface PodSpec {
  nodeName?: string;
  hostNetwork?: boolean;
  hostname?: string;
  subdomain?: string;
  containers?: Container[];
  initContainers?: Container[];
  nodeSelector?: Record<string, string>;
  tolerations?: { key?: string; operator?: string; value?: string; effect?: string }[];
  [k: string]: unknown;
}

export interface PodCondition {
  type: string;
  status: string;
}

export interface Pod extends KubeObject {
  spec?: PodSpec;
  status?: {
    phase?: string;
    podIP?: string;
    podIPs?: { ip: string }[];
    hostIP?: string;
    conditions?: PodCondition[];
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
    [k: string]: unknown;
  };
}

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  nodePort?: number;
  appProtocol?: string;
}

export interface Service extends KubeObject {
  spec?: {
    type?: string;
    clusterIP?: string;
    clusterIPs?: string[];
    externalName?: string;
    loadBalancerIP?: string;
    selector?: Record<string, string>;
    ports?: ServicePort[];
    publishNotReadyAddresses?: boolean;
    ipFamilies?: string[];
    ipFamilyPolicy?: string;
    [k: string]: unknown;
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

export interface ObjectReference {
  kind?: string;
  name?: string;
  namespace?: string;
  uid?: string;
}

export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: ObjectReference;
}

export interface EndpointPort {
  name?: string;
  port: number;
  protocol?: string;
  appProtocol?: string;
}

export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

export interface Endpoints extends KubeObject {
  subsets?: EndpointSubset[];
}

export interface SliceEndpoint {
  addresses: string[];
  conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
  hostname?: string;
  targetRef?: ObjectReference;
  nodeName?: string;
  zone?: string;
  deprecatedTopology?: Record<string, string>;
  /** v1beta1 only. */
  topology?: Record<string, string>;
}

export interface SlicePort {
  name?: string;
  port?: number;
  protocol?: string;
  appProtocol?: string;
}

export interface EndpointSlice extends KubeObject {
  addressType: string;
  endpoints?: SliceEndpoint[];
  ports?: SlicePort[];
}

export interface NodeAddress {
  type: string;
  address: string;
}

export interface Node extends KubeObject {
  spec?: { providerID?: string; unschedulable?: boolean; taints?: { key: string; value?: string; effect: string }[] };
  status?: {
    addresses?: NodeAddress[];
    daemonEndpoints?: { kubeletEndpoint?: { Port?: number } };
    conditions?: { type: string; status: string }[];
  };
}

export interface IngressRule {
  host?: string;
  http?: { paths?: { path?: string; pathType?: string; backend?: unknown }[] };
}

export interface Ingress extends KubeObject {
  spec?: {
    ingressClassName?: string;
    rules?: IngressRule[];
    tls?: { hosts?: string[]; secretName?: string }[];
  };
}

export type Namespace = KubeObject;

/** Marks an object the cluster simulation made (not present in the input). */
export interface SimulatedFrom {
  /** The controller that made it, e.g. "deployment-controller". */
  controller: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** Where an object came from: file, document, List item, and how to find any of its fields. */
export interface Origin {
  file: string;
  /** 0-based document index in the file (for streams of documents / JSON values). */
  doc: number;
  /** 0-based index inside a `kind: List` / `*List`, if the object came from one. */
  item?: number;
  /** Position of the object itself (its first key). */
  pos: SourcePos;
  /** Set on objects the cluster simulation created. */
  simulated?: SimulatedFrom;
  /** Set on objects the API server would have created (e.g. Namespaces referenced but not declared). */
  implied?: string;
}

/** One object in the store, with provenance. */
export interface StoredObject<T extends KubeObject = KubeObject> {
  obj: T;
  origin: Origin;
  /** Position of a field of this object, by path (e.g. ['spec','ports',0,'targetPort']). */
  locate?: (path: (string | number)[]) => SourceRange | undefined;
}

/** Kinds the engine reads, by `kind`. Anything else is listed as ignored. */
export const CORE_KINDS = new Set([
  'Namespace',
  'Node',
  'Pod',
  'Service',
  'Endpoints',
  'EndpointSlice',
  'Ingress',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'Secret',
  'ConfigMap',
]);

export const OPERATOR_KINDS = new Set([
  // prometheus-operator (monitoring.coreos.com)
  'ServiceMonitor',
  'PodMonitor',
  'Probe',
  'ScrapeConfig',
  'Prometheus',
  'PrometheusAgent',
  // VictoriaMetrics operator (operator.victoriametrics.com)
  'VMServiceScrape',
  'VMPodScrape',
  'VMNodeScrape',
  'VMStaticScrape',
  'VMProbe',
  'VMScrapeConfig',
  'VMAgent',
]);

/** Namespaced kinds get `metadata.namespace: default` when it is missing (API server behaviour). */
export const CLUSTER_SCOPED_KINDS = new Set(['Namespace', 'Node']);
