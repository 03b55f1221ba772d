// role: pod — one group per Pod, one target per container port (a port-less target per
// container without ports), containers first, then init containers.
import type { Container, Pod, StoredObject } from '../ingest/kinds.ts';
import type { Labels } from '../labels.ts';
import { addNamespaceLabels, addObjectMetaLabels, addPodNodeMetadata, controllerOf, joinHostPort, lv, lvInt, META, NAMESPACE_LABEL } from './common.ts';
import type { RoleContext, TargetGroup } from './types.ts';

// Target-level container labels, shared with the endpoints roles.
export const POD_CONTAINER_NAME = `${META}pod_container_name`;
export const POD_CONTAINER_ID = `${META}pod_container_id`;
export const POD_CONTAINER_IMAGE = `${META}pod_container_image`;
export const POD_CONTAINER_PORT_NAME = `${META}pod_container_port_name`;
export const POD_CONTAINER_PORT_NUMBER = `${META}pod_container_port_number`;
export const POD_CONTAINER_PORT_PROTOCOL = `${META}pod_container_port_protocol`;
export const POD_CONTAINER_INIT = `${META}pod_container_init`;
// The pod labels podLabels sets, named once (a template key is a new string to look up per pod).
const POD_CONTROLLER_KIND = `${META}pod_controller_kind`;
const POD_CONTROLLER_NAME = `${META}pod_controller_name`;
const POD_CRONJOB_NAME = `${META}pod_cronjob_name`;
const POD_DEPLOYMENT_NAME = `${META}pod_deployment_name`;
const POD_HOST_IP = `${META}pod_host_ip`;
const POD_IP = `${META}pod_ip`;
const POD_JOB_NAME = `${META}pod_job_name`;
const POD_NODE_NAME = `${META}pod_node_name`;
const POD_PHASE = `${META}pod_phase`;
const POD_READY = `${META}pod_ready`;
const POD_UID = `${META}pod_uid`;

/** `pod/<namespace>/<name>` (podSource). */
export function podSource(p: Pod): string {
  return `pod/${lv(p.metadata.namespace)}/${p.metadata.name}`;
}

/** podReady: the lowercased status of the Ready condition, `unknown` without one. */
export function podReady(p: Pod): string {
  for (const c of p.status?.conditions ?? []) if (c.type === 'Ready') return lv(c.status).toLowerCase();
  return 'unknown';
}

/** The pod's containers followed by its init containers, each with its init flag (Go: append(Containers, InitContainers...)).
 * `sidecarsOnly` keeps only native-sidecar init containers (restartPolicy: Always), as vmagent's endpoints role does. */
export function podContainers(p: Pod, withInit = true, sidecarsOnly = false): { c: Container; init: boolean }[] {
  const out = (p.spec?.containers ?? []).map((c) => ({ c, init: false }));
  if (withInit) for (const c of p.spec?.initContainers ?? []) if (!sidecarsOnly || c.restartPolicy === 'Always') out.push({ c, init: true });
  return out;
}

/** The container's status entry, if any (vmagent Pod.getContainerStatus). */
function containerStatus(p: Pod, name: string, init: boolean): Record<string, unknown> | undefined {
  const statuses = (init ? p.status?.initContainerStatuses : p.status?.containerStatuses) ?? [];
  return statuses.find((s) => s.name === name);
}

/** vmagent isContainerTerminated: the status shows `state.terminated` (v1.97+ skips such containers). */
function isContainerTerminated(p: Pod, name: string, init: boolean): boolean {
  const state = containerStatus(p, name, init)?.['state'];
  if (!state || typeof state !== 'object') return false;
  const t = (state as Record<string, unknown>)['terminated'];
  return t !== undefined && t !== null;
}

/** podLabels: the pod-level labels shared by the pod role and pod-backed endpoint(slice) targets.
 * See prometheus discovery/kubernetes/pod.go podLabels */
export function podLabels(o: StoredObject<Pod>, ctx: RoleContext): Labels {
  const p = o.obj;
  const ls: Labels = {
    [POD_IP]: lv(p.status?.podIP),
    [POD_READY]: podReady(p),
    [POD_PHASE]: lv(p.status?.phase),
    [POD_NODE_NAME]: lv(p.spec?.nodeName),
    [POD_HOST_IP]: lv(p.status?.hostIP),
    [POD_UID]: lv(p.metadata.uid),
  };
  addObjectMetaLabels(ls, o, 'pod', ctx.report);
  // vmagent builds every target whole: the pod's common labels carry the namespace (pod.go appendCommonLabels).
  if (ctx.profile.extraTargetObjectMeta !== 'group') ls[NAMESPACE_LABEL] = lv(p.metadata.namespace);
  // vmagent puts the node metadata into the pod's common labels, so every pod-backed target carries it.
  if (ctx.attach.node && ctx.profile.endpointNodeMetadataFrom === 'pod') addPodNodeMetadata(ls, lv(p.spec?.nodeName), ctx);
  const owner = controllerOf(p);
  if (!owner) return ls;
  if (owner.kind !== '') ls[POD_CONTROLLER_KIND] = owner.kind;
  if (owner.name !== '') ls[POD_CONTROLLER_NAME] = owner.name;
  const ns = lv(p.metadata.namespace);
  if (owner.kind === 'ReplicaSet' && ctx.attach.deployment) {
    // Needs the ReplicaSet object: the Deployment is its controller, not the pod's.
    const rs = ctx.stores.replicaSet(ns, owner.name);
    const rsOwner = rs && controllerOf(rs.obj);
    if (rsOwner?.kind === 'Deployment') ls[POD_DEPLOYMENT_NAME] = rsOwner.name;
  }
  if (owner.kind === 'Job') {
    if (ctx.attach.job) ls[POD_JOB_NAME] = owner.name;
    if (ctx.attach.cronjob) {
      const job = ctx.stores.job(ns, owner.name);
      const jobOwner = job && controllerOf(job.obj);
      if (jobOwner?.kind === 'CronJob') ls[POD_CRONJOB_NAME] = jobOwner.name;
    }
  }
  return ls;
}

/** podLabels, computed once per pod and discoverer; the result is shared and must not be modified. Building them again
 * gives the same set (the stores and profile are the discoverer's; repeated diagnostics are dropped by the Reporter). */
export function sharedPodLabels(o: StoredObject<Pod>, ctx: RoleContext, again = true): Labels {
  // `again`: the discoverer reads this pod again (the endpoints roles: once per port and address); the pod role reads
  // each pod once and keeps no cache of its own.
  const cache = again ? (ctx.podLabelsCache ??= new Map()) : undefined;
  let ls = cache?.get(o);
  if (ls === undefined) {
    ls = ctx.sharedPodLabels?.get(o);
    if (ls === undefined) {
      const calls = ctx.report.calls;
      // A spread copy is a fast-mode object (the set built key by key is a dictionary), cheap to copy from again.
      ls = { ...podLabels(o, ctx) };
      if (ctx.report.calls === calls) ctx.sharedPodLabels?.set(o, ls);
    }
    cache?.set(o, ls);
  }
  return ls;
}

/** findPodContainerID: the containerID of the status entry with the container's name, else "". */
function containerID(p: Pod, name: string, init: boolean): string {
  return lv(containerStatus(p, name, init)?.['containerID']);
}

/** The labels every target of one container carries (container id, image, init per profile). */
function containerBase(p: Pod, c: Container, init: boolean, ctx: RoleContext): Labels {
  const base: Labels = { [POD_CONTAINER_NAME]: lv(c.name), [POD_CONTAINER_INIT]: String(init) };
  const id = ctx.profile.podContainerId;
  if (id === 'always') base[POD_CONTAINER_ID] = containerID(p, c.name, init);
  else if (id === 'when-known') {
    const v = containerID(p, c.name, init);
    if (v !== '') base[POD_CONTAINER_ID] = v;
  }
  if (ctx.profile.podContainerImage) base[POD_CONTAINER_IMAGE] = lv(c.image);
  return base;
}

/** One group per pod; no targets without a podIP or (3.11+, attach_metadata.node) on a node the store lacks.
 * See prometheus discovery/kubernetes/pod.go buildPod */
export function buildPod(o: StoredObject<Pod>, ctx: RoleContext): TargetGroup {
  const p = o.obj;
  const tg: TargetGroup = { source: podSource(p), labels: {}, targets: [] };
  const podIP = lv(p.status?.podIP);
  // PodIP is empty while a pod is starting or after eviction: nothing to scrape.
  if (podIP === '') return tg;
  // vmagent 1.97+ (pod.go isPodPhaseFinished): Succeeded and Failed pods give no targets.
  const phase = lv(p.status?.phase);
  if (ctx.profile.skipFinishedPods && (phase === 'Succeeded' || phase === 'Failed')) return tg;
  // The node store holds only selector-matching nodes; a pod on any other node is filtered out.
  if (ctx.attach.node && ctx.profile.podNodeStoreFilter && !ctx.stores.node(lv(p.spec?.nodeName))) return tg;
  // A copy: the pod's labels may be shared with the endpoints roles of this run (sharedPodLabels), and more are added.
  tg.labels = { ...sharedPodLabels(o, ctx, false) };
  tg.labels[NAMESPACE_LABEL] = lv(p.metadata.namespace);
  if (ctx.attach.node && ctx.profile.endpointNodeMetadataFrom !== 'pod') addPodNodeMetadata(tg.labels, lv(p.spec?.nodeName), ctx);
  addNamespaceLabels(tg.labels, p.metadata.namespace, ctx);
  for (const { c, init } of podContainers(p)) {
    // vmagent 1.97+ (pod.go isContainerTerminated): a container whose status is terminated gives no targets.
    if (ctx.profile.skipFinishedPods && isContainerTerminated(p, c.name, init)) continue;
    const base = containerBase(p, c, init, ctx);
    const ports = c.ports ?? [];
    // A container without ports still gets a target: the bare pod IP (the user has to add a port). vmagent
    // 1.110.3+ brackets an IPv6 IP there.
    if (ports.length === 0) {
      tg.targets.push({ __address__: ctx.profile.bracketPortlessIPv6 && podIP.includes(':') ? `[${podIP}]` : podIP, ...base });
      continue;
    }
    for (const port of ports) {
      const num = lvInt(port.containerPort);
      tg.targets.push({
        __address__: joinHostPort(podIP, num),
        ...base,
        [POD_CONTAINER_PORT_NUMBER]: num,
        [POD_CONTAINER_PORT_NAME]: lv(port.name),
        [POD_CONTAINER_PORT_PROTOCOL]: lv(port.protocol),
      });
    }
  }
  return tg;
}
