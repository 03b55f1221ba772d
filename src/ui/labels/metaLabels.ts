// Where each `__meta_kubernetes_*` label comes from: which field of which object, for which
// roles. Written from /work/shared/reference/prometheus.md §2 and §4 (Prometheus v3.14.0,
// discovery/kubernetes/*.go); used by the hover on label names in the result panes and by the
// editor's hover on label names inside a scrape config.
// Labels whose value is empty never reach the discovered labels (Prometheus deletes them).

export interface MetaLabelInfo {
  /** The label name pattern, e.g. `__meta_kubernetes_pod_label_<name>`. */
  pattern: string;
  /** Where the value comes from, in words: "Pod `status.podIP`". */
  from: string;
  /** Roles that emit it. */
  roles: string;
  /** Anything surprising about it. */
  note?: string;
  since?: string;
}

const OBJ_ROLES: Record<string, { kind: string; roles: string }> = {
  pod: { kind: 'Pod', roles: 'pod; endpoints and endpointslice (for endpoints backed by a known Pod)' },
  node: { kind: 'Node', roles: 'node; pod/endpoints/endpointslice with attach_metadata.node' },
  service: { kind: 'Service', roles: 'service; endpoints and endpointslice (the Service with the same name)' },
  endpoints: { kind: 'Endpoints', roles: 'endpoints' },
  endpointslice: { kind: 'EndpointSlice', roles: 'endpointslice' },
  ingress: { kind: 'Ingress', roles: 'ingress' },
  namespace: { kind: 'Namespace', roles: 'every namespaced role, with attach_metadata.namespace (3.6+)' },
};

const SANITIZED = 'every character other than [a-zA-Z0-9_] in the key becomes "_" (app.kubernetes.io/name → app_kubernetes_io_name)';

/** Fixed names. */
const FIXED: Record<string, Omit<MetaLabelInfo, 'pattern'>> = {
  __meta_kubernetes_namespace: { from: 'the object\'s `metadata.namespace`', roles: 'pod, service, endpoints, endpointslice, ingress' },
  // pod
  __meta_kubernetes_pod_name: { from: 'Pod `metadata.name`', roles: 'pod; endpoints/endpointslice backed by a Pod' },
  __meta_kubernetes_pod_ip: { from: 'Pod `status.podIP`', roles: 'pod; endpoints/endpointslice backed by a Pod', note: 'a pod without podIP gives no targets at all' },
  __meta_kubernetes_pod_ready: { from: 'Pod `status.conditions[type=Ready].status`, lowercased', roles: 'pod; endpoints/endpointslice backed by a Pod', note: '"unknown" when the pod has no Ready condition' },
  __meta_kubernetes_pod_phase: { from: 'Pod `status.phase`', roles: 'pod; endpoints/endpointslice backed by a Pod', note: 'discovery does not filter on phase: Succeeded/Failed pods with an IP are targets too' },
  __meta_kubernetes_pod_node_name: { from: 'Pod `spec.nodeName`', roles: 'pod; endpoints/endpointslice backed by a Pod' },
  __meta_kubernetes_pod_host_ip: { from: 'Pod `status.hostIP`', roles: 'pod; endpoints/endpointslice backed by a Pod' },
  __meta_kubernetes_pod_uid: { from: 'Pod `metadata.uid`', roles: 'pod; endpoints/endpointslice backed by a Pod' },
  __meta_kubernetes_pod_controller_kind: { from: 'Pod `metadata.ownerReferences[controller=true].kind` (the first controller reference)', roles: 'pod; endpoints/endpointslice backed by a Pod' },
  __meta_kubernetes_pod_controller_name: { from: 'Pod `metadata.ownerReferences[controller=true].name`', roles: 'pod; endpoints/endpointslice backed by a Pod', note: 'for a Deployment this is the ReplicaSet name, not the Deployment' },
  __meta_kubernetes_pod_deployment_name: { from: 'the Deployment that owns the Pod\'s ReplicaSet (`ownerReferences` of the ReplicaSet object)', roles: 'pod, endpoints, endpointslice with attach_metadata.deployment', since: '3.11' },
  __meta_kubernetes_pod_job_name: { from: 'Pod controller reference of kind Job', roles: 'pod, endpoints, endpointslice with attach_metadata.job', since: '3.11' },
  __meta_kubernetes_pod_cronjob_name: { from: 'the CronJob that owns the Pod\'s Job', roles: 'pod, endpoints, endpointslice with attach_metadata.cronjob', since: '3.11' },
  __meta_kubernetes_pod_container_name: { from: 'the container (`spec.containers[].name` / `spec.initContainers[].name`) of this target\'s port', roles: 'pod; endpoints/endpointslice when a container declares the endpoint port', note: 'absent on endpoint targets whose port no container declares' },
  __meta_kubernetes_pod_container_image: { from: 'the container\'s `image`', roles: 'pod; endpoints/endpointslice when a container declares the endpoint port' },
  __meta_kubernetes_pod_container_id: { from: 'Pod `status.containerStatuses[name=…].containerID`', roles: 'pod' },
  __meta_kubernetes_pod_container_init: { from: '"true" for targets from `spec.initContainers`, else "false"', roles: 'pod; endpoints/endpointslice' },
  __meta_kubernetes_pod_container_port_number: { from: 'the container port\'s `containerPort`', roles: 'pod; endpoints/endpointslice when a container DECLARES the endpoint port', note: 'only declared ports count: a port the app listens on but the pod spec does not declare never appears here (the founding case)' },
  __meta_kubernetes_pod_container_port_name: { from: 'the container port\'s `name`', roles: 'pod; endpoints/endpointslice when a container declares the endpoint port', note: 'this is the CONTAINER port name (a ServiceMonitor `targetPort`), not the Service port name' },
  __meta_kubernetes_pod_container_port_protocol: { from: 'the port\'s `protocol` (TCP when unset)', roles: 'pod; endpoints/endpointslice', note: 'on the endpoints role: the endpoint port\'s protocol' },
  // node
  __meta_kubernetes_node_name: { from: 'Node `metadata.name`', roles: 'node; pod/endpoints/endpointslice with attach_metadata.node' },
  __meta_kubernetes_node_provider_id: { from: 'Node `spec.providerID`', roles: 'node' },
  // service
  __meta_kubernetes_service_name: { from: 'Service `metadata.name`', roles: 'service; endpoints/endpointslice (only when the Service object exists)' },
  __meta_kubernetes_service_port_name: { from: 'Service `spec.ports[].name`', roles: 'service', note: 'on the endpoints role the Service port name arrives as __meta_kubernetes_endpoint_port_name' },
  __meta_kubernetes_service_port_number: { from: 'Service `spec.ports[].port`', roles: 'service', note: 'vmagent 1.79 does not set it' },
  __meta_kubernetes_service_port_protocol: { from: 'Service `spec.ports[].protocol`', roles: 'service' },
  __meta_kubernetes_service_type: { from: 'Service `spec.type`', roles: 'service' },
  __meta_kubernetes_service_cluster_ip: { from: 'Service `spec.clusterIP`', roles: 'service', note: '"None" for headless services; absent for ExternalName' },
  __meta_kubernetes_service_external_name: { from: 'Service `spec.externalName`', roles: 'service (type ExternalName only)' },
  __meta_kubernetes_service_loadbalancer_ip: { from: 'Service `spec.loadBalancerIP`', roles: 'service (type LoadBalancer only)' },
  // endpoints
  __meta_kubernetes_endpoints_name: { from: 'Endpoints `metadata.name`', roles: 'endpoints' },
  __meta_kubernetes_endpoint_ready: { from: '"true" for `subsets[].addresses`, "false" for `subsets[].notReadyAddresses`', roles: 'endpoints' },
  __meta_kubernetes_endpoint_port_name: { from: 'Endpoints `subsets[].ports[].name` — the SERVICE port name', roles: 'endpoints', note: 'a ServiceMonitor `port:` matches this one' },
  __meta_kubernetes_endpoint_port_protocol: { from: 'Endpoints `subsets[].ports[].protocol`', roles: 'endpoints' },
  __meta_kubernetes_endpoint_address_target_kind: { from: 'Endpoints address `targetRef.kind`', roles: 'endpoints' },
  __meta_kubernetes_endpoint_address_target_name: { from: 'Endpoints address `targetRef.name`', roles: 'endpoints' },
  __meta_kubernetes_endpoint_node_name: { from: 'Endpoints address `nodeName`', roles: 'endpoints' },
  __meta_kubernetes_endpoint_hostname: { from: 'Endpoints address `hostname`', roles: 'endpoints' },
  // endpointslice
  __meta_kubernetes_endpointslice_name: { from: 'EndpointSlice `metadata.name`', roles: 'endpointslice' },
  __meta_kubernetes_endpointslice_address_type: { from: 'EndpointSlice `addressType` (IPv4, IPv6, FQDN)', roles: 'endpointslice' },
  __meta_kubernetes_endpointslice_port: { from: 'EndpointSlice `ports[].port`', roles: 'endpointslice' },
  __meta_kubernetes_endpointslice_port_name: { from: 'EndpointSlice `ports[].name` — the Service port name', roles: 'endpointslice' },
  __meta_kubernetes_endpointslice_port_protocol: { from: 'EndpointSlice `ports[].protocol`', roles: 'endpointslice' },
  __meta_kubernetes_endpointslice_port_app_protocol: { from: 'EndpointSlice `ports[].appProtocol`', roles: 'endpointslice' },
  __meta_kubernetes_endpointslice_endpoint_conditions_ready: { from: 'EndpointSlice `endpoints[].conditions.ready`', roles: 'endpointslice', note: 'absent when the condition is not set; discovery keeps not-ready endpoints' },
  __meta_kubernetes_endpointslice_endpoint_conditions_serving: { from: 'EndpointSlice `endpoints[].conditions.serving`', roles: 'endpointslice' },
  __meta_kubernetes_endpointslice_endpoint_conditions_terminating: { from: 'EndpointSlice `endpoints[].conditions.terminating`', roles: 'endpointslice' },
  __meta_kubernetes_endpointslice_endpoint_hostname: { from: 'EndpointSlice `endpoints[].hostname`', roles: 'endpointslice' },
  __meta_kubernetes_endpointslice_endpoint_node_name: { from: 'EndpointSlice `endpoints[].nodeName`', roles: 'endpointslice', since: '2.52' },
  __meta_kubernetes_endpointslice_endpoint_zone: { from: 'EndpointSlice `endpoints[].zone`', roles: 'endpointslice', since: '2.52' },
  __meta_kubernetes_endpointslice_address_target_kind: { from: 'EndpointSlice `endpoints[].targetRef.kind`', roles: 'endpointslice' },
  __meta_kubernetes_endpointslice_address_target_name: { from: 'EndpointSlice `endpoints[].targetRef.name`', roles: 'endpointslice' },
  // ingress
  __meta_kubernetes_ingress_name: { from: 'Ingress `metadata.name`', roles: 'ingress' },
  __meta_kubernetes_ingress_class_name: { from: 'Ingress `spec.ingressClassName`', roles: 'ingress', note: 'the legacy kubernetes.io/ingress.class annotation is not used' },
  __meta_kubernetes_ingress_scheme: { from: '"https" when a `spec.tls[].hosts` entry matches the rule host, else "http"', roles: 'ingress', note: 'it does not set __scheme__; relabel it yourself' },
  __meta_kubernetes_ingress_host: { from: 'Ingress `spec.rules[].host`', roles: 'ingress' },
  __meta_kubernetes_ingress_path: { from: 'Ingress `spec.rules[].http.paths[].path` ("/" when empty or without http)', roles: 'ingress' },
};

/** Families with a variable suffix. Order matters: `labelpresent` before `label`. */
const FAMILIES: { re: RegExp; info: (m: RegExpExecArray) => Omit<MetaLabelInfo, 'pattern'> & { pattern: string } }[] = [];

for (const [r, { kind, roles }] of Object.entries(OBJ_ROLES)) {
  const base = `__meta_kubernetes_${r}`;
  FAMILIES.push(
    { re: new RegExp(`^${base}_labelpresent_(.+)$`), info: () => ({ pattern: `${base}_labelpresent_<key>`, from: `"true" for every key of ${kind} \`metadata.labels\` (also for empty values)`, roles, note: SANITIZED }) },
    { re: new RegExp(`^${base}_label_(.+)$`), info: () => ({ pattern: `${base}_label_<key>`, from: `${kind} \`metadata.labels[<key>]\``, roles, note: `${SANITIZED}; an empty value makes the label vanish (use _labelpresent_)` }) },
    { re: new RegExp(`^${base}_annotationpresent_(.+)$`), info: () => ({ pattern: `${base}_annotationpresent_<key>`, from: `"true" for every key of ${kind} \`metadata.annotations\``, roles, note: SANITIZED }) },
    { re: new RegExp(`^${base}_annotation_(.+)$`), info: () => ({ pattern: `${base}_annotation_<key>`, from: `${kind} \`metadata.annotations[<key>]\``, roles, note: SANITIZED }) },
  );
}
FAMILIES.push(
  { re: /^__meta_kubernetes_node_address_(.+)$/, info: () => ({ pattern: '__meta_kubernetes_node_address_<Type>', from: 'the first Node `status.addresses[]` entry of that type (InternalIP, ExternalIP, Hostname, …)', roles: 'node' }) },
  { re: /^__meta_kubernetes_node_condition_(.+)$/, info: () => ({ pattern: '__meta_kubernetes_node_condition_<type>', from: 'Node `status.conditions[type].status`, lowercased', roles: 'node', since: '3.12' }) },
  { re: /^__meta_kubernetes_endpointslice_endpoint_topology_present_(.+)$/, info: () => ({ pattern: '__meta_kubernetes_endpointslice_endpoint_topology_present_<key>', from: '"true" for every EndpointSlice `endpoints[].deprecatedTopology` key', roles: 'endpointslice' }) },
  { re: /^__meta_kubernetes_endpointslice_endpoint_topology_(.+)$/, info: () => ({ pattern: '__meta_kubernetes_endpointslice_endpoint_topology_<key>', from: 'EndpointSlice `endpoints[].deprecatedTopology[<key>]`', roles: 'endpointslice' }) },
);

/** Where a meta label comes from, or undefined for labels this table does not know. */
export function explainMetaLabel(name: string): MetaLabelInfo | undefined {
  const fixed = FIXED[name];
  if (fixed) return { pattern: name, ...fixed };
  for (const f of FAMILIES) {
    const m = f.re.exec(name);
    if (m) return f.info(m);
  }
  return undefined;
}

/** Where non-meta internal labels come from (job defaults and relabeling conventions). */
const INTERNAL: Record<string, string> = {
  __address__: 'host:port to scrape; set by discovery, often rewritten by relabeling',
  __scheme__: 'http or https; from the job\'s `scheme`',
  __metrics_path__: 'URL path; from the job\'s `metrics_path` (default /metrics)',
  __scrape_interval__: 'from the job\'s `scrape_interval` (or global)',
  __scrape_timeout__: 'from the job\'s `scrape_timeout` (or global)',
  job: 'the job_name, unless relabeling changes it',
  instance: 'defaults to __address__ after relabeling (the node role presets it to the node name)',
};

/** A one-paragraph explanation for a hover, or undefined. Plain text (rendered as text, never HTML). */
export function describeLabel(name: string): string | undefined {
  const meta = explainMetaLabel(name);
  if (meta) {
    const parts = [`${meta.pattern}`, `From: ${meta.from}.`, `Roles: ${meta.roles}.`];
    if (meta.since) parts.push(`Since Prometheus ${meta.since}.`);
    if (meta.note) parts.push(`Note: ${meta.note}.`);
    return parts.join('\n');
  }
  if (name.startsWith('__param_')) return `${name}\nThe URL query parameter ${name.slice(8)}; from the job's \`params\` or relabeling.`;
  if (name.startsWith('__tmp_')) return `${name}\nA scratch label for relabeling (removed before scraping, like every __ label).`;
  const internal = INTERNAL[name];
  return internal ? `${name}\n${internal}.` : undefined;
}
