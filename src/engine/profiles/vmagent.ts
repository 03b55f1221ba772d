// vmagent profiles. vmagent-1.79 is what Debian ships (victoria-metrics 1.79.5, the live oracle of the
// conformance goldens); vmagent-1.150 is the newest release. Every difference between them is one switch
// below, with the VictoriaMetrics source function that decides it (../shared/reference/victoriametrics.md,
// parts A and B; tags v1.79.5 and v1.150.0 of VictoriaMetrics/VictoriaMetrics). Switches shared with the
// Prometheus profiles are explained in types.ts.
import type { ConfigKeys, Profile } from './types.ts';

// promauth.HTTPClientConfig and ProxyClientConfig (inlined in scrape and SD configs).
const HTTP_CLIENT = ['authorization', 'basic_auth', 'bearer_token', 'bearer_token_file', 'oauth2', 'tls_config', 'headers'];
const PROXY_CLIENT = ['proxy_authorization', 'proxy_basic_auth', 'proxy_bearer_token', 'proxy_bearer_token_file', 'proxy_oauth2', 'proxy_tls_config', 'proxy_headers'];
const SD_1_79 = ['azure', 'consul', 'digitalocean', 'dns', 'docker', 'dockerswarm', 'ec2', 'eureka', 'file', 'gce', 'http', 'kubernetes', 'openstack'].map((k) => `${k}_sd_configs`);
const SD_1_150 = [
  ...SD_1_79, 'consulagent_sd_configs', 'hetzner_sd_configs', 'kuma_sd_configs', 'linode_sd_configs', 'marathon_sd_configs', 'nomad_sd_configs',
  'ovhcloud_sd_configs', 'puppetdb_sd_configs', 'vultr_configs', 'yandexcloud_sd_configs',
];

/** lib/promscrape/config.go (Config, GlobalConfig, ScrapeConfig, StaticConfig) and discovery/kubernetes SDConfig at v1.79.5. */
const KEYS_1_79: ConfigKeys = {
  top: ['global', 'scrape_configs', 'scrape_config_files'],
  global: ['scrape_interval', 'scrape_timeout', 'external_labels'],
  scrape: [
    'job_name', 'scrape_interval', 'scrape_timeout', 'metrics_path', 'honor_labels', 'honor_timestamps', 'follow_redirects', 'scheme', 'params',
    ...HTTP_CLIENT, 'proxy_url', 'relabel_configs', 'metric_relabel_configs', 'sample_limit', ...SD_1_79, 'static_configs', 'relabel_debug',
    'metric_relabel_debug', 'disable_compression', 'disable_keepalive', 'stream_parse', 'scrape_align_interval', 'scrape_offset', 'series_limit',
    ...PROXY_CLIENT,
  ],
  sd: ['api_server', 'role', 'kubeconfig_file', ...HTTP_CLIENT, 'proxy_url', 'namespaces', 'selectors', 'attach_metadata'],
  attachMetadata: ['node'],
  staticConfig: ['targets', 'labels'],
};

/** The same structs at v1.150.0 (global relabel configs and limits, max_scrape_size, enable_compression,
 * no_stale_markers, follow_redirects moved into HTTPClientConfig, attach_metadata.namespace). */
const KEYS_1_150: ConfigKeys = {
  top: ['global', 'scrape_configs', 'scrape_config_files'],
  global: ['label_limit', 'sample_limit', 'scrape_interval', 'scrape_timeout', 'external_labels', 'relabel_configs', 'metric_relabel_configs'],
  scrape: [
    'job_name', 'scrape_interval', 'scrape_timeout', 'max_scrape_size', 'metrics_path', 'honor_labels', 'honor_timestamps', 'scheme', 'params',
    ...HTTP_CLIENT, 'follow_redirects', 'proxy_url', 'relabel_configs', 'metric_relabel_configs', 'sample_limit', 'label_limit',
    'enable_compression', ...SD_1_150, 'static_configs', 'disable_compression', 'disable_keepalive', 'stream_parse', 'scrape_align_interval',
    'scrape_offset', 'series_limit', 'no_stale_markers', ...PROXY_CLIENT,
  ],
  sd: ['api_server', 'role', 'kubeconfig_file', ...HTTP_CLIENT, 'follow_redirects', 'proxy_url', 'namespaces', 'selectors', 'attach_metadata'],
  attachMetadata: ['node', 'namespace'],
  staticConfig: ['targets', 'labels'],
};

/** promrelabel parseRelabelConfig's action switch at v1.79.5 (no keepequal/dropequal: v1.86.0; no
 * keep_if_contains/drop_if_contains: v1.96.0). */
const ACTIONS_1_79 = [
  'graphite', 'replace', 'replace_all', 'keep_if_equal', 'drop_if_equal', 'keep', 'drop', 'hashmod', 'keep_metrics', 'drop_metrics',
  'uppercase', 'lowercase', 'labelmap', 'labelmap_all', 'labeldrop', 'labelkeep',
];
const ACTIONS_1_150 = [...ACTIONS_1_79, 'keep_if_contains', 'drop_if_contains', 'keepequal', 'dropequal'];

// Go 1.19 built the Debian 1.79.5 binary: no `(?<name>…)`; regexes are wrapped `^(?:…)$` (no `s` flag).
const GO_WRAP = { prefix: '^(?:', suffix: ')$' };

export const vmagent179: Profile = {
  id: 'vmagent-1.79',
  engine: 'vmagent',
  title: 'vmagent 1.79',
  config: {
    unknownKeys: 'warn-strict', // the goldens ran with -promscrape.config.strictParse=false
    keys: KEYS_1_79,
    roleAliases: { endpointslices: 'endpointslice' }, // kubernetes.go SDConfig.role()
  },
  discovery: {
    initContainersInEndpoints: false, // endpoints.go: only spec.containers are matched
    endpointsObjectMetaFull: true, // registerLabelsAndAnnotations on Endpoints and EndpointSlice targets
    nodeMetadataAnnotations: true, // pod.go appendCommonLabels: node labels and annotations
    endpointsNodeFromTargetRef: false,
    endpointSliceNodeFromTargetRef: false,
    skipExtraTargetsWithoutPodIP: false, // endpoints.go: no podIP check for extra targets
    endpointSliceNodeNameZone: false,
    namespaceMetadata: false, // attach_metadata.namespace: v1.130.0
    workloadMetadata: false,
    podNodeStoreFilter: false, // pods are never dropped for their node
    dualStackSecondarySkip: false,
    nodeConditions: false,
    // A cluster serves every stored EndpointSlice/Ingress under its v1 URL whatever apiVersion the manifest was
    // written in, and vmagent lists the v1 URL (1.79.5 falls back to v1beta1 on 404: api_watcher.go doRequest).
    betaApiVersions: true,
    validateSelectors: false, // api_watcher.go joinSelectors: no validation
    ownNamespaceWithNames: 'ignore', // api_watcher.go newAPIWatcher
    namespaceScopes: 'union', // groupWatcher.getObjectByRoleLocked
    servicePortNumber: false, // v1.81.0
    serviceLoadBalancerIP: false,
    podContainerImage: false, // v1.81.0
    podContainerId: 'never', // v1.87.0
    skipFinishedPods: false, // v1.97.0
    bracketPortlessIPv6: false, // v1.110.3
    nodeNameWithoutNode: true, // pod.go appendCommonLabels
    endpointNodeMetadataFrom: 'pod', // pod.go appendCommonLabels (pod-backed addresses only)
    initContainerSidecarsOnly: false, // no init containers at all in 1.79 (initContainersInEndpoints)
    serviceCommonLabelsOnEndpoints: true, // service.go appendCommonLabels
    endpointsContainerProtocol: 'container', // pod.go appendContainerLabels
    extraTargetObjectMeta: 'none', // endpoints.go getTargetLabels: podPortsSeen loop (VictoriaMetrics#4154)
    endpointSliceConditions: 'ready-always', // endpointslice.go getEndpointSliceLabels: FormatBool(Conditions.Ready)
    endpointSlicePortAlways: true,
    endpointSliceTopologyField: 'topology', // Endpoint.Topology: the v1beta1 JSON name
    endpointSliceNodeNameOnly: false,
    ingressClassNameAlways: true, // ingress.go getLabelsForIngressPath
    ingressEmptyPathsRoot: true, // ingress.go getIngressRulePaths
    ingressHostPattern: 'vmagent', // ingress.go matchesHostPattern
  },
  relabel: {
    regexWrap: GO_WRAP, // config.go parseRelabelConfig: "^(?:" + regex + ")$"
    angleNamedGroups: false,
    replaceFastPath: true, // relabel.go apply, case "replace": default regex without `$` → set directly
    replaceLegacyDelete: false,
    defaultNameValidation: 'legacy',
    caseActionsDollarAwareCheck: false,
    actionCaseInsensitive: false, // config.go: `action` compared as written until v1.81.0
    actions: ACTIONS_1_79,
    hashmod: 'xxhash64', // relabel.go: xxhash.Sum64(value) % modulus
    ifSelector: 'single', // if_expression.go: IfExpression.UnmarshalYAML into a string
    labelReferences: false, // fillLabelReferences: v1.81.0
    regexMatch: 'vm-literal-prefix', // relabel.go matchString
    defaultRegex: 'unset', // config.go: defaultRegexForRelabelConfig only when `regex` is absent
    stripAnchors: false, // regexutil.RemoveStartEndAnchors: later
    strictActionFields: false,
  },
  targets: {
    addDefaultPort: true,
    configParamsOverrideSD: false,
    histogramLabels: false,
    emptyDiscoveredLabelsVanish: false, // config.go mergeLabels keeps "" values in the original labels
    duplicates: 'drop-later', // scraper.go scraperGroup.update: "skipping duplicate scrape target"
    durationFormat: 'go', // scrapeWorkConfig.scrapeIntervalString = time.Duration.String()
    externalLabelsInTargets: true, // config.go mergeLabels (until v1.82.0)
    addressSchemePath: false, // config.go getScrapeWork: an address with "/" is dropped
    defaultPortInUrl: true, // config.go getScrapeWork: addMissingPort before building the URL
    paramsAmpersandAfterQuery: false, // optionalQuestion "" when the path holds "?"
    scrapePool: 'job-label', // targetstatus.go WriteActiveTargetsJSON: sw.Config.Job()
    targetSettingLabels: ['__series_limit__', '__stream_parse__'],
  },
};

export const vmagent150: Profile = {
  id: 'vmagent-1.150',
  engine: 'vmagent',
  title: 'vmagent 1.150',
  config: {
    unknownKeys: 'warn-strict',
    keys: KEYS_1_150,
    roleAliases: { endpointslices: 'endpointslice' },
  },
  discovery: {
    ...vmagent179.discovery,
    initContainersInEndpoints: true, // endpoints.go getEndpointLabelsForAddressAndPort, v1.106.0
    initContainerSidecarsOnly: true, // … native sidecars only (restartPolicy: Always)
    endpointSliceNodeNameOnly: true, // endpointslice.go getEndpointSliceLabels: endpoint_node_name (v1.118.0)
    namespaceMetadata: true, // attach_metadata.namespace, v1.130.0
    servicePortNumber: true, // service.go getTargetLabels, v1.81.0
    podContainerImage: true, // pod.go appendContainerLabels, v1.81.0
    podContainerId: 'when-known', // pod.go appendContainerLabels, v1.87.0
    skipFinishedPods: true, // pod.go isPodPhaseFinished / isContainerTerminated, v1.97.0
    bracketPortlessIPv6: true, // pod.go appendPodLabelsInternal, v1.110.3
    extraTargetObjectMeta: 'with-target-ref', // endpoints.go getTargetLabels (VictoriaMetrics#4154, v1.87.6/v1.91.0)
    endpointSliceConditions: 'all-always', // endpointslice.go getEndpointSliceLabels (VictoriaMetrics#8959)
  },
  relabel: {
    ...vmagent179.relabel,
    angleNamedGroups: true, // built with Go ≥ 1.22
    actionCaseInsensitive: true, // config.go parseRelabelConfig: strings.ToLower(rc.Action), v1.81.0
    actions: ACTIONS_1_150,
    ifSelector: 'list', // if_expression.go unmarshalFromInterface, v1.92.0
    labelReferences: true, // relabel.go fillLabelReferences, v1.81.0
    regexMatch: 'vm-promregex', // regexutil.PromRegex
    defaultRegex: 'simplified', // config.go isDefaultRegex
    stripAnchors: true, // regexutil.RemoveStartEndAnchors
    strictActionFields: true, // config.go parseRelabelConfig (target_label/regex refused on the equal actions)
  },
  targets: {
    ...vmagent179.targets,
    addDefaultPort: false,
    externalLabelsInTargets: false, // v1.82.0: added after metric relabeling, not target labels
    addressSchemePath: true, // scrape_url.go GetScrapeURL, v1.83.0
    defaultPortInUrl: false, // scrape_url.go GetScrapeURL: the port goes to `instance` only, v1.103.0
    paramsAmpersandAfterQuery: true, // scrape_url.go GetScrapeURL
    scrapePool: 'job-name', // targetstatus.go: the original job_name
    targetSettingLabels: ['__max_scrape_size__', '__series_limit__', '__sample_limit__', '__label_limit__', '__stream_parse__'],
  },
};
