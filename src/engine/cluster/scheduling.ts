// Where simulated Pods run: the Nodes of the input (or one synthesized Node when there are
// none), a plain reading of the scheduler's filters (nodeSelector, required node affinity,
// NoSchedule/NoExecute taints vs tolerations, cordoned nodes), and per-node pod IPs from
// the node's pod CIDR, as a CNI like kindnet/flannel hands them out.
import type { Node, PodSpec, StoredObject } from '../ingest/kinds.ts';

export type Toleration = NonNullable<PodSpec['tolerations']>[number];
export type Taint = NonNullable<NonNullable<Node['spec']>['taints']>[number];

export interface NodeInfo {
  name: string;
  stored: StoredObject<Node>;
  labels: Record<string, string>;
  /** InternalIP (else ExternalIP): the hostIP of its pods and the podIP of hostNetwork pods. */
  ip: string | undefined;
  /** topology.kubernetes.io/zone, copied to EndpointSlice endpoints. */
  zone: string | undefined;
  /** Made up because the input has no Nodes: stands in for the cluster's nodes, so it accepts every Pod. */
  synthesized: boolean;
  /** Pod IP for the n-th address of this node's pod CIDR. */
  podIP: (n: number) => string;
  nextHost: number;
}

/** The kubelet's view of a Node's addresses (nodeutil.GetNodeHostIPs: InternalIP first, then ExternalIP). */
export function nodeIP(n: Node): string | undefined {
  const a = n.status?.addresses ?? [];
  return (a.find((x) => x.type === 'InternalIP') ?? a.find((x) => x.type === 'ExternalIP'))?.address;
}

/** Pod IPs from spec.podCIDR when it is there (kube-controller-manager's node IPAM sets it), else 10.244.<index>.0/24. */
function cidrAllocator(n: Node, index: number): (host: number) => string {
  const cidr = typeof (n.spec as Record<string, unknown> | undefined)?.podCIDR === 'string' ? String((n.spec as Record<string, unknown>).podCIDR) : '';
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.\d+\/(\d+)$/.exec(cidr);
  if (v4 && Number(v4[4]) <= 24) return (h) => `${v4[1]}.${v4[2]}.${Number(v4[3]) + Math.floor(h / 256)}.${h % 256}`;
  const v6 = /^([0-9a-fA-F:]+?)::?\/\d+$/.exec(cidr);
  if (v6) return (h) => `${v6[1]}::${h.toString(16)}`;
  return (h) => `10.244.${index + Math.floor(h / 256)}.${h % 256}`;
}

/** What scheduling needs of a Node: labels, IP, zone, and an allocator over its pod CIDR. */
export function nodeInfo(stored: StoredObject<Node>, index: number, synthesized: boolean): NodeInfo {
  const n = stored.obj;
  const labels = n.metadata.labels ?? {};
  return {
    name: n.metadata.name,
    stored,
    labels,
    ip: nodeIP(n),
    zone: labels['topology.kubernetes.io/zone'] || undefined,
    synthesized,
    podIP: cidrAllocator(n, index),
    nextHost: 2, // .0 is the network, .1 the node's bridge/gateway
  };
}

/** v1.Toleration.ToleratesTaint. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (t.operator === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

/** Tolerations the DaemonSet controller adds to every daemon pod (util.AddOrUpdateDaemonPodTolerations). */
export function daemonTolerations(hostNetwork: boolean): Toleration[] {
  const t = (key: string, effect: string): Toleration => ({ key, operator: 'Exists', effect });
  const out = [
    t('node.kubernetes.io/not-ready', 'NoExecute'),
    t('node.kubernetes.io/unreachable', 'NoExecute'),
    t('node.kubernetes.io/disk-pressure', 'NoSchedule'),
    t('node.kubernetes.io/memory-pressure', 'NoSchedule'),
    t('node.kubernetes.io/pid-pressure', 'NoSchedule'),
    t('node.kubernetes.io/unschedulable', 'NoSchedule'),
  ];
  if (hostNetwork) out.push(t('node.kubernetes.io/network-unavailable', 'NoSchedule'));
  return out;
}

interface Requirement {
  key?: string;
  operator?: string;
  values?: string[];
}

/** v1helper.MatchNodeSelectorTerms for one requirement (In, NotIn, Exists, DoesNotExist, Gt, Lt). */
function matchRequirement(r: Requirement, get: (key: string) => string | undefined): boolean {
  const v = get(r.key ?? '');
  const vals = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return v !== undefined && vals.includes(v);
    case 'NotIn':
      return v === undefined || !vals.includes(v);
    case 'Exists':
      return v !== undefined;
    case 'DoesNotExist':
      return v === undefined;
    case 'Gt':
    case 'Lt': {
      const a = Number(v);
      const b = Number(vals[0]);
      if (v === undefined || !Number.isInteger(a) || !Number.isInteger(b)) return false;
      return r.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

/** Required node affinity: any term matches, each term's expressions and fields all match. */
function matchesAffinity(spec: PodSpec, node: NodeInfo): boolean {
  const required = (spec.affinity as { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: unknown[] } } } | undefined)
    ?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const terms = (required?.nodeSelectorTerms ?? []) as { matchExpressions?: Requirement[]; matchFields?: Requirement[] }[];
  if (!required) return true;
  return terms.some((term) => {
    const exprs = term.matchExpressions ?? [];
    const fields = term.matchFields ?? [];
    if (!exprs.length && !fields.length) return false; // an empty term matches nothing
    return (
      exprs.every((r) => matchRequirement(r, (k) => node.labels[k])) &&
      fields.every((r) => matchRequirement(r, (k) => (k === 'metadata.name' ? node.name : undefined)))
    );
  });
}

/** Why `spec` cannot run on `node` (nodeSelector, affinity, taints, cordon), or undefined when it can. */
export function unfit(spec: PodSpec, node: NodeInfo, extraTolerations: Toleration[] = []): string | undefined {
  if (node.synthesized) return undefined;
  for (const [k, v] of Object.entries(spec.nodeSelector ?? {})) {
    if (node.labels[k] !== v) return `nodeSelector ${k}=${v} does not match`;
  }
  if (!matchesAffinity(spec, node)) return 'required node affinity does not match';
  const tolerations = [...(spec.tolerations ?? []), ...extraTolerations];
  const taints: Taint[] = [...(node.stored.obj.spec?.taints ?? [])];
  // The scheduler's NodeUnschedulable filter reads spec.unschedulable as this taint.
  if (node.stored.obj.spec?.unschedulable) taints.push({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' });
  for (const taint of taints) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (!tolerations.some((t) => toleratesTaint(t, taint))) return `untolerated taint ${taint.key}${taint.value ? '=' + taint.value : ''}:${taint.effect}`;
  }
  return undefined;
}
