// The few CRD schema checks that decide whether the API server would accept a monitor at all: the
// int-or-string mix-ups people make (`port: 8080` where the CRD wants a port NAME string). Such an object
// never reaches the operator; we report it as rejected with the API server's reason.
import { formatPath, isObj, objList, type Obj, type Path } from './values.ts';

/** Endpoint list field and the string-only port fields of each kind. */
const STRING_PORTS: Record<string, [list: string | undefined, fields: string[]]> = {
  ServiceMonitor: ['endpoints', ['port']],
  PodMonitor: ['podMetricsEndpoints', ['port']],
  VMServiceScrape: ['endpoints', ['port']],
  VMPodScrape: ['podMetricsEndpoints', ['port']],
  VMNodeScrape: [undefined, ['port']],
};

export function schemaError(kind: string, spec: Obj): { message: string; path: Path } | undefined {
  const rule = STRING_PORTS[kind];
  if (!rule) return undefined;
  const [list, fields] = rule;
  const items = list ? objList(spec, list).map((e, i) => ({ e, path: [list, i] as Path })) : [{ e: spec, path: [] as Path }];
  for (const { e, path } of items) {
    if (!isObj(e)) continue;
    for (const f of fields) {
      if (typeof e[f] === 'number') {
        const at = [...path, f];
        return {
          message: `the API server rejects this object: spec.${formatPath(at)}: Invalid value: "integer": must be of type string (${f} is the port NAME; quote it only if a port is really named "${e[f]}", otherwise use the port's name or targetPort: ${e[f]})`,
          path: at,
        };
      }
    }
  }
  return undefined;
}

/** Field-name mix-ups between the two operators' CRDs. The API server prunes unknown fields, so the
 * setting silently does nothing; say so. [kind, list holding endpoints (or '' for spec), wrong, right]. */
const MIXUPS: [string, string, string, string][] = [
  ['VMServiceScrape', 'endpoints', 'relabelings', 'relabelConfigs'],
  ['VMServiceScrape', 'endpoints', 'metricRelabelings', 'metricRelabelConfigs'],
  ['VMServiceScrape', '', 'attachMetadata', 'attach_metadata'],
  ['VMServiceScrape', 'endpoints', 'attachMetadata', 'attach_metadata'],
  ['VMServiceScrape', '', 'serviceDiscoveryRole', 'discoveryRole'],
  ['VMPodScrape', 'podMetricsEndpoints', 'relabelings', 'relabelConfigs'],
  ['VMPodScrape', 'podMetricsEndpoints', 'metricRelabelings', 'metricRelabelConfigs'],
  ['VMPodScrape', '', 'attachMetadata', 'attach_metadata'],
  ['ServiceMonitor', 'endpoints', 'relabelConfigs', 'relabelings'],
  ['ServiceMonitor', 'endpoints', 'metricRelabelConfigs', 'metricRelabelings'],
  ['ServiceMonitor', '', 'attach_metadata', 'attachMetadata'],
  ['ServiceMonitor', '', 'discoveryRole', 'serviceDiscoveryRole'],
  ['PodMonitor', 'podMetricsEndpoints', 'relabelConfigs', 'relabelings'],
  ['PodMonitor', 'podMetricsEndpoints', 'metricRelabelConfigs', 'metricRelabelings'],
];

/** Keys a label selector has (anything else is pruned by the API server). */
const LABEL_SELECTOR_KEYS = new Set(['matchLabels', 'matchExpressions']);
/** A monitor's own namespaceSelector is {any, matchNames}, not a label selector. */
const MONITOR_NS_SELECTOR_KEYS = new Set(['any', 'matchNames']);

export interface Pruned {
  message: string;
  path: Path;
}

/** Fields the API server would drop from this object (only the well-known mix-ups). */
export function prunedFields(kind: string, spec: Obj): Pruned[] {
  const out: Pruned[] = [];
  for (const [k, list, wrong, right] of MIXUPS) {
    if (k !== kind) continue;
    const items = list ? objList(spec, list).map((e, i) => ({ e, path: [list, i] as Path })) : [{ e: spec, path: [] as Path }];
    for (const { e, path } of items) {
      if (e[wrong] !== undefined) out.push({ message: `${kind} has no field ${formatPath([...path, wrong])} (that is the other operator's name; here it is ${right}): the API server prunes it and it has no effect`, path: [...path, wrong] });
    }
  }
  const nsSel = spec.namespaceSelector;
  if (isObj(nsSel) && kind !== 'Prometheus' && kind !== 'PrometheusAgent' && kind !== 'VMAgent') {
    for (const key of Object.keys(nsSel)) {
      if (!MONITOR_NS_SELECTOR_KEYS.has(key)) out.push({ message: `${kind} spec.namespaceSelector.${key} is not a field (a monitor's namespaceSelector has only any and matchNames): pruned, so the monitor discovers in its own namespace unless matchNames/any is set`, path: ['namespaceSelector', key] });
    }
  }
  if (kind === 'Prometheus' || kind === 'PrometheusAgent' || kind === 'VMAgent') {
    for (const [field, v] of Object.entries(spec)) {
      if (!/^(serviceMonitor|podMonitor|probe|scrapeConfig|rule|serviceScrape|podScrape|nodeScrape|staticScrape)(Namespace)?Selector$/.test(field) || !isObj(v)) continue;
      for (const key of Object.keys(v)) {
        if (!LABEL_SELECTOR_KEYS.has(key)) out.push({ message: `${kind} spec.${field}.${key} is not a field of a label selector: the API server prunes it, leaving ${Object.keys(v).some((x) => LABEL_SELECTOR_KEYS.has(x)) ? 'the rest of the selector' : '{} (which selects everything)'}`, path: [field, key] });
      }
    }
  }
  return out;
}
