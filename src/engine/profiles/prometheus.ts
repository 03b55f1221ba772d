// Prometheus profiles. Every difference between 2.42 and 3.14 that the engine models is
// one switch below; ARCHITECTURE.md ("Profiles") lists them too. Source for each fact:
// ../shared/reference/prometheus.md §9 (per-tag checks of the upstream source).
import type { Profile } from './types.ts';

export const prometheus314: Profile = {
  id: 'prometheus-3.14',
  engine: 'prometheus',
  title: 'Prometheus 3.14',
  discovery: {
    initContainersInEndpoints: true, // 3.0
    endpointsObjectMetaFull: true, // 2.46
    nodeMetadataAnnotations: true, // 2.46
    endpointsNodeFromTargetRef: true, // 2.45
    endpointSliceNodeFromTargetRef: true, // 3.4
    skipExtraTargetsWithoutPodIP: true, // 2.46
    endpointSliceNodeNameZone: true, // 2.52
    namespaceMetadata: true, // 3.6
    workloadMetadata: true, // 3.11
    podNodeStoreFilter: true, // 3.11
    dualStackSecondarySkip: true, // 3.11
    nodeConditions: true, // 3.12
    betaApiVersions: false, // 3.0 removed the v1beta1 EndpointSlice/Ingress fallbacks
  },
  relabel: {
    regexWrap: { prefix: '^(?s:', suffix: ')$' }, // 3.0: "Regular expressions match newlines"
    angleNamedGroups: true, // built with Go >= 1.22
    replaceFastPath: true, // 3.0
    replaceLegacyDelete: false, // 2.50
    defaultNameValidation: 'utf8', // 3.0
    caseActionsDollarAwareCheck: false,
    actionCaseInsensitive: true,
  },
  targets: {
    addDefaultPort: false, // 3.0 removed default-port handling
    configParamsOverrideSD: false, // 3.0
    histogramLabels: true, // 3.13
    emptyDiscoveredLabelsVanish: true,
    duplicates: 'collapse-keep-last',
  },
};

export const prometheus242: Profile = {
  id: 'prometheus-2.42',
  engine: 'prometheus',
  title: 'Prometheus 2.42',
  discovery: {
    initContainersInEndpoints: false,
    endpointsObjectMetaFull: false,
    nodeMetadataAnnotations: false,
    endpointsNodeFromTargetRef: false,
    endpointSliceNodeFromTargetRef: false,
    skipExtraTargetsWithoutPodIP: false,
    endpointSliceNodeNameZone: false,
    namespaceMetadata: false,
    workloadMetadata: false,
    podNodeStoreFilter: false,
    dualStackSecondarySkip: false,
    nodeConditions: false,
    betaApiVersions: true,
  },
  relabel: {
    regexWrap: { prefix: '^(?:', suffix: ')$' },
    angleNamedGroups: false, // Go 1.19
    replaceFastPath: false,
    replaceLegacyDelete: true,
    defaultNameValidation: 'legacy',
    caseActionsDollarAwareCheck: true,
    actionCaseInsensitive: true,
  },
  targets: {
    addDefaultPort: true,
    configParamsOverrideSD: true,
    histogramLabels: false,
    // The 2.42 goldens show no empty-valued discovered labels (the note in the reference says the 2.42 UI
    // showed them; the golden wins).
    emptyDiscoveredLabelsVanish: true,
    duplicates: 'collapse-keep-last',
  },
};
