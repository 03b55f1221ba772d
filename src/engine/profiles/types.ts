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
  /** Action names are accepted in any case (Prometheus lowercases them while parsing). */
  actionCaseInsensitive: boolean;
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
}

export interface Profile {
  id: ProfileId;
  engine: EngineFamily;
  /** Human name, e.g. "Prometheus 3.14". */
  title: string;
  discovery: DiscoveryProfile;
  relabel: RelabelProfile;
  targets: TargetProfile;
}
