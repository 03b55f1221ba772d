// role: endpoints — one group per Endpoints object. Phase 1: one target per subset port and
// address (ready, then not-ready); phase 2: one extra target for every container port of a
// seen pod that no endpoint port covered.
import type { ContainerPort, EndpointAddress, EndpointPort, Endpoints, Pod, StoredObject } from '../ingest/kinds.ts';
import type { Labels } from '../labels.ts';
import { addNamespaceLabels, addNodeLabels, addObjectMetaLabels, describe, fieldPos, joinHostPort, lv, lvInt, merge, META, NAMESPACE_LABEL } from './common.ts';
import {
  podContainers,
  podLabels,
  POD_CONTAINER_IMAGE,
  POD_CONTAINER_INIT,
  POD_CONTAINER_NAME,
  POD_CONTAINER_PORT_NAME,
  POD_CONTAINER_PORT_NUMBER,
  POD_CONTAINER_PORT_PROTOCOL,
} from './pod.ts';
import { serviceLabels } from './service.ts';
import type { RoleContext, TargetGroup } from './types.ts';

/** `endpoints/<namespace>/<name>` (endpointsSource). */
export function endpointsSource(e: Endpoints): string {
  return `endpoints/${lv(e.metadata.namespace)}/${e.metadata.name}`;
}

/** A pod met in phase 1 and the endpoint port numbers recorded for it (undefined = a slice port without a number). */
export interface SeenPod {
  pod: StoredObject<Pod>;
  ports: (number | undefined)[];
}

/** resolvePodRef: the pod a `targetRef` of kind Pod names, if the (namespace- and selector-filtered) pod
 * store has it. The lookup key is `targetRef.namespace/targetRef.name`, so a ref without a namespace misses. */
export function resolvePodRef(ref: { kind?: string; name?: string; namespace?: string } | undefined, ctx: RoleContext): StoredObject<Pod> | undefined {
  if (!ref || ref.kind !== 'Pod') return undefined;
  return ctx.stores.pod(lv(ref.namespace), lv(ref.name));
}

/** Phase 1 for a pod-backed target: the pod labels merged over the target, then the container-port labels
 * of every container port whose number equals the endpoint port. The `break` leaves only the current
 * container's loop, so a later container with the same port overwrites an earlier one. */
export function attachPod(
  target: Labels,
  pod: StoredObject<Pod>,
  port: number | undefined,
  protocol: (cport: ContainerPort) => string,
  ctx: RoleContext,
): Labels {
  const t = merge(target, podLabels(pod, ctx));
  if (port === undefined) return t;
  const withInit = ctx.profile.initContainersInEndpoints;
  for (const { c, init } of podContainers(pod.obj, withInit)) {
    for (const cport of c.ports ?? []) {
      if (cport.containerPort !== port) continue;
      t[POD_CONTAINER_NAME] = lv(c.name);
      t[POD_CONTAINER_IMAGE] = lv(c.image);
      t[POD_CONTAINER_PORT_NAME] = lv(cport.name);
      t[POD_CONTAINER_PORT_NUMBER] = lv(port);
      t[POD_CONTAINER_PORT_PROTOCOL] = protocol(cport);
      if (withInit) t[POD_CONTAINER_INIT] = String(init);
      break;
    }
  }
  return t;
}

/** Records that `pod` was seen with endpoint port `port` (Go: seenPods map, insertion order kept here). */
export function notePod(seen: Map<string, SeenPod>, pod: StoredObject<Pod>, port: number | undefined): void {
  const key = `${lv(pod.obj.metadata.namespace)}/${pod.obj.metadata.name}`;
  const sp = seen.get(key);
  if (sp) sp.ports.push(port);
  else seen.set(key, { pod, ports: [port] });
}

/** Phase 2: one target per container port of a seen pod that no recorded endpoint port covers. Prometheus
 * walks the seen pods in Go map order (random across pods); we use first-seen order. */
export function extraPortTargets(seen: Map<string, SeenPod>, ctx: RoleContext): Labels[] {
  const out: Labels[] = [];
  const withInit = ctx.profile.initContainersInEndpoints;
  for (const { pod, ports } of seen.values()) {
    const podIP = lv(pod.obj.status?.podIP);
    // 2.46+: a pod without IP (starting, evicted) gets no extra targets; before, they read ":<port>".
    if (podIP === '' && ctx.profile.skipExtraTargetsWithoutPodIP) continue;
    for (const { c, init } of podContainers(pod.obj, withInit)) {
      for (const cport of c.ports ?? []) {
        if (ports.some((p) => p !== undefined && p === cport.containerPort)) continue;
        const num = lvInt(cport.containerPort);
        const t: Labels = {
          __address__: joinHostPort(podIP, num),
          [POD_CONTAINER_NAME]: lv(c.name),
          [POD_CONTAINER_IMAGE]: lv(c.image),
          [POD_CONTAINER_PORT_NAME]: lv(cport.name),
          [POD_CONTAINER_PORT_NUMBER]: num,
          [POD_CONTAINER_PORT_PROTOCOL]: lv(cport.protocol),
        };
        if (withInit) t[POD_CONTAINER_INIT] = String(init);
        out.push(merge(t, podLabels(pod, ctx)));
      }
    }
  }
  return out;
}

/** Group labels: namespace, the same-named Service's object meta (if the filtered store has it), the
 * Endpoints object meta (annotations since 2.46), namespace metadata. */
function endpointsGroupLabels(o: StoredObject<Endpoints>, ctx: RoleContext): Labels {
  const e = o.obj;
  const ns = lv(e.metadata.namespace);
  let ls: Labels = { [NAMESPACE_LABEL]: ns };
  const svc = ctx.stores.service(ns, e.metadata.name);
  if (svc) ls = merge(ls, serviceLabels(svc, ctx));
  addObjectMetaLabels(ls, o, 'endpoints', ctx.report, ctx.profile.endpointsObjectMetaFull);
  return addNamespaceLabels(ls, e.metadata.namespace, ctx);
}

/** One phase-1 target for an address and port. */
function endpointTarget(addr: EndpointAddress, port: EndpointPort, ready: string, ctx: RoleContext): Labels {
  let t: Labels = {
    __address__: joinHostPort(lv(addr.ip), lvInt(port.port)),
    [`${META}endpoint_port_name`]: lv(port.name),
    [`${META}endpoint_port_protocol`]: lv(port.protocol),
    [`${META}endpoint_ready`]: ready,
  };
  if (addr.targetRef) {
    t[`${META}endpoint_address_target_kind`] = lv(addr.targetRef.kind);
    t[`${META}endpoint_address_target_name`] = lv(addr.targetRef.name);
  }
  const nodeName = addr.nodeName ?? undefined;
  if (nodeName !== undefined) t[`${META}endpoint_node_name`] = nodeName;
  if (addr.hostname) t[`${META}endpoint_hostname`] = addr.hostname;
  if (ctx.attach.node) {
    if (nodeName !== undefined) t = addNodeLabels(t, nodeName, ctx);
    else if (ctx.profile.endpointsNodeFromTargetRef && addr.targetRef?.kind === 'Node') t = addNodeLabels(t, lv(addr.targetRef.name), ctx);
  }
  return t;
}

/** See prometheus discovery/kubernetes/endpoints.go buildEndpoints */
export function buildEndpoints(o: StoredObject<Endpoints>, ctx: RoleContext): TargetGroup {
  const e = o.obj;
  const tg: TargetGroup = { source: endpointsSource(e), labels: endpointsGroupLabels(o, ctx), targets: [] };
  const seen = new Map<string, SeenPod>();
  const add = (addr: EndpointAddress, port: EndpointPort, ready: string): void => {
    const t = endpointTarget(addr, port, ready, ctx);
    const pod = resolvePodRef(addr.targetRef, ctx);
    if (!pod) {
      tg.targets.push(t);
      return;
    }
    // The endpoints role copies the endpoint port's protocol, not the container port's.
    tg.targets.push(attachPod(t, pod, port.port, () => lv(port.protocol), ctx));
    notePod(seen, pod, port.port);
  };
  for (const ss of e.subsets ?? []) {
    for (const port of ss.ports ?? []) {
      for (const addr of ss.addresses ?? []) add(addr, port, 'true');
      for (const addr of ss.notReadyAddresses ?? []) add(addr, port, 'false');
    }
  }
  const cap = e.metadata.labels?.['endpoints.kubernetes.io/over-capacity'];
  if (cap === 'truncated' || cap === 'warning') {
    ctx.report.add('DISCOVERY_WARNING', 'warning', `${describe(e)} is over capacity (${cap}): more than 1000 endpoints; Prometheus suggests role: endpointslice`, fieldPos(o, ['metadata', 'labels']));
  }
  tg.targets.push(...extraPortTargets(seen, ctx));
  return tg;
}
