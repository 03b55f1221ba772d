// The recorder's fake API server store: API-server defaults, list order, and label/field selectors with
// the semantics of k8s.io/apimachinery (labels.Parse, fields.ParseSelector + per-resource field sets).
import { describe, expect, it } from 'vitest';
import { buildStore, parseFieldSelector, parseLabelSelector, parseObjects, SelectorError } from '../../scripts/recorder/store.ts';

const load = (yaml: string) => {
  const { docs, warnings } = parseObjects(yaml);
  return buildStore(docs, warnings);
};

describe('recorder store', () => {
  it('applies the API-server defaults that change what discovery sees', () => {
    const s = load(`
apiVersion: v1
kind: Pod
metadata: {name: p, uid: u1}
spec:
  containers:
    - name: c
      ports: [{containerPort: 80}, {containerPort: 53, protocol: UDP}]
  initContainers:
    - name: i
      ports: [{containerPort: 9000}]
---
apiVersion: v1
kind: Service
metadata: {name: s, namespace: web}
spec:
  ports: [{port: 80}, {port: 443, targetPort: https, protocol: TCP}]
---
apiVersion: v1
kind: Service
metadata: {name: ext, namespace: web}
spec: {type: ExternalName, externalName: example.com, ports: [{port: 80}]}
---
apiVersion: v1
kind: Endpoints
metadata: {name: s, namespace: web}
subsets: [{addresses: [{ip: 10.0.0.1}], ports: [{port: 80}]}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: s-abc, namespace: web}
addressType: IPv4
ports: [{port: 80}]
endpoints: []
`);
    const pod = s.objects.pods![0]!;
    expect(pod.metadata.namespace).toBe('default');
    expect(pod.metadata.uid).toBe('u1');
    expect(pod.spec.containers[0].ports.map((p: any) => p.protocol)).toEqual(['TCP', 'UDP']);
    expect(pod.spec.initContainers[0].ports[0].protocol).toBe('TCP');
    const [ext, svc] = s.objects.services!;
    expect(svc!.spec.type).toBe('ClusterIP');
    expect(svc!.spec.ports).toEqual([
      { port: 80, protocol: 'TCP', targetPort: 80 },
      { port: 443, targetPort: 'https', protocol: 'TCP' },
    ]);
    expect(ext!.spec.type).toBe('ExternalName');
    expect(ext!.spec.ports[0].targetPort).toBeUndefined();
    expect(s.objects.endpoints![0]!.subsets[0].ports[0].protocol).toBe('TCP');
    expect(s.objects.endpointslices![0]!.ports[0].protocol).toBe('TCP');
  });

  it('creates the namespaces objects live in, and orders lists like etcd', () => {
    const s = load(`
kind: List
items:
  - {apiVersion: v1, kind: Pod, metadata: {name: b, namespace: zeta, uid: u2}}
  - {apiVersion: v1, kind: Pod, metadata: {name: a, namespace: zeta, uid: u3}}
  - {apiVersion: v1, kind: Pod, metadata: {name: z, namespace: alpha, uid: u4}}
  - {apiVersion: v1, kind: Namespace, metadata: {name: zeta, labels: {team: x}}}
`);
    expect(s.objects.pods!.map((p) => `${p.metadata.namespace}/${p.metadata.name}`)).toEqual(['alpha/z', 'zeta/a', 'zeta/b']);
    expect(s.objects.namespaces!.map((n) => n.metadata.name)).toEqual(['alpha', 'zeta']);
    expect(s.objects.namespaces![0]!.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'alpha' });
    expect(s.objects.namespaces![1]!.metadata.labels).toEqual({ team: 'x' });
    const rvs = Object.values(s.objects).flat().map((o) => Number(o.metadata.resourceVersion));
    expect(new Set(rvs).size).toBe(rvs.length);
    expect(Number(s.resourceVersion)).toBe(Math.max(...rvs));
  });

  it('serves label and annotation values as strings, and says so', () => {
    const s = load(`{apiVersion: v1, kind: Node, metadata: {name: n, namespace: oops, labels: {gpu: true, count: 2}, annotations: {a: null}}}`);
    const n = s.objects.nodes![0]!;
    expect(n.metadata.labels).toEqual({ gpu: 'true', count: '2' });
    expect(n.metadata.annotations).toEqual({ a: '' });
    expect(n.metadata.namespace).toBeUndefined();
    expect(s.warnings.join('\n')).toMatch(/gpu.*string/);
  });

  it('ignores kinds it does not serve and lets a later duplicate win', () => {
    const s = load(`
{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}}
---
{apiVersion: v1, kind: Service, metadata: {name: s, labels: {v: "1"}}, spec: {}}
---
{apiVersion: v1, kind: Service, metadata: {name: s, labels: {v: "2"}}, spec: {}}
`);
    expect(s.objects.services!.map((x) => x.metadata.labels.v)).toEqual(['2']);
    expect(s.warnings.some((w) => /Deployment/.test(w))).toBe(true);
    expect(s.warnings.some((w) => /declared again/.test(w))).toBe(true);
  });

  it('rejects objects without a name', () => {
    expect(() => load(`{apiVersion: v1, kind: Pod, metadata: {namespace: x}}`)).toThrow(/without metadata.name/);
  });
});

describe('label selectors', () => {
  const l = { app: 'web', tier: 'backend', 'node-role.kubernetes.io/worker': '', n: '5' };
  const cases: [string, boolean][] = [
    ['', true],
    ['app=web', true],
    ['app==web', true],
    ['app=api', false],
    ['app!=api', true],
    ['missing!=x', true],
    ['app in (web, api)', true],
    ['app notin (web)', false],
    ['missing notin (web)', true],
    ['missing in (web)', false],
    ['node-role.kubernetes.io/worker', true],
    ['!node-role.kubernetes.io/worker', false],
    ['!missing', true],
    ['app=web,tier in (backend),!missing', true],
    ['app=web,tier=frontend', false],
    ['n>4', true],
    ['n<4', false],
    ['app= web', true],
  ];
  it.each(cases)('%j → %s', (sel, want) => expect(parseLabelSelector(sel)(l)).toBe(want));
  it.each(['app=', 'app in (,)', 'app in (x,)'])('%j (empty value) matches the empty value', (sel) => {
    expect(parseLabelSelector(sel)({ app: '' })).toBe(true);
    expect(parseLabelSelector(sel)({ app: 'y' })).toBe(false);
  });
  it.each(['app=web,', 'app=we b', 'app in web', 'app in ()', '-bad=1', 'a=b=c', 'n>x'])('rejects %j', (sel) => {
    expect(() => parseLabelSelector(sel)).toThrow(SelectorError);
  });
});

describe('field selectors', () => {
  const pod = { metadata: { name: 'p', namespace: 'ns' }, spec: { nodeName: 'node-1' }, status: { phase: 'Running' } };
  const node = { metadata: { name: 'n' }, spec: {} };
  it('supports the fields a real API server supports, per resource', () => {
    expect(parseFieldSelector('status.phase=Running', 'pods')(pod)).toBe(true);
    expect(parseFieldSelector('spec.nodeName=node-1,metadata.namespace=ns', 'pods')(pod)).toBe(true);
    expect(parseFieldSelector('spec.nodeName!=node-1', 'pods')(pod)).toBe(false);
    expect(parseFieldSelector('metadata.name==p', 'pods')(pod)).toBe(true);
    // Booleans are compared as Go prints them; an unset spec.unschedulable is "false".
    expect(parseFieldSelector('spec.unschedulable!=true', 'nodes')(node)).toBe(true);
    expect(parseFieldSelector('spec.unschedulable=false', 'nodes')(node)).toBe(true);
    expect(parseFieldSelector('spec.unschedulable=true', 'nodes')({ ...node, spec: { unschedulable: true } })).toBe(true);
  });
  it('refuses fields the resource does not support, like a real API server', () => {
    expect(() => parseFieldSelector('spec.nodeName=x', 'services')).toThrow(/field label not supported: spec.nodeName/);
    expect(() => parseFieldSelector('metadata.namespace=x', 'nodes')).toThrow(SelectorError);
    expect(() => parseFieldSelector('status.phase', 'pods')).toThrow(SelectorError);
  });
});
