// JSON schemas for the operator CRDs' main fields: prometheus-operator (monitoring.coreos.com) and
// the VictoriaMetrics operator (operator.victoriametrics.com). Field names follow the CRDs (VM
// mixes camelCase and snake_case); unknown fields are allowed.
import { arr, bool, duration, enumOf, int, intOrString, obj, ref, str, strList, strMap, type Schema } from './helpers.ts';

const selector = ref('labelSelector');
const meta = ref('objectMeta');
const relabelings = (d: string): Schema => arr(ref('relabelRule'), d);
const nsSelector = obj({ any: bool('All namespaces.'), matchNames: strList('These namespaces.') }, 'Which namespaces the selected objects may be in (default: the object\'s own).');

// prometheus-operator ------------------------------------------------------------------------
const promEndpoint = obj({
  port: str('SERVICE port NAME to scrape → `keep __meta_kubernetes_endpoint_port_name`.'),
  targetPort: intOrString('Container port: a number → keep on `__meta_kubernetes_pod_container_port_number`; a name → `…_port_name`. Only ports the pod DECLARES match.'),
  path: str('Metrics path.'),
  scheme: enumOf(['http', 'https']),
  params: { type: 'object', additionalProperties: strList() },
  interval: duration('Scrape interval.'),
  scrapeTimeout: duration('Scrape timeout.'),
  honorLabels: bool(),
  relabelings: relabelings('Added after the generated rules.'),
  metricRelabelings: relabelings('Metric relabeling.'),
});

const promSelectorFields = {
  serviceMonitorSelector: { ...selector, description: 'Which ServiceMonitors this Prometheus uses. Unset selects NONE; `{}` selects all.' } as Schema,
  serviceMonitorNamespaceSelector: { ...selector, description: 'Namespaces to look for ServiceMonitors in. Unset: only the Prometheus object\'s own namespace.' } as Schema,
  podMonitorSelector: selector,
  podMonitorNamespaceSelector: selector,
  probeSelector: selector,
  probeNamespaceSelector: selector,
  scrapeConfigSelector: selector,
  scrapeConfigNamespaceSelector: selector,
  scrapeInterval: duration('Default scrape interval.'),
  scrapeTimeout: duration('Default scrape timeout.'),
  version: str('Prometheus version the config is generated for.'),
  shards: int('Targets are split between shards with hashmod.'),
  enforcedNamespaceLabel: str(),
  ignoreNamespaceSelectors: bool(),
  scrapeClasses: arr(obj({ name: str(), default: bool(), relabelings: relabelings('Added to every job of the class.'), attachMetadata: obj({ node: bool() }) })),
};

const PROMETHEUS_OPERATOR: Record<string, Schema> = {
  ServiceMonitor: obj({
    metadata: meta,
    spec: obj(
      {
        selector: { ...selector, description: 'Services to scrape (their labels, not the Pods\').' } as Schema,
        namespaceSelector: nsSelector,
        endpoints: arr(promEndpoint, 'One job per endpoint.'),
        jobLabel: str('Service label whose value becomes the `job` label.'),
        targetLabels: strList('Service labels copied onto the targets.'),
        podTargetLabels: strList('Pod labels copied onto the targets.'),
        attachMetadata: obj({ node: bool() }),
        sampleLimit: int(),
        scrapeClass: str(),
      },
      undefined,
      { required: ['selector', 'endpoints'] },
    ),
  }),
  PodMonitor: obj({
    metadata: meta,
    spec: obj({
      selector: { ...selector, description: 'Pods to scrape.' } as Schema,
      namespaceSelector: nsSelector,
      podMetricsEndpoints: arr(obj({ ...promEndpoint.properties, port: str('Container port NAME.'), portNumber: int('Container port number.') }), 'One job per endpoint.'),
      jobLabel: str(),
      podTargetLabels: strList(),
      attachMetadata: obj({ node: bool() }),
      scrapeClass: str(),
    }),
  }),
  Probe: obj({
    metadata: meta,
    spec: obj({
      jobName: str(),
      prober: obj({ url: str('host:port of the blackbox exporter.'), path: str('Default /probe.'), scheme: enumOf(['http', 'https']) }),
      module: str('Blackbox exporter module, e.g. http_2xx.'),
      targets: obj({
        staticConfig: obj({ static: strList('URLs to probe.'), labels: strMap('Labels.'), relabelingConfigs: relabelings('Relabeling.') }),
        ingress: obj({ selector, namespaceSelector: nsSelector, relabelingConfigs: relabelings('Relabeling.') }),
      }),
      interval: duration('Probe interval.'),
      scrapeTimeout: duration('Probe timeout.'),
    }),
  }),
  ScrapeConfig: obj({
    metadata: meta,
    spec: obj({
      staticConfigs: arr(obj({ targets: strList(), labels: strMap('Labels.') })),
      kubernetesSDConfigs: arr(obj({ role: enumOf(['Pod', 'Service', 'Endpoints', 'EndpointSlice', 'Node', 'Ingress', 'pod', 'service', 'endpoints', 'endpointslice', 'node', 'ingress']), namespaces: obj({ names: strList(), ownNamespace: bool() }), selectors: arr(obj({ role: str(), label: str(), field: str() })), attachMetadata: obj({ node: bool() }) })),
      relabelings: relabelings('Target relabeling.'),
      metricsPath: str(),
      scheme: enumOf(['HTTP', 'HTTPS', 'http', 'https']),
      scrapeInterval: duration('Interval.'),
      params: { type: 'object', additionalProperties: strList() },
    }),
  }),
  Prometheus: obj({ metadata: meta, spec: obj(promSelectorFields) }),
  PrometheusAgent: obj({ metadata: meta, spec: obj(promSelectorFields) }),
};

// VictoriaMetrics operator ----------------------------------------------------------------------
const vmEndpoint = obj({
  port: str('SERVICE port NAME → `keep __meta_kubernetes_endpoint_port_name`.'),
  targetPort: intOrString('Container port: a number → `keep __meta_kubernetes_pod_container_port_number =~ "<n>"` (only DECLARED container ports match — the founding case); a name → `…_port_name`.'),
  path: str('Metrics path.'),
  scheme: enumOf(['http', 'https']),
  params: { type: 'object', additionalProperties: strList() },
  interval: duration('Scrape interval.'),
  scrape_interval: duration('Scrape interval.'),
  scrapeTimeout: duration('Scrape timeout.'),
  honorLabels: bool(),
  relabelConfigs: relabelings('Added after the generated rules.'),
  metricRelabelConfigs: relabelings('Metric relabeling.'),
  attach_metadata: obj({ node: bool() }),
});

const vmSelectorFields = {
  selectAllByDefault: bool('With no selectors set: select every scrape object (otherwise none).'),
  serviceScrapeSelector: selector,
  serviceScrapeNamespaceSelector: selector,
  podScrapeSelector: selector,
  podScrapeNamespaceSelector: selector,
  nodeScrapeSelector: selector,
  nodeScrapeNamespaceSelector: selector,
  staticScrapeSelector: selector,
  staticScrapeNamespaceSelector: selector,
  probeSelector: selector,
  probeNamespaceSelector: selector,
  scrapeConfigSelector: selector,
  scrapeConfigNamespaceSelector: selector,
  scrapeInterval: duration('Default scrape interval.'),
  remoteWrite: arr(obj({ url: str() }), 'Where samples go (required by the operator; not simulated).'),
  shardCount: int(),
  enforcedNamespaceLabel: str(),
  ignoreNamespaceSelectors: bool(),
};

const VM_OPERATOR: Record<string, Schema> = {
  VMServiceScrape: obj({
    metadata: meta,
    spec: obj(
      {
        selector: { ...selector, description: 'Services to scrape.' } as Schema,
        namespaceSelector: nsSelector,
        endpoints: arr(vmEndpoint, 'One job per endpoint.'),
        discoveryRole: enumOf(['endpoints', 'endpointslices', 'service'], 'Default endpoints.'),
        jobLabel: str(),
        targetLabels: strList(),
        podTargetLabels: strList(),
      },
      undefined,
      { required: ['endpoints'] },
    ),
  }),
  VMPodScrape: obj({
    metadata: meta,
    spec: obj({
      selector,
      namespaceSelector: nsSelector,
      podMetricsEndpoints: arr(obj({ ...vmEndpoint.properties, port: str('Container port NAME.'), portNumber: int('Container port number.') })),
      jobLabel: str(),
      podTargetLabels: strList(),
    }),
  }),
  VMNodeScrape: obj({ metadata: meta, spec: obj({ selector, port: str('Kubelet port.'), path: str(), scheme: enumOf(['http', 'https']), interval: duration('Interval.'), relabelConfigs: relabelings('Relabeling.') }) }),
  VMStaticScrape: obj({ metadata: meta, spec: obj({ jobName: str(), targetEndpoints: arr(obj({ targets: strList(), labels: strMap('Labels.'), path: str(), relabelConfigs: relabelings('Relabeling.') })) }) }),
  VMProbe: obj({
    metadata: meta,
    spec: obj({
      jobName: str(),
      vmProberSpec: obj({ url: str('host:port of the blackbox exporter.'), path: str(), scheme: enumOf(['http', 'https']) }),
      module: str(),
      targets: obj({ staticConfig: obj({ targets: strList(), labels: strMap('Labels.') }), ingress: obj({ selector, namespaceSelector: nsSelector }) }),
      interval: duration('Interval.'),
    }),
  }),
  VMScrapeConfig: obj({ metadata: meta, spec: obj({ staticConfigs: arr(obj({ targets: strList(), labels: strMap('Labels.') })), kubernetesSDConfigs: arr(obj({ role: str(), namespaces: obj({ names: strList() }) })), relabelConfigs: relabelings('Relabeling.'), path: str() }) }),
  VMAgent: obj({ metadata: meta, spec: obj(vmSelectorFields) }),
};

export const OPERATOR_DEFINITIONS: Record<string, Schema> = { ...PROMETHEUS_OPERATOR, ...VM_OPERATOR };

export const OPERATOR_API_VERSIONS: Record<string, string[]> = {
  ...Object.fromEntries(Object.keys(PROMETHEUS_OPERATOR).map((k) => [k, [k === 'ScrapeConfig' || k === 'PrometheusAgent' ? 'monitoring.coreos.com/v1alpha1' : 'monitoring.coreos.com/v1']])),
  ...Object.fromEntries(Object.keys(VM_OPERATOR).map((k) => [k, ['operator.victoriametrics.com/v1beta1']])),
};
