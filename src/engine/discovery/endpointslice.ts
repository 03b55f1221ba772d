// role: endpointslice — one group per EndpointSlice: for each endpoint, each slice port,
// each address one target (no readiness filter), then the extra container-port targets of
// the pods seen, as in the endpoints role.
import type { EndpointSlice, Service, SliceEndpoint, SlicePort, StoredObject } from '../ingest/kinds.ts';
import type { Labels } from '../labels.ts';
import { addNamespaceLabels, addNodeLabels, addObjectMetaLabels, joinHostPort, lv, lvInt, merge, META, NAMESPACE_LABEL, pushTarget, putSanitized } from './common.ts';
import { attachPod, extraPortTargets, extraVm, notePod, resolvePodRef, type SeenPods } from './endpoints.ts';
import { serviceLabels } from './service.ts';
import type { RoleContext, TargetGroup } from './types.ts';

const P = `${META}endpointslice_`;
// The slice labels, named once: a template key would be a new string to look up per target.
const S_ADDRESS_TARGET_KIND = `${P}address_target_kind`;
const S_ADDRESS_TARGET_NAME = `${P}address_target_name`;
const S_ADDRESS_TYPE = `${P}address_type`;
const S_ENDPOINT_CONDITIONS_READY = `${P}endpoint_conditions_ready`;
const S_ENDPOINT_CONDITIONS_SERVING = `${P}endpoint_conditions_serving`;
const S_ENDPOINT_CONDITIONS_TERMINATING = `${P}endpoint_conditions_terminating`;
const S_ENDPOINT_HOSTNAME = `${P}endpoint_hostname`;
const S_ENDPOINT_NODE_NAME = `${P}endpoint_node_name`;
const S_ENDPOINT_ZONE = `${P}endpoint_zone`;
const S_NAME = `${P}name`;
const S_PORT = `${P}port`;
const S_PORT_APP_PROTOCOL = `${P}port_app_protocol`;
const S_PORT_NAME = `${P}port_name`;
const S_PORT_PROTOCOL = `${P}port_protocol`;
const S_TOPOLOGY = `${P}endpoint_topology_`;
const S_TOPOLOGY_PRESENT = `${P}endpoint_topology_present_`;
/** Label naming the slice's Service (discovery.k8s.io/v1 LabelServiceName). */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/** `endpointslice/<namespace>/<name>` (endpointSliceSource). */
export function endpointSliceSource(s: EndpointSlice): string {
  return `endpointslice/${lv(s.metadata.namespace)}/${s.metadata.name}`;
}

/** nonPrimaryIPFamilySlice (3.11+): the slice is the secondary-family slice of a dual-stack Service. */
export function nonPrimaryIPFamilySlice(svc: Service | undefined, s: EndpointSlice): boolean {
  const policy = svc?.spec?.ipFamilyPolicy;
  if (policy !== 'PreferDualStack' && policy !== 'RequireDualStack') return false;
  const families = svc?.spec?.ipFamilies ?? [];
  if (families.length === 0) return false;
  return lv(s.addressType) !== families[0];
}

/** Go's nil check on an optional pointer field: absent and JSON null are both nil. */
function set(v: unknown): v is string | number | boolean {
  return v !== undefined && v !== null;
}

/** The topology map: v1 `deprecatedTopology`; a v1beta1 object (2.42 only) has `topology`. vmagent always reads
 * the `topology` field (its Endpoint struct has the v1beta1 name), so v1 objects give none. */
function topologyOf(o: StoredObject<EndpointSlice>, ep: SliceEndpoint, ctx: RoleContext): { map: Record<string, string> | undefined; field: string } {
  if (o.obj.apiVersion === 'discovery.k8s.io/v1beta1' || ctx.profile.endpointSliceTopologyField === 'topology') return { map: ep.topology, field: 'topology' };
  return { map: ep.deprecatedTopology, field: 'deprecatedTopology' };
}

/** The target for one address × port of one endpoint, before pod labels. */
function sliceTarget(o: StoredObject<EndpointSlice>, ep: SliceEndpoint, epIndex: number, addr: string, port: SlicePort, ctx: RoleContext): Labels {
  const dp = ctx.profile;
  // vmagent (getEndpointSliceLabels) always writes the port labels, and `addr:0` for a port without a number.
  const always = dp.endpointSlicePortAlways;
  // A port without a number (allowed by the API: "all ports") gives the bare address.
  const hasPort = set(port.port);
  let t: Labels = { __address__: hasPort || always ? joinHostPort(addr, lvInt(port.port)) : addr };
  if (always || set(port.name)) t[S_PORT_NAME] = lv(port.name);
  if (always || set(port.protocol)) t[S_PORT_PROTOCOL] = lv(port.protocol);
  if (always || hasPort) t[S_PORT] = lvInt(port.port);
  if (always ? lv(port.appProtocol) !== '' : set(port.appProtocol)) t[S_PORT_APP_PROTOCOL] = lv(port.appProtocol);
  const cond = ep.conditions ?? {};
  // Prometheus: nil conditions are absent, not "true" (conditions: {} gives no label at all). vmagent prints
  // Go bools: an unset condition is "false".
  const conds = dp.endpointSliceConditions;
  if (conds === 'when-set') {
    if (set(cond.ready)) t[S_ENDPOINT_CONDITIONS_READY] = String(cond.ready);
    if (set(cond.serving)) t[S_ENDPOINT_CONDITIONS_SERVING] = String(cond.serving);
    if (set(cond.terminating)) t[S_ENDPOINT_CONDITIONS_TERMINATING] = String(cond.terminating);
  } else {
    t[S_ENDPOINT_CONDITIONS_READY] = String(cond.ready === true);
    if (conds === 'all-always') {
      t[S_ENDPOINT_CONDITIONS_SERVING] = String(cond.serving === true);
      t[S_ENDPOINT_CONDITIONS_TERMINATING] = String(cond.terminating === true);
    }
  }
  if (always ? lv(ep.hostname) !== '' : set(ep.hostname)) t[S_ENDPOINT_HOSTNAME] = lv(ep.hostname);
  if (ep.targetRef && !(always && lv(ep.targetRef.kind) === '')) {
    t[S_ADDRESS_TARGET_KIND] = lv(ep.targetRef.kind);
    t[S_ADDRESS_TARGET_NAME] = lv(ep.targetRef.name);
  }
  if (dp.endpointSliceNodeNameZone) {
    if (set(ep.nodeName)) t[S_ENDPOINT_NODE_NAME] = lv(ep.nodeName);
    if (set(ep.zone)) t[S_ENDPOINT_ZONE] = lv(ep.zone);
  } else if (dp.endpointSliceNodeNameOnly && lv(ep.nodeName) !== '') t[S_ENDPOINT_NODE_NAME] = lv(ep.nodeName);
  const topo = topologyOf(o, ep, ctx);
  putSanitized(t, topo.map, S_TOPOLOGY, S_TOPOLOGY_PRESENT, ctx.report, { obj: o, path: ['endpoints', epIndex, topo.field] });
  if (ctx.attach.node && dp.endpointNodeMetadataFrom === 'endpoint') {
    if (ctx.profile.endpointSliceNodeFromTargetRef && ep.targetRef?.kind === 'Node') t = addNodeLabels(t, lv(ep.targetRef.name), ctx);
    else if (set(ep.nodeName)) t = addNodeLabels(t, lv(ep.nodeName), ctx);
  }
  return t;
}

/** See prometheus discovery/kubernetes/endpointslice.go buildEndpointSlice */
export function buildEndpointSlice(o: StoredObject<EndpointSlice>, ctx: RoleContext): TargetGroup {
  const s = o.obj;
  const ns = lv(s.metadata.namespace);
  let labels: Labels = { [NAMESPACE_LABEL]: ns, [S_ADDRESS_TYPE]: lv(s.addressType) };
  if (ctx.profile.endpointsObjectMetaFull) addObjectMetaLabels(labels, o, 'endpointslice', ctx.report);
  else labels[S_NAME] = s.metadata.name; // before 2.46: the name only
  // EndpointSlice.addServiceLabels: the Service named by the slice's kubernetes.io/service-name label.
  const svcName = s.metadata.labels?.[SERVICE_NAME_LABEL];
  const svc = svcName === undefined ? undefined : ctx.stores.service(ns, svcName);
  if (svc) labels = merge(labels, serviceLabels(svc, ctx));
  labels = addNamespaceLabels(labels, s.metadata.namespace, ctx);
  // vmagent has no group labels: every target carries the object's labels (endpointslice.go getEndpointSliceLabels);
  // a pod's targets share them in one object with the pod's (attachPod).
  const flat = ctx.profile.extraTargetObjectMeta !== 'group';
  const tg: TargetGroup = { source: endpointSliceSource(s), labels: flat ? {} : labels, targets: [] };
  // Dual-stack: the secondary family's slice keeps its labels but gets no targets.
  if (ctx.profile.dualStackSecondarySkip && nonPrimaryIPFamilySlice(svc?.obj, s)) return tg;
  const seen: SeenPods = new Map();
  (s.endpoints ?? []).forEach((ep, i) => {
    for (const port of s.ports ?? []) {
      for (const addr of ep.addresses ?? []) {
        const t = sliceTarget(o, ep, i, addr, port, ctx);
        const pod = resolvePodRef(ep.targetRef, ctx);
        if (!pod) {
          pushTarget(tg, flat ? merge(labels, t) : t);
          continue;
        }
        const num = set(port.port) ? port.port : flat ? 0 : undefined;
        // Unlike the endpoints role, the container port's own protocol is copied.
        attachPod(tg, t, pod, num, undefined, ctx, false, flat ? labels : undefined);
        notePod(seen, pod, num);
      }
    }
  });
  extraPortTargets(tg, seen, ctx, flat ? extraVm(o, ctx, 'endpointslice', labels) : undefined);
  return tg;
}
