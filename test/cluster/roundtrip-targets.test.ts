// Issue 4's round trip at the level that matters, targets: for each conformance fixture whose Pods,
// Endpoints and EndpointSlices are what a real cluster holds, delete the Endpoints and EndpointSlices,
// keep Pods and Services, let the cluster simulation make them, and require the same targets real
// Prometheus 3.14 produced from the originals. Fixtures whose objects are not what a controller would make
// are listed with the reason, and the test checks they really differ (so the list stays true).
//
// Compared modulo the labels that come from the Endpoints/EndpointSlice objects' own metadata
// (`__meta_kubernetes_endpoints_label*`/`_annotation*`, `__meta_kubernetes_endpointslice_label*`/
// `_annotation*`, and the slice name, whose suffix the controller draws at random): the controllers copy the
// Service's labels there, while the fixtures' hand-written objects carry other ones. Everything that comes from
// addresses, ports, readiness, targetRef, nodeName, hostname and the Pods is compared exactly.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { run, toApiTargets } from '../../src/engine/index.ts';
import { FIXTURES, canon, expected, fixtureNames } from '../helpers/fixtures.ts';

/** Not what the endpoints/endpointslice controllers make (see test/cluster/roundtrip.test.ts for the object-level detail). */
const EXCEPTIONS: Record<string, string> = {
  '04-endpointslice': 'a hand-made slice: an endpoint with no Pod behind it, an appProtocol the Service does not declare, serving=true on an unready Pod',
  '15-endpoints-subsets-notready': 'an address hostname set although the Pod has no subdomain',
  '16-endpoints-no-targetref-node': 'Endpoints of selector-less Services written by hand (nothing to simulate; deleting them removes targets)',
  '17-endpoints-service-missing': 'Endpoints without a Service (nothing to simulate from)',
  '18-endpointslice-conditions': 'hand-made condition combinations (terminating without deletionTimestamp, …)',
  '19-endpointslice-ipv6-fqdn': 'an FQDN slice and slices of a selector-less Service, which no controller makes',
  '22-namespaces': 'slices without serving/terminating conditions, which the controller always writes',
  '23-selectors-side-roles': 'an endpoint with no Pod, slices without serving/terminating, an Endpoints object without Service',
  '24-attach-metadata-roles': 'deliberately stale Endpoints (wrong nodeNames, an address with no Pod, Pods left out)',
  '34-duplicate-targets':
    'two Service ports on the same targetPort (http, http-alt): the controllers order ports by a hash of the port struct (RepackSubsets, cluster/gohash.ts), the fixture lists them the other way round; Prometheus collapses the two targets and shows the last one\'s endpoint_port_name',
  '39-coredns-same-port-protocols':
    'the fixture\'s slice lists dns (UDP) before dns-tcp; the endpointslice controller orders ports by hash (cluster/gohash.ts), which puts dns-tcp first, so the 10.244.0.2:53 slice target carries the other port name and protocol',
  '35-servicemonitor-endpoints': 'a Failed Pod listed as a ready address',
  '40-endpoints-sidecar-extra-ports': 'an extra subset on a port the Service does not have; slices without serving/terminating',
};

const OWN_META = /^__meta_kubernetes_(endpoints_(label|labelpresent|annotation|annotationpresent)_|endpointslice_(label|labelpresent|annotation|annotationpresent)_|endpointslice_name$)/;

function strip(l: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(l).filter(([k]) => !OWN_META.test(k)));
}

/** Public labels made from object metadata by a labelmap over those labels are stripped too. */
function stripPublic(l: Record<string, string>, discovered: Record<string, string>): Record<string, string> {
  const fromOwn = new Set(Object.entries(discovered).filter(([k]) => OWN_META.test(k)).map(([, v]) => v));
  return Object.fromEntries(Object.entries(l).filter(([k, v]) => !(k.startsWith('endpoints_') || k.startsWith('endpointslice_')) || !fromOwn.has(v)));
}

function withoutEndpoints(text: string): string {
  return parseAllDocuments(text)
    .filter((d) => {
      const kind = (d.toJS() as { kind?: string } | null)?.kind;
      return kind !== 'Endpoints' && kind !== 'EndpointSlice';
    })
    .map((d) => d.toString())
    .join('---\n');
}

const holdsEndpoints = fixtureNames().filter((n) => /^kind: (Endpoints|EndpointSlice)$/m.test(readFileSync(join(FIXTURES, n, 'objects.yaml'), 'utf8')));

describe('round trip through the simulation: same targets as real Prometheus 3.14', () => {
  it('covers every fixture that holds Endpoints or EndpointSlices', () => expect(holdsEndpoints.length).toBeGreaterThanOrEqual(20));
  it.each(holdsEndpoints)('%s', (name) => {
    const objects = withoutEndpoints(readFileSync(join(FIXTURES, name, 'objects.yaml'), 'utf8'));
    const scrape = readFileSync(join(FIXTURES, name, 'scrape.yaml'), 'utf8');
    const got = toApiTargets(run([{ name: 'objects.yaml', text: objects }, { name: 'scrape.yaml', text: scrape }], { profile: 'prometheus-3.14' }));
    const want = expected(name, 'prometheus3');
    const act = (list: any[]) => canon(list.map(({ scrapePool, scrapeUrl, labels, discoveredLabels }) => ({ scrapePool, scrapeUrl, labels: stripPublic(labels, discoveredLabels), discoveredLabels: strip(discoveredLabels) })));
    const same =
      JSON.stringify(act(got.activeTargets)) === JSON.stringify(act(want.activeTargets)) &&
      JSON.stringify(canon(got.droppedTargets.map((t) => strip(t.discoveredLabels)))) === JSON.stringify(canon(want.droppedTargets.map((t: any) => strip(t.discoveredLabels))));
    if (EXCEPTIONS[name]) expect(same, `listed as an exception (${EXCEPTIONS[name]}) but the simulation reproduces it: remove it from the list`).toBe(false);
    else expect(same, 'simulated Endpoints/EndpointSlices give the targets real Prometheus gave').toBe(true);
  });
});
