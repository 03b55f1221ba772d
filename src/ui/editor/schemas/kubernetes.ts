// JSON schemas for the Kubernetes kinds the engine reads — only the fields discovery, the cluster
// simulation or the operators use, described with the meta labels they turn into. Unknown fields
// are allowed everywhere (real objects carry many more).
import { arr, bool, enumOf, int, intOrString, obj, ref, str, strList, strMap, type Schema } from './helpers.ts';

const objectMeta = obj(
  {
    name: str('Object name. Becomes `__meta_kubernetes_<role>_name`.'),
    namespace: str('Namespace (defaults to `default`). Becomes `__meta_kubernetes_namespace`.'),
    uid: str('Unique id. Pods: `__meta_kubernetes_pod_uid`.'),
    labels: strMap('Labels. Each becomes `__meta_kubernetes_<role>_label_<name>` (name sanitized) and `…_labelpresent_<name>="true"`. Values must be strings: quote numbers and booleans.'),
    annotations: strMap('Annotations. Each becomes `__meta_kubernetes_<role>_annotation_<name>` and `…_annotationpresent_<name>="true"`.'),
    ownerReferences: arr(
      obj({ apiVersion: str(), kind: str(), name: str(), uid: str(), controller: bool('The controlling owner: Pods get `__meta_kubernetes_pod_controller_kind`/`_name` from it.') }),
      'Owners of this object.',
    ),
    deletionTimestamp: str('Set while the object is being deleted.'),
  },
  'Standard object metadata.',
  { required: ['name'] },
);

const containerPort = obj(
  {
    name: str('Port name. Becomes `__meta_kubernetes_pod_container_port_name` (a ServiceMonitor `targetPort` by name matches it).'),
    containerPort: int('Declared port number. Becomes `__meta_kubernetes_pod_container_port_number`. Only DECLARED ports are discovered.'),
    protocol: enumOf(['TCP', 'UDP', 'SCTP'], 'Defaults to TCP.'),
    hostPort: int('Ignored by discovery.'),
  },
  'A port the container declares.',
  { required: ['containerPort'] },
);

const container = obj(
  {
    name: str('Container name. Becomes `__meta_kubernetes_pod_container_name`.'),
    image: str('Becomes `__meta_kubernetes_pod_container_image`.'),
    ports: arr(containerPort, 'Declared ports: the pod role makes one target per port (one port-less target when none).'),
    env: arr(obj({ name: str(), value: str('Stripped from permalinks by default.') })),
    restartPolicy: str('`Always` on an init container makes it a native sidecar.'),
  },
  'A container.',
  { required: ['name'] },
);

const podSpec = obj({
  nodeName: str('Becomes `__meta_kubernetes_pod_node_name`.'),
  hostNetwork: bool('The pod IP is the node IP.'),
  containers: arr(container),
  initContainers: arr(container, 'Discovered after the regular containers, with `__meta_kubernetes_pod_container_init="true"`.'),
  hostname: str(),
  subdomain: str(),
});

// A pod template's metadata has no name (the controller names the Pods).
const templateMeta = obj({ labels: objectMeta.properties!.labels as Schema, annotations: objectMeta.properties!.annotations as Schema }, 'Labels and annotations every Pod of the template gets.');
const podTemplate = obj({ metadata: templateMeta, spec: podSpec }, 'The pod template the simulated Pods are made from.');

const labelSelector = obj({
  matchLabels: strMap('Equality selector.'),
  matchExpressions: arr(obj({ key: str(), operator: enumOf(['In', 'NotIn', 'Exists', 'DoesNotExist']), values: strList() }, undefined, { required: ['key', 'operator'] })),
});

const workload = (kind: string, extra: Record<string, Schema> = {}): Schema =>
  obj({ metadata: objectMeta, spec: obj({ replicas: int('How many Pods the simulation makes.'), selector: labelSelector, template: podTemplate, ...extra }) }, `${kind}: the cluster simulation makes its Pods.`);

const endpointAddress = obj({
  ip: str('Becomes the host of `__address__`.'),
  hostname: str('Becomes `__meta_kubernetes_endpoint_hostname`.'),
  nodeName: str('Becomes `__meta_kubernetes_endpoint_node_name`.'),
  targetRef: obj({ kind: str('Becomes `__meta_kubernetes_endpoint_address_target_kind`.'), name: str('Becomes `__meta_kubernetes_endpoint_address_target_name`.'), namespace: str() }, 'The Pod behind the address: its labels and declared ports are attached.'),
});

export const KUBERNETES_DEFINITIONS: Record<string, Schema> = {
  objectMeta,
  labelSelector,
  Pod: obj({
    metadata: objectMeta,
    spec: podSpec,
    status: obj({
      phase: enumOf(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'], 'Becomes `__meta_kubernetes_pod_phase` (no filtering by phase).'),
      podIP: str('Without a podIP the pod has no targets at all.'),
      podIPs: arr(obj({ ip: str() })),
      hostIP: str('Becomes `__meta_kubernetes_pod_host_ip`.'),
      conditions: arr(obj({ type: str(), status: enumOf(['True', 'False', 'Unknown']) }), 'The Ready condition becomes `__meta_kubernetes_pod_ready`.'),
      containerStatuses: arr(obj({ name: str(), containerID: str('Becomes `__meta_kubernetes_pod_container_id`.'), ready: bool() })),
    }),
  }),
  Service: obj({
    metadata: objectMeta,
    spec: obj({
      type: enumOf(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'], 'Becomes `__meta_kubernetes_service_type`.'),
      clusterIP: str('Becomes `__meta_kubernetes_service_cluster_ip` ("None" for headless).'),
      externalName: str(),
      selector: strMap('Pods with these labels back the Service (the simulated Endpoints list them).'),
      ports: arr(
        obj(
          {
            name: str('Service port name: `__meta_kubernetes_service_port_name`; on endpoint targets `__meta_kubernetes_endpoint_port_name` (what a ServiceMonitor `port:` matches).'),
            port: int('Service port. The service role scrapes `<name>.<namespace>.svc:<port>`.'),
            targetPort: intOrString('Container port (number) or container port NAME (string) traffic goes to; defaults to `port`.'),
            protocol: enumOf(['TCP', 'UDP', 'SCTP']),
            nodePort: int(),
            appProtocol: str(),
          },
          undefined,
          { required: ['port'] },
        ),
      ),
      publishNotReadyAddresses: bool('Not-ready pods are listed as ready addresses.'),
      ipFamilies: strList(),
      ipFamilyPolicy: enumOf(['SingleStack', 'PreferDualStack', 'RequireDualStack']),
      loadBalancerIP: str(),
    }),
  }),
  Endpoints: obj({
    metadata: objectMeta,
    subsets: arr(
      obj({
        addresses: arr(endpointAddress, 'Ready addresses (`__meta_kubernetes_endpoint_ready="true"`).'),
        notReadyAddresses: arr(endpointAddress, 'Not-ready addresses (`__meta_kubernetes_endpoint_ready="false"`).'),
        ports: arr(obj({ name: str('The Service port name: `__meta_kubernetes_endpoint_port_name`.'), port: int('The target port number.'), protocol: enumOf(['TCP', 'UDP', 'SCTP']), appProtocol: str() })),
      }),
    ),
  }),
  EndpointSlice: obj({
    metadata: objectMeta,
    addressType: enumOf(['IPv4', 'IPv6', 'FQDN'], 'Becomes `__meta_kubernetes_endpointslice_address_type`.'),
    endpoints: arr(
      obj({
        addresses: strList(),
        conditions: obj({ ready: bool(), serving: bool(), terminating: bool() }, 'Each set condition becomes `__meta_kubernetes_endpointslice_endpoint_conditions_<name>`.'),
        hostname: str(),
        nodeName: str(),
        zone: str(),
        targetRef: obj({ kind: str(), name: str(), namespace: str() }),
      }),
    ),
    ports: arr(obj({ name: str(), port: int(), protocol: enumOf(['TCP', 'UDP', 'SCTP']), appProtocol: str() })),
  }),
  Node: obj({
    metadata: objectMeta,
    spec: obj({ providerID: str('Becomes `__meta_kubernetes_node_provider_id`.'), unschedulable: bool() }),
    status: obj({
      addresses: arr(obj({ type: enumOf(['InternalIP', 'InternalDNS', 'ExternalIP', 'ExternalDNS', 'Hostname', 'LegacyHostIP']), address: str() }), 'The first InternalIP (then InternalDNS, ExternalIP, …) is the target address.'),
      daemonEndpoints: obj({ kubeletEndpoint: obj({ Port: int('The kubelet port; the node role target uses it (0 when missing).') }) }),
      conditions: arr(obj({ type: str(), status: str() })),
    }),
  }),
  Ingress: obj({
    metadata: objectMeta,
    spec: obj({
      ingressClassName: str('Becomes `__meta_kubernetes_ingress_class_name`.'),
      rules: arr(obj({ host: str('The target address (no port).'), http: obj({ paths: arr(obj({ path: str(), pathType: str(), backend: { type: 'object' } })) }) })),
      tls: arr(obj({ hosts: strList('Rule hosts listed here are scraped over https (`__meta_kubernetes_ingress_scheme`).'), secretName: str() })),
    }),
  }),
  Namespace: obj({ metadata: objectMeta }),
  Deployment: workload('Deployment', { strategy: { type: 'object' } }),
  StatefulSet: workload('StatefulSet', { serviceName: str('The governing headless Service.') }),
  DaemonSet: workload('DaemonSet'),
  ReplicaSet: workload('ReplicaSet'),
  Job: workload('Job', { completions: int(), parallelism: int() }),
  CronJob: obj({ metadata: objectMeta, spec: obj({ schedule: str(), jobTemplate: obj({ spec: obj({ template: podTemplate }) }) }) }),
  Secret: obj({
    metadata: objectMeta,
    type: str(),
    data: strMap('Base64 values. Never kept by the engine; stripped from permalinks by default.'),
    stringData: strMap('Plain values. Never kept by the engine; stripped from permalinks by default.'),
  }),
  ConfigMap: obj({ metadata: objectMeta, data: strMap('Values.') }),
};

export const KUBERNETES_API_VERSIONS: Record<string, string[]> = {
  Pod: ['v1'],
  Service: ['v1'],
  Endpoints: ['v1'],
  Node: ['v1'],
  Namespace: ['v1'],
  Secret: ['v1'],
  ConfigMap: ['v1'],
  EndpointSlice: ['discovery.k8s.io/v1'],
  Ingress: ['networking.k8s.io/v1'],
  Deployment: ['apps/v1'],
  StatefulSet: ['apps/v1'],
  DaemonSet: ['apps/v1'],
  ReplicaSet: ['apps/v1'],
  Job: ['batch/v1'],
  CronJob: ['batch/v1'],
};

export { ref };
