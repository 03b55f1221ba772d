// What both endpoint controllers share (staging/src/k8s.io/endpointslice/util/controller_utils.go,
// utils.go; pkg/api/v1/pod/util.go), and the one thing the API server adds to a pasted
// Service that they depend on: its cluster IP.
import { diag } from '../diagnostics.ts';
import type { Pod, Service, ServicePort, StoredObject } from '../ingest/kinds.ts';
import { clone, listNs, replaceWithCopy, type SimContext } from './context.ts';
import { fnv1a32, identity } from './ids.ts';

export type Family = 'IPv4' | 'IPv6';

/** utilnet.IsIPv6String, as far as pod and service IPs go. */
export const isIPv6 = (ip: string): boolean => ip.includes(':');

/** A Service the controllers act on: not ExternalName, with a selector. A `selector: {}` reads back from etcd as
 * nil (protobuf drops empty maps), so it counts as none. */
export function hasSelector(svc: Service): boolean {
  return svc.spec?.type !== 'ExternalName' && !!svc.spec?.selector && Object.keys(svc.spec.selector).length > 0;
}

/** The Pods of the Service's namespace its selector matches (labels.SelectorFromSet), in store order. */
export function selectedPods(ctx: SimContext, svc: Service): StoredObject<Pod>[] {
  const ns = svc.metadata.namespace ?? '';
  const sel = Object.entries(svc.spec?.selector ?? {});
  let idx = ctx.labelIdx.get(ns);
  if (!idx) {
    ctx.labelIdx.set(ns, (idx = new Map()));
    for (const p of listNs<Pod>(ctx, 'Pod', ns)) {
      for (const [k, v] of Object.entries(p.obj.metadata.labels ?? {})) {
        const key = `${k}=${v}`;
        const l = idx.get(key);
        if (l) l.push(p);
        else idx.set(key, [p]);
      }
    }
  }
  // Start from the rarest label=value of the selector, then check the rest.
  let best: StoredObject<Pod>[] | undefined;
  for (const [k, v] of sel) {
    const l = idx.get(`${k}=${v}`) ?? [];
    if (!best || l.length < best.length) best = l;
  }
  return (best ?? listNs<Pod>(ctx, 'Pod', ns)).filter((p) => sel.every(([k, v]) => p.obj.metadata.labels?.[k] === v));
}

/** The pod's IPs: status.podIPs, or [podIP] (the API server's conversion fills podIPs from podIP). */
export function podIPs(pod: Pod): string[] {
  const ips = (pod.status?.podIPs ?? []).map((x) => x.ip).filter(Boolean);
  if (ips.length) return ips;
  return pod.status?.podIP ? [pod.status.podIP] : [];
}

/** podutil.IsPodReady: condition Ready with status True. */
export function isPodReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** ShouldPodBeInEndpoints: not Succeeded/Failed, has an IP, and not terminating unless `includeTerminating`. */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') return false;
  if (!podIPs(pod).length) return false;
  return includeTerminating || !pod.metadata.deletionTimestamp;
}

/** ShouldSetHostname: the pod has a hostname and its subdomain is this Service (same namespace). */
export function shouldSetHostname(pod: Pod, svc: Service): boolean {
  return !!pod.spec?.hostname && pod.spec.subdomain === svc.metadata.name && pod.metadata.namespace === svc.metadata.namespace;
}

/** FindPort: a numeric targetPort as is; a named one looked up in the containers' ports (same name and protocol),
 * then in sidecar init containers (restartPolicy Always); no match → the pod is left out of this port. */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const tp = sp.targetPort ?? sp.port;
  if (typeof tp === 'number') return tp;
  const proto = sp.protocol ?? 'TCP';
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === tp && (p.protocol ?? 'TCP') === proto) return p.containerPort;
  }
  for (const c of pod.spec?.initContainers ?? []) {
    if (c.restartPolicy !== 'Always') continue;
    for (const p of c.ports ?? []) if (p.name === tp && (p.protocol ?? 'TCP') === proto) return p.containerPort;
  }
  return undefined;
}

/** helper.IsServiceIPSet: a cluster IP that is neither empty nor None. */
export function isServiceIPSet(svc: Service): boolean {
  const ip = svc.spec?.clusterIP;
  return !!ip && ip !== 'None';
}

/** The Service's primary IP family as the API server defaults it: ipFamilies[0], else the cluster IP's family,
 * else (headless) the family of its pods' IPs — a single-stack cluster serves one family. */
export function serviceFamilies(svc: Service, pods: Pod[]): Family[] {
  const fams = (svc.spec?.ipFamilies ?? []).filter((f): f is Family => f === 'IPv4' || f === 'IPv6');
  if (fams.length) return fams;
  if (isServiceIPSet(svc)) return [isIPv6(svc.spec!.clusterIP!) ? 'IPv6' : 'IPv4'];
  const ips = pods.flatMap(podIPs);
  return [ips.length && ips.every(isIPv6) ? 'IPv6' : 'IPv4'];
}

/** The API server's ClusterIP allocator: a Service without spec.clusterIP gets one (here a stable pick from
 * 10.96.0.0/16, or fd00:10:96::/112 when its pods are IPv6-only), on a copy in the output store. */
export function allocateClusterIPs(ctx: SimContext): void {
  const used = new Set(ctx.out.list<Service>('Service').map((s) => s.obj.spec?.clusterIP).filter(Boolean));
  for (const s of ctx.out.list<Service>('Service')) {
    const svc = s.obj;
    if (svc.spec?.type === 'ExternalName' || svc.spec?.clusterIP) continue;
    const v6 = serviceFamilies(svc, selectedPods(ctx, svc).map((p) => p.obj))[0] === 'IPv6';
    let h = fnv1a32(identity('Service', svc.metadata.namespace, svc.metadata.name));
    let ip = '';
    do {
      const n = (h++ % 65_000) + 100; // leave the low addresses to kubernetes (.1) and kube-dns (.10)
      ip = v6 ? `fd00:10:96::${n.toString(16)}` : `10.96.${n >> 8}.${n & 255}`;
    } while (used.has(ip));
    used.add(ip);
    const copy = clone(svc);
    const spec = (copy.spec ??= {});
    spec.clusterIP = ip;
    spec.clusterIPs = [ip];
    replaceWithCopy(ctx, s, copy);
    ctx.diagnostics.push(
      diag('SIMULATED', 'info', `Service ${svc.metadata.namespace}/${svc.metadata.name} has no clusterIP; simulated the one the API server would allocate: ${ip}`, s.origin.pos),
    );
  }
}
