// Round trip through the endpoint controllers: take a conformance fixture, drop its Endpoints and
// EndpointSlices, keep everything else, simulate, and compare what the controllers made with what the
// fixture held — one row per address × port, keeping exactly what Prometheus reads from them (address,
// port, readiness, targetRef, nodeName, hostname, zone).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../../src/engine/ingest/ingest.ts';
import type { EndpointSlice, Endpoints, ObjectReference, Service } from '../../src/engine/ingest/kinds.ts';
import { ObjectStore } from '../../src/engine/ingest/store.ts';
import { simulateCluster } from '../../src/engine/cluster/simulate.ts';
import { FIXTURES } from '../helpers/fixtures.ts';

const ref = (r: ObjectReference | undefined) => (r ? `${r.kind}:${r.namespace}/${r.name}` : 'no-targetRef');
const SERVICE_NAME = 'kubernetes.io/service-name';

/** Rows of an Endpoints object: ready|ip|port name/number/protocol|targetRef|nodeName|hostname. */
export function endpointsRows(e: Endpoints): string[] {
  const rows: string[] = [];
  for (const s of e.subsets ?? []) {
    for (const p of s.ports?.length ? s.ports : [undefined]) {
      const port = p ? `${p.name ?? ''}/${p.port}/${p.protocol}` : '(no port)';
      for (const [ready, list] of [['ready', s.addresses], ['not-ready', s.notReadyAddresses]] as const) {
        for (const a of list ?? []) rows.push(`${ready} ${a.ip} ${port} ${ref(a.targetRef)} node=${a.nodeName ?? '-'} host=${a.hostname ?? '-'}`);
      }
    }
  }
  return rows.sort();
}

/** Rows of a Service's EndpointSlices. `asEndpoints` projects them onto the Endpoints row shape (ready from
 * conditions.ready; no serving/terminating/zone), to check slices of fixtures that only hold Endpoints. */
export function sliceRows(slices: EndpointSlice[], asEndpoints = false): string[] {
  const rows: string[] = [];
  for (const s of slices) {
    for (const ep of s.endpoints ?? []) {
      const c = ep.conditions ?? {};
      for (const p of s.ports?.length ? s.ports : [undefined]) {
        for (const addr of ep.addresses) {
          if (asEndpoints) {
            const port = p ? `${p.name ?? ''}/${p.port}/${p.protocol}` : '(no port)';
            rows.push(`${c.ready === false ? 'not-ready' : 'ready'} ${addr} ${port} ${ref(ep.targetRef)} node=${ep.nodeName ?? '-'} host=${ep.hostname ?? '-'}`);
          } else {
            const port = p ? `${p.name ?? '-'}/${p.port ?? '-'}/${p.protocol ?? '-'}/${p.appProtocol ?? '-'}` : '(no port)';
            const cond = `ready=${c.ready ?? '-'} serving=${c.serving ?? '-'} terminating=${c.terminating ?? '-'}`;
            rows.push(`${s.addressType} ${addr} ${port} ${cond} ${ref(ep.targetRef)} node=${ep.nodeName ?? '-'} zone=${ep.zone ?? '-'} host=${ep.hostname ?? '-'}`);
          }
        }
      }
    }
  }
  return rows.sort();
}

export interface Comparison {
  /** `Endpoints ns/name` or `EndpointSlice ns/name` (the simulated kind, by Service). */
  what: string;
  /** What the simulated rows are compared with: the fixture's own objects of that kind, or its Endpoints. */
  basis: 'Endpoints' | 'EndpointSlices';
  original: string[];
  simulated: string[];
  equal: boolean;
}

export interface RoundTrip {
  comparisons: Comparison[];
  /** Fixture objects the controllers never make, by rule (no selector, no Service, ExternalName). */
  byRule: string[];
}

/** Ingests a fixture, drops its Endpoints and EndpointSlices, simulates, and compares Service by Service. */
export function roundTrip(fixture: string): RoundTrip {
  const text = readFileSync(join(FIXTURES, fixture, 'objects.yaml'), 'utf8');
  const { store } = ingest([{ name: `${fixture}/objects.yaml`, text }]);
  const stripped = new ObjectStore();
  for (const o of store.all()) if (o.obj.kind !== 'Endpoints' && o.obj.kind !== 'EndpointSlice') stripped.put(o);
  const out = simulateCluster(stripped).store;
  const slicesOf = (s: ObjectStore, ns: string | undefined, name: string) =>
    s.list<EndpointSlice>('EndpointSlice', ns).filter((e) => e.obj.metadata.labels?.[SERVICE_NAME] === name).map((e) => e.obj);
  const comparisons: Comparison[] = [];
  const byRule: string[] = [];
  const services = new Set<string>();
  for (const { obj: svc } of store.list<Service>('Service')) {
    const ns = svc.metadata.namespace;
    const name = svc.metadata.name;
    services.add(`${ns}/${name}`);
    const origEp = store.get<Endpoints>('Endpoints', ns, name)?.obj;
    const origSlices = slicesOf(store, ns, name);
    const simEp = out.get<Endpoints>('Endpoints', ns, name)?.obj;
    const simSlices = slicesOf(out, ns, name);
    const selectorless = svc.spec?.type === 'ExternalName' || !Object.keys(svc.spec?.selector ?? {}).length;
    if (selectorless) {
      if (origEp) byRule.push(`Endpoints ${ns}/${name}: Service without selector (or ExternalName), written by hand`);
      if (origSlices.length) byRule.push(`EndpointSlice ${ns}/${name}: Service without selector (or ExternalName), written by hand`);
      if (simEp || simSlices.length) throw new Error(`${fixture}: simulated endpoints for selector-less Service ${ns}/${name}`);
      continue;
    }
    const cmp = (what: string, basis: Comparison['basis'], original: string[], simulated: string[]) =>
      comparisons.push({ what, basis, original, simulated, equal: JSON.stringify(original) === JSON.stringify(simulated) });
    if (origEp) cmp(`Endpoints ${ns}/${name}`, 'Endpoints', endpointsRows(origEp), simEp ? endpointsRows(simEp) : []);
    if (origSlices.length) cmp(`EndpointSlice ${ns}/${name}`, 'EndpointSlices', sliceRows(origSlices), sliceRows(simSlices));
    else if (origEp) cmp(`EndpointSlice ${ns}/${name}`, 'Endpoints', endpointsRows(origEp), sliceRows(simSlices, true));
  }
  for (const e of store.list<Endpoints>('Endpoints')) {
    if (!services.has(`${e.obj.metadata.namespace}/${e.obj.metadata.name}`)) byRule.push(`Endpoints ${e.obj.metadata.namespace}/${e.obj.metadata.name}: no Service of that name`);
  }
  for (const e of store.list<EndpointSlice>('EndpointSlice')) {
    const svc = e.obj.metadata.labels?.[SERVICE_NAME];
    if (!svc || !services.has(`${e.obj.metadata.namespace}/${svc}`)) byRule.push(`EndpointSlice ${e.obj.metadata.namespace}/${e.obj.metadata.name}: no Service named by ${SERVICE_NAME}`);
  }
  return { comparisons, byRule };
}
