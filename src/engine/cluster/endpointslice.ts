// Service → EndpointSlices, as the endpointslice controller's reconciler creates them from
// scratch (staging/src/k8s.io/endpointslice/reconciler.go reconcileByAddressType /
// reconcileByPortMapping, utils.go podToEndpoint, getEndpointPorts, newEndpointSlice,
// setEndpointSliceLabels): one slice set per address type, pods grouped by how their
// ports resolve, at most 100 endpoints per slice, an empty placeholder when there are none.
import { diag } from '../diagnostics.ts';
import type { EndpointSlice, Node, Pod, Service, SliceEndpoint, SlicePort, StoredObject } from '../ingest/kinds.ts';
import { addSimulated, baseMeta, uidOf, type SimContext } from './context.ts';
import { portMapKey, sortSlicePorts } from './gohash.ts';
import { generateName, identity } from './ids.ts';
import { serviceLabels, triggerTimeAnnotation } from './meta.ts';
import { findPort, isPodReady, isServiceIPSet, podIPs, serviceFamilies, shouldPodBeInEndpoints, shouldSetHostname, type Family } from './services.ts';

/** The endpointslice controller's default --max-endpoints-per-slice. */
export const MAX_ENDPOINTS_PER_SLICE = 100;
const SERVICE_NAME = 'kubernetes.io/service-name';
const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';

/** getEndpointPorts: every Service port whose targetPort resolves on this pod (name "" when unnamed). */
function endpointPorts(svc: Service, pod: Pod): SlicePort[] {
  const out: SlicePort[] = [];
  for (const sp of svc.spec?.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    out.push({ name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
  }
  return out;
}

/** podToEndpoint: ready honours publishNotReadyAddresses and is never true while terminating; serving is Ready. */
function podToEndpoint(pod: Pod, node: Node | undefined, svc: Service, family: Family): SliceEndpoint {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata.deletionTimestamp;
  const ready = svc.spec?.publishNotReadyAddresses === true || (serving && !terminating);
  const m = pod.metadata;
  const ep: SliceEndpoint = {
    addresses: podIPs(pod).filter((ip) => ip.includes(':') === (family === 'IPv6')),
    conditions: { ready, serving, terminating },
  };
  if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec!.hostname!;
  ep.targetRef = { kind: 'Pod', namespace: m.namespace ?? '', name: m.name, ...(m.uid ? { uid: m.uid } : {}) };
  if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
  const zone = node?.metadata.labels?.['topology.kubernetes.io/zone'];
  if (zone) ep.zone = zone;
  return ep;
}

/** Reconciler.Reconcile for a Service with a selector and no slices in the input; `pods` are the selected ones. */
export function simulateEndpointSlices(ctx: SimContext, s: StoredObject<Service>, pods: Pod[]): void {
  const svc = s.obj;
  const ns = svc.metadata.namespace;
  const haveNodes = ctx.input.has('Node');
  const publish = svc.spec?.publishNotReadyAddresses === true;
  const missingNode: string[] = [];
  for (const family of serviceFamilies(svc, pods)) {
    const groups = new Map<string, { ports: SlicePort[]; endpoints: SliceEndpoint[] }>();
    for (const pod of pods) {
      if (!shouldPodBeInEndpoints(pod, true)) continue;
      const ports = sortSlicePorts(endpointPorts(svc, pod));
      const key = portMapKey(ports);
      const nodeName = pod.spec?.nodeName ?? '';
      const node = ctx.out.get<Node>('Node', undefined, nodeName)?.obj;
      // The reconciler skips a pod whose Node is gone (unless publishing not-ready addresses). When the input has
      // no Nodes at all it is a partial view of a cluster whose nodes exist, so the pod stays.
      if (!node && haveNodes && !publish) {
        missingNode.push(`${pod.metadata.name} (node "${nodeName}")`);
        continue;
      }
      const ep = podToEndpoint(pod, node, svc, family);
      if (!ep.addresses.length) continue;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { ports, endpoints: [] }));
      g.endpoints.push(ep);
    }
    const chunks: { ports: SlicePort[]; endpoints: SliceEndpoint[] }[] = [];
    for (const g of groups.values()) {
      for (let i = 0; i < g.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) chunks.push({ ports: g.ports, endpoints: g.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE) });
    }
    if (!chunks.length) chunks.push({ ports: [], endpoints: [] }); // the placeholder slice
    chunks.forEach((c, i) => addSimulated(ctx, newSlice(ctx, svc, pods, family, c, i), 'endpointslice-controller', s));
  }
  if (missingNode.length) {
    ctx.diagnostics.push(
      diag('SIMULATED', 'warning', `EndpointSlice for Service ${ns}/${svc.metadata.name} leaves out ${missingNode.length} Pod(s) whose Node is not in the input, as the controller does: ${missingNode.join(', ')}`, s.origin.pos),
    );
  }
}

/** newEndpointSlice: generateName `<service>-`, the Service's labels plus the reserved ones, a controller ownerRef. */
function newSlice(ctx: SimContext, svc: Service, pods: Pod[], family: Family, c: { ports: SlicePort[]; endpoints: SliceEndpoint[] }, i: number): EndpointSlice {
  const ns = svc.metadata.namespace;
  const base = `${svc.metadata.name}-`;
  const seed = `${identity('Service', ns, svc.metadata.name)}#slice-${family}-${i}`;
  const name = generateName(base, seed, (n) => ctx.out.get('EndpointSlice', ns, n) !== undefined);
  const labels = serviceLabels(svc, true);
  if (!isServiceIPSet(svc)) labels['service.kubernetes.io/headless'] = '';
  labels[SERVICE_NAME] = svc.metadata.name;
  labels[MANAGED_BY] = 'endpointslice-controller.k8s.io';
  const trigger = triggerTimeAnnotation(svc, pods);
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      ...baseMeta('EndpointSlice', ns, name, base),
      labels,
      ...(trigger ? { annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': trigger } } : {}),
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc.metadata.name, uid: uidOf(svc), controller: true, blockOwnerDeletion: true }],
    },
    addressType: family,
    endpoints: c.endpoints,
    ports: c.ports,
  };
}
