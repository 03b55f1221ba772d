// Service → Endpoints, as the endpoints controller writes them (pkg/controller/endpoint/
// endpoints_controller.go syncService, addEndpointSubset, truncateEndpoints; subsets packed
// by pkg/api/v1/endpoints RepackSubsets). Labels are the Service's (plus the headless label).
import type { EndpointAddress, EndpointPort, EndpointSubset, Endpoints, Pod, Service, StoredObject } from '../ingest/kinds.ts';
import { addSimulated, baseMeta, type SimContext } from './context.ts';
import { sortEndpointPorts, sortSubsets } from './gohash.ts';
import { triggerTimeAnnotation, serviceLabels } from './meta.ts';
import { findPort, isPodReady, isServiceIPSet, podIPs, serviceFamilies, shouldPodBeInEndpoints, shouldSetHostname } from './services.ts';

const MAX_CAPACITY = 1000;

/** podToEndpointAddressForService: the pod IP of the Service's family, nodeName (always set), targetRef. */
function podAddress(svc: Service, pod: Pod): EndpointAddress | undefined {
  const v6 = serviceFamilies(svc, [pod])[0] === 'IPv6';
  const ip = podIPs(pod).find((x) => x.includes(':') === v6);
  if (!ip) return undefined; // "failed to find a matching endpoint for service"
  const m = pod.metadata;
  const addr: EndpointAddress = { ip };
  if (shouldSetHostname(pod, svc)) addr.hostname = pod.spec!.hostname!;
  addr.nodeName = pod.spec?.nodeName ?? '';
  addr.targetRef = { kind: 'Pod', namespace: m.namespace ?? '', name: m.name, ...(m.uid ? { uid: m.uid } : {}) };
  return addr;
}

/** LessEndpointAddress: by IP bytes, then a missing targetRef first, then targetRef UID. */
function lessAddress(a: EndpointAddress, b: EndpointAddress): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  if (!b.targetRef) return a.targetRef ? 1 : 0;
  if (!a.targetRef) return -1;
  const ua = a.targetRef.uid ?? '';
  const ub = b.targetRef.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

/** RepackSubsets: expand to (port, address, ready) and regroup ports by identical address sets (not ready wins over
 * ready); a port-less subset uses a sentinel port that is stripped again. Then SortSubsets. */
export function repackSubsets(subsets: EndpointSubset[]): EndpointSubset[] {
  const addrKey = (a: EndpointAddress) => `${a.ip}\u0000${a.targetRef?.uid ?? ''}`;
  const allAddrs = new Map<string, EndpointAddress>();
  const byPort = new Map<string, { port: EndpointPort | undefined; addrs: Map<string, boolean> }>();
  const map = (a: EndpointAddress, port: EndpointPort | undefined, ready: boolean) => {
    const k = addrKey(a);
    if (!allAddrs.has(k)) allAddrs.set(k, a);
    const pk = port ? JSON.stringify([port.name ?? '', port.port, port.protocol ?? '', port.appProtocol ?? null]) : 'sentinel';
    let e = byPort.get(pk);
    if (!e) byPort.set(pk, (e = { port, addrs: new Map() }));
    if (e.addrs.get(k) !== false) e.addrs.set(k, ready);
  };
  for (const s of subsets) {
    const ports: (EndpointPort | undefined)[] = s.ports?.length ? s.ports : [undefined];
    for (const p of ports) {
      for (const a of s.addresses ?? []) map(a, p, true);
      for (const a of s.notReadyAddresses ?? []) map(a, p, false);
    }
  }
  const groups = new Map<string, { addrs: Map<string, boolean>; ports: (EndpointPort | undefined)[] }>();
  for (const { port, addrs } of byPort.values()) {
    const key = JSON.stringify([...addrs].sort((x, y) => (x[0] < y[0] ? -1 : 1)));
    const g = groups.get(key);
    if (g) g.ports.push(port);
    else groups.set(key, { addrs, ports: [port] });
  }
  const out: EndpointSubset[] = [];
  for (const { addrs, ports } of groups.values()) {
    const ready = [...addrs].filter(([, r]) => r).map(([k]) => allAddrs.get(k)!);
    const notReady = [...addrs].filter(([, r]) => !r).map(([k]) => allAddrs.get(k)!);
    const real = ports.filter((p): p is EndpointPort => p !== undefined);
    const s: EndpointSubset = {};
    if (ready.length) s.addresses = ready.sort(lessAddress);
    if (notReady.length) s.notReadyAddresses = notReady.sort(lessAddress);
    if (real.length) s.ports = sortEndpointPorts(real);
    out.push(s);
  }
  return sortSubsets(out);
}

/** truncateEndpoints: above 1000 addresses keep ready ones first, each subset cut to its share (rounded up). */
function truncate(subsets: EndpointSubset[]): boolean {
  const ready = subsets.reduce((n, s) => n + (s.addresses?.length ?? 0), 0);
  const notReady = subsets.reduce((n, s) => n + (s.notReadyAddresses?.length ?? 0), 0);
  if (ready + notReady <= MAX_CAPACITY) return false;
  const truncateReady = ready > MAX_CAPACITY;
  const max = truncateReady ? MAX_CAPACITY : MAX_CAPACITY - ready;
  const total = truncateReady ? ready : notReady;
  let canBeAdded = max;
  for (const s of subsets) {
    const inSubset = (truncateReady ? s.addresses : s.notReadyAddresses)?.length ?? 0;
    const toBeAdded = Math.min(Math.ceil((inSubset / total) * max), canBeAdded);
    if (truncateReady) {
      s.addresses = s.addresses?.slice(0, toBeAdded);
      delete s.notReadyAddresses;
      canBeAdded -= s.addresses?.length ?? 0;
    } else {
      s.notReadyAddresses = s.notReadyAddresses?.slice(0, toBeAdded);
      canBeAdded -= s.notReadyAddresses?.length ?? 0;
    }
  }
  return true;
}

/** The raw subsets syncService builds for `pods`: one per pod and port (addEndpointSubset), before repacking. */
function rawSubsets(svc: Service, pods: Pod[]): EndpointSubset[] {
  const publish = svc.spec?.publishNotReadyAddresses === true;
  const ports = svc.spec?.ports ?? [];
  const out: EndpointSubset[] = [];
  const add = (pod: Pod, addr: EndpointAddress, port: EndpointPort | undefined) => {
    const ready = publish || isPodReady(pod);
    const subset: EndpointSubset = ready ? { addresses: [addr] } : { notReadyAddresses: [addr] };
    if (port) subset.ports = [port];
    out.push(subset);
  };
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publish)) continue;
    const addr = podAddress(svc, pod);
    if (!addr) continue;
    // A headless Service may have no ports: its addresses are still published.
    if (!ports.length) {
      if (svc.spec?.clusterIP === 'None') add(pod, addr, undefined);
      continue;
    }
    for (const sp of ports) {
      const num = findPort(pod, sp);
      if (num === undefined) continue;
      add(pod, addr, { ...(sp.name ? { name: sp.name } : {}), port: num, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
    }
  }
  return out;
}

/** Controller.syncService for a Service with a selector and no Endpoints in the input; `pods` are the selected ones. */
export function simulateEndpoints(ctx: SimContext, s: StoredObject<Service>, pods: Pod[]): void {
  const svc = s.obj;
  const ns = svc.metadata.namespace;
  const subsets = repackSubsets(rawSubsets(svc, pods));
  const annotations: Record<string, string> = {};
  const trigger = triggerTimeAnnotation(svc, pods);
  if (trigger) annotations['endpoints.kubernetes.io/last-change-trigger-time'] = trigger;
  if (truncate(subsets)) annotations['endpoints.kubernetes.io/over-capacity'] = 'truncated';
  const labels = serviceLabels(svc, false);
  if (!isServiceIPSet(svc)) labels['service.kubernetes.io/headless'] = '';
  const ep: Endpoints = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      ...baseMeta('Endpoints', ns, svc.metadata.name),
      ...(Object.keys(labels).length ? { labels } : {}),
      ...(Object.keys(annotations).length ? { annotations } : {}),
    },
    ...(subsets.length ? { subsets } : {}),
  };
  addSimulated(ctx, ep, 'endpoints-controller', s);
}
