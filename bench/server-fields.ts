// The fields a real API server adds to the objects of generate.ts, for a second benchmark dump shaped like
// `kubectl get pods,svc,endpoints,endpointslices,nodes -A -o json` of a live cluster: timestamps and resource
// versions on every object, and managedFields unless `{ managedFields: false }` (kubectl 1.21+ hides them unless
// asked with --show-managed-fields; the API server itself, e.g. through curl, returns them); on Pods the defaults the API server fills in (dnsPolicy, tolerations, the
// service-account token volume, …), resources, env, probes, and the kubelet's status (five conditions,
// containerStatuses); on Nodes capacity, nodeInfo, images and heartbeats.
//
// Why a second shape: the ratio goal divides the engine's time by JSON.parse's, and JSON.parse's time follows
// the bytes. generate.ts writes ~950 bytes per Pod, a real Pod of this shape is several KiB, while discovery reads the
// same fields either way. Deterministic, and it never changes a field generate.ts wrote (the targets' states stay
// those of the compact dump; the labels gain what real objects give, e.g. container ids).

type Obj = Record<string, unknown>;

const TIME = '2026-11-02T08:14:';
/** A timestamp a few seconds apart per object (the same text for the same index). */
const ts = (i: number, s = 0): string => `${TIME}${String((i + s) % 60).padStart(2, '0')}Z`;
/** 64 hex digits from a number (container ids, image digests). */
const hex64 = (n: number): string => (n >>> 0).toString(16).padStart(8, '0').repeat(8);

/** A managedFields entry; `fields` is the FieldsV1 tree the manager owns. */
function managed(manager: string, time: string, fields: Obj, subresource?: string): Obj {
  return { apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: fields, manager, operation: 'Update', ...(subresource ? { subresource } : {}), time };
}

/** The FieldsV1 set of a map's keys: {"f:a": {}, …} with "." for the map itself. */
function keysSet(o: unknown): Obj {
  const out: Obj = { '.': {} };
  for (const k of Object.keys((o ?? {}) as Obj)) out[`f:${k}`] = {};
  return out;
}

function withMeta(o: Obj, i: number, extra: Obj = {}): Obj {
  const meta = o.metadata as Obj;
  return {
    ...o,
    metadata: {
      ...extra,
      creationTimestamp: ts(i),
      resourceVersion: String(100000 + i * 7),
      uid: (meta.uid as string | undefined) ?? `${(i * 2654435761).toString(16).padStart(8, '0').slice(-8)}-1b2c-4d5e-8f90-${i.toString(16).padStart(12, '0')}`,
      ...meta,
    },
  };
}

function pod(o: Obj, i: number): Obj {
  const meta = o.metadata as Obj;
  const spec = o.spec as { containers: Obj[] } & Obj;
  const status = o.status as { conditions: Obj[] } & Obj;
  const ready = status.conditions.find((c) => c.type === 'Ready')?.status === 'True';
  const volume = `kube-api-access-${(i * 40503).toString(36).slice(-5).padStart(5, 'q')}`;
  const containers: Obj[] = spec.containers.map((c, ci) => ({
    ...c,
    imagePullPolicy: 'IfNotPresent',
    resources: ci === 0 ? { limits: { cpu: '1', memory: '512Mi' }, requests: { cpu: '100m', memory: '128Mi' } } : { limits: { memory: '128Mi' }, requests: { cpu: '10m', memory: '64Mi' } },
    env: [
      { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } } },
      { name: 'LOG_LEVEL', value: 'info' },
    ],
    ...(ci === 0 ? { readinessProbe: { failureThreshold: 3, httpGet: { path: '/ready', port: 8080, scheme: 'HTTP' }, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 } } : {}),
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    volumeMounts: [{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: volume, readOnly: true }],
  }));
  const containerFields: Obj = {};
  for (const c of containers) {
    const ports: Obj = { '.': {} };
    for (const p of (c.ports ?? []) as Obj[]) ports[`k:{"containerPort":${p.containerPort as number},"protocol":"TCP"}`] = { '.': {}, 'f:containerPort': {}, 'f:name': {}, 'f:protocol': {} };
    containerFields[`k:{"name":"${c.name as string}"}`] = { '.': {}, 'f:env': {}, 'f:image': {}, 'f:imagePullPolicy': {}, 'f:name': {}, 'f:ports': ports, 'f:resources': {}, 'f:terminationMessagePath': {}, 'f:terminationMessagePolicy': {} };
  }
  const conditionFields: Obj = {};
  const conditions = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type, k) => {
    const given = status.conditions.find((c) => c.type === type);
    conditionFields[`k:{"type":"${type}"}`] = { '.': {}, 'f:lastProbeTime': {}, 'f:lastTransitionTime': {}, 'f:status': {}, 'f:type': {} };
    return { lastProbeTime: null, lastTransitionTime: ts(i, k + 3), ...(given ?? { status: type === 'ContainersReady' ? (ready ? 'True' : 'False') : 'True' }), type };
  });
  const withM = withMeta(o, i, {
    generateName: (meta.name as string).replace(/[^-]+$/, ''),
    managedFields: [
      managed('kube-controller-manager', ts(i), {
        'f:metadata': { 'f:generateName': {}, 'f:labels': keysSet(meta.labels), 'f:annotations': keysSet(meta.annotations), 'f:ownerReferences': { '.': {}, [`k:{"uid":"${(meta.ownerReferences as Obj[])[0]?.uid as string}"}`]: {} } },
        'f:spec': { 'f:containers': containerFields, 'f:dnsPolicy': {}, 'f:enableServiceLinks': {}, 'f:restartPolicy': {}, 'f:schedulerName': {}, 'f:securityContext': {}, 'f:terminationGracePeriodSeconds': {} },
      }),
      managed('kubelet', ts(i, 9), { 'f:status': { 'f:conditions': conditionFields, 'f:containerStatuses': {}, 'f:hostIP': {}, 'f:hostIPs': {}, 'f:phase': {}, 'f:podIP': {}, 'f:podIPs': { '.': {}, [`k:{"ip":"${status.podIP as string}"}`]: { '.': {}, 'f:ip': {} } }, 'f:startTime': {} } }, 'status'),
    ],
  });
  (withM.metadata as Obj).ownerReferences = (meta.ownerReferences as Obj[]).map((r) => ({ ...r, blockOwnerDeletion: true }));
  return {
    ...withM,
    spec: {
      ...spec,
      containers,
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccount: 'default',
      serviceAccountName: 'default',
      terminationGracePeriodSeconds: 30,
      tolerations: [
        { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
        { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
      ],
      volumes: [
        {
          name: volume,
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
              { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
            ],
          },
        },
      ],
    },
    status: {
      ...status,
      conditions,
      containerStatuses: containers.map((c, ci) => ({
        containerID: `containerd://${hex64(i * 3 + ci + 1)}`,
        image: c.image,
        imageID: `${(c.image as string).replace(/:.*$/, '')}@sha256:${hex64(ci + 77)}`,
        lastState: {},
        name: c.name,
        ready,
        restartCount: 0,
        started: true,
        state: { running: { startedAt: ts(i, 5) } },
      })),
      hostIPs: [{ ip: status.hostIP }],
      podIPs: [{ ip: status.podIP }],
      qosClass: 'Burstable',
      startTime: ts(i, 2),
    },
  };
}

function service(o: Obj, i: number): Obj {
  const meta = o.metadata as Obj;
  const spec = o.spec as Obj;
  return {
    ...withMeta(o, i, {
      managedFields: [managed('kubectl-client-side-apply', ts(i), { 'f:metadata': { 'f:annotations': keysSet(meta.annotations), 'f:labels': keysSet(meta.labels) }, 'f:spec': { 'f:internalTrafficPolicy': {}, 'f:ports': {}, 'f:selector': {}, 'f:sessionAffinity': {}, 'f:type': {} } })],
    }),
    spec: { ...spec, clusterIPs: [spec.clusterIP], internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', sessionAffinity: 'None' },
    status: { loadBalancer: {} },
  };
}

function endpoints(o: Obj, i: number): Obj {
  return withMeta(o, i, {
    annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': ts(i, 7) },
    managedFields: [managed('kube-controller-manager', ts(i, 7), { 'f:metadata': { 'f:annotations': { '.': {}, 'f:endpoints.kubernetes.io/last-change-trigger-time': {} }, 'f:labels': keysSet((o.metadata as Obj).labels) }, 'f:subsets': {} })],
  });
}

function endpointSlice(o: Obj, i: number): Obj {
  const meta = o.metadata as Obj;
  const service = (meta.labels as Obj)['kubernetes.io/service-name'] as string;
  return withMeta(o, i, {
    annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': ts(i, 7) },
    generateName: `${service}-`,
    generation: 3,
    ownerReferences: [{ apiVersion: 'v1', blockOwnerDeletion: true, controller: true, kind: 'Service', name: service, uid: `svc-${i}` }],
    managedFields: [managed('kube-controller-manager', ts(i, 7), { 'f:addressType': {}, 'f:endpoints': {}, 'f:metadata': { 'f:annotations': { '.': {}, 'f:endpoints.kubernetes.io/last-change-trigger-time': {} }, 'f:generateName': {}, 'f:labels': keysSet(meta.labels), 'f:ownerReferences': {} }, 'f:ports': {} })],
  });
}

function node(o: Obj, i: number): Obj {
  const meta = o.metadata as Obj;
  const status = o.status as Obj;
  const images = Array.from({ length: 12 }, (_, k) => ({ names: [`registry.example/image-${k}@sha256:${hex64(k + 900)}`, `registry.example/image-${k}:1.${k}`], sizeBytes: 10_000_000 + k * 1_234_567 }));
  const m = withMeta(o, i, {
    annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    managedFields: [managed('kubelet', ts(i), { 'f:metadata': { 'f:labels': keysSet(meta.labels) }, 'f:status': { 'f:conditions': {}, 'f:images': {}, 'f:nodeInfo': {} } }, 'status')],
  });
  return {
    ...m,
    metadata: {
      ...(m.metadata as Obj),
      labels: { 'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'kubernetes.io/os': 'linux', 'node.kubernetes.io/instance-type': 'm5.xlarge', ...(meta.labels as Obj) },
    },
    status: {
      ...status,
      allocatable: { cpu: '3920m', 'ephemeral-storage': '95551679124', memory: '15214860Ki', pods: '110' },
      capacity: { cpu: '4', 'ephemeral-storage': '103680000Ki', memory: '16069388Ki', pods: '110' },
      conditions: ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map((type, k) => ({
        lastHeartbeatTime: ts(i, 30 + k),
        lastTransitionTime: ts(i, k),
        message: type === 'Ready' ? 'kubelet is posting ready status' : `kubelet has no ${type.toLowerCase()}`,
        reason: type === 'Ready' ? 'KubeletReady' : `KubeletHasNo${type}`,
        status: type === 'Ready' ? 'True' : 'False',
        type,
      })),
      images,
      nodeInfo: { architecture: 'amd64', bootID: hex64(i + 5).slice(0, 36), containerRuntimeVersion: 'containerd://1.7.22', kernelVersion: '6.1.0-25-amd64', kubeProxyVersion: 'v1.31.2', kubeletVersion: 'v1.31.2', machineID: hex64(i + 6).slice(0, 32), operatingSystem: 'linux', osImage: 'Debian GNU/Linux 12 (bookworm)', systemUUID: hex64(i + 7).slice(0, 36) },
    },
  };
}

const BY_KIND: Record<string, (o: Obj, i: number) => Obj> = { Pod: pod, Service: service, Endpoints: endpoints, EndpointSlice: endpointSlice, Node: node };

/** The objects as a live API server returns them (see the top of this file). */
export function withServerFields(objects: Obj[], opts: { managedFields?: boolean } = {}): Obj[] {
  const out = objects.map((o, i) => BY_KIND[o.kind as string]?.(o, i) ?? o);
  if (opts.managedFields !== false) return out;
  return out.map((o) => {
    const { managedFields: _, ...metadata } = o.metadata as Obj;
    return { ...o, metadata };
  });
}
