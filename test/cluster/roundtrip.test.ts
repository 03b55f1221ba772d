// Round trip through the endpoint controllers on the conformance fixtures: delete their Endpoints and
// EndpointSlices, keep Pods and Services, simulate, compare Service by Service (roundtrip-compare.ts). Where a
// fixture's objects are not what a controller would make, the difference is listed below with the reason; the
// test checks both that everything else matches and that each listed exception really differs.
import { describe, expect, it } from 'vitest';
import { fixtureNames } from '../helpers/fixtures.ts';
import { roundTrip } from './roundtrip-compare.ts';

const NO_SERVING = 'the fixture slice omits conditions.serving/terminating, which the controller always writes (EndpointSliceTerminatingCondition, GA in 1.26)';

/** fixture → comparison (`Kind ns/service`) → why the fixture differs from what the controller makes. */
const EXCEPTIONS: Record<string, Record<string, string>> = {
  '04-endpointslice': {
    'EndpointSlice payments/payments-api':
      'hand-written slice: an endpoint (legacy-vm 10.20.30.40) with no Pod behind it; appProtocol http on a port whose Service port has none; zones although the fixture has no Node objects; serving=true for a Pod whose Ready condition is False (serving = IsPodReady)',
  },
  '15-endpoints-subsets-notready': {
    'Endpoints shop/statsd': 'hostname statsd-0 on the address, but the Pod has no subdomain; ShouldSetHostname needs subdomain == the Service name',
    'EndpointSlice shop/statsd': 'compared with the fixture Endpoints: same hostname without subdomain',
  },
  '16-endpoints-no-targetref-node': {
    'Endpoints shop/search': 'the address points at Pod search-0, which is not in the fixture',
    'EndpointSlice shop/search': 'compared with the fixture Endpoints: Pod search-0 is not in the fixture',
  },
  '18-endpointslice-conditions': {
    'EndpointSlice frontend/web':
      'hand-made condition combinations: terminating=true on Pods without deletionTimestamp, conditions {} and ready-only endpoints, a hostname without subdomain and without nodeName; zones with no Node objects',
  },
  '22-namespaces': { 'EndpointSlice team-alpha/app': NO_SERVING, 'EndpointSlice team-beta/app': NO_SERVING, 'EndpointSlice team-gamma/app': NO_SERVING },
  '23-selectors-side-roles': {
    'EndpointSlice prod/orders': `${NO_SERVING}; plus an endpoint 10.244.9.9 with no Pod behind it`,
    'EndpointSlice prod/payments': NO_SERVING,
  },
  '24-attach-metadata-roles': {
    'Endpoints data/cache':
      'deliberately stale Endpoints: nodeName missing or different from the Pod’s spec.nodeName, an address with no Pod, and the Pods on a deleted node / without nodeName left out (the endpoints controller lists them)',
    'EndpointSlice data/cache': `the same stale view; ${NO_SERVING}; no zones although the Nodes have zone labels`,
  },
  '35-servicemonitor-endpoints': {
    'Endpoints apps/example-app': 'lists a Failed Pod as ready; the controller drops terminal Pods (ShouldPodBeInEndpoints)',
    'EndpointSlice apps/example-app': 'compared with the fixture Endpoints: the same Failed Pod',
  },
  '40-endpoints-sidecar-extra-ports': {
    'Endpoints bookinfo/reviews': 'an extra subset (port http-legacy 9080, not a port of the Service) listing a Pod again, to show per-pod de-duplication',
    'EndpointSlice bookinfo/reviews': NO_SERVING,
  },
};

const results = fixtureNames().map((f) => ({ fixture: f, ...roundTrip(f) }));

describe('round trip: simulated Endpoints/EndpointSlices vs the fixtures’ own', () => {
  it.each(results.filter((r) => r.comparisons.length).map((r) => [r.fixture, r] as const))('%s', (fixture, r) => {
    const exceptions = EXCEPTIONS[fixture] ?? {};
    for (const c of r.comparisons) {
      if (exceptions[c.what]) expect(c.equal, `${c.what} is listed as an exception but matches`).toBe(false);
      else expect({ what: c.what, rows: c.simulated }).toEqual({ what: c.what, rows: c.original });
    }
    for (const what of Object.keys(exceptions)) expect(r.comparisons.map((c) => c.what)).toContain(what);
  });

  it('lists the fixture objects no controller makes (selector-less or ExternalName Services, no Service at all)', () => {
    expect(results.flatMap((r) => r.byRule.map((b) => `${r.fixture}: ${b}`))).toEqual([
      '16-endpoints-no-targetref-node: Endpoints default/kubernetes: Service without selector (or ExternalName), written by hand',
      '16-endpoints-no-targetref-node: Endpoints kube-system/kubelet: Service without selector (or ExternalName), written by hand',
      '16-endpoints-no-targetref-node: Endpoints shop/orders-db: Service without selector (or ExternalName), written by hand',
      '17-endpoints-service-missing: Endpoints tools/legacy-metrics: no Service of that name',
      '17-endpoints-service-missing: Endpoints kube-system/kube-scheduler: no Service of that name',
      '17-endpoints-service-missing: Endpoints tools/empty-subsets: no Service of that name',
      '17-endpoints-service-missing: Endpoints tools/no-ports: no Service of that name',
      '18-endpointslice-conditions: EndpointSlice frontend/raw-udp: Service without selector (or ExternalName), written by hand',
      '19-endpointslice-ipv6-fqdn: EndpointSlice dual/partner-api: Service without selector (or ExternalName), written by hand',
      '19-endpointslice-ipv6-fqdn: EndpointSlice dual/unlabelled-slice: no Service named by kubernetes.io/service-name',
      '23-selectors-side-roles: Endpoints prod/unmonitored: no Service of that name',
    ]);
  });

  it('summary: which fixtures round-trip exactly', () => {
    const exact = results.filter((r) => r.comparisons.length && !EXCEPTIONS[r.fixture]).map((r) => r.fixture);
    expect(exact).toEqual([
      '01-endpoints-port-undeclared',
      '02-endpoints-port-declared',
      '19-endpointslice-ipv6-fqdn',
      '21-label-sanitization',
      '33-job-instance-override',
      '34-duplicate-targets',
      '37-vmservicescrape-targetport',
      '38-pod-container-statuses',
      '39-coredns-same-port-protocols',
      '41-service-annotation-jobs',
    ]);
    const compared = results.flatMap((r) => r.comparisons);
    expect(compared.filter((c) => c.equal).length).toBeGreaterThanOrEqual(compared.length - Object.values(EXCEPTIONS).reduce((n, e) => n + Object.keys(e).length, 0));
  });
});
