// role: pod — one group per Pod, one target per container port (a port-less target per
// container without ports), containers first, then init containers.
import type { Container, Pod, StoredObject } from '../ingest/kinds.ts';
import type { Labels } from '../labels.ts';
import { addNamespaceLabels, addNodeLabels, addObjectMetaLabels, controllerOf, joinHostPort, lv, lvInt, META, NAMESPACE_LABEL } from './common.ts';
import type { RoleContext, TargetGroup } from './types.ts';

// Target-level container labels, shared with the endpoints roles.
export const POD_CONTAINER_NAME = `${META}pod_container_name`;
export const POD_CONTAINER_ID = `${META}pod_container_id`;
export const POD_CONTAINER_IMAGE = `${META}pod_container_image`;
export const POD_CONTAINER_PORT_NAME = `${META}pod_container_port_name`;
export const POD_CONTAINER_PORT_NUMBER = `${META}pod_container_port_number`;
export const POD_CONTAINER_PORT_PROTOCOL = `${META}pod_container_port_protocol`;
export const POD_CONTAINER_INIT = `${META}pod_container_init`;

/** `pod/<namespace>/<name>` (podSource). */
export function podSource(p: Pod): string {
  return `pod/${lv(p.metadata.namespace)}/${p.metadata.name}`;
}

/** podReady: the lowercased status of the Ready condition, `unknown` without one. */
export function podReady(p: Pod): string {
  for (const c of p.status?.conditions ?? []) if (c.type === 'Ready') return lv(c.status).toLowerCase();
  return 'unknown';
}

/** The pod's containers followed by its init containers, each with its init flag (Go: append(Containers, InitContainers...)). */
export function podContainers(p: Pod, withInit = true): { c: Container; init: boolean }[] {
  const out = (p.spec?.containers ?? []).map((c) => ({ c, init: false }));
  if (withInit) for (const c of p.spec?.initContainers ?? []) out.push({ c, init: true });
  return out;
}

/** podLabels: the pod-level labels shared by the pod role and pod-backed endpoint(slice) targets.
 * See prometheus discovery/kubernetes/pod.go podLabels */
export function podLabels(o: StoredObject<Pod>, ctx: RoleContext): Labels {
  const p = o.obj;
  const ls: Labels = {
    [`${META}pod_ip`]: lv(p.status?.podIP),
    [`${META}pod_ready`]: podReady(p),
    [`${META}pod_phase`]: lv(p.status?.phase),
    [`${META}pod_node_name`]: lv(p.spec?.nodeName),
    [`${META}pod_host_ip`]: lv(p.status?.hostIP),
    [`${META}pod_uid`]: lv(p.metadata.uid),
  };
  addObjectMetaLabels(ls, o, 'pod', ctx.report);
  const owner = controllerOf(p);
  if (!owner) return ls;
  if (owner.kind !== '') ls[`${META}pod_controller_kind`] = owner.kind;
  if (owner.name !== '') ls[`${META}pod_controller_name`] = owner.name;
  const ns = lv(p.metadata.namespace);
  if (owner.kind === 'ReplicaSet' && ctx.attach.deployment) {
    // Needs the ReplicaSet object: the Deployment is its controller, not the pod's.
    const rs = ctx.stores.replicaSet(ns, owner.name);
    const rsOwner = rs && controllerOf(rs.obj);
    if (rsOwner?.kind === 'Deployment') ls[`${META}pod_deployment_name`] = rsOwner.name;
  }
  if (owner.kind === 'Job') {
    if (ctx.attach.job) ls[`${META}pod_job_name`] = owner.name;
    if (ctx.attach.cronjob) {
      const job = ctx.stores.job(ns, owner.name);
      const jobOwner = job && controllerOf(job.obj);
      if (jobOwner?.kind === 'CronJob') ls[`${META}pod_cronjob_name`] = jobOwner.name;
    }
  }
  return ls;
}

/** findPodContainerID: the containerID of the status entry with the container's name, else "". */
function containerID(p: Pod, name: string, init: boolean): string {
  const statuses = (init ? p.status?.initContainerStatuses : p.status?.containerStatuses) ?? [];
  return lv(statuses.find((s) => s.name === name)?.containerID);
}

/** One group per pod; no targets without a podIP or (3.11+, attach_metadata.node) on a node the store lacks.
 * See prometheus discovery/kubernetes/pod.go buildPod */
export function buildPod(o: StoredObject<Pod>, ctx: RoleContext): TargetGroup {
  const p = o.obj;
  const tg: TargetGroup = { source: podSource(p), labels: {}, targets: [] };
  const podIP = lv(p.status?.podIP);
  // PodIP is empty while a pod is starting or after eviction: nothing to scrape.
  if (podIP === '') return tg;
  // The node store holds only selector-matching nodes; a pod on any other node is filtered out.
  if (ctx.attach.node && ctx.profile.podNodeStoreFilter && !ctx.stores.node(lv(p.spec?.nodeName))) return tg;
  tg.labels = podLabels(o, ctx);
  tg.labels[NAMESPACE_LABEL] = lv(p.metadata.namespace);
  if (ctx.attach.node) addNodeLabels(tg.labels, lv(p.spec?.nodeName), ctx);
  addNamespaceLabels(tg.labels, p.metadata.namespace, ctx);
  for (const { c, init } of podContainers(p)) {
    const base: Labels = {
      [POD_CONTAINER_NAME]: lv(c.name),
      [POD_CONTAINER_ID]: containerID(p, c.name, init),
      [POD_CONTAINER_IMAGE]: lv(c.image),
      [POD_CONTAINER_INIT]: String(init),
    };
    const ports = c.ports ?? [];
    // A container without ports still gets a target: the bare pod IP (the user has to add a port).
    if (ports.length === 0) {
      tg.targets.push({ __address__: podIP, ...base });
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
