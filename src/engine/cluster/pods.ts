// Pods from a workload's pod template, as the workload controllers create them
// (pkg/controller/controller_utils.go GetPodFromTemplate) and the scheduler and kubelet
// then fill in: labels, annotations and spec from the template, a controller ownerRef,
// a node, IPs from the node's pod CIDR, and a Running+Ready status.
import type { KubeObject, OwnerReference, Pod, PodSpec, StoredObject } from '../ingest/kinds.ts';
import { addSimulated, baseMeta, clone, ownerIndex, uidOf, type ControllerName, type SimContext } from './context.ts';
import { generateName, identity } from './ids.ts';
import { allocatePodIP, clusterNodes } from './nodes.ts';
import { podsOf } from './owners.ts';
import { setPodState, type PodPlacement, type PodState } from './podstate.ts';
import { unfit, type NodeInfo } from './scheduling.ts';

export interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; [k: string]: unknown };
  spec?: PodSpec;
}

export interface PodRequest {
  /** The input workload everything here is traced back to. */
  root: StoredObject;
  controller: ControllerName;
  owner: KubeObject;
  template: PodTemplate;
  /** A fixed name (StatefulSet), else `generateName` + 5 random characters. */
  name?: string;
  generateName?: string;
  /** Labels and annotations the controller adds to the template's. */
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  hostname?: string;
  subdomain?: string;
  /** What the controller adds to the template's spec (the DaemonSet's node affinity and tolerations). */
  specPatch?: (spec: PodSpec) => void;
  /** A fixed node (DaemonSet); otherwise round-robin over the nodes that fit, by `index`. */
  node?: NodeInfo;
  index: number;
  state: PodState;
}

/** The Pods (input or simulated) in `workload`'s ownership chain (the controllers' claimPods, by controller ref). */
export function workloadPods(ctx: SimContext, workload: KubeObject): StoredObject<Pod>[] {
  const ns = workload.metadata.namespace;
  return podsOf(ctx.out, workload, ownerIndex(ctx, 'Pod', ns), (kind) => ownerIndex(ctx, kind, ns));
}

/** metav1.NewControllerRef with blockOwnerDeletion, as every workload controller sets it. */
export function controllerRef(owner: KubeObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: uidOf(owner), controller: true, blockOwnerDeletion: true };
}

/** The API version a workload's ownerRef names: the one the controller itself writes (apps/v1, batch/v1). */
export function workloadApiVersion(kind: string): string {
  return kind === 'Job' || kind === 'CronJob' ? 'batch/v1' : 'apps/v1';
}

/** The nodes `spec` fits, and why the first misfit failed (for the Pending message). */
export function fittingNodes(ctx: SimContext, root: StoredObject, spec: PodSpec): { fits: NodeInfo[]; why: string } {
  const nodes = clusterNodes(ctx, root);
  const fits: NodeInfo[] = [];
  let why = '';
  for (const n of nodes) {
    const u = unfit(spec, n);
    if (u === undefined) fits.push(n);
    else why ||= `node ${n.name}: ${u}`;
  }
  return { fits, why: `0/${nodes.length} nodes are available${why ? ` (${why})` : ''}` };
}

/** The scheduler (round-robin over the nodes that fit, by `index`, or a fixed node) and the CNI (an IP from the
 * node's pod CIDR; a hostNetwork pod shares its node's IP). No fitting node → no placement, and why. */
export function schedule(ctx: SimContext, root: StoredObject, spec: PodSpec, index: number, fixed?: NodeInfo): { place?: PodPlacement; why: string } {
  let node = fixed;
  let why = '';
  const nodes = clusterNodes(ctx, root);
  if (!node && spec.nodeName && !nodes[0]?.synthesized) {
    // A pod bound by spec.nodeName skips the scheduler; if no such node exists, no kubelet ever starts it.
    node = nodes.find((n) => n.name === spec.nodeName);
    if (!node) return { why: `spec.nodeName ${spec.nodeName} is not a Node of the input` };
  }
  if (!node) {
    const f = fittingNodes(ctx, root, spec);
    node = f.fits.length ? f.fits[index % f.fits.length] : undefined;
    why = f.why;
  }
  if (!node) return { why };
  const podIP = spec.hostNetwork && node.ip ? node.ip : allocatePodIP(ctx, node);
  return { place: { nodeName: node.name, hostIP: node.ip, podIP }, why };
}

/** GetPodFromTemplate + scheduling + kubelet status: one simulated Pod in the output store. */
export function createPod(ctx: SimContext, req: PodRequest): StoredObject<Pod> {
  const ns = req.owner.metadata.namespace ?? 'default';
  const tmeta = req.template.metadata ?? {};
  const taken = (n: string) => ctx.out.get('Pod', ns, n) !== undefined;
  const base = req.generateName ?? `${req.owner.metadata.name}-`;
  const name = req.name ?? generateName(base, `${identity(req.owner.kind, ns, req.owner.metadata.name)}#pod${req.index}`, taken);
  const labels = { ...(tmeta.labels ?? {}), ...(req.labels ?? {}) };
  const annotations = { ...(tmeta.annotations ?? {}), ...(req.annotations ?? {}) };
  const spec: PodSpec = clone(req.template.spec ?? {});
  if (req.hostname !== undefined) spec.hostname = req.hostname;
  if (req.subdomain) spec.subdomain = req.subdomain;
  req.specPatch?.(spec);
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...baseMeta('Pod', ns, name, req.name === undefined ? base : undefined),
      ...(Object.keys(labels).length ? { labels } : {}),
      ...(Object.keys(annotations).length ? { annotations } : {}),
      ownerReferences: [controllerRef(req.owner)],
    },
    spec,
  };
  const { place, why } = schedule(ctx, req.root, spec, req.index, req.node);
  setPodState(pod, place ? req.state : 'pending', place, why);
  return addSimulated(ctx, pod, req.controller, req.root);
}
