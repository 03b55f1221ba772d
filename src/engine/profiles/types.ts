// A profile is one engine at one version, described as data: named switches that the
// stages read. No stage ever compares version strings; when two versions differ, the
// difference is a switch here, documented where it is set (see prometheus.ts).

export type ProfileId = 'prometheus-3.14' | 'prometheus-2.42' | 'vmagent-1.79' | 'vmagent-1.150';
export type EngineFamily = 'prometheus' | 'vmagent';

/** Switches read by src/engine/discovery. */
export interface DiscoveryProfile {
  /** Endpoints/EndpointSlice roles also match init containers (native sidecars) to endpoint ports, and
   * emit `pod_container_init` there. Prometheus 3.0+. */
  initContainersInEndpoints: boolean;
  /** Endpoints objects contribute `endpoints_annotation*`; EndpointSlices `endpointslice_label*`/`_annotation*`.
   * Prometheus 2.46+ (shared addObjectMetaLabels). */
  endpointsObjectMetaFull: boolean;
  /** Node metadata (attach_metadata.node) includes node annotations. Prometheus 2.46+. */
  nodeMetadataAnnotations: boolean;
  /** Endpoints role: node metadata via targetRef.kind == Node when nodeName is unset. Prometheus 2.45+. */
  endpointsNodeFromTargetRef: boolean;
  /** EndpointSlice role: node metadata via targetRef.kind == Node. Prometheus 3.4+. */
  endpointSliceNodeFromTargetRef: boolean;
  /** Extra container-port targets are skipped for pods without podIP. Prometheus 2.46+. */
  skipExtraTargetsWithoutPodIP: boolean;
  /** `endpointslice_endpoint_node_name` and `_zone`. Prometheus 2.52+. */
  endpointSliceNodeNameZone: boolean;
  /** attach_metadata.namespace is honoured. Prometheus 3.6+. */
  namespaceMetadata: boolean;
  /** attach_metadata.deployment/job/cronjob are honoured. Prometheus 3.11+. */
  workloadMetadata: boolean;
  /** Pod role with attach_metadata.node drops pods whose node is not in the store; node selectors allowed on
   * the pod role. Prometheus 3.11+. */
  podNodeStoreFilter: boolean;
  /** EndpointSlices of a dual-stack Service's secondary family give no targets. Prometheus 3.11+. */
  dualStackSecondarySkip: boolean;
  /** Node role emits `node_condition_*`. Prometheus 3.12+. */
  nodeConditions: boolean;
  /** EndpointSlice `discovery.k8s.io/v1beta1` and Ingress `networking.k8s.io/v1beta1` / `extensions/v1beta1`
   * objects are discovered too (Prometheus ≤ 2.x fell back to the beta APIs; 3.0 watches v1 only). Absent = false. */
  betaApiVersions?: boolean;

  // --- vmagent differences (read by the role files; every Prometheus profile sets them explicitly) ---
  /** Selectors checked at config load (Prometheus SDConfig.UnmarshalYAML: duplicate roles and role combinations
   * refused). vmagent does not validate: same-role selectors are ANDed (api_watcher.go joinSelectors), selectors of
   * roles that are never watched are ignored, and a selector the API server refuses only empties that watcher. */
  validateSelectors: boolean;
  /** `namespaces.own_namespace` together with `names`: Prometheus appends its own namespace (getNamespaces);
   * vmagent ignores own_namespace whenever names is non-empty (api_watcher.go newAPIWatcher). */
  ownNamespaceWithNames: 'append' | 'ignore';
  /** One discoverer per namespace (Prometheus: side lookups stay in the endpoint's namespace), or one group
   * watcher over all listed namespaces (vmagent getObjectByRoleLocked searches every watched namespace). */
  namespaceScopes: 'per-namespace' | 'union';
  /** Service role: `__meta_kubernetes_service_port_number` (Prometheus; vmagent 1.81+). */
  servicePortNumber: boolean;
  /** Service role: `__meta_kubernetes_service_loadbalancer_ip` for LoadBalancer services (Prometheus only). */
  serviceLoadBalancerIP: boolean;
  /** Pod-backed roles: `__meta_kubernetes_pod_container_image` (Prometheus; vmagent 1.81+). */
  podContainerImage: boolean;
  /** `__meta_kubernetes_pod_container_id`: Prometheus always (possibly empty), vmagent 1.87+ only when the status
   * has an ID, vmagent 1.79 never. */
  podContainerId: 'always' | 'when-known' | 'never';
  /** Pod role skips pods in phase Succeeded/Failed and containers whose status is terminated (vmagent 1.97+). */
  skipFinishedPods: boolean;
  /** A port-less pod target brackets an IPv6 pod IP (vmagent 1.110.3+; Prometheus writes the bare IP). */
  bracketPortlessIPv6: boolean;
  /** attach_metadata.node: `__meta_kubernetes_node_name` is set from the pod's spec.nodeName even when the node
   * object is unknown (vmagent Pod.appendCommonLabels); Prometheus adds node metadata only for a known node. */
  nodeNameWithoutNode: boolean;
  /** Endpoints/EndpointSlice roles: where node metadata comes from: the endpoint's nodeName (Prometheus) or the
   * backing pod's spec.nodeName, pod-backed addresses only (vmagent). */
  endpointNodeMetadataFrom: 'endpoint' | 'pod';
  /** Endpoints/EndpointSlice targets carry the Service's `_service_type` and `_service_cluster_ip` /
   * `_service_external_name` (vmagent Service.appendCommonLabels); Prometheus merges only name, labels, annotations. */
  serviceCommonLabelsOnEndpoints: boolean;
  /** Init containers count in the endpoints role's port matching and in extra-port targets only when they are
   * native sidecars (restartPolicy: Always): vmagent 1.106+ (endpoints.go; its endpointslice matching still takes
   * every init container). Prometheus takes every init container (initContainersInEndpoints). */
  initContainerSidecarsOnly: boolean;
  /** Endpoints role: the container-port protocol label copies the endpoint port's protocol (Prometheus) or the
   * container port's own (vmagent, and Prometheus' endpointslice role). */
  endpointsContainerProtocol: 'endpoint' | 'container';
  /** Extra container-port targets (ports no endpoint covers) carry the Endpoints/EndpointSlice object metadata:
   * 'group' (Prometheus: every group label, incl. slice name and address type), 'none' (vmagent < 1.87.6: pod,
   * container and service labels only), 'with-target-ref' (vmagent 1.91+: object name/labels/annotations plus
   * `_address_target_kind="Pod"` / `_address_target_name`). */
  extraTargetObjectMeta: 'group' | 'none' | 'with-target-ref';
  /** EndpointSlice endpoint conditions: emitted only when set (Prometheus), `ready` always with "false" for unset
   * (vmagent 1.79), or ready/serving/terminating always (vmagent 1.118+). */
  endpointSliceConditions: 'when-set' | 'ready-always' | 'all-always';
  /** EndpointSlice port name/protocol/number labels always present and a port-less slice port giving `addr:0`
   * (vmagent getEndpointSliceLabels); Prometheus emits only what is set and leaves the address bare. */
  endpointSlicePortAlways: boolean;
  /** Which endpoint field feeds `_endpoint_topology_*`: by API version (Prometheus: `deprecatedTopology` for v1,
   * `topology` for v1beta1 objects) or always `topology` (vmagent reads the v1beta1 name, so v1 objects give none). */
  endpointSliceTopologyField: 'by-api-version' | 'topology';
  /** vmagent 1.118+: `_endpointslice_endpoint_node_name` without `_endpoint_zone` (Prometheus has both under
   * endpointSliceNodeNameZone). */
  endpointSliceNodeNameOnly: boolean;
  /** Ingress: `_ingress_class_name` always (possibly ""): vmagent; Prometheus only when spec.ingressClassName is set. */
  ingressClassNameAlways: boolean;
  /** Ingress rule with an `http` section but no paths: no targets (Prometheus) or path "/" (vmagent
   * getIngressRulePaths). */
  ingressEmptyPathsRoot: boolean;
  /** Ingress TLS host matching: Prometheus matchesHostnamePattern (same number of dot parts) or vmagent
   * matchesHostPattern (`*.` prefix, compare after the host's first dot). */
  ingressHostPattern: 'prometheus' | 'vmagent';
}

/** Switches read by src/engine/relabel and config/relabel-config. */
export interface RelabelProfile {
  /** How the user regex is wrapped: `^(?s:…)$` (3.x) or `^(?:…)$` (2.42). Plain text concatenation. */
  regexWrap: { prefix: string; suffix: string };
  /** Go ≥ 1.22 accepts `(?<name>…)`; Prometheus 2.42 (Go 1.19) only `(?P<name>…)`. */
  angleNamedGroups: boolean;
  /** `replace` fast path (3.0+): empty input + untouched default regex + no `$` → set/delete directly. */
  replaceFastPath: boolean;
  /** ≤ 2.49: an invalid expanded target or an empty replacement deletes the *unexpanded* target_label.
   * 2.50+: invalid expanded target → skip; empty → delete the expanded name. */
  replaceLegacyDelete: boolean;
  /** Label-name validation scheme used by default (3.x: utf8; 2.x: legacy). */
  defaultNameValidation: 'utf8' | 'legacy';
  /** 2.42 checked replace/lowercase/uppercase/keepequal/dropequal target labels with the `$`-aware legacy
   * regex; 3.x checks lowercase/uppercase/keepequal/dropequal with the plain name check. */
  caseActionsDollarAwareCheck: boolean;
  /** Action names are accepted in any case (Prometheus lowercases them while parsing; vmagent since 1.81).
   * vmagent 1.79 compares them as written: `action: Keep` is "unknown `action`" and the whole config is refused. */
  actionCaseInsensitive: boolean;

  // --- vmagent differences (every Prometheus profile sets them explicitly) ---
  /** The action names the config accepts (after case folding where the version folds). */
  actions: readonly string[];
  /** hashmod: MD5 (Prometheus) or xxhash64 (vmagent relabel.go). */
  hashmod: 'md5' | 'xxhash64';
  /** `if:` series selectors: none (Prometheus), a single selector (vmagent 1.74+), a string or a list (1.92+). */
  ifSelector: 'none' | 'single' | 'list';
  /** `{{label}}` references in `replacement` are filled from current label values (vmagent 1.81+ fillLabelReferences). */
  labelReferences: boolean;
  /** How keep/drop/labelkeep/labeldrop/`if` regexes match: the anchored wrapped regex (Prometheus),
   * vmagent ≤ 1.8x's literal-prefix shortcuts (relabel.go matchString: `prefix.*` / `prefix.+` ignore newlines),
   * or newest vmagent's regexutil.PromRegex. */
  regexMatch: 'anchored' | 'vm-literal-prefix' | 'vm-promregex';
  /** When a regex counts as the default: only when not written (Prometheus, vmagent 1.79), or whenever it
   * simplifies to `.*` (newest vmagent isDefaultRegex: `.*`, `(.*)`, `^.*$` …), which makes `$1` copy the value. */
  defaultRegex: 'unset' | 'simplified';
  /** Leading `^` and trailing `$` are stripped before anchoring (vmagent regexutil.RemoveStartEndAnchors). */
  stripAnchors: boolean;
  /** Field combinations refused at load for keep_if_equal/drop_if_equal (no target_label, no regex) and the
   * equal/contains actions (vmagent 1.86+ parseRelabelConfig). */
  strictActionFields: boolean;
}

/** Switches read by src/engine/targets. */
export interface TargetProfile {
  /** 2.x adds `:80`/`:443` to port-less addresses (and instance gets it); 3.x never touches the port. */
  addDefaultPort: boolean;
  /** 2.42: config `params` always overwrite SD `__param_*`; 3.x: only when absent or empty. */
  configParamsOverrideSD: boolean;
  /** 3.13+: `__scrape_native_histograms__`, `__always_scrape_classic_histograms__`,
   * `__convert_classic_histograms_to_nhcb__` in discovered labels, validated as booleans. */
  histogramLabels: boolean;
  /** Empty-valued discovered labels vanish (Prometheus labels.Builder.Set("") deletes). */
  emptyDiscoveredLabelsVanish: boolean;
  /** Targets with identical labels and URL: Prometheus keeps one active target showing the *last* one's
   * discovered labels and lists the others nowhere ('collapse-keep-last'); vmagent keeps the first and lists
   * the others as dropped ('drop-later'). */
  duplicates: 'collapse-keep-last' | 'drop-later';

  // --- vmagent target building (targets/populate-vmagent.ts; Prometheus profiles set them for completeness) ---
  /** `__scrape_interval__`/`__scrape_timeout__` as Prometheus (`1m`) or Go (`1m0s`) durations. */
  durationFormat: 'prometheus' | 'go';
  /** global.external_labels are merged into every target before relabeling (vmagent < 1.82 mergeLabels). */
  externalLabelsInTargets: boolean;
  /** `http(s)://` and `/path` inside `__address__` set the scheme and metrics path (vmagent 1.83+
   * GetScrapeURL); without it an address containing `/` drops the target. */
  addressSchemePath: boolean;
  /** `:80`/`:443` goes into the scrape URL too (vmagent < 1.103); otherwise only into `instance`. */
  defaultPortInUrl: boolean;
  /** A metrics path already holding `?` gets the params after `&` (vmagent 1.8x+); before, right after the path
   * with no separator (vmagent 1.79: `/metrics?x=1foo=bar`). */
  paramsAmpersandAfterQuery: boolean;
  /** What the API calls a target's scrapePool: the job_name, or the final `job` label (vmagent 1.79). */
  scrapePool: 'job-name' | 'job-label';
  /** Per-target `__…__` settings parsed after relabeling (a bad value fails the target), besides the interval and
   * timeout: vmagent 1.79 `__series_limit__`, `__stream_parse__`; newer versions more. */
  targetSettingLabels: readonly string[];
}

/** Keys a vmagent version accepts per config section (the yaml tags of its Go structs). */
export interface ConfigKeys {
  top: readonly string[];
  global: readonly string[];
  scrape: readonly string[];
  sd: readonly string[];
  attachMetadata: readonly string[];
  staticConfig: readonly string[];
}

/** Switches read by src/engine/config. */
export interface ConfigProfile {
  /** Unknown keys: 'error' (Prometheus yaml.UnmarshalStrict refuses the config) or 'warn-strict' (vmagent as the
   * goldens ran it, -promscrape.config.strictParse=false: ignored, with a warning that vmagent's default strict
   * mode refuses the config). */
  unknownKeys: 'error' | 'warn-strict';
  /** The vmagent parser's key lists for this version; null for Prometheus (config/scrape-config.ts has its own). */
  keys: ConfigKeys | null;
  /** Role spellings accepted besides the canonical ones (`endpointslices`: vmagent SDConfig.role()). */
  roleAliases: Readonly<Record<string, string>>;
}

export interface Profile {
  id: ProfileId;
  engine: EngineFamily;
  /** Human name, e.g. "Prometheus 3.14". */
  title: string;
  config: ConfigProfile;
  discovery: DiscoveryProfile;
  relabel: RelabelProfile;
  targets: TargetProfile;
}
