// Workload controllers: what each makes of a pasted workload, and that nothing is invented over objects the input
// already has. Each test names the Kubernetes code it follows.
import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod } from '../../src/engine/ingest/kinds.ts';
import { added, deployment, node, objs, pod, pods, service, sim, workload } from './helpers.ts';

const c = [{ name: 'app', image: 'app:1', ports: [{ name: 'http', containerPort: 8080 }] }];
const names = (ps: KubeObject[]) => ps.map((p) => p.metadata.name);
const owner = (p: KubeObject) => p.metadata.ownerReferences?.[0];

describe('Deployment → ReplicaSet (pkg/controller/deployment/sync.go getNewReplicaSet)', () => {
  it('names the ReplicaSet <deployment>-<pod-template-hash> and adds the hash to labels, selector and template', () => {
    const r = sim([deployment('web', { app: 'web' }, c, { replicas: 3 })]);
    const [rs] = objs<KubeObject & { spec: any }>(r, 'ReplicaSet');
    const hash = rs!.metadata.labels!['pod-template-hash']!;
    expect(rs!.metadata.name).toBe(`web-${hash}`);
    expect(rs!.spec.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs!.spec.template.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs!.metadata.annotations).toEqual({
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4', // replicas + maxSurge 25% rounded up
      'deployment.kubernetes.io/revision': '1',
    });
    expect(owner(rs!)).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', controller: true, blockOwnerDeletion: true });
    expect(pods(r)).toHaveLength(3);
    expect(pods(r).every((p) => p.metadata.labels!['pod-template-hash'] === hash && owner(p)!.name === rs!.metadata.name)).toBe(true);
  });

  it('the hash follows the template: a changed template gives another ReplicaSet name (controller.ComputeHash)', () => {
    const a = sim([deployment('web', { app: 'web' }, c)]);
    const b = sim([deployment('web', { app: 'web' }, [{ ...c[0], image: 'app:2' }])]);
    expect(names(objs(a, 'ReplicaSet'))).not.toEqual(names(objs(b, 'ReplicaSet')));
  });

  it.each([
    ['replicas defaults to 1 (apps/v1 SetDefaults_Deployment)', {}, 1],
    ['replicas: 0 makes a ReplicaSet but no Pods (manageReplicas with diff 0)', { replicas: 0 }, 0],
  ])('%s', (_n, spec, count) => {
    const r = sim([deployment('web', { app: 'web' }, c, spec)]);
    expect(objs(r, 'ReplicaSet')).toHaveLength(1);
    expect(pods(r)).toHaveLength(count);
  });

  it('a paused Deployment creates no ReplicaSet (sync() with createIfNotExisted=false)', () => {
    const r = sim([deployment('web', { app: 'web' }, c, { paused: true })]);
    expect(objs(r, 'ReplicaSet')).toEqual([]);
    expect(r.diagnostics.some((d) => /paused/.test(d.message))).toBe(true);
  });

  it('uses a ReplicaSet from the input instead of making one; the RS controller makes its Pods', () => {
    const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-abc', labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd1', controller: true }] }, spec: { replicas: 2, template: { metadata: { labels: { app: 'web' } }, spec: { containers: c } } } };
    const r = sim([deployment('web', { app: 'web' }, c), rs]);
    expect(added(r, 'ReplicaSet')).toEqual([]);
    expect(pods(r).map((p) => owner(p)!.name)).toEqual(['web-abc', 'web-abc']);
    expect(added(r, 'Pod')[0]!.origin.simulated).toMatchObject({ controller: 'replicaset-controller', kind: 'ReplicaSet', name: 'web-abc' });
  });

  it('with Pods but no ReplicaSet in the input: makes the ReplicaSet the Pods name (so pod → deployment resolves), no Pods', () => {
    const p = pod('web-7d9f8c-abcde', { app: 'web', 'pod-template-hash': '7d9f8c' }, { ip: '10.1.0.5' });
    (p.metadata as any).ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d9f8c', uid: 'rs-uid', controller: true }];
    const r = sim([deployment('web', { app: 'web' }, c), p]);
    expect(names(added(r, 'ReplicaSet').map((o) => o.obj))).toEqual(['web-7d9f8c']);
    expect(added(r, 'ReplicaSet')[0]!.obj.metadata.uid).toBe('rs-uid');
    expect(added(r, 'Pod')).toEqual([]);
  });
});

describe('ReplicaSet → Pods (pkg/controller/replicaset manageReplicas)', () => {
  it('makes spec.replicas Pods <rs>-<5 chars>, owned by the ReplicaSet, unless the input holds Pods it owns', () => {
    const rs = workload('ReplicaSet', 'cache', { app: 'cache' }, c, { replicas: 2 });
    const r = sim([rs]);
    expect(pods(r)).toHaveLength(2);
    expect(names(pods(r)).every((n) => /^cache-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(n))).toBe(true);
    const mine = pod('cache-zzzzz', { app: 'cache' }, { ip: '10.1.0.9' });
    (mine.metadata as any).ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'cache', controller: true }];
    expect(names(pods(sim([rs, mine])))).toEqual(['cache-zzzzz']);
  });
});

describe('StatefulSet → Pods (pkg/controller/statefulset/stateful_set_utils.go newVersionedStatefulSetPod)', () => {
  it('names Pods <set>-0…n-1 with hostname = name, subdomain = serviceName and the identity labels', () => {
    const r = sim([workload('StatefulSet', 'db', { app: 'db' }, c, { replicas: 3, serviceName: 'db-headless' })]);
    expect(names(pods(r))).toEqual(['db-0', 'db-1', 'db-2']);
    const p = pods(r)[1]!;
    expect(p.spec).toMatchObject({ hostname: 'db-1', subdomain: 'db-headless' });
    expect(p.metadata.labels).toMatchObject({ app: 'db', 'statefulset.kubernetes.io/pod-name': 'db-1', 'apps.kubernetes.io/pod-index': '1' });
    expect(p.metadata.labels!['controller-revision-hash']).toMatch(/^db-[4-9bcdf]+$/);
    expect(owner(p)).toMatchObject({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', controller: true, blockOwnerDeletion: true });
  });

  it('starts at spec.ordinals.start (StatefulSetStartOrdinal)', () => {
    expect(names(pods(sim([workload('StatefulSet', 'db', { app: 'db' }, c, { replicas: 2, ordinals: { start: 5 } })])))).toEqual(['db-5', 'db-6']);
  });
});

describe('DaemonSet → one Pod per eligible Node (pkg/controller/daemon NodeShouldRunDaemonPod)', () => {
  const nodes = [
    node('n1', '10.0.0.1', { labels: { disk: 'ssd' } }),
    node('n2', '10.0.0.2', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }),
    node('n3', '10.0.0.3', { taints: [{ key: 'soft', effect: 'PreferNoSchedule' }] }),
    node('n4', '10.0.0.4', { unschedulable: true }),
    node('cp', '10.0.0.9', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }),
  ];
  const onNodes = (r: ReturnType<typeof sim>) => pods(r).map((p) => p.spec!.nodeName);

  it.each([
    ['untolerated NoSchedule taints block; PreferNoSchedule does not; cordoned nodes are tolerated by daemon pods', {}, ['n1', 'n3', 'n4']],
    ['a toleration lets it on the tainted node', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] }, ['n1', 'n2', 'n3', 'n4']],
    ['operator Exists without key tolerates every taint', { tolerations: [{ operator: 'Exists' }] }, ['n1', 'n2', 'n3', 'n4', 'cp']],
    ['nodeSelector limits it to matching nodes', { nodeSelector: { disk: 'ssd' } }, ['n1']],
    [
      'required node affinity limits it too',
      { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['n3', 'n4'] }] }] } } } },
      ['n3', 'n4'],
    ],
  ])('%s', (_n, podSpec, expected) => {
    const r = sim([...nodes, workload('DaemonSet', 'agent', { app: 'agent' }, c, {}, podSpec)]);
    expect(onNodes(r)).toEqual(expected);
  });

  it('pins each Pod to its node and adds the daemon tolerations (util.ReplaceDaemonSetPodNodeNameNodeAffinity, AddOrUpdateDaemonPodTolerations)', () => {
    const p = pods(sim([node('n1', '10.0.0.1'), workload('DaemonSet', 'agent', { app: 'agent' }, c)]))[0]!;
    expect((p.spec as any).affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }]);
    expect(p.spec!.tolerations!.map((t) => t.key)).toContain('node.kubernetes.io/unschedulable');
    expect(p.metadata.labels).toMatchObject({ app: 'agent', 'pod-template-generation': '1' });
  });

  it('with no Nodes in the input, one synthesized node-1 (marked simulated) gets the Pod', () => {
    const r = sim([workload('DaemonSet', 'agent', { app: 'agent' }, c, {}, { nodeSelector: { 'cloud.example.com/pool': 'x' } })]);
    expect(onNodes(r)).toEqual(['node-1']);
    const n = added(r, 'Node')[0]!;
    expect(n.origin.simulated?.controller).toBe('kubelet');
    expect((n.obj as any).status).toMatchObject({ addresses: [{ type: 'InternalIP', address: '10.0.0.1' }, { type: 'Hostname', address: 'node-1' }], daemonEndpoints: { kubeletEndpoint: { Port: 10250 } } });
  });
});

describe('Job and CronJob (pkg/controller/job manageJob; pkg/controller/cronjob getJobFromTemplate2)', () => {
  it.each([
    ['one Pod by default', {}, 1],
    ['min(parallelism, completions) active Pods', { parallelism: 3, completions: 2 }, 2],
    ['a work queue (no completions) runs parallelism Pods', { parallelism: 4 }, 4],
    ['a suspended Job runs none', { suspend: true, parallelism: 2 }, 0],
  ])('%s', (_n, spec, count) => {
    expect(pods(sim([workload('Job', 'migrate', { app: 'migrate' }, c, spec)]))).toHaveLength(count);
  });

  it('labels Pods with job-name/controller-uid and owns them with a batch/v1 ref (registry/batch/job generateSelector)', () => {
    const r = sim([workload('Job', 'migrate', { app: 'migrate' }, c)]);
    const p = pods(r)[0]!;
    expect(p.metadata.name).toMatch(/^migrate-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(p.metadata.labels).toMatchObject({ 'batch.kubernetes.io/job-name': 'migrate', 'job-name': 'migrate', app: 'migrate' });
    expect(p.metadata.labels!['controller-uid']).toBe(p.metadata.labels!['batch.kubernetes.io/controller-uid']);
    expect(owner(p)).toMatchObject({ apiVersion: 'batch/v1', kind: 'Job', name: 'migrate', controller: true, blockOwnerDeletion: true });
    expect(p.status!.phase).toBe('Running');
  });

  it('Indexed Jobs name Pods <job>-<index>-<5 chars> with the completion index and hostname', () => {
    const r = sim([workload('Job', 'shard', { app: 'shard' }, c, { completionMode: 'Indexed', completions: 2, parallelism: 2 })]);
    expect(pods(r).map((p) => p.metadata.annotations!['batch.kubernetes.io/job-completion-index'])).toEqual(['0', '1']);
    expect(pods(r)[1]!.metadata.name).toMatch(/^shard-1-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pods(r)[1]!.spec!.hostname).toBe('shard-1');
  });

  it('a CronJob gets the Job of its last run, <cronjob>-<minutes>, whose Pod has Succeeded', () => {
    const cj = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'backup' }, spec: { schedule: '*/5 * * * *', jobTemplate: { metadata: { labels: { team: 'ops' } }, spec: { template: { metadata: { labels: { app: 'backup' } }, spec: { containers: c, restartPolicy: 'OnFailure' } } } } } };
    const r = sim([cj]);
    const [job] = added(r, 'Job').map((o) => o.obj);
    expect(job!.metadata.name).toBe('backup-28401120');
    expect(owner(job!)).toMatchObject({ apiVersion: 'batch/v1', kind: 'CronJob', name: 'backup', controller: true });
    expect(job!.metadata.labels).toEqual({ team: 'ops' });
    const p = pods(r)[0]!;
    expect(owner(p)!.name).toBe('backup-28401120');
    expect(p.status).toMatchObject({ phase: 'Succeeded', podIP: expect.any(String) });
    expect(p.status!.conditions!.find((x) => x.type === 'Ready')!.status).toBe('False');
    expect(added(r, 'Pod')[0]!.origin.simulated).toMatchObject({ controller: 'job-controller', kind: 'CronJob', name: 'backup' });
    // suspended → nothing; a Job of its own in the input → nothing new
    expect(pods(sim([{ ...cj, spec: { ...cj.spec, suspend: true } }]))).toEqual([]);
    const own = { ...workload('Job', 'backup-1', { app: 'backup' }, c), metadata: { name: 'backup-1', ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'backup', controller: true }] } };
    expect(names(added(sim([cj, own]), 'Job').map((o) => o.obj))).toEqual([]);
  });
});

describe('scheduling and pod networking', () => {
  it('spreads replicas round-robin over the nodes that fit, with pod IPs from each node’s pod CIDR', () => {
    const r = sim([node('a', '10.0.0.1'), node('b', '10.0.0.2', { podCIDR: '10.200.7.0/24' }), deployment('web', { app: 'web' }, c, { replicas: 3 })]);
    expect(pods(r).map((p) => `${p.spec!.nodeName} ${p.status!.hostIP} ${p.status!.podIP}`)).toEqual(['a 10.0.0.1 10.244.0.2', 'b 10.0.0.2 10.200.7.2', 'a 10.0.0.1 10.244.0.3']);
  });

  it('skips pod IPs the input already uses', () => {
    const r = sim([node('a', '10.0.0.1'), pod('x', { app: 'x' }, { ip: '10.244.0.2', node: 'a' }), deployment('web', { app: 'web' }, c)]);
    expect(pods(r).find((p) => p.metadata.name !== 'x')!.status!.podIP).toBe('10.244.0.3');
  });

  it('a hostNetwork Pod’s podIP is its node’s IP', () => {
    const r = sim([node('a', '10.0.0.7'), workload('DaemonSet', 'exporter', { app: 'x' }, c, {}, { hostNetwork: true })]);
    expect(pods(r)[0]!.status).toMatchObject({ podIP: '10.0.0.7', hostIP: '10.0.0.7' });
  });

  it('a template with spec.nodeName skips the scheduler and runs there', () => {
    const r = sim([node('a', '10.0.0.1'), node('b', '10.0.0.2'), deployment('web', { app: 'web' }, c, { replicas: 2, template: { metadata: { labels: { app: 'web' } }, spec: { nodeName: 'b', containers: c } } })]);
    expect(pods(r).map((p) => p.spec!.nodeName)).toEqual(['b', 'b']);
  });

  it('no node fits → the Pod stays Pending, unscheduled and without IP (scheduler: 0/N nodes are available)', () => {
    const r = sim([node('a', '10.0.0.1', { taints: [{ key: 'k', effect: 'NoExecute' }] }), deployment('web', { app: 'web' }, c)]);
    const p = pods(r)[0] as Pod;
    expect(p.status!.phase).toBe('Pending');
    expect(p.status!.podIP).toBeUndefined();
    expect(p.spec!.nodeName).toBeUndefined();
    expect(p.status!.conditions).toEqual([expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' })]);
  });
});

describe('the simulation is a pure function of its input', () => {
  const input = () => [
    node('a', '10.0.0.1'),
    deployment('web', { app: 'web' }, c, { replicas: 2 }),
    workload('StatefulSet', 'db', { app: 'db' }, c, { replicas: 2, serviceName: 'db' }),
    workload('DaemonSet', 'agent', { app: 'agent' }, c),
    service('web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 'http' }]),
    service('db', { app: 'db' }, [{ port: 8080 }], { clusterIP: 'None' }),
  ];

  it('same input → same output, object for object (permalinks reproduce)', () => {
    const dump = (r: ReturnType<typeof sim>) => JSON.stringify({ objs: r.store.all().map((o) => [o.obj, o.origin]), d: r.diagnostics });
    expect(dump(sim(input()))).toBe(dump(sim(input())));
  });

  it('never mutates the input store', () => {
    const r = sim(input());
    const before = JSON.stringify(r.input.all().map((o) => o.obj));
    const again = sim(input());
    expect(JSON.stringify(again.input.all().map((o) => o.obj))).toBe(before);
    expect(r.input.list('Pod')).toEqual([]);
    expect(r.input.get<any>('Service', 'default', 'web')!.obj.spec.clusterIP).toBeUndefined();
  });
});
