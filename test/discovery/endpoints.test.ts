// role: endpoints. Each case names the upstream function it follows
// (prometheus discovery/kubernetes/endpoints.go).
import { describe, expect, it } from 'vitest';
import { getProfile } from '../../src/engine/profiles/index.ts';
import { P242, rawRun, run, sd, sel } from './helpers.ts';

const M = '__meta_kubernetes_';

const POD = (name: string, ip: string, containers: string, init = '', labels = '{app: web}') => `
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ns, uid: uid-${name}, labels: ${labels}}
spec:
  nodeName: node-1
  containers:
${containers}
${init ? `  initContainers:\n${init}\n` : ''}status: {phase: Running, podIP: "${ip}"}
---
`;

const SVC = `
apiVersion: v1
kind: Service
metadata: {name: web, namespace: ns, labels: {tier: fe}, annotations: {note: svc}}
spec: {type: ClusterIP, clusterIP: 10.96.0.9, ports: [{port: 80}]}
---
`;

const EPS = (subsets: string, meta = '') => `
apiVersion: v1
kind: Endpoints
metadata: {name: web, namespace: ns, labels: {ep: yes}, annotations: {ep-note: hi}${meta}}
subsets:
${subsets}
---
`;

const ref = (pod: string) => `{kind: Pod, name: ${pod}, namespace: ns}`;

const BASIC = POD('web-0', '10.1.0.1', '  - name: app\n    image: app:1\n    ports: [{name: http, containerPort: 8080}, {name: admin, containerPort: 9000}]') +
  POD('web-1', '10.1.0.2', '  - name: app\n    image: app:1\n    ports: [{name: http, containerPort: 8080}]') +
  SVC +
  EPS(`- addresses:
  - {ip: 10.1.0.1, nodeName: node-1, hostname: h0, targetRef: ${ref('web-0')}}
  notReadyAddresses:
  - {ip: 10.1.0.2, targetRef: ${ref('web-1')}}
  ports: [{name: http, port: 8080}, {name: metrics, port: 9100, protocol: TCP}]`);

const SLICE_OF_BASIC = `
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: web-abc, namespace: ns, labels: {kubernetes.io/service-name: web}}
addressType: IPv4
endpoints:
- {addresses: [10.1.0.1], conditions: {ready: true}, targetRef: ${ref('web-0')}}
- {addresses: [10.1.0.2], conditions: {ready: false}, targetRef: ${ref('web-1')}}
ports: [{name: http, port: 8080}, {name: metrics, port: 9100, protocol: TCP}]
---
`;

describe('role endpoints: buildEndpoints', () => {
  it('phase 1 order: subset → port → ready addresses then not-ready; phase 2 extra targets for uncovered container ports', () => {
    const g = run(sd('endpoints'), BASIC).groups[0]!;
    expect(g.source).toBe('endpoints/ns/web');
    expect(g.targets.map((t) => [t.__address__, t[`${M}endpoint_ready`] ?? '-'])).toEqual([
      ['10.1.0.1:8080', 'true'],
      ['10.1.0.2:8080', 'false'],
      ['10.1.0.1:9100', 'true'],
      ['10.1.0.2:9100', 'false'],
      ['10.1.0.1:9000', '-'], // web-0's admin port: not covered by 8080 or 9100
    ]);
  });

  it('group labels: namespace, service object meta only (no type/cluster_ip), endpoints name/labels/annotations (annotations 2.46+)', () => {
    const g3 = run(sd('endpoints'), BASIC).groups[0]!;
    expect(g3.labels).toEqual({
      [`${M}namespace`]: 'ns',
      [`${M}service_name`]: 'web',
      [`${M}service_label_tier`]: 'fe',
      [`${M}service_labelpresent_tier`]: 'true',
      [`${M}service_annotation_note`]: 'svc',
      [`${M}service_annotationpresent_note`]: 'true',
      [`${M}endpoints_name`]: 'web',
      [`${M}endpoints_label_ep`]: 'yes',
      [`${M}endpoints_labelpresent_ep`]: 'true',
      [`${M}endpoints_annotation_ep_note`]: 'hi',
      [`${M}endpoints_annotationpresent_ep_note`]: 'true',
    });
    const g2 = run(sd('endpoints'), BASIC, P242).groups[0]!;
    expect(Object.keys(g2.labels).filter((k) => k.includes('endpoints_annotation'))).toEqual([]);
    expect(g2.labels[`${M}endpoints_label_ep`]).toBe('yes');
  });

  it('phase 1 labels: endpoint port name/protocol/ready, target kind/name, node name, hostname, pod labels and matching container port', () => {
    const t = run(sd('endpoints'), BASIC).groups[0]!.targets[0]!;
    expect(t).toMatchObject({
      [`${M}endpoint_port_name`]: 'http',
      [`${M}endpoint_port_protocol`]: 'TCP',
      [`${M}endpoint_address_target_kind`]: 'Pod',
      [`${M}endpoint_address_target_name`]: 'web-0',
      [`${M}endpoint_node_name`]: 'node-1',
      [`${M}endpoint_hostname`]: 'h0',
      [`${M}pod_name`]: 'web-0',
      [`${M}pod_ip`]: '10.1.0.1',
      [`${M}pod_label_app`]: 'web',
      [`${M}pod_container_name`]: 'app',
      [`${M}pod_container_image`]: 'app:1',
      [`${M}pod_container_port_name`]: 'http',
      [`${M}pod_container_port_number`]: '8080',
      [`${M}pod_container_init`]: 'false',
    });
    // No container id on endpoint targets; no container labels when the pod does not declare the port.
    expect(t[`${M}pod_container_id`]).toBeUndefined();
    const t9100 = run(sd('endpoints'), BASIC).groups[0]!.targets[2]!;
    expect(Object.keys(t9100).filter((k) => k.startsWith(`${M}pod_container`))).toEqual([]);
    expect(t9100[`${M}pod_name`]).toBe('web-0');
  });

  it('the pod labels are one object under every target of that pod (TargetGroup.under), the target holds its own', () => {
    for (const role of ['endpoints', 'endpointslice'] as const) {
      const g = rawRun(sd(role), BASIC + SLICE_OF_BASIC).groups[0]!;
      expect(g.under, role).toHaveLength(g.targets.length);
      const underOf = (pod: string) => g.targets.flatMap((t, i) => (g.under![i]?.[`${M}pod_name`] === pod ? [g.under![i]] : []));
      // web-0 backs several targets (two endpoint ports, one extra container port): the same object each time.
      const web0 = underOf('web-0');
      expect(web0.length, role).toBeGreaterThan(1);
      expect(new Set(web0).size, role).toBe(1);
      g.targets.forEach((t, i) => {
        expect(Object.keys(t).some((k) => k.startsWith(`${M}pod_`) && !k.startsWith(`${M}pod_container_`)), `${role} target ${i} holds pod labels`).toBe(false);
        const u = g.under![i];
        if (u) expect(Object.keys(t).filter((k) => k in u), role).toEqual([]);
      });
    }
    // vmagent has no group labels: the object's labels (namespace, Service) join the pod's in the one object under each
    // target of that pod, and the group labels stay empty.
    const vm = rawRun(sd('endpoints'), BASIC, getProfile('vmagent-1.150')!).groups[0]!;
    expect(vm.labels).toEqual({});
    expect(vm.under).toHaveLength(vm.targets.length);
    // (The endpoint ports' targets; the extra container port's target has the Service's labels instead of the object's.)
    const vmWeb0 = vm.targets.flatMap((t, i) => (vm.under![i]?.[`${M}pod_name`] === 'web-0' && `${M}endpoint_port_name` in t ? [vm.under![i]!] : []));
    expect(vmWeb0.length).toBeGreaterThan(1);
    expect(new Set(vmWeb0).size).toBe(1);
    expect(vmWeb0[0]).toMatchObject({ [`${M}namespace`]: 'ns', [`${M}pod_name`]: 'web-0' });
    vm.targets.forEach((t, i) => {
      const u = vm.under![i];
      if (u) expect(Object.keys(t).filter((k) => k in u)).toEqual([]);
    });
  });

  it('phase 2 target: container labels with the container protocol, pod labels, no endpoint_* labels', () => {
    const extra = run(sd('endpoints'), BASIC).groups[0]!.targets[4]!;
    expect(Object.keys(extra).filter((k) => k.startsWith(`${M}endpoint_`))).toEqual([]);
    expect(extra).toMatchObject({ [`${M}pod_container_port_name`]: 'admin', [`${M}pod_container_port_protocol`]: 'TCP', [`${M}pod_name`]: 'web-0', [`${M}pod_container_init`]: 'false' });
  });

  it('container match: by number only, protocol copied from the endpoint port; a later container with the same port overwrites', () => {
    const yaml = POD('dns', '10.1.0.3', '  - name: a\n    image: a\n    ports: [{name: dns, containerPort: 53, protocol: UDP}]\n  - name: b\n    image: b\n    ports: [{name: dns-tcp, containerPort: 53, protocol: TCP}]') +
      EPS(`- addresses: [{ip: 10.1.0.3, targetRef: ${ref('dns')}}]\n  ports: [{name: dns-tcp, port: 53, protocol: TCP}, {name: dns, port: 53, protocol: UDP}]`);
    const ts = run(sd('endpoints'), yaml).groups[0]!.targets;
    expect(ts.map((t) => [t[`${M}pod_container_name`], t[`${M}pod_container_port_name`], t[`${M}pod_container_port_protocol`]])).toEqual([
      ['b', 'dns-tcp', 'TCP'],
      ['b', 'dns-tcp', 'UDP'],
    ]);
  });

  it('init containers (native sidecars) are matched and get extra targets since 3.0; not in 2.42', () => {
    const yaml = POD('p', '10.1.0.4', '  - name: app\n    image: app\n    ports: [{containerPort: 8080}]', '  - name: proxy\n    image: proxy\n    restartPolicy: Always\n    ports: [{name: proxy, containerPort: 15090}]') +
      EPS(`- addresses: [{ip: 10.1.0.4, targetRef: ${ref('p')}}]\n  ports: [{port: 15090}]`);
    const t3 = run(sd('endpoints'), yaml).groups[0]!.targets;
    expect(t3.map((t) => [t.__address__, t[`${M}pod_container_name`], t[`${M}pod_container_init`]])).toEqual([
      ['10.1.0.4:15090', 'proxy', 'true'],
      ['10.1.0.4:8080', 'app', 'false'],
    ]);
    const t2 = run(sd('endpoints'), yaml, P242).groups[0]!.targets;
    expect(t2.map((t) => [t.__address__, t[`${M}pod_container_name`], t[`${M}pod_container_init`]])).toEqual([
      ['10.1.0.4:15090', undefined, undefined],
      ['10.1.0.4:8080', 'app', undefined],
    ]);
  });

  it('phase 2: pods without podIP get no extra targets since 2.46; 2.42 emitted ":<port>"', () => {
    const yaml = POD('p', '', '  - name: app\n    image: app\n    ports: [{containerPort: 8080}, {containerPort: 9000}]') +
      EPS(`- notReadyAddresses: [{ip: 10.1.0.5, targetRef: ${ref('p')}}]\n  ports: [{port: 8080}]`);
    expect(run(sd('endpoints'), yaml).groups[0]!.targets.map((t) => t.__address__)).toEqual(['10.1.0.5:8080']);
    expect(run(sd('endpoints'), yaml, P242).groups[0]!.targets.map((t) => t.__address__)).toEqual(['10.1.0.5:8080', ':9000']);
  });

  it('phase 2 order: pods in first-seen order, then container order, then port order (Go map order upstream)', () => {
    const yaml = POD('b', '10.1.0.2', '  - name: c1\n    image: i\n    ports: [{containerPort: 1}, {containerPort: 2}]\n  - name: c2\n    image: i\n    ports: [{containerPort: 3}]') +
      POD('a', '10.1.0.1', '  - name: c1\n    image: i\n    ports: [{containerPort: 1}, {containerPort: 4}]') +
      EPS(`- addresses: [{ip: 10.1.0.2, targetRef: ${ref('b')}}, {ip: 10.1.0.1, targetRef: ${ref('a')}}]\n  ports: [{port: 9}]`);
    const addrs = run(sd('endpoints'), yaml).groups[0]!.targets.map((t) => t.__address__);
    expect(addrs).toEqual(['10.1.0.2:9', '10.1.0.1:9', '10.1.0.2:1', '10.1.0.2:2', '10.1.0.2:3', '10.1.0.1:1', '10.1.0.1:4']);
  });

  it('resolvePodRef: a non-Pod targetRef or a pod missing from the store gives endpoint labels only', () => {
    const yaml = EPS(`- addresses:\n  - {ip: 10.0.0.7, targetRef: {kind: Node, name: n7}}\n  - {ip: 10.1.0.9, targetRef: ${ref('gone')}}\n  - {ip: 10.1.0.8}\n  ports: [{port: 10250, name: ""}]`);
    const ts = run(sd('endpoints'), yaml).groups[0]!.targets;
    expect(ts.map((t) => [t[`${M}endpoint_address_target_kind`], t[`${M}pod_name`]])).toEqual([
      ['Node', undefined],
      ['Pod', undefined],
      [undefined, undefined],
    ]);
    expect(ts[0]![`${M}endpoint_port_name`]).toBe('');
  });

  it('addNodeLabels: node metadata from nodeName, or (2.45+) from a Node targetRef; not on phase-2 targets', () => {
    const yaml = BASIC + `apiVersion: v1\nkind: Node\nmetadata: {name: node-1, labels: {zone: z1}}\n---\napiVersion: v1\nkind: Node\nmetadata: {name: n7, labels: {zone: z7}}\n---\n` +
      EPS(`- addresses: [{ip: 10.0.0.7, targetRef: {kind: Node, name: n7}}]\n  ports: [{port: 10250}]`).replace('name: web,', 'name: kubelet,');
    const cfg = sd('endpoints', { attach: { node: true } });
    const byName = (p = undefined as undefined | typeof P242) => Object.fromEntries(run(cfg, yaml, p).groups.map((g) => [g.source, g.targets.map((t) => t[`${M}node_label_zone`])]));
    expect(byName()).toEqual({ 'endpoints/ns/kubelet': ['z7'], 'endpoints/ns/web': ['z1', undefined, 'z1', undefined, undefined] });
    expect(byName(P242)).toEqual({ 'endpoints/ns/kubelet': [undefined], 'endpoints/ns/web': ['z1', undefined, 'z1', undefined, undefined] });
  });
});

describe('role endpoints: selectors on side roles only decorate (Discovery.Run)', () => {
  it('a service selector that excludes the Service keeps the targets, without service labels', () => {
    const g = run(sd('endpoints', { selectors: [sel('service', 'tier=other')] }), BASIC).groups[0]!;
    expect(g.targets).toHaveLength(5);
    expect(Object.keys(g.labels).filter((k) => k.includes('service_'))).toEqual([]);
  });

  it('a pod selector that excludes the pods keeps the endpoint targets, without pod labels or extra targets', () => {
    const g = run(sd('endpoints', { selectors: [sel('pod', 'app=other')] }), BASIC).groups[0]!;
    expect(g.targets.map((t) => t.__address__)).toEqual(['10.1.0.1:8080', '10.1.0.2:8080', '10.1.0.1:9100', '10.1.0.2:9100']);
    expect(g.targets.every((t) => t[`${M}pod_name`] === undefined)).toBe(true);
  });

  it('an endpoints selector filters the Endpoints objects themselves', () => {
    expect(run(sd('endpoints', { selectors: [sel('endpoints', 'ep=no')] }), BASIC).groups).toEqual([]);
    expect(run(sd('endpoints', { selectors: [sel('endpoints', undefined, 'metadata.name=web')] }), BASIC).groups).toHaveLength(1);
  });

  it('an unsupported field in the pod selector makes the pod list fail: the discoverer never syncs, nothing is discovered', () => {
    const r = run(sd('endpoints', { selectors: [sel('pod', undefined, 'status.hostIP=10.0.0.1')] }), BASIC);
    expect(r.groups).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['SELECTOR_INVALID']);
    expect(r.diagnostics[0]!.message).toContain('field label not supported: status.hostIP');
  });

  it('side stores are namespace-scoped: a targetRef into another namespace is not resolved when namespaces are listed', () => {
    const yaml = BASIC.replace(`targetRef: ${ref('web-0')}`, '{kind: Pod, name: other, namespace: ns2}'.replace('{', 'targetRef: {')) +
      `apiVersion: v1\nkind: Pod\nmetadata: {name: other, namespace: ns2}\nspec: {containers: [{name: c, image: i}]}\nstatus: {podIP: 10.2.0.1}\n`;
    const podName = (cfg: ReturnType<typeof sd>) => run(cfg, yaml).groups[0]!.targets[0]![`${M}pod_name`];
    expect(podName(sd('endpoints'))).toBe('other');
    expect(podName(sd('endpoints', { namespaces: ['ns'] }))).toBeUndefined();
  });
});
