// role: endpoints — one group per Endpoints object. Phase 1: one target per subset port and
// address (ready, then not-ready); phase 2: one extra target for every container port of a
// seen pod that no endpoint port covered.
import type { Container, ContainerPort, EndpointAddress, EndpointPort, Endpoints, EndpointSlice, Pod, StoredObject } from '../ingest/kinds.ts';
import type { Labels } from '../labels.ts';
import { addNamespaceLabels, addNodeLabels, addObjectMetaLabels, describe, fieldPos, joinHostPort, lv, lvInt, merge, META, NAMESPACE_LABEL, overlap, pushTarget } from './common.ts';
import {
  podContainers,
  sharedPodLabels,
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
 * container's loop, so a later container with the same port overwrites an earlier one. Appended to the group; with
 * group labels (Prometheus) the pod's labels stay one shared object under the target's own (TargetGroup.under).
 * `flatBase` (vmagent, no group labels): labels under the target's own in the one object built, as merge(flatBase,
 * target) before the call would put them, without that copy. */
export function attachPod(
  tg: TargetGroup,
  target: Labels,
  pod: StoredObject<Pod>,
  port: number | undefined,
  /** The endpoint port's protocol where the profile copies it (Prometheus' endpoints role); else the container's. */
  endpointProtocol: string | undefined,
  ctx: RoleContext,
  sidecarsOnly = false,
  flatBase?: Labels,
): void {
  const pl = sharedPodLabels(pod, ctx);
  const layered = ctx.profile.extraTargetObjectMeta === 'group';
  // The container-port labels are gathered first and assigned last: Object.assign sets them in the same order (and
  // at the same positions) as setting them one by one on the merged set, and leaves a fast-mode object.
  const extra: Labels = {};
  const withInit = ctx.profile.initContainersInEndpoints;
  if (port !== undefined && portContainer(pod.obj, port, withInit, sidecarsOnly)) {
    const c = FOUND.c as Container;
    const cport = FOUND.port as ContainerPort;
    extra[POD_CONTAINER_NAME] = lv(c.name);
    if (ctx.profile.podContainerImage) extra[POD_CONTAINER_IMAGE] = lv(c.image);
    extra[POD_CONTAINER_PORT_NAME] = lv(cport.name);
    extra[POD_CONTAINER_PORT_NUMBER] = lv(port);
    extra[POD_CONTAINER_PORT_PROTOCOL] = endpointProtocol ?? lv(cport.protocol);
    if (withInit) extra[POD_CONTAINER_INIT] = String(FOUND.init);
  }
  // The target (built for this call) takes the container labels; the pod's labels stay shared. Only when no name is
  // in two of the sets, so reading the layers gives what merging them in order would.
  if (layered && !overlap(target, pl) && !overlap(extra, pl) && !overlap(target, extra)) {
    // A fresh copy rather than adding to the target: keys added one by one past ~15 make a dictionary-mode object
    // (~4× the size, slower to read); a copy of a fast-mode object is sized for its keys.
    pushTarget(tg, Object.assign({}, target, extra), pl);
    return;
  }
  if (flatBase !== undefined) {
    // vmagent: the object labels and the pod's are the same for every target of the pod in this group, so they stay
    // one object under each target's own (TargetGroup.under) — a whole copy per target was most of the role's time
    // and memory at 10k pods. Only when no name is in both: then reading the layers gives the set the assign below
    // would build (the labels are sorted before relabeling, so the order of names does not matter).
    const own = Object.assign({}, target, extra);
    const under = podUnder(flatBase, pl);
    if (!overlap(own, under)) pushTarget(tg, own, under);
    else pushTarget(tg, Object.assign({}, flatBase, target, pl, extra));
    return;
  }
  pushTarget(tg, Object.assign({}, target, pl, extra));
}

/** The container port attachPod labels a target with, left in FOUND (no allocation: it runs for every endpoint
 * target). Go's loop over the containers (then the init ones, per profile) `break`s only out of one container's ports,
 * so a later container with the port wins; within a container, its first port with the number. */
const FOUND: { c: Container | undefined; port: ContainerPort | undefined; init: boolean } = { c: undefined, port: undefined, init: false };
function portContainer(p: Pod, port: number, withInit: boolean, sidecarsOnly: boolean): boolean {
  FOUND.c = undefined;
  FOUND.port = undefined;
  scanContainers(p.spec?.containers, port, false, false);
  if (withInit) scanContainers(p.spec?.initContainers, port, true, sidecarsOnly);
  return FOUND.c !== undefined;
}
function scanContainers(cs: Container[] | null | undefined, port: number, init: boolean, sidecarsOnly: boolean): void {
  if (cs == null) return;
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i] as Container;
    if (sidecarsOnly && c.restartPolicy !== 'Always') continue;
    const ports = c.ports;
    if (ports == null) continue;
    for (let j = 0; j < ports.length; j++) {
      const cport = ports[j] as ContainerPort;
      if (cport.containerPort !== port) continue;
      FOUND.c = c;
      FOUND.port = cport;
      FOUND.init = init;
      break;
    }
  }
}

/** `{...flatBase, ...pl}` made once per pod's labels and object labels (a pod's targets in one group interleave by
 * port, so the last pair is remembered per pod). Read-only. */
const POD_UNDER = new WeakMap<Labels, { base: Labels; under: Labels }>();
function podUnder(flatBase: Labels, pl: Labels): Labels {
  const hit = POD_UNDER.get(pl);
  if (hit !== undefined && hit.base === flatBase) return hit.under;
  const under = Object.assign({}, flatBase, pl);
  POD_UNDER.set(pl, { base: flatBase, under });
  return under;
}

/** The pods met in phase 1, by pod. Go keys its seenPods map by `namespace/name`; the pod store holds one object per
 * such key, so the object itself is that key here (no string built per target). */
export type SeenPods = Map<StoredObject<Pod>, SeenPod>;

/** Records that `pod` was seen with endpoint port `port` (Go: seenPods map, insertion order kept here). */
export function notePod(seen: SeenPods, pod: StoredObject<Pod>, port: number | undefined): void {
  const sp = seen.get(pod);
  if (sp) sp.ports.push(port);
  else seen.set(pod, { pod, ports: [port] });
}

/** Phase 2: one target per container port of a seen pod that no recorded endpoint port covers, appended to the
 * group. Prometheus walks the seen pods in Go map order (random across pods); we use first-seen order. */
export function extraPortTargets(tg: TargetGroup, seen: SeenPods, ctx: RoleContext, vm?: ExtraVm): void {
  const withInit = ctx.profile.initContainersInEndpoints;
  for (const { pod, ports } of seen.values()) {
    const podIP = lv(pod.obj.status?.podIP);
    // 2.46+: a pod without IP (starting, evicted) gets no extra targets; before, they read ":<port>".
    if (podIP === '' && ctx.profile.skipExtraTargetsWithoutPodIP) continue;
    // The labels under each extra target's own, made once per pod (on its first extra port).
    let pl: Labels | undefined;
    let under: Labels | undefined;
    for (const { c, init } of podContainers(pod.obj, withInit, ctx.profile.initContainerSidecarsOnly)) {
      for (const cport of c.ports ?? []) {
        if (ports.some((p) => p !== undefined && p === cport.containerPort)) continue;
        const num = lvInt(cport.containerPort);
        const t: Labels = {
          __address__: joinHostPort(podIP, num),
          [POD_CONTAINER_NAME]: lv(c.name),
          [POD_CONTAINER_PORT_NAME]: lv(cport.name),
          [POD_CONTAINER_PORT_NUMBER]: num,
          [POD_CONTAINER_PORT_PROTOCOL]: lv(cport.protocol),
        };
        if (ctx.profile.podContainerImage) t[POD_CONTAINER_IMAGE] = lv(c.image);
        if (withInit) t[POD_CONTAINER_INIT] = String(init);
        // Prometheus: the group labels supply the object metadata. vmagent's target is the object metadata (per
        // extraTargetObjectMeta) and service labels, then the pod's, then the container's, a later one winning.
        pl ??= sharedPodLabels(pod, ctx);
        if (vm) {
          // One object under the pod's extra targets, as attachPod does (the same assign when a name is in both). The
          // ref names (endpoint(slice)_address_target_*) are in no base and no pod labels: the target may hold them.
          under ??= podUnder(vm.base, pl);
          if (vm.refs) Object.assign(t, vm.refs(pod));
          if (overlap(t, under)) pushTarget(tg, Object.assign({}, under, t));
          else pushTarget(tg, t, under);
        } else if (!overlap(t, pl)) pushTarget(tg, t, pl);
        else pushTarget(tg, merge(t, pl));
      }
    }
  }
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

// The endpoint labels, named once: a template key in the literal below would be a new string to look up per target.
const ENDPOINT_PORT_NAME = `${META}endpoint_port_name`;
const ENDPOINT_PORT_PROTOCOL = `${META}endpoint_port_protocol`;
const ENDPOINT_READY = `${META}endpoint_ready`;
const ENDPOINT_TARGET_KIND = `${META}endpoint_address_target_kind`;
const ENDPOINT_TARGET_NAME = `${META}endpoint_address_target_name`;
const ENDPOINT_NODE_NAME = `${META}endpoint_node_name`;
const ENDPOINT_HOSTNAME = `${META}endpoint_hostname`;
// The slice's, for vmagent's extra targets (extraVm).
const SLICE_TARGET_KIND = `${META}endpointslice_address_target_kind`;
const SLICE_TARGET_NAME = `${META}endpointslice_address_target_name`;
const SLICE_ADDRESS_TYPE = `${META}endpointslice_address_type`;

/** One phase-1 target for an address and port. */
function endpointTarget(addr: EndpointAddress, port: EndpointPort, ready: string, ctx: RoleContext): Labels {
  let t: Labels = {
    __address__: joinHostPort(lv(addr.ip), lvInt(port.port)),
    [ENDPOINT_PORT_NAME]: lv(port.name),
    [ENDPOINT_PORT_PROTOCOL]: lv(port.protocol),
    [ENDPOINT_READY]: ready,
  };
  if (addr.targetRef) {
    t[ENDPOINT_TARGET_KIND] = lv(addr.targetRef.kind);
    t[ENDPOINT_TARGET_NAME] = lv(addr.targetRef.name);
  }
  const nodeName = addr.nodeName ?? undefined;
  // vmagent (getEndpointLabels) skips an empty nodeName or hostname.
  if (nodeName !== undefined && !(nodeName === '' && ctx.profile.extraTargetObjectMeta !== 'group')) t[ENDPOINT_NODE_NAME] = nodeName;
  if (addr.hostname) t[ENDPOINT_HOSTNAME] = addr.hostname;
  // vmagent takes node metadata from the backing pod (its common labels), not from the endpoint.
  if (ctx.attach.node && ctx.profile.endpointNodeMetadataFrom === 'endpoint') {
    if (nodeName !== undefined) t = addNodeLabels(t, nodeName, ctx);
    else if (ctx.profile.endpointsNodeFromTargetRef && addr.targetRef?.kind === 'Node') t = addNodeLabels(t, lv(addr.targetRef.name), ctx);
  }
  return t;
}

/** See prometheus discovery/kubernetes/endpoints.go buildEndpoints */
export function buildEndpoints(o: StoredObject<Endpoints>, ctx: RoleContext): TargetGroup {
  const e = o.obj;
  const group = endpointsGroupLabels(o, ctx);
  // vmagent has no group labels: every target carries the object's labels (endpoints.go
  // getEndpointLabelsForAddressAndPort); a pod's targets share them in one object with the pod's (attachPod).
  const flat = ctx.profile.extraTargetObjectMeta !== 'group';
  const tg: TargetGroup = { source: endpointsSource(e), labels: flat ? {} : group, targets: [] };
  const seen: SeenPods = new Map();
  const add = (addr: EndpointAddress, port: EndpointPort, ready: string): void => {
    const t = endpointTarget(addr, port, ready, ctx);
    const pod = resolvePodRef(addr.targetRef, ctx);
    if (!pod) {
      pushTarget(tg, flat ? merge(group, t) : t);
      return;
    }
    // Prometheus' endpoints role copies the endpoint port's protocol; vmagent the container port's.
    const protocol = ctx.profile.endpointsContainerProtocol === 'endpoint' ? lv(port.protocol) : undefined;
    attachPod(tg, t, pod, port.port, protocol, ctx, ctx.profile.initContainerSidecarsOnly, flat ? group : undefined);
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
  extraPortTargets(tg, seen, ctx, flat ? extraVm(o, ctx, 'endpoint', group) : undefined);
  return tg;
}

/** What vmagent's extra container-port targets carry besides their own labels and the pod's (Pod.appendEndpointLabels /
 * appendEndpointSliceLabels): the Service's common labels; since 1.87.6/1.91.0 (extraTargetObjectMeta
 * 'with-target-ref') also the object's name, labels and annotations, and the pod as target ref. */
export interface ExtraVm {
  /** Labels under the pod's (podUnder): one object per group. */
  base: Labels;
  /** Labels of the target itself, per pod. */
  refs?: (pod: StoredObject<Pod>) => Labels;
}

/** `group`: the object's flat labels as the role built them for its phase-1 targets (namespace, object meta, service
 * labels, namespace metadata). With the target ref, an extra target's labels are exactly those plus the ref: so the
 * labels under it are the ones attachPod put under the pod's phase-1 targets (podUnder's cache hands the same object
 * back), and only the ref is the target's own. */
export function extraVm(o: StoredObject<Endpoints> | StoredObject<EndpointSlice>, ctx: RoleContext, kind: 'endpoint' | 'endpointslice', group: Labels): ExtraVm {
  const refKind = kind === 'endpoint' ? ENDPOINT_TARGET_KIND : SLICE_TARGET_KIND;
  const refName = kind === 'endpoint' ? ENDPOINT_TARGET_NAME : SLICE_TARGET_NAME;
  const refs = (pod: StoredObject<Pod>): Labels => ({ [refKind]: 'Pod', [refName]: pod.obj.metadata.name });
  // The ref's object labels are the group's: an Endpoints group always has the object's labels, a slice group only with
  // endpointsObjectMetaFull (every vmagent profile has it).
  if (ctx.profile.extraTargetObjectMeta === 'with-target-ref' && (kind === 'endpoint' || ctx.profile.endpointsObjectMetaFull)) return { base: group, refs };
  const ns = lv(o.obj.metadata.namespace);
  const svcName = kind === 'endpoint' ? o.obj.metadata.name : o.obj.metadata.labels?.['kubernetes.io/service-name'];
  const svc = svcName === undefined ? undefined : ctx.stores.service(ns, svcName);
  // The pod's common labels carry the namespace metadata too (attach_metadata.namespace, vmagent 1.130+).
  const svcLabels = addNamespaceLabels(svc ? serviceLabels(svc, ctx) : {}, o.obj.metadata.namespace, ctx);
  if (ctx.profile.extraTargetObjectMeta !== 'with-target-ref') return { base: svcLabels };
  // A slice group without the slice's labels (no profile today): the ref's object labels are built here, once per
  // group.
  const ls: Labels = {};
  addObjectMetaLabels(ls, o, kind === 'endpoint' ? 'endpoints' : 'endpointslice', ctx.report, ctx.profile.endpointsObjectMetaFull);
  if (kind === 'endpointslice') ls[SLICE_ADDRESS_TYPE] = lv((o.obj as EndpointSlice).addressType);
  return { base: merge(ls, svcLabels), refs };
}
