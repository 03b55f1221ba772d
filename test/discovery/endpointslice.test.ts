// role: endpointslice. Each case names the upstream function it follows
// (prometheus discovery/kubernetes/endpointslice.go; 2.42: endpointslice_adaptor.go).
import { describe, expect, it } from 'vitest';
import { P242, run, sd, sel } from './helpers.ts';

const M = '__meta_kubernetes_';
const S = `${M}endpointslice_`;

const POD = `
apiVersion: v1
kind: Pod
metadata: {name: web-0, namespace: ns, labels: {app: web}}
spec:
  containers:
  - name: app
    image: app:1
    ports: [{name: http, containerPort: 8080}, {name: dns, containerPort: 53, protocol: UDP}]
  initContainers:
  - {name: proxy, image: proxy:1, restartPolicy: Always, ports: [{containerPort: 15090}]}
status: {podIP: 10.1.0.1}
---
`;

const SVC = (spec = '') => `
apiVersion: v1
kind: Service
metadata: {name: web, namespace: ns, labels: {tier: fe}}
spec: {clusterIP: 10.96.0.9, ports: [{port: 80}]${spec}}
---
`;

const SLICE = (body: string, name = 'web-abc', addressType = 'IPv4', api = 'discovery.k8s.io/v1') => `
apiVersion: ${api}
kind: EndpointSlice
metadata: {name: ${name}, namespace: ns, labels: {kubernetes.io/service-name: web, x: y}, annotations: {a: b}}
addressType: ${addressType}
${body}
---
`;

const BASIC = POD + SVC() + SLICE(`endpoints:
- addresses: [10.1.0.1]
  conditions: {ready: true, serving: true, terminating: false}
  hostname: web-0
  nodeName: node-1
  zone: z1
  deprecatedTopology: {topology.kubernetes.io/region: r1}
  targetRef: {kind: Pod, name: web-0, namespace: ns}
- addresses: [10.1.0.2, 10.1.0.3]
  conditions: {}
ports:
- {name: http, port: 8080, protocol: TCP, appProtocol: http}
- {name: dns, port: 53, protocol: TCP}`);

describe('role endpointslice: buildEndpointSlice', () => {
  it('order: endpoint → port → address (unlike the endpoints role), then extra container ports; no readiness filter', () => {
    const g = run(sd('endpointslice'), BASIC).groups[0]!;
    expect(g.source).toBe('endpointslice/ns/web-abc');
    expect(g.targets.map((t) => t.__address__)).toEqual([
      '10.1.0.1:8080',
      '10.1.0.1:53',
      '10.1.0.2:8080',
      '10.1.0.3:8080',
      '10.1.0.2:53',
      '10.1.0.3:53',
      '10.1.0.1:15090', // the init (sidecar) container port no slice port covers
    ]);
  });

  it('target labels: port name/protocol/number/app protocol, conditions only when set, hostname, target ref, node name, zone, topology', () => {
    const ts = run(sd('endpointslice'), BASIC).groups[0]!.targets;
    expect(ts[0]).toMatchObject({
      [`${S}port_name`]: 'http',
      [`${S}port_protocol`]: 'TCP',
      [`${S}port`]: '8080',
      [`${S}port_app_protocol`]: 'http',
      [`${S}endpoint_conditions_ready`]: 'true',
      [`${S}endpoint_conditions_serving`]: 'true',
      [`${S}endpoint_conditions_terminating`]: 'false',
      [`${S}endpoint_hostname`]: 'web-0',
      [`${S}address_target_kind`]: 'Pod',
      [`${S}address_target_name`]: 'web-0',
      [`${S}endpoint_node_name`]: 'node-1',
      [`${S}endpoint_zone`]: 'z1',
      [`${S}endpoint_topology_topology_kubernetes_io_region`]: 'r1',
      [`${S}endpoint_topology_present_topology_kubernetes_io_region`]: 'true',
    });
    // conditions: {} → no condition labels (nil is absent, not "true").
    expect(Object.keys(ts[2]!).filter((k) => k.includes('conditions'))).toEqual([]);
    // 2.42 had no node_name / zone labels.
    const t2 = run(sd('endpointslice'), BASIC, P242).groups[0]!.targets[0]!;
    expect(t2[`${S}endpoint_node_name`]).toBeUndefined();
    expect(t2[`${S}endpoint_zone`]).toBeUndefined();
  });

  it('group labels: namespace, address type, slice meta (labels/annotations 2.46+), the service-name label\'s Service meta', () => {
    expect(run(sd('endpointslice'), BASIC).groups[0]!.labels).toEqual({
      [`${M}namespace`]: 'ns',
      [`${S}address_type`]: 'IPv4',
      [`${S}name`]: 'web-abc',
      [`${S}label_kubernetes_io_service_name`]: 'web',
      [`${S}labelpresent_kubernetes_io_service_name`]: 'true',
      [`${S}label_x`]: 'y',
      [`${S}labelpresent_x`]: 'true',
      [`${S}annotation_a`]: 'b',
      [`${S}annotationpresent_a`]: 'true',
      [`${M}service_name`]: 'web',
      [`${M}service_label_tier`]: 'fe',
      [`${M}service_labelpresent_tier`]: 'true',
    });
    expect(run(sd('endpointslice'), BASIC, P242).groups[0]!.labels).toEqual({
      [`${M}namespace`]: 'ns',
      [`${S}address_type`]: 'IPv4',
      [`${S}name`]: 'web-abc',
      [`${M}service_name`]: 'web',
      [`${M}service_label_tier`]: 'fe',
      [`${M}service_labelpresent_tier`]: 'true',
    });
  });

  it('pod match: the container port\'s own protocol; nil slice ports are never matched nor covering', () => {
    const ts = run(sd('endpointslice'), BASIC).groups[0]!.targets;
    expect(ts[1]).toMatchObject({ [`${M}pod_container_port_name`]: 'dns', [`${M}pod_container_port_protocol`]: 'UDP', [`${S}port_protocol`]: 'TCP' });
    const nilPort = POD + SLICE(`endpoints:\n- addresses: [10.1.0.1]\n  targetRef: {kind: Pod, name: web-0, namespace: ns}\nports:\n- {name: all}`);
    const t = run(sd('endpointslice'), nilPort).groups[0]!.targets;
    expect(t.map((x) => x.__address__)).toEqual(['10.1.0.1', '10.1.0.1:8080', '10.1.0.1:53', '10.1.0.1:15090']);
    expect(t[0]![`${M}pod_name`]).toBe('web-0');
    expect(t[0]![`${M}pod_container_name`]).toBeUndefined();
    expect(t[0]![`${S}port`]).toBeUndefined();
  });

  it('2.42: init containers are neither matched nor extra targets', () => {
    const addrs = run(sd('endpointslice'), BASIC, P242).groups[0]!.targets.map((t) => t.__address__);
    expect(addrs).not.toContain('10.1.0.1:15090');
  });

  it('IPv6 and FQDN slices: bracketed IPv6 with a port; FQDN addresses used verbatim', () => {
    const v6 = SLICE('endpoints:\n- addresses: ["fd00::1"]\nports: [{port: 80}]', 'v6', 'IPv6');
    const fq = SLICE('endpoints:\n- addresses: [db.example.com]\nports: [{port: 5432}]', 'fq', 'FQDN');
    expect(run(sd('endpointslice'), v6 + fq).groups.map((g) => g.targets[0]!.__address__)).toEqual(['db.example.com:5432', '[fd00::1]:80']);
  });

  it('nonPrimaryIPFamilySlice (3.11+): a dual-stack Service\'s secondary-family slice has no targets; 2.42 keeps it', () => {
    const yaml = SVC(', ipFamilyPolicy: PreferDualStack, ipFamilies: [IPv4, IPv6]') +
      SLICE('endpoints:\n- addresses: [10.1.0.1]\nports: [{port: 80}]', 'v4') +
      SLICE('endpoints:\n- addresses: ["fd00::1"]\nports: [{port: 80}]', 'v6', 'IPv6');
    expect(run(sd('endpointslice'), yaml).groups.map((g) => g.source)).toEqual(['endpointslice/ns/v4']);
    expect(run(sd('endpointslice'), yaml, P242).groups.map((g) => g.source)).toEqual(['endpointslice/ns/v4', 'endpointslice/ns/v6']);
    const single = yaml.replace('PreferDualStack', 'SingleStack');
    expect(run(sd('endpointslice'), single).groups).toHaveLength(2);
  });

  it('addNodeLabels: from nodeName, or (3.4+) a Node targetRef; 2.42 from nodeName only', () => {
    const nodes = `apiVersion: v1\nkind: Node\nmetadata: {name: node-1, labels: {z: a}}\n---\napiVersion: v1\nkind: Node\nmetadata: {name: n7, labels: {z: b}}\n---\n`;
    const yaml = nodes + SLICE('endpoints:\n- addresses: [10.0.0.7]\n  nodeName: node-1\n  targetRef: {kind: Node, name: n7}\n- addresses: [10.0.0.8]\n  nodeName: node-1\nports: [{port: 10250}]');
    const cfg = sd('endpointslice', { attach: { node: true } });
    expect(run(cfg, yaml).groups[0]!.targets.map((t) => t[`${M}node_label_z`])).toEqual(['b', 'a']);
    expect(run(cfg, yaml, P242).groups[0]!.targets.map((t) => t[`${M}node_label_z`])).toEqual(['a', 'a']);
  });

  it('selectors: a service selector only drops the service labels; an endpointslice selector filters slices', () => {
    const g = run(sd('endpointslice', { selectors: [sel('service', 'tier=none')] }), BASIC).groups[0]!;
    expect(g.targets).toHaveLength(7);
    expect(g.labels[`${M}service_name`]).toBeUndefined();
    expect(run(sd('endpointslice', { selectors: [sel('endpointslice', 'x=z')] }), BASIC).groups).toEqual([]);
  });

  it('API versions: 3.x watches discovery.k8s.io/v1 only (v1beta1 skipped, warned); 2.42 reads v1beta1 `topology`', () => {
    const beta = SLICE('endpoints:\n- addresses: [10.1.0.1]\n  topology: {kubernetes.io/hostname: node-1}\nports: [{port: 80}]', 'old', 'IPv4', 'discovery.k8s.io/v1beta1');
    const r3 = run(sd('endpointslice'), beta);
    expect(r3.groups).toEqual([]);
    expect(r3.diagnostics.map((d) => d.code)).toEqual(['DISCOVERY_WARNING']);
    const t2 = run(sd('endpointslice'), beta, P242).groups[0]!.targets[0]!;
    expect(t2[`${S}endpoint_topology_kubernetes_io_hostname`]).toBe('node-1');
  });
});
