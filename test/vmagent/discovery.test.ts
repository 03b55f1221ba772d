// vmagent kubernetes_sd_configs discovery (lib/promscrape/discovery/kubernetes), through the whole engine:
// what the discovered labels hold per role, for 1.79 and 1.150. Each 1.79/1.150 difference names the
// VictoriaMetrics function (tag v1.150.0) that decides it.
import { describe, expect, it } from 'vitest';
import type { ApiTargets } from '../../src/engine/index.ts';
import type { Labels } from '../../src/engine/labels.ts';
import type { Profile } from '../../src/engine/profiles/types.ts';
import { BOTH, engine, V150, V179 } from './helpers.ts';

const NS = `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: payments}}
`;
const POD = (name: string, extra = '') => `---
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: shop, uid: uid-${name}, labels: {app: web}}
spec:
  nodeName: node-a
  containers:
  - name: app
    image: web:1.2
    ports: [{name: http, containerPort: 8080}, {name: admin, containerPort: 9090}]
  initContainers:
  - name: proxy
    image: envoy:1
    restartPolicy: Always
    ports: [{name: envoy, containerPort: 15090}]
  - name: migrate
    image: tool:1
status:
  phase: Running
  podIP: 10.0.0.1
  containerStatuses: [{name: app, containerID: "containerd://abc", ready: true}]
${extra}`;
const SVC = `---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop, annotations: {note: hi}}
spec:
  type: ClusterIP
  clusterIP: 10.96.0.10
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}]
`;
const EPS = `---
apiVersion: v1
kind: Endpoints
metadata: {name: web, namespace: shop, labels: {svc: web}, annotations: {epnote: yes}}
subsets:
- addresses: [{ip: 10.0.0.1, targetRef: {kind: Pod, name: web-0, namespace: shop}}]
  ports: [{name: http, port: 8080, protocol: TCP}, {name: envoy, port: 15090, protocol: TCP}]
`;
const SLICE = `---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: web-abc, namespace: shop, labels: {kubernetes.io/service-name: web}}
addressType: IPv4
endpoints:
- addresses: [10.0.0.1]
  conditions: {ready: true}
  nodeName: node-a
  targetRef: {kind: Pod, name: web-0, namespace: shop}
- addresses: [10.0.0.9]
  conditions: {}
ports: [{name: http, port: 8080, protocol: TCP}, {name: any}]
`;

const job = (role: string, more = '') => `scrape_configs:\n- job_name: j\n  kubernetes_sd_configs:\n  - role: ${role}\n${more}`;
const discovered = (t: ApiTargets): Labels[] => {
  expect(t.error).toBeNull();
  return [...t.activeTargets.map((a) => a.discoveredLabels), ...t.droppedTargets.map((d) => d.discoveredLabels)];
};
const byAddr = (ls: Labels[], addr: string): Labels => {
  const l = ls.find((x) => x.__address__ === addr);
  expect(l, `a target at ${addr}`).toBeDefined();
  return l as Labels;
};
const M = '__meta_kubernetes_';

describe('vmagent discovery: 1.79 vs 1.150', () => {
  it('pod role: container image (pod.go appendContainerLabels, v1.81.0) and container id when the status has one (getContainerID, v1.87.0)', () => {
    const a = byAddr(discovered(engine(NS + POD('web-0'), job('pod'), V179)), '10.0.0.1:8080');
    expect(a[`${M}pod_container_image`]).toBeUndefined();
    expect(a[`${M}pod_container_id`]).toBeUndefined();
    const b = discovered(engine(NS + POD('web-0'), job('pod'), V150));
    expect(byAddr(b, '10.0.0.1:8080')).toMatchObject({ [`${M}pod_container_image`]: 'web:1.2', [`${M}pod_container_id`]: 'containerd://abc' });
    expect(byAddr(b, '10.0.0.1:15090')[`${M}pod_container_id`]).toBeUndefined(); // no status entry: no label at all
  });

  it('pod role: Succeeded/Failed pods and terminated containers give no targets since v1.97.0 (pod.go isPodPhaseFinished, isContainerTerminated)', () => {
    const done = POD('job-0').replace('phase: Running', 'phase: Succeeded');
    expect(discovered(engine(NS + done, job('pod'), V179)).length).toBe(4); // 2 app ports + sidecar + port-less migrate
    expect(discovered(engine(NS + done, job('pod'), V150)).length).toBe(0);
    const term = POD('web-0').replace('containerStatuses: [{name: app, containerID: "containerd://abc", ready: true}]', 'containerStatuses: [{name: app, state: {terminated: {exitCode: 0}}}]');
    expect(discovered(engine(NS + term, job('pod'), V150)).map((l) => l.__address__).sort()).toEqual(['10.0.0.1', '10.0.0.1:15090']);
  });

  it('pod role: a port-less target brackets an IPv6 pod IP since v1.110.3 (pod.go appendPodLabelsInternal)', () => {
    const v6 = POD('web-0').replace('podIP: 10.0.0.1', 'podIP: "fd00::1"');
    expect(discovered(engine(NS + v6, job('pod'), V179)).map((l) => l.__address__)).toContain('fd00::1');
    expect(discovered(engine(NS + v6, job('pod'), V150)).map((l) => l.__address__)).toContain('[fd00::1]');
  });

  it('service role: `_service_port_number` since v1.81.0 (service.go getTargetLabels); never `_loadbalancer_ip`', () => {
    expect(discovered(engine(NS + SVC, job('service'), V179))[0]?.[`${M}service_port_number`]).toBeUndefined();
    const b = discovered(engine(NS + SVC, job('service'), V150))[0];
    expect(b?.[`${M}service_port_number`]).toBe('80');
    expect(b?.[`${M}service_loadbalancer_ip`]).toBeUndefined();
  });

  it('endpoints role: extra container-port targets carry the Endpoints metadata and the pod as target only since v1.87.6/v1.91.0 (endpoints.go getTargetLabels, Pod.appendEndpointLabels; VictoriaMetrics#4154)', () => {
    const objs = NS + POD('web-0') + SVC + EPS;
    const a = byAddr(discovered(engine(objs, job('endpoints'), V179)), '10.0.0.1:9090');
    expect(a[`${M}endpoints_name`]).toBeUndefined();
    expect(a[`${M}endpoint_address_target_kind`]).toBeUndefined();
    expect(a[`${M}service_cluster_ip`]).toBe('10.96.0.10');
    const b = byAddr(discovered(engine(objs, job('endpoints'), V150)), '10.0.0.1:9090');
    expect(b).toMatchObject({
      [`${M}endpoints_name`]: 'web',
      [`${M}endpoints_label_svc`]: 'web',
      [`${M}endpoint_address_target_kind`]: 'Pod',
      [`${M}endpoint_address_target_name`]: 'web-0',
      [`${M}pod_container_init`]: 'false',
    });
    expect(b[`${M}endpoint_port_name`]).toBeUndefined();
  });

  it('endpointslice role: extra container-port targets carry the slice metadata and the pod as target only since v1.87.6/v1.91.0 (endpointslice.go getEndpointSliceLabelsForAddressAndPort, Pod.appendEndpointSliceLabels)', () => {
    const objs = NS + POD('web-0') + SVC + SLICE;
    const a = byAddr(discovered(engine(objs, job('endpointslice'), V179)), '10.0.0.1:9090');
    expect(a[`${M}endpointslice_name`]).toBeUndefined();
    expect(a[`${M}endpointslice_address_target_kind`]).toBeUndefined();
    expect(a).toMatchObject({ [`${M}service_name`]: 'web', [`${M}service_annotation_note`]: 'hi', [`${M}pod_label_app`]: 'web', [`${M}pod_container_name`]: 'app' });
    const b = byAddr(discovered(engine(objs, job('endpointslice'), V150)), '10.0.0.1:9090');
    expect(b).toMatchObject({
      [`${M}endpointslice_name`]: 'web-abc',
      [`${M}endpointslice_label_kubernetes_io_service_name`]: 'web',
      [`${M}endpointslice_address_type`]: 'IPv4',
      [`${M}endpointslice_address_target_kind`]: 'Pod',
      [`${M}endpointslice_address_target_name`]: 'web-0',
      [`${M}service_name`]: 'web',
      [`${M}service_annotation_note`]: 'hi',
      [`${M}pod_label_app`]: 'web',
      [`${M}pod_container_port_name`]: 'admin',
    });
    expect(b[`${M}endpointslice_port_name`]).toBeUndefined();
  });

  it('endpoints role: native-sidecar init containers match endpoint ports since v1.106.0 (getEndpointLabelsForAddressAndPort)', () => {
    const objs = NS + POD('web-0') + SVC + EPS;
    expect(byAddr(discovered(engine(objs, job('endpoints'), V179)), '10.0.0.1:15090')[`${M}pod_container_name`]).toBeUndefined();
    expect(byAddr(discovered(engine(objs, job('endpoints'), V150)), '10.0.0.1:15090')).toMatchObject({ [`${M}pod_container_name`]: 'proxy', [`${M}pod_container_init`]: 'true' });
  });

  it('endpointslice role: ready only in 1.79, ready/serving/terminating (false when unset) and node_name since v1.118 (endpointslice.go getEndpointSliceLabels)', () => {
    const objs = NS + POD('web-0') + SVC + SLICE;
    const a = byAddr(discovered(engine(objs, job('endpointslice'), V179)), '10.0.0.9:8080');
    expect(a[`${M}endpointslice_endpoint_conditions_ready`]).toBe('false');
    expect(a[`${M}endpointslice_endpoint_conditions_serving`]).toBeUndefined();
    const b = discovered(engine(objs, job('endpointslice'), V150));
    expect(byAddr(b, '10.0.0.9:8080')).toMatchObject({ [`${M}endpointslice_endpoint_conditions_serving`]: 'false', [`${M}endpointslice_endpoint_conditions_terminating`]: 'false' });
    expect(byAddr(b, '10.0.0.1:8080')[`${M}endpointslice_endpoint_node_name`]).toBe('node-a');
    expect(byAddr(discovered(engine(objs, job('endpointslice'), V179)), '10.0.0.1:8080')[`${M}endpointslice_endpoint_node_name`]).toBeUndefined();
  });

  it('attach_metadata.namespace: unknown (a strict-mode refusal, ignored here) in 1.79, namespace labels since v1.130.0 (pod.go appendCommonLabels)', () => {
    const cfg = job('pod', '    attach_metadata: {namespace: true}\n');
    expect(byAddr(discovered(engine(NS + POD('web-0'), cfg, V179)), '10.0.0.1:8080')[`${M}namespace_label_team`]).toBeUndefined();
    expect(byAddr(discovered(engine(NS + POD('web-0'), cfg, V150)), '10.0.0.1:8080')[`${M}namespace_label_team`]).toBe('payments');
  });
});

describe('vmagent discovery: 1.79 and 1.150 alike', () => {
  const each = (name: string, f: (p: Profile) => void) => {
    for (const [ver, p] of BOTH) it(`${ver}: ${name}`, () => f(p));
  };

  each('endpoints targets carry the service type and cluster IP, and the Endpoints annotations (service.go appendCommonLabels)', (p) => {
    const t = byAddr(discovered(engine(NS + POD('web-0') + SVC + EPS, job('endpoints'), p)), '10.0.0.1:8080');
    expect(t).toMatchObject({ [`${M}service_type`]: 'ClusterIP', [`${M}service_cluster_ip`]: '10.96.0.10', [`${M}endpoints_annotation_epnote`]: 'yes', [`${M}pod_container_port_protocol`]: 'TCP' });
  });

  each('attach_metadata.node: node_name from the pod spec even without a Node object, for pod-backed endpoints', (p) => {
    const ls = discovered(engine(NS + POD('web-0') + SVC + EPS, job('endpoints', '    attach_metadata: {node: true}\n'), p));
    expect(byAddr(ls, '10.0.0.1:8080')[`${M}node_name`]).toBe('node-a');
  });

  each('endpointslice: a port without a number gives addr:0 and every port label', (p) => {
    const ls = discovered(engine(NS + POD('web-0') + SVC + SLICE, job('endpointslice'), p));
    expect(byAddr(ls, '10.0.0.9:0')).toMatchObject({ [`${M}endpointslice_port`]: '0', [`${M}endpointslice_port_name`]: 'any', [`${M}endpointslice_port_protocol`]: 'TCP' });
  });

  each('`role: endpointslices` is an alias (kubernetes.go SDConfig.role)', (p) => {
    expect(discovered(engine(NS + POD('web-0') + SVC + SLICE, job('endpointslices'), p)).length).toBeGreaterThan(0);
  });

  each('empty-valued labels are kept in discovered labels (ingress class name "" and path "/" for an http section without paths)', (p) => {
    const ing = `---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i, namespace: shop}\nspec:\n  rules: [{host: a.example.com, http: {paths: []}}]\n`;
    const t = discovered(engine(NS + ing, job('ingress'), p))[0];
    expect(t).toMatchObject({ [`${M}ingress_class_name`]: '', [`${M}ingress_path`]: '/' });
  });

  each('own_namespace is ignored when names are set; duplicate selector roles are ANDed, not refused', (p) => {
    const other = POD('web-1').replace('namespace: shop', 'namespace: default').replace('app: web', 'app: api');
    const cfg = job('pod', '    namespaces: {own_namespace: true, names: [shop]}\n    selectors: [{role: pod, label: app=web}, {role: pod, field: metadata.name=web-0}]\n');
    const t = engine(NS + POD('web-0') + POD('web-1').replace('podIP: 10.0.0.1', 'podIP: 10.0.0.2') + other, cfg, p);
    expect(t.error).toBeNull();
    expect(new Set(discovered(t).map((l) => l[`${M}pod_name`]))).toEqual(new Set(['web-0']));
  });

  each('a bad role is not a config error: the entry discovers nothing', (p) => {
    const t = engine(NS + POD('web-0'), job('pods'), p);
    expect(t.error).toBeNull();
    expect(discovered(t)).toEqual([]);
  });
});
