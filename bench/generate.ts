// Synthetic clusters for benchmarks: N pods in deployments of 10, one Service per deployment
// (with Endpoints and an EndpointSlice as a real cluster holds them), nodes of 30 pods each.
// Deterministic: same N → same text.
import { stringify } from 'yaml';

export interface Cluster {
  objects: Record<string, unknown>[];
  pods: number;
}

export function generateCluster(pods: number): Cluster {
  const objects: Record<string, unknown>[] = [];
  const nodes = Math.max(1, Math.ceil(pods / 30));
  for (let n = 0; n < nodes; n++) {
    objects.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: `node-${n}`, labels: { 'kubernetes.io/hostname': `node-${n}`, 'topology.kubernetes.io/zone': `zone-${n % 3}`, 'node-role.kubernetes.io/worker': '' } },
      spec: { providerID: `aws:///zone-${n % 3}/i-${(n * 7919).toString(16).padStart(8, '0')}` },
      status: {
        addresses: [
          { type: 'InternalIP', address: `10.0.${Math.floor(n / 250)}.${(n % 250) + 1}` },
          { type: 'Hostname', address: `node-${n}` },
        ],
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    });
  }
  const apps = Math.ceil(pods / 10);
  let podIndex = 0;
  for (let a = 0; a < apps; a++) {
    const ns = `ns-${a % 20}`;
    const app = `app-${a}`;
    const addresses: Record<string, unknown>[] = [];
    const sliceEndpoints: Record<string, unknown>[] = [];
    for (let r = 0; r < 10 && podIndex < pods; r++, podIndex++) {
      const node = podIndex % nodes;
      const ip = `10.${100 + Math.floor(podIndex / 65000)}.${Math.floor((podIndex % 65000) / 250)}.${(podIndex % 250) + 1}`;
      const name = `${app}-7d9f8c6b5-${r.toString(36).padStart(5, 'x')}`;
      objects.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name,
          namespace: ns,
          uid: `00000000-0000-4000-8000-${podIndex.toString(16).padStart(12, '0')}`,
          labels: { app, 'app.kubernetes.io/name': app, 'pod-template-hash': '7d9f8c6b5', tier: a % 2 ? 'backend' : 'frontend' },
          annotations: { 'prometheus.io/scrape': a % 3 ? 'true' : 'false', 'prometheus.io/port': '9090', 'prometheus.io/path': '/metrics' },
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${app}-7d9f8c6b5`, uid: `rs-${a}`, controller: true }],
        },
        spec: {
          nodeName: `node-${node}`,
          containers: [
            { name: 'app', image: `registry.example/${app}:1.${a % 10}`, ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }, { name: 'metrics', containerPort: 9090, protocol: 'TCP' }] },
            { name: 'sidecar', image: 'registry.example/proxy:2.1', ports: [{ name: 'admin', containerPort: 15000, protocol: 'TCP' }] },
          ],
        },
        status: { phase: 'Running', podIP: ip, hostIP: `10.0.${Math.floor(node / 250)}.${(node % 250) + 1}`, conditions: [{ type: 'Ready', status: r === 9 ? 'False' : 'True' }] },
      });
      const target = { kind: 'Pod', name, namespace: ns, uid: `00000000-0000-4000-8000-${podIndex.toString(16).padStart(12, '0')}` };
      addresses.push({ ip, nodeName: `node-${node}`, targetRef: target, ready: r !== 9 });
      sliceEndpoints.push({ addresses: [ip], conditions: { ready: r !== 9, serving: r !== 9, terminating: false }, nodeName: `node-${node}`, targetRef: target, zone: `zone-${node % 3}` });
    }
    objects.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: app, namespace: ns, labels: { app }, annotations: { 'prometheus.io/scrape': a % 2 ? 'true' : 'false' } },
      spec: { type: 'ClusterIP', clusterIP: `10.96.${Math.floor(a / 250)}.${(a % 250) + 1}`, selector: { app }, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }, { name: 'metrics', port: 9090, targetPort: 'metrics', protocol: 'TCP' }] },
    });
    const ready = addresses.filter((x) => x.ready).map(({ ready: _r, ...rest }) => rest);
    const notReady = addresses.filter((x) => !x.ready).map(({ ready: _r, ...rest }) => rest);
    objects.push({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: app, namespace: ns, labels: { app } },
      subsets: [{ addresses: ready, ...(notReady.length ? { notReadyAddresses: notReady } : {}), ports: [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'metrics', port: 9090, protocol: 'TCP' }] }],
    });
    objects.push({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: `${app}-abcde`, namespace: ns, labels: { 'kubernetes.io/service-name': app, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } },
      addressType: 'IPv4',
      endpoints: sliceEndpoints,
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'metrics', port: 9090, protocol: 'TCP' }],
    });
  }
  return { objects, pods };
}

export function asJson(c: Cluster): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items: c.objects }, null, 1);
}

export function asYaml(c: Cluster): string {
  return c.objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n');
}

/** The four jobs of a typical `prometheus.yml` written by hand (annotation-driven pods and endpoints, endpointslices,
 * nodes). The unit of comparison with earlier measurements. */
const HAND_WRITTEN_JOBS = `  - job_name: kubernetes-pods
    kubernetes_sd_configs: [{role: pod}]
    relabel_configs:
      - {source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_scrape], action: keep, regex: "true"}
      - {source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_path], action: replace, target_label: __metrics_path__, regex: (.+)}
      - {source_labels: [__address__, __meta_kubernetes_pod_annotation_prometheus_io_port], action: replace, regex: '([^:]+)(?::\\d+)?;(\\d+)', replacement: '$1:$2', target_label: __address__}
      - {action: labelmap, regex: __meta_kubernetes_pod_label_(.+)}
      - {source_labels: [__meta_kubernetes_namespace], action: replace, target_label: namespace}
      - {source_labels: [__meta_kubernetes_pod_name], action: replace, target_label: pod}
  - job_name: kubernetes-service-endpoints
    kubernetes_sd_configs: [{role: endpoints}]
    relabel_configs:
      - {source_labels: [__meta_kubernetes_service_annotation_prometheus_io_scrape], action: keep, regex: "true"}
      - {source_labels: [__meta_kubernetes_endpoint_port_name], action: keep, regex: metrics}
      - {source_labels: [__meta_kubernetes_namespace], target_label: namespace}
      - {source_labels: [__meta_kubernetes_service_name], target_label: service}
      - {source_labels: [__meta_kubernetes_pod_name], target_label: pod}
  - job_name: kubernetes-endpointslices
    kubernetes_sd_configs: [{role: endpointslice}]
    relabel_configs:
      - {source_labels: [__meta_kubernetes_endpointslice_endpoint_conditions_ready], action: keep, regex: "true"}
      - {source_labels: [__meta_kubernetes_endpointslice_port_name], action: keep, regex: http}
      - {source_labels: [__meta_kubernetes_namespace], target_label: namespace}
  - job_name: kubernetes-nodes
    kubernetes_sd_configs: [{role: node}]
    relabel_configs:
      - {action: labelmap, regex: __meta_kubernetes_node_label_(.+)}
      - {target_label: __metrics_path__, replacement: /metrics/cadvisor}
`;

/** The hand-written jobs alone. */
export const BENCH_SCRAPE_CONFIG_4 = `global:\n  scrape_interval: 30s\nscrape_configs:\n${HAND_WRITTEN_JOBS}`;

/** One job as prometheus-operator writes it for a ServiceMonitor (role endpoints or endpointslice) or a PodMonitor
 * (role pod): scoped to one namespace, selecting by label and port name, with the operator's target labels. */
function operatorStyleJob(i: number): string {
  const ns = `ns-${i % 20}`;
  const kind = i % 3;
  if (kind === 0) {
    return `  - job_name: serviceMonitor/${ns}/app-${i}/0
    honor_labels: false
    kubernetes_sd_configs: [{role: endpoints, namespaces: {names: [${ns}]}}]
    scrape_interval: 30s
    relabel_configs:
      - {source_labels: [job], target_label: __tmp_prometheus_job_name}
      - {source_labels: [__meta_kubernetes_service_label_app, __meta_kubernetes_service_labelpresent_app], regex: "(app-${i}|app-${i + 20});true", action: keep}
      - {source_labels: [__meta_kubernetes_endpoint_port_name], regex: metrics, action: keep}
      - {source_labels: [__meta_kubernetes_endpoint_address_target_kind, __meta_kubernetes_endpoint_address_target_name], separator: ";", regex: "Node;(.*)", replacement: "\${1}", target_label: node}
      - {source_labels: [__meta_kubernetes_endpoint_address_target_kind, __meta_kubernetes_endpoint_address_target_name], separator: ";", regex: "Pod;(.*)", replacement: "\${1}", target_label: pod}
      - {source_labels: [__meta_kubernetes_namespace], target_label: namespace}
      - {source_labels: [__meta_kubernetes_service_name], target_label: service}
      - {source_labels: [__meta_kubernetes_pod_name], target_label: pod}
      - {source_labels: [__meta_kubernetes_pod_container_name], target_label: container}
      - {action: drop, source_labels: [__meta_kubernetes_pod_phase], regex: (Failed|Succeeded)}
      - {source_labels: [__meta_kubernetes_service_name], target_label: job, replacement: "\${1}"}
      - {target_label: endpoint, replacement: metrics}
      - {source_labels: [__address__], target_label: __tmp_hash, modulus: 1, action: hashmod}
      - {source_labels: [__tmp_hash], regex: 0, action: keep}
`;
  }
  if (kind === 1) {
    return `  - job_name: podMonitor/${ns}/pods-${i}/0
    kubernetes_sd_configs:
      - role: pod
        namespaces: {names: [${ns}]}
        selectors: [{role: pod, label: "tier=backend"}]
    relabel_configs:
      - {source_labels: [job], target_label: __tmp_prometheus_job_name}
      - {source_labels: [__meta_kubernetes_pod_label_app_kubernetes_io_name, __meta_kubernetes_pod_labelpresent_app_kubernetes_io_name], regex: "(app-${i}|app-${i + 40});true", action: keep}
      - {source_labels: [__meta_kubernetes_pod_container_port_name], regex: metrics, action: keep}
      - {source_labels: [__meta_kubernetes_namespace], target_label: namespace}
      - {source_labels: [__meta_kubernetes_pod_container_name], target_label: container}
      - {source_labels: [__meta_kubernetes_pod_name], target_label: pod}
      - {target_label: job, replacement: ${ns}/pods-${i}}
      - {target_label: endpoint, replacement: metrics}
      - {action: labeldrop, regex: "pod_template_hash|controller_revision_hash"}
`;
  }
  return `  - job_name: serviceMonitor/${ns}/slices-${i}/0
    kubernetes_sd_configs: [{role: endpointslice, namespaces: {names: [${ns}]}}]
    relabel_configs:
      - {source_labels: [__meta_kubernetes_service_label_app], regex: "app-${i}", action: keep}
      - {source_labels: [__meta_kubernetes_endpointslice_port_name], regex: metrics, action: keep}
      - {source_labels: [__meta_kubernetes_endpointslice_address_target_kind, __meta_kubernetes_endpointslice_address_target_name], separator: ";", regex: "Pod;(.*)", replacement: "\${1}", target_label: pod}
      - {source_labels: [__meta_kubernetes_namespace], target_label: namespace}
      - {source_labels: [__meta_kubernetes_service_name], target_label: service}
      - {source_labels: [__meta_kubernetes_service_name], target_label: job}
      - {target_label: endpoint, replacement: metrics}
`;
}

/** The benchmark config: 50 jobs mixing roles — the four hand-written ones, kubelet and cAdvisor through the
 * API server proxy, a blackbox probe over Services, and 43 jobs as prometheus-operator writes them for
 * ServiceMonitors and PodMonitors. */
export const BENCH_SCRAPE_CONFIG = `global:
  scrape_interval: 30s
scrape_configs:
${HAND_WRITTEN_JOBS}  - job_name: kubelet
    scheme: https
    kubernetes_sd_configs: [{role: node}]
    relabel_configs:
      - {action: labelmap, regex: __meta_kubernetes_node_label_(.+)}
      - {target_label: __address__, replacement: kubernetes.default.svc:443}
      - {source_labels: [__meta_kubernetes_node_name], regex: (.+), target_label: __metrics_path__, replacement: "/api/v1/nodes/\${1}/proxy/metrics"}
  - job_name: kubernetes-services-probe
    metrics_path: /probe
    params: {module: [http_2xx]}
    kubernetes_sd_configs: [{role: service}]
    relabel_configs:
      - {source_labels: [__meta_kubernetes_service_annotation_prometheus_io_scrape], action: keep, regex: "true"}
      - {source_labels: [__address__], target_label: __param_target}
      - {target_label: __address__, replacement: blackbox-exporter.monitoring.svc:9115}
      - {source_labels: [__param_target], target_label: instance}
      - {action: labelmap, regex: __meta_kubernetes_service_label_(.+)}
${Array.from({ length: 44 }, (_, i) => operatorStyleJob(i)).join('')}`;
