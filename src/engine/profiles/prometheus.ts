// Prometheus profiles. Every difference between 2.42 and 3.14 that the engine models is
// one switch below; ARCHITECTURE.md ("Profiles") lists them too. Source for each fact:
// ../shared/reference/prometheus.md §9 (per-tag checks of the upstream source).
import { PROM_RELABEL_ACTIONS } from '../relabel/types.ts';
import type { ConfigProfile, DiscoveryProfile, RelabelProfile, TargetProfile } from './types.ts';
import type { Profile } from './types.ts';

// Switches added for vmagent: Prometheus' values, identical in 2.42 and 3.14 (each is described in types.ts).
const PROM_CONFIG: ConfigProfile = { unknownKeys: 'error', keys: null, roleAliases: {} };
const PROM_DISCOVERY_VM_SWITCHES: Pick<
  DiscoveryProfile,
  | 'validateSelectors' | 'ownNamespaceWithNames' | 'namespaceScopes' | 'servicePortNumber' | 'serviceLoadBalancerIP'
  | 'podContainerImage' | 'podContainerId' | 'skipFinishedPods' | 'bracketPortlessIPv6' | 'nodeNameWithoutNode'
  | 'endpointNodeMetadataFrom' | 'initContainerSidecarsOnly' | 'serviceCommonLabelsOnEndpoints' | 'endpointsContainerProtocol' | 'extraTargetObjectMeta'
  | 'endpointSliceConditions' | 'endpointSlicePortAlways' | 'endpointSliceTopologyField' | 'endpointSliceNodeNameOnly'
  | 'ingressClassNameAlways' | 'ingressEmptyPathsRoot' | 'ingressHostPattern'
> = {
  validateSelectors: true,
  ownNamespaceWithNames: 'append',
  namespaceScopes: 'per-namespace',
  servicePortNumber: true,
  serviceLoadBalancerIP: true,
  podContainerImage: true,
  podContainerId: 'always',
  skipFinishedPods: false,
  bracketPortlessIPv6: false,
  nodeNameWithoutNode: false,
  endpointNodeMetadataFrom: 'endpoint',
  initContainerSidecarsOnly: false,
  serviceCommonLabelsOnEndpoints: false,
  endpointsContainerProtocol: 'endpoint',
  extraTargetObjectMeta: 'group',
  endpointSliceConditions: 'when-set',
  endpointSlicePortAlways: false,
  endpointSliceTopologyField: 'by-api-version',
  endpointSliceNodeNameOnly: false,
  ingressClassNameAlways: false,
  ingressEmptyPathsRoot: false,
  ingressHostPattern: 'prometheus',
};
const PROM_RELABEL_VM_SWITCHES: Pick<
  RelabelProfile,
  'actions' | 'hashmod' | 'ifSelector' | 'labelReferences' | 'regexMatch' | 'defaultRegex' | 'stripAnchors' | 'strictActionFields'
> = {
  actions: PROM_RELABEL_ACTIONS,
  hashmod: 'md5',
  ifSelector: 'none',
  labelReferences: false,
  regexMatch: 'anchored',
  defaultRegex: 'unset',
  stripAnchors: false,
  strictActionFields: false,
};
const PROM_TARGET_VM_SWITCHES: Pick<
  TargetProfile,
  'durationFormat' | 'externalLabelsInTargets' | 'addressSchemePath' | 'paramsAmpersandAfterQuery' | 'scrapePool' | 'targetSettingLabels'
> = {
  durationFormat: 'prometheus',
  externalLabelsInTargets: false,
  addressSchemePath: false,
  paramsAmpersandAfterQuery: false,
  scrapePool: 'job-name',
  targetSettingLabels: [],
};

export const prometheus314: Profile = {
  id: 'prometheus-3.14',
  engine: 'prometheus',
  title: 'Prometheus 3.14',
  config: PROM_CONFIG,
  discovery: {
    ...PROM_DISCOVERY_VM_SWITCHES,
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
    ...PROM_RELABEL_VM_SWITCHES,
    regexWrap: { prefix: '^(?s:', suffix: ')$' }, // 3.0: "Regular expressions match newlines"
    angleNamedGroups: true, // built with Go >= 1.22
    replaceFastPath: true, // 3.0
    replaceLegacyDelete: false, // 2.50
    defaultNameValidation: 'utf8', // 3.0
    caseActionsDollarAwareCheck: false,
    actionCaseInsensitive: true,
  },
  targets: {
    ...PROM_TARGET_VM_SWITCHES,
    addDefaultPort: false, // 3.0 removed default-port handling
    defaultPortInUrl: false,
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
  config: PROM_CONFIG,
  discovery: {
    ...PROM_DISCOVERY_VM_SWITCHES,
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
    ...PROM_RELABEL_VM_SWITCHES,
    regexWrap: { prefix: '^(?:', suffix: ')$' },
    angleNamedGroups: false, // Go 1.19
    replaceFastPath: false,
    replaceLegacyDelete: true,
    defaultNameValidation: 'legacy',
    caseActionsDollarAwareCheck: true,
    actionCaseInsensitive: true,
  },
  targets: {
    ...PROM_TARGET_VM_SWITCHES,
    addDefaultPort: true,
    defaultPortInUrl: true,
    configParamsOverrideSD: true,
    histogramLabels: false,
    // The 2.42 goldens show no empty-valued discovered labels (the note in the reference says the 2.42 UI
    // showed them; the golden wins).
    emptyDiscoveredLabelsVanish: true,
    duplicates: 'collapse-keep-last',
  },
};
