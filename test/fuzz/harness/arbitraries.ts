// fast-check arbitraries for structured inputs: Kubernetes objects, scrape configs, operator objects, the ways
// they are written down (multi-document YAML, List, JSON stream, one file each, mixed with the config) and the run
// options. Values come from small pools that hit the engine's interesting cases (meta labels, named and numbered
// ports, selectors, regexes that do not compile, actions that do not exist) and, now and then, from WEIRD: a value of
// the wrong type or shape in any field. Everything here is data; nothing calls the engine.
import fc from 'fast-check';
import { stringify } from 'yaml';
import type { InputFile, ProfileId, RunOptions } from '../../../src/engine/index.ts';

type Obj = Record<string, unknown>;

/** Values of the wrong type, shape or content for almost any field. */
export const WEIRD: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    '', ' ', 'null', '~', 'true', 'yes', 'no', 'on', '0', '-1', '65536', '99999999999999999999', '1e309', '0x10', '0o17', '1.5', 'NaN', '.inf',
    '\u0000', '\ud800', '\udc00x', '😀', '<script>alert(1)</script>', '${1}', '$1', '$$', '\\', '"', "'", '[', '{', ':', '- a', '#x', '&a', '*a',
    'a\nb', '\t', '\r\n', 'x'.repeat(300), '__proto__', 'constructor', 'toString',
    0, -1, 1.5, 65536, 2 ** 53, -0, true, false, null, [], {}, [null], { '': '' }, JSON.parse('{"__proto__": {"x": 1}}'), [[[]]],
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.integer(),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Usually `arb`, sometimes a WEIRD value. */
export function maybe<T>(arb: fc.Arbitrary<T>, weirdWeight = 1): fc.Arbitrary<T | unknown> {
  return fc.oneof({ weight: 12, arbitrary: arb }, { weight: weirdWeight, arbitrary: WEIRD });
}

/** A record whose every key is optional, each value through `maybe`. */
function loose(model: Record<string, fc.Arbitrary<unknown>>, required: string[] = []): fc.Arbitrary<Obj> {
  const m: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, a] of Object.entries(model)) m[k] = maybe(a);
  return fc.record(m, { requiredKeys: required }) as fc.Arbitrary<Obj>;
}

const list = <T>(arb: fc.Arbitrary<T>, max = 3, min = 0) => fc.array(arb, { minLength: min, maxLength: max });

// ---- pools ----
export const NAMESPACES = ['default', 'monitoring', 'prod', 'kube-system', 'ns-x'];
const NAMES = ['web', 'api', 'db', 'a', 'web-0', 'kube-dns', 'prometheus', 'vmagent', 'node-exporter', 'x'.repeat(63), 'UPPER', 'a.b'];
const LABEL_KEYS = ['app', 'app.kubernetes.io/name', 'team', 'k8s-app', 'prometheus.io/scrape', 'version', 'release', 'a/b/c', 'UPPER', '-x', 'x'.repeat(64), 'ünï', '__proto__', 'constructor'];
const LABEL_VALUES = ['web', 'api', 'true', 'false', '', 'v1', '8080', 'prometheus', 'x'.repeat(64), 'a b'];
const PORT_NAMES = ['http', 'metrics', 'web', 'https', 'http-metrics', 'grpc', 'x'.repeat(16)];
const IPS = ['10.0.0.1', '10.0.0.2', '10.0.1.5', '192.168.1.10', 'fd00::1', '::1', '10.0.0.1:80', 'not-an-ip'];
const META_LABELS = [
  '__address__', '__scheme__', '__metrics_path__', '__param_target', '__tmp_x', 'job', 'instance',
  '__meta_kubernetes_namespace', '__meta_kubernetes_pod_name', '__meta_kubernetes_pod_ip', '__meta_kubernetes_pod_ready', '__meta_kubernetes_pod_phase',
  '__meta_kubernetes_pod_container_name', '__meta_kubernetes_pod_container_port_name', '__meta_kubernetes_pod_container_port_number',
  '__meta_kubernetes_pod_label_app', '__meta_kubernetes_pod_annotation_prometheus_io_scrape', '__meta_kubernetes_pod_annotation_prometheus_io_port',
  '__meta_kubernetes_service_name', '__meta_kubernetes_service_label_app', '__meta_kubernetes_endpoint_port_name', '__meta_kubernetes_endpoint_ready',
  '__meta_kubernetes_endpointslice_port_name', '__meta_kubernetes_node_name', '__meta_kubernetes_node_address_InternalIP', '__meta_kubernetes_ingress_path',
  'bad-name', 'ünï', '',
];
export const REGEXES = [
  '(.*)', '(.+)', 'true', 'http|metrics', '(.+):(\\d+);(\\d+)', '([^:]+)(?::\\d+)?;(\\d+)', '__meta_kubernetes_pod_label_(.+)', '(a+)+$', '(', '[',
  '(?P<name>x)', '(?<n>x)', '(?P<a>.)(?P<a>.)', '\\d+', '', '.*', 'x{1001}', '(?i)WEB', '\\Q.*\\E', '\\p{Greek}+', '\\C', '(?=x)', 'a{2,1}', '\ud800',
];
const REPLACEMENTS = ['$1', '${1}', '$name', '${2}x', '', 'static', '$$', '$1:$2', '${1}:9090', '$0', '${', '$1$1'];
const ACTIONS = [
  'replace', 'keep', 'drop', 'keepequal', 'dropequal', 'hashmod', 'labelmap', 'labeldrop', 'labelkeep', 'lowercase', 'uppercase',
  'replace_all', 'keep_if_equal', 'drop_if_equal', 'keep_if_contains', 'drop_if_contains', 'keep_metrics', 'graphite', 'labelmap_all', 'Replace', 'bogus',
];
const ROLES = ['pod', 'service', 'endpoints', 'endpointslice', 'node', 'ingress', 'Pod', 'bogus'];
const DURATIONS = ['30s', '1m', '10s', '0s', '5m', '1h30m', '15', '-1s', '1y', 'abc'];
const SELECTORS = ['app=web', 'app!=web', 'app in (web, api)', 'app', '!app', 'app=', '=web', 'metadata.name=web', 'spec.nodeName=n1', 'a==b', 'app in (', 'x'.repeat(70) + '=a'];

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const labels = fc.dictionary(pick(LABEL_KEYS), pick(LABEL_VALUES), { maxKeys: 3 });
const port = fc.oneof(pick([80, 443, 8080, 9090, 9100, 0, 65535, 65536, -1]), fc.integer({ min: 1, max: 65535 }));
const ns = pick(NAMESPACES);

function meta(namespaced = true): fc.Arbitrary<Obj> {
  return loose(
    {
      name: pick(NAMES),
      ...(namespaced ? { namespace: ns } : {}),
      labels,
      annotations: fc.dictionary(pick(['prometheus.io/scrape', 'prometheus.io/port', 'prometheus.io/path', 'note']), pick(['true', 'false', '9090', '/metrics', 'x'])),
      uid: fc.uuid(),
      deletionTimestamp: fc.constant('2024-01-01T00:00:00Z'),
      ownerReferences: list(loose({ apiVersion: pick(['apps/v1', 'v1']), kind: pick(['ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'Node']), name: pick(NAMES), controller: fc.boolean() }), 2),
    },
    ['name'],
  );
}

const obj = (apiVersion: string, kind: string, rest: Record<string, fc.Arbitrary<unknown>>, namespaced = true) =>
  fc.record({ apiVersion: fc.constant(apiVersion), kind: fc.constant(kind), metadata: meta(namespaced), ...rest }, { requiredKeys: ['apiVersion', 'kind', 'metadata'] }) as fc.Arbitrary<Obj>;

const containerPort = loose({ name: pick(PORT_NAMES), containerPort: port, protocol: pick(['TCP', 'UDP', 'SCTP']), hostPort: port }, ['containerPort']);
const container = loose({ name: pick(['app', 'sidecar', 'metrics', 'init']), image: fc.constant('img:1'), ports: list(containerPort), restartPolicy: fc.constant('Always') }, ['name']);
const podSpec = loose({ nodeName: pick(['n1', 'n2']), hostNetwork: fc.boolean(), containers: list(container, 3, 1), initContainers: list(container, 1) }, ['containers']);
const condition = (types: string[]) => loose({ type: pick(types), status: pick(['True', 'False', 'Unknown']) }, ['type', 'status']);
const podStatus = loose({
  phase: pick(['Running', 'Pending', 'Succeeded', 'Failed', 'Unknown']),
  podIP: pick(IPS),
  podIPs: list(loose({ ip: pick(IPS) }, ['ip']), 2),
  hostIP: pick(IPS),
  conditions: list(condition(['Ready', 'ContainersReady', 'PodScheduled']), 2),
  containerStatuses: list(loose({ name: pick(['app', 'sidecar']), ready: fc.boolean(), containerID: fc.constant('containerd://abc') }), 2),
});
const targetRef = loose({ kind: pick(['Pod', 'Node']), name: pick(NAMES), namespace: ns }, ['kind', 'name']);
const selector = loose({
  matchLabels: labels,
  matchExpressions: list(loose({ key: pick(LABEL_KEYS), operator: pick(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'bogus']), values: list(pick(LABEL_VALUES), 2) }, ['key', 'operator']), 2),
});
const workloadSpec = loose({ replicas: fc.integer({ min: 0, max: 3 }), selector, template: loose({ metadata: loose({ labels }), spec: podSpec }) }, ['template']);

export const kubeObject: fc.Arbitrary<Obj> = fc.oneof(
  { weight: 4, arbitrary: obj('v1', 'Pod', { spec: podSpec, status: podStatus }) },
  {
    weight: 3,
    arbitrary: obj('v1', 'Service', {
      spec: loose({
        selector: labels,
        ports: list(loose({ name: pick(PORT_NAMES), port, targetPort: fc.oneof(port, pick(PORT_NAMES)), protocol: pick(['TCP', 'UDP']), nodePort: port }, ['port']), 3, 1),
        type: pick(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName', 'bogus']),
        clusterIP: pick(['None', '10.96.0.10', '']),
        externalName: pick(['example.com']),
      }),
    }),
  },
  {
    weight: 2,
    arbitrary: obj('v1', 'Endpoints', {
      subsets: list(
        loose({
          addresses: list(loose({ ip: pick(IPS), nodeName: pick(['n1', 'n2']), targetRef }, ['ip']), 3),
          notReadyAddresses: list(loose({ ip: pick(IPS), targetRef }, ['ip']), 2),
          ports: list(loose({ name: pick(PORT_NAMES), port, protocol: pick(['TCP', 'UDP']) }, ['port']), 2),
        }),
        2,
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: obj('discovery.k8s.io/v1', 'EndpointSlice', {
      addressType: pick(['IPv4', 'IPv6', 'FQDN', 'bogus']),
      endpoints: list(
        loose({ addresses: list(pick(IPS), 2, 1), conditions: loose({ ready: fc.boolean(), serving: fc.boolean(), terminating: fc.boolean() }), targetRef, nodeName: pick(['n1']), zone: pick(['z1']) }, ['addresses']),
        3,
      ),
      ports: list(loose({ name: pick(PORT_NAMES), port, protocol: pick(['TCP', 'UDP']) }), 2),
    }),
  },
  {
    weight: 1,
    arbitrary: obj(
      'v1',
      'Node',
      {
        status: loose({
          addresses: list(loose({ type: pick(['InternalIP', 'ExternalIP', 'Hostname', 'bogus']), address: pick([...IPS, 'n1']) }, ['type', 'address']), 3),
          conditions: list(condition(['Ready', 'MemoryPressure']), 2),
          daemonEndpoints: loose({ kubeletEndpoint: loose({ Port: port }) }),
        }),
      },
      false,
    ),
  },
  {
    weight: 1,
    arbitrary: obj('networking.k8s.io/v1', 'Ingress', {
      spec: loose({
        ingressClassName: pick(['nginx']),
        tls: list(loose({ hosts: list(pick(['a.example.com', '*.example.com']), 2) }), 1),
        rules: list(loose({ host: pick(['a.example.com', '']), http: loose({ paths: list(loose({ path: pick(['/', '/api', '']), pathType: pick(['Prefix', 'Exact']) }), 2) }) }), 2),
      }),
    }),
  },
  { weight: 1, arbitrary: obj('v1', 'Namespace', {}, false) },
  { weight: 1, arbitrary: fc.constantFrom('Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job').chain((k) => obj(k === 'Job' ? 'batch/v1' : 'apps/v1', k, { spec: workloadSpec })) },
  { weight: 1, arbitrary: obj('v1', 'Secret', { data: fc.dictionary(pick(['user', 'password', 'token']), pick(['c2VjcmV0', '!!notbase64'])), stringData: fc.dictionary(pick(['token']), pick(['hunter2'])) }) },
  { weight: 1, arbitrary: obj('v1', 'ConfigMap', { data: fc.dictionary(pick(['ca.crt', 'x']), fc.string({ maxLength: 8 })) }) },
);

// ---- scrape configs ----
const snakeRule = loose({
  source_labels: list(pick(META_LABELS), 3),
  separator: pick([';', '', ':', '\n']),
  regex: pick(REGEXES),
  target_label: pick(META_LABELS),
  replacement: pick(REPLACEMENTS),
  modulus: pick([0, 1, 2, 2 ** 64, -1]),
  action: pick(ACTIONS),
  if: pick(['{app="web"}', '{__name__=~"x.*"}', '{', 'up']),
  match: pick(['{app="web"}']),
});

const sdConfig = loose(
  {
    role: pick(ROLES),
    namespaces: loose({ names: list(ns, 3), own_namespace: fc.boolean() }),
    selectors: list(loose({ role: pick(ROLES), label: pick(SELECTORS), field: pick(SELECTORS) }, ['role']), 2),
    attach_metadata: loose({ node: fc.boolean(), namespace: fc.boolean() }),
    api_server: pick(['https://k8s:6443']),
    bogus_key: fc.constant(1),
  },
  ['role'],
);

const job = loose(
  {
    job_name: pick(['pods', 'services', 'endpoints', 'nodes', 'j', '']),
    scrape_interval: pick(DURATIONS),
    scrape_timeout: pick(DURATIONS),
    metrics_path: pick(['/metrics', '/x', '']),
    scheme: pick(['http', 'https', 'ftp']),
    honor_labels: fc.boolean(),
    params: fc.dictionary(pick(['module', 'target']), list(pick(['http_2xx', 'x']), 2)),
    kubernetes_sd_configs: list(sdConfig, 3),
    static_configs: list(loose({ targets: list(pick(['a:80', 'b', '10.0.0.1:9090', '']), 2), labels }), 1),
    relabel_configs: list(snakeRule, 6),
    metric_relabel_configs: list(snakeRule, 1),
  },
  ['job_name'],
);

export const scrapeConfig: fc.Arbitrary<Obj> = loose({
  global: loose({ scrape_interval: pick(DURATIONS), scrape_timeout: pick(DURATIONS), external_labels: labels }),
  scrape_configs: list(job, 4, 1),
});

// ---- operator objects ----
const camelRule = loose({
  sourceLabels: list(pick(META_LABELS), 2),
  separator: pick([';']),
  regex: pick(REGEXES),
  targetLabel: pick(META_LABELS),
  replacement: pick(REPLACEMENTS),
  modulus: pick([1, 2]),
  action: pick(ACTIONS),
});
const vmRule = loose({ source_labels: list(pick(META_LABELS), 2), target_label: pick(META_LABELS), regex: fc.oneof(pick(REGEXES), list(pick(REGEXES), 2)), replacement: pick(REPLACEMENTS), action: pick(ACTIONS), if: pick(['{app="web"}', '{']) });
const nsSelector = loose({ any: fc.boolean(), matchNames: list(ns, 2) });
const portRef = { port: pick(PORT_NAMES), targetPort: fc.oneof(port, pick(PORT_NAMES)), path: pick(['/metrics', 'x']), scheme: pick(['http', 'https', 'HTTP']), interval: pick(DURATIONS), scrapeTimeout: pick(DURATIONS), honorLabels: fc.boolean() };
const MON = 'monitoring.coreos.com/v1';
const VM = 'operator.victoriametrics.com/v1beta1';
const classes = list(loose({ name: pick(['default', 'c1']), default: fc.boolean(), relabelings: list(camelRule, 1), attachMetadata: loose({ node: fc.boolean() }) }, ['name']), 2);

export const operatorObject: fc.Arbitrary<Obj> = fc.oneof(
  { weight: 3, arbitrary: obj(MON, 'ServiceMonitor', { spec: loose({ selector, namespaceSelector: nsSelector, endpoints: list(loose({ ...portRef, relabelings: list(camelRule, 2), metricRelabelings: list(camelRule, 1) }), 2), jobLabel: pick(LABEL_KEYS), targetLabels: list(pick(LABEL_KEYS), 2), podTargetLabels: list(pick(LABEL_KEYS), 1), attachMetadata: loose({ node: fc.boolean() }), selectorMechanism: pick(['RelabelConfig', 'RoleSelector', 'bogus']), scrapeClass: pick(['default', 'c1', 'missing']), serviceDiscoveryRole: pick(['Endpoints', 'EndpointSlice']) }) }) },
  { weight: 2, arbitrary: obj(MON, 'PodMonitor', { spec: loose({ selector, namespaceSelector: nsSelector, podMetricsEndpoints: list(loose({ ...portRef, portNumber: port, relabelings: list(camelRule, 2) }), 2), jobLabel: pick(LABEL_KEYS), podTargetLabels: list(pick(LABEL_KEYS), 1), filterRunning: fc.boolean() }) }) },
  { weight: 1, arbitrary: obj(MON, 'Probe', { spec: loose({ prober: loose({ url: pick(['blackbox:9115', '']), scheme: pick(['http']), path: pick(['/probe']) }), module: pick(['http_2xx']), targets: loose({ staticConfig: loose({ static: list(pick(['https://a', 'b']), 2), labels }), ingress: loose({ selector, namespaceSelector: nsSelector }) }) }) }) },
  { weight: 1, arbitrary: obj('monitoring.coreos.com/v1alpha1', 'ScrapeConfig', { spec: loose({ staticConfigs: list(loose({ targets: list(pick(['a:80']), 2), labels }), 1), kubernetesSDConfigs: list(loose({ role: pick(['Pod', 'Service', 'Endpoints', 'EndpointSlice', 'Node', 'Ingress', 'pod', 'bogus']), namespaces: loose({ names: list(ns, 2) }), selectors: list(loose({ role: pick(['Pod']), label: pick(SELECTORS) }), 1) }), 2), relabelings: list(camelRule, 2), metricsPath: pick(['/m']) }) }) },
  { weight: 2, arbitrary: fc.constantFrom('Prometheus', 'PrometheusAgent').chain((k) => obj(k === 'Prometheus' ? MON : 'monitoring.coreos.com/v1alpha1', k, { spec: loose({ serviceMonitorSelector: selector, serviceMonitorNamespaceSelector: selector, podMonitorSelector: selector, podMonitorNamespaceSelector: selector, probeSelector: selector, scrapeConfigSelector: selector, serviceDiscoveryRole: pick(['Endpoints', 'EndpointSlice', 'bogus']), enforcedNamespaceLabel: pick(['namespace', '']), ignoreNamespaceSelectors: fc.boolean(), scrapeClasses: classes, shards: pick([1, 2, 0]), podTargetLabels: list(pick(LABEL_KEYS), 1), scrapeInterval: pick(DURATIONS) }) })) },
  { weight: 2, arbitrary: obj(VM, 'VMAgent', { spec: loose({ selectAllByDefault: fc.boolean(), serviceScrapeSelector: selector, serviceScrapeNamespaceSelector: selector, podScrapeSelector: selector, nodeScrapeSelector: selector, staticScrapeSelector: selector, probeSelector: selector, scrapeConfigSelector: selector, remoteWrite: list(loose({ url: pick(['http://vm:8429/api/v1/write']) }), 1), externalLabels: labels, enforcedNamespaceLabel: pick(['namespace']), scrapeClasses: classes }) }) },
  { weight: 3, arbitrary: obj(VM, 'VMServiceScrape', { spec: loose({ selector, namespaceSelector: nsSelector, endpoints: list(loose({ ...portRef, relabelConfigs: list(vmRule, 2), metricRelabelConfigs: list(vmRule, 1), attach_metadata: loose({ node: fc.boolean() }) }), 2), jobLabel: pick(LABEL_KEYS), targetLabels: list(pick(LABEL_KEYS), 1), discoveryRole: pick(['endpoints', 'service', 'endpointslices', 'bogus']) }) }) },
  { weight: 2, arbitrary: obj(VM, 'VMPodScrape', { spec: loose({ selector, namespaceSelector: nsSelector, podMetricsEndpoints: list(loose({ ...portRef, portNumber: port, relabelConfigs: list(vmRule, 2) }), 2) }) }) },
  { weight: 1, arbitrary: obj(VM, 'VMNodeScrape', { spec: loose({ port: pick(['9100', 'x']), path: pick(['/metrics']), selector }) }) },
  { weight: 1, arbitrary: obj(VM, 'VMStaticScrape', { spec: loose({ targetEndpoints: list(loose({ targets: list(pick(['a:80', 'b']), 2), labels, path: pick(['/m']) }), 2) }) }) },
  { weight: 1, arbitrary: obj(VM, 'VMProbe', { spec: loose({ vmProberSpec: loose({ url: pick(['blackbox:9115']) }), module: pick(['http_2xx']), targets: loose({ staticConfig: loose({ targets: list(pick(['https://a']), 2) }), ingress: loose({ selector }) }) }) }) },
  { weight: 1, arbitrary: obj(VM, 'VMScrapeConfig', { spec: loose({ staticConfigs: list(loose({ targets: list(pick(['a:80']), 2) }), 1), kubernetesSDConfigs: list(loose({ role: pick(['pod', 'endpoints', 'Pod', 'bogus']) }), 2), relabelConfigs: list(vmRule, 2) }) }) },
);

// ---- writing it down ----
export type Layout = 'yaml-docs' | 'yaml-list' | 'json-list' | 'json-stream' | 'one-file-each' | 'config-inline';
const LAYOUTS: Layout[] = ['yaml-docs', 'yaml-list', 'json-list', 'json-stream', 'one-file-each', 'config-inline'];

function yamlText(v: unknown): string {
  try {
    return stringify(v, { lineWidth: 0 });
  } catch {
    return JSON.stringify(v) ?? 'null';
  }
}

/** Serializes objects (and a config) the way users paste them. */
export function layOut(objects: Obj[], config: Obj | undefined, layout: Layout): InputFile[] {
  const files: InputFile[] = [];
  const cfg = config ? yamlText(config) : undefined;
  switch (layout) {
    case 'yaml-docs':
      files.push({ name: 'objects.yaml', text: objects.map(yamlText).join('---\n') });
      break;
    case 'yaml-list':
      files.push({ name: 'list.yaml', text: yamlText({ apiVersion: 'v1', kind: 'List', items: objects }) });
      break;
    case 'json-list':
      files.push({ name: 'list.json', text: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }, null, 2) });
      break;
    case 'json-stream':
      // kubectl cluster-info dump: Lists with log text in between.
      files.push({ name: 'dump.json', text: objects.map((o) => JSON.stringify(o, null, 1)).join('\n==== START logs for container c of pod default/p ====\nlog {line\n') });
      break;
    case 'one-file-each':
      objects.forEach((o, i) => files.push({ name: `o${i}.${i % 2 ? 'json' : 'yaml'}`, text: i % 2 ? JSON.stringify(o) : yamlText(o) }));
      break;
    case 'config-inline':
      files.push({ name: 'all.yaml', text: [...(cfg ? [cfg] : []), ...objects.map(yamlText)].join('---\n') });
      return files;
  }
  if (cfg) files.push({ name: 'prometheus.yml', text: cfg });
  return files;
}

export const runOptions: fc.Arbitrary<RunOptions> = fc.record(
  {
    profile: fc.constantFrom<ProfileId>('prometheus-3.14', 'prometheus-2.42', 'vmagent-1.79', 'vmagent-1.150', 'nope' as ProfileId),
    trace: fc.boolean(),
    simulate: fc.boolean(),
    ownNamespace: ns,
    revealSecrets: fc.boolean(),
    whatIf: list(fc.record({ kind: fc.constantFrom('Pod', 'Deployment', 'StatefulSet', 'Bogus'), namespace: ns, name: pick(NAMES), state: fc.constantFrom('ready', 'not-ready', 'pending', 'failed', 'succeeded') }), 2),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<RunOptions>;

/** A whole generated input: objects of every kind, maybe a scrape config, written down one way, and run options. */
export const generatedInput = fc
  .record({
    objects: list(fc.oneof({ weight: 3, arbitrary: kubeObject }, { weight: 2, arbitrary: operatorObject }), 8),
    config: fc.option(scrapeConfig, { nil: undefined }),
    layout: fc.constantFrom(...LAYOUTS),
    opts: runOptions,
  })
  .map(({ objects, config, layout, opts }) => ({ files: layOut(objects, config, layout), opts }));
