// role: pod. Each case names the upstream function it follows (prometheus discovery/kubernetes/pod.go).
import { describe, expect, it } from 'vitest';
import { flatten, P242, run, sd, sel } from './helpers.ts';

const M = '__meta_kubernetes_';

const pod = (extra = '', status = 'status:\n  phase: Running\n  podIP: 10.1.0.5\n  hostIP: 10.0.0.1\n  conditions:\n  - {type: Ready, status: "True"}\n') => `
apiVersion: v1
kind: Pod
metadata:
  name: web-0
  namespace: shop
  uid: u-1
  labels: {app.kubernetes.io/name: web, empty: ""}
  annotations: {prometheus.io/port: "9102"}
  ownerReferences:
  - {kind: Ignored, name: not-controller}
  - {kind: ReplicaSet, name: web-7d9, controller: true}
  - {kind: Other, name: second-controller, controller: true}
spec:
  nodeName: node-1
  containers:
  - name: app
    image: app:1
    ports:
    - {name: http, containerPort: 8080}
    - {containerPort: 9090, protocol: UDP}
  - name: sidecar
    image: side:2
  initContainers:
  - name: init
    image: init:3
    ports:
    - {name: init-port, containerPort: 7000}
${extra}${status}`;

describe('role pod: buildPod / podLabels', () => {
  it('buildPod: one target per container port, containers then initContainers, port-less target per container without ports', () => {
    const { groups } = run(sd('pod'), pod());
    expect(groups.map((g) => g.source)).toEqual(['pod/shop/web-0']);
    const g = groups[0]!;
    expect(g.targets.map((t) => t.__address__)).toEqual(['10.1.0.5:8080', '10.1.0.5:9090', '10.1.0.5', '10.1.0.5:7000']);
    expect(g.targets.map((t) => t[`${M}pod_container_init`])).toEqual(['false', 'false', 'false', 'true']);
    expect(g.targets[1]).toMatchObject({ [`${M}pod_container_port_name`]: '', [`${M}pod_container_port_protocol`]: 'UDP', [`${M}pod_container_port_number`]: '9090' });
    // The port-less target has no port labels at all.
    expect(Object.keys(g.targets[2]!).filter((k) => k.includes('port'))).toEqual([]);
    expect(g.targets[2]).toMatchObject({ [`${M}pod_container_name`]: 'sidecar', [`${M}pod_container_image`]: 'side:2' });
  });

  it('podLabels: group labels (ip, ready, phase, node, host ip, uid, first controller ref, sanitised labels/annotations)', () => {
    const { groups } = run(sd('pod'), pod());
    expect(groups[0]!.labels).toEqual({
      [`${M}namespace`]: 'shop',
      [`${M}pod_name`]: 'web-0',
      [`${M}pod_ip`]: '10.1.0.5',
      [`${M}pod_ready`]: 'true',
      [`${M}pod_phase`]: 'Running',
      [`${M}pod_node_name`]: 'node-1',
      [`${M}pod_host_ip`]: '10.0.0.1',
      [`${M}pod_uid`]: 'u-1',
      [`${M}pod_controller_kind`]: 'ReplicaSet',
      [`${M}pod_controller_name`]: 'web-7d9',
      [`${M}pod_label_app_kubernetes_io_name`]: 'web',
      [`${M}pod_labelpresent_app_kubernetes_io_name`]: 'true',
      [`${M}pod_label_empty`]: '',
      [`${M}pod_labelpresent_empty`]: 'true',
      [`${M}pod_annotation_prometheus_io_port`]: '9102',
      [`${M}pod_annotationpresent_prometheus_io_port`]: 'true',
    });
  });

  it('buildPod: no podIP → no targets, so the pod contributes nothing', () => {
    expect(run(sd('pod'), pod('', 'status:\n  phase: Pending\n')).groups).toEqual([]);
  });

  it('podReady: no Ready condition → "unknown"; other statuses lowercased; missing phase/hostIP/nodeName are empty', () => {
    const noCond = flatten(run(sd('pod'), pod('', 'status:\n  podIP: 10.1.0.5\n')).groups)[0]!;
    expect(noCond[`${M}pod_ready`]).toBe('unknown');
    expect(noCond[`${M}pod_phase`]).toBeUndefined();
    expect(noCond[`${M}pod_host_ip`]).toBeUndefined();
    const falseCond = run(sd('pod'), pod('', 'status:\n  podIP: 10.1.0.5\n  conditions: [{type: Ready, status: "False"}]\n')).groups[0]!;
    expect(falseCond.labels[`${M}pod_ready`]).toBe('false');
  });

  it('findPodContainerID: containerStatuses by name for containers, initContainerStatuses for init containers', () => {
    const status = `status:
  podIP: 10.1.0.5
  containerStatuses: [{name: app, containerID: "containerd://a"}]
  initContainerStatuses: [{name: init, containerID: "containerd://i"}, {name: app, containerID: "containerd://wrong"}]
`;
    const g = run(sd('pod'), pod('', status)).groups[0]!;
    expect(g.targets.map((t) => t[`${M}pod_container_id`])).toEqual(['containerd://a', 'containerd://a', '', 'containerd://i']);
  });

  it('buildPod: IPv6 pod IP — ported addresses bracketed (JoinHostPort), the port-less one bare', () => {
    const g = run(sd('pod'), pod('', 'status:\n  podIP: fd00::5\n')).groups[0]!;
    expect(g.targets.map((t) => t.__address__)).toEqual(['[fd00::5]:8080', '[fd00::5]:9090', 'fd00::5', '[fd00::5]:7000']);
  });

  it('buildPod: no phase filter — a Succeeded pod with an IP is still discovered', () => {
    expect(flatten(run(sd('pod'), pod('', 'status:\n  phase: Succeeded\n  podIP: 10.1.0.5\n')).groups)).toHaveLength(4);
  });
});

const NODES = `
apiVersion: v1
kind: Node
metadata: {name: node-1, labels: {pool: a}, annotations: {note: x}}
---
apiVersion: v1
kind: Node
metadata: {name: node-2, labels: {pool: b}}
`;

describe('role pod: attach_metadata', () => {
  it('addNodeLabels (attach_metadata.node): node name, labels and (2.46+) annotations of spec.nodeName', () => {
    const cfg = sd('pod', { attach: { node: true } });
    const g3 = run(cfg, pod() + '---' + NODES).groups[0]!;
    expect(g3.labels).toMatchObject({ [`${M}node_name`]: 'node-1', [`${M}node_label_pool`]: 'a', [`${M}node_labelpresent_pool`]: 'true', [`${M}node_annotation_note`]: 'x' });
    const g2 = run(cfg, pod() + '---' + NODES, P242).groups[0]!;
    expect(g2.labels[`${M}node_label_pool`]).toBe('a');
    expect(g2.labels[`${M}node_annotation_note`]).toBeUndefined();
  });

  it('buildPod (3.11+): with attach_metadata.node, a pod whose node is not in the node store has no targets; 2.42 keeps it', () => {
    const cfg = sd('pod', { attach: { node: true }, selectors: [sel('node', 'pool=b')] });
    expect(run(cfg, pod() + '---' + NODES).groups).toEqual([]);
    expect(run(sd('pod', { attach: { node: true } }), pod()).groups).toEqual([]); // no Node object at all
    const g2 = run(sd('pod', { attach: { node: true } }), pod(), P242).groups;
    expect(g2).toHaveLength(1);
    expect(g2[0]!.labels[`${M}node_name`]).toBeUndefined();
  });

  it('SDConfig.UnmarshalYAML: node selectors on the pod role are a config error before 3.11', () => {
    const r = run(sd('pod', { selectors: [sel('node', 'pool=b')] }), pod(), P242);
    expect(r.groups).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['SD_CONFIG_INVALID', 'pod role supports only pod selectors']]);
  });

  it('addNamespaceLabels (3.6+): namespace labels and annotations at group level, no name label', () => {
    const ns = `---\napiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {team: t1}, annotations: {owner: me}}\n`;
    const cfg = sd('pod', { attach: { namespace: true } });
    const g = run(cfg, pod() + ns).groups[0]!;
    expect(g.labels).toMatchObject({ [`${M}namespace_label_team`]: 't1', [`${M}namespace_labelpresent_team`]: 'true', [`${M}namespace_annotation_owner`]: 'me', [`${M}namespace_label_kubernetes_io_metadata_name`]: 'shop' });
    expect(g.labels[`${M}namespace_name`]).toBeUndefined();
    expect(Object.keys(run(cfg, pod() + ns, P242).groups[0]!.labels).some((k) => k.startsWith(`${M}namespace_label`))).toBe(false);
  });

  it('podLabels (3.11+): deployment via the ReplicaSet object, job from the controller ref, cronjob via the Job object', () => {
    const rs = `---\napiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: web-7d9\n  namespace: shop\n  ownerReferences: [{kind: Deployment, name: web, controller: true}]\n`;
    const cfg = sd('pod', { attach: { deployment: true } });
    expect(run(cfg, pod() + rs).groups[0]!.labels[`${M}pod_deployment_name`]).toBe('web');
    expect(run(cfg, pod()).groups[0]!.labels[`${M}pod_deployment_name`]).toBeUndefined(); // ReplicaSet unknown
    expect(run(cfg, pod() + rs, P242).groups[0]!.labels[`${M}pod_deployment_name`]).toBeUndefined();
    const jobPod = pod().replace('{kind: ReplicaSet, name: web-7d9, controller: true}', '{kind: Job, name: nightly-123, controller: true}');
    const job = `---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: nightly-123\n  namespace: shop\n  ownerReferences: [{kind: CronJob, name: nightly, controller: true}]\n`;
    const both = sd('pod', { attach: { job: true, cronjob: true } });
    expect(run(both, jobPod + job).groups[0]!.labels).toMatchObject({ [`${M}pod_job_name`]: 'nightly-123', [`${M}pod_cronjob_name`]: 'nightly' });
    const jobOnly = run(sd('pod', { attach: { job: true } }), jobPod).groups[0]!.labels;
    expect(jobOnly[`${M}pod_job_name`]).toBe('nightly-123');
    expect(jobOnly[`${M}pod_cronjob_name`]).toBeUndefined();
  });
});
