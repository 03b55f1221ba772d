// VictoriaMetrics operator pieces shared by the VM scrape generators
// (internal/controller/operator/factory/vmscrapes/vmscrapes.go): relabel rules, selector rules,
// kubernetes_sd_configs, common scrape parameters and scrape classes. Auth rendering is in vm-auth.ts,
// the generator context in vm-context.ts (both re-exported here).
import type { StoredObject } from '../ingest/kinds.ts';
import type { RuleOrigin } from '../trace.ts';
import { isEmptySelector, selectorString, type LabelSelector } from './label-selector.ts';
import { jobOrigins, rule, Rules, type BuiltJob } from './rules.ts';
import { bool, int, isObj, obj, objList, originOf, parseVMDuration, sanitizeLabelName, str, strList, strListMap, type Obj, type Path } from './values.ts';
import { addEndpointAuth, addVMScrapeParams, authorization, basicAuth, tls } from './vm-auth.ts';
import { vmOrigin, type VMCtx } from './vm-context.ts';
import { MapSlice, type YValue } from './yaml-emit.ts';

export * from './vm-auth.ts';
export * from './vm-context.ts';

/** StringOrArray marshalling: one element → the string, several → a list. */
function stringOrArray(v: unknown): YValue | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.length === 1 ? String(v[0]) : v.length === 0 ? undefined : v.map(String);
  return String(v);
}

/** generateRelabelConfig (camelCase fields win over snake_case ones, RelabelConfig.UnmarshalJSON). */
export function vmRelabel(rc: Obj): MapSlice {
  const r = new MapSlice();
  const sl = strList(rc, 'sourceLabels').length ? strList(rc, 'sourceLabels') : strList(rc, 'source_labels');
  if (sl.length) r.add('source_labels', sl);
  if (rc.separator !== undefined && rc.separator !== null) r.add('separator', String(rc.separator));
  const tl = str(rc, 'targetLabel') || str(rc, 'target_label');
  if (tl) r.add('target_label', tl);
  r.add('regex', stringOrArray(rc.regex));
  const mod = int(rc, 'modulus');
  if (mod) r.add('modulus', mod);
  if (rc.replacement !== undefined && rc.replacement !== null) r.add('replacement', String(rc.replacement));
  if (str(rc, 'action')) r.add('action', str(rc, 'action'));
  r.add('if', stringOrArray(rc.if));
  if (str(rc, 'match')) r.add('match', str(rc, 'match'));
  const labels = obj(rc.labels);
  if (labels && Object.keys(labels).length) r.add('labels', labels as { [k: string]: YValue });
  return r;
}

/** The same RelabelConfig marshalled through its yaml tags (global relabel configs). */
export function vmRelabelYamlTags(rc: Obj): MapSlice {
  const r = new MapSlice();
  const sl = strList(rc, 'source_labels').length ? strList(rc, 'source_labels') : strList(rc, 'sourceLabels');
  if (sl.length) r.add('source_labels', sl);
  const tl = str(rc, 'target_label') || str(rc, 'targetLabel');
  if (tl) r.add('target_label', tl);
  if (rc.separator !== undefined && rc.separator !== null) r.add('separator', String(rc.separator));
  r.add('regex', stringOrArray(rc.regex));
  if (int(rc, 'modulus')) r.add('modulus', int(rc, 'modulus'));
  if (rc.replacement !== undefined && rc.replacement !== null) r.add('replacement', String(rc.replacement));
  if (str(rc, 'action')) r.add('action', str(rc, 'action'));
  r.add('if', stringOrArray(rc.if));
  if (str(rc, 'match')) r.add('match', str(rc, 'match'));
  if (isObj(rc.labels) && Object.keys(rc.labels).length) r.add('labels', rc.labels as { [k: string]: YValue });
  return r;
}

export function pushRelabels(rules: Rules, list: Obj[], origin: (i: number) => RuleOrigin): void {
  list.forEach((rc, i) => rules.push(vmRelabel(rc), origin(i)));
}

/** addSelectorToRelabelingFor: matchLabels keys sorted, raw value as regex (no labelpresent pairing). */
export function vmSelectorRules(rules: Rules, typeName: string, sel: LabelSelector, origin: (p: Path) => RuleOrigin): void {
  const label = (k: string) => `__meta_kubernetes_${typeName}_label_${sanitizeLabelName(k)}`;
  const present = (k: string) => `__meta_kubernetes_${typeName}_labelpresent_${sanitizeLabelName(k)}`;
  for (const k of Object.keys(sel.matchLabels).sort()) {
    rules.push(rule(['action', 'keep'], ['source_labels', [label(k)]], ['regex', sel.matchLabels[k] as string]), origin(['matchLabels', k]));
  }
  sel.matchExpressions.forEach((e, i) => {
    const o = origin(['matchExpressions', i]);
    if (e.operator === 'In') rules.push(rule(['action', 'keep'], ['source_labels', [label(e.key)]], ['regex', e.values.join('|')]), o);
    else if (e.operator === 'NotIn') rules.push(rule(['action', 'drop'], ['source_labels', [label(e.key)]], ['regex', e.values.join('|')]), o);
    else if (e.operator === 'Exists') rules.push(rule(['action', 'keep'], ['source_labels', [present(e.key)]], ['regex', 'true']), o);
    else if (e.operator === 'DoesNotExist') rules.push(rule(['action', 'drop'], ['source_labels', [present(e.key)]], ['regex', 'true']), o);
  });
}

/** getNamespacesFromNamespaceSelector; [] = every namespace. */
export function vmNamespaces(ctx: VMCtx, nsSel: Obj | undefined, namespace: string): string[] {
  if (ctx.ignoreNamespaceSelectors) return [namespace];
  if (bool(nsSel, 'any')) return [];
  const names = strList(nsSel, 'matchNames');
  return names.length ? names : [namespace];
}

export interface VMK8sSD {
  role: string;
  namespaces?: string[];
  attach?: { node?: boolean; namespace?: boolean };
  selector?: LabelSelector;
  namespace: string;
}

/** addAttachMetadata: only `true` values, and only for the roles that support them. */
export function attachMetadata(dst: MapSlice, am: { node?: boolean; namespace?: boolean } | undefined, role: string): void {
  if (!am) return;
  const items = new MapSlice();
  if (am.node && ['pod', 'endpoints', 'endpointslice', 'endpointslices'].includes(role)) items.add('node', true);
  if (am.namespace && ['pod', 'service', 'endpoints', 'endpointslice', 'ingress', 'endpointslices'].includes(role)) items.add('namespace', true);
  if (items.size) dst.add('attach_metadata', items);
}

/** generateK8SSDConfig for one or more roles (a VMProbe may have several). */
export function vmK8sSDConfigs(ctx: VMCtx, opts: VMK8sSD[]): MapSlice[] {
  const api = obj(ctx.spec.apiServerConfig);
  const apiSelectors = bool(ctx.spec, 'enableKubernetesAPISelectors') === true;
  return opts.map((o) => {
    const sd = new MapSlice().add('role', o.role);
    attachMetadata(sd, o.attach, o.role);
    if (o.namespaces?.length) sd.add('namespaces', new MapSlice().add('names', o.namespaces));
    if (api) {
      sd.add('api_server', str(api, 'host') ?? '');
      if (isObj(api.basicAuth)) {
        const ba = basicAuth(ctx, o.namespace, api.basicAuth, ['apiServerConfig', 'basicAuth']);
        if (ba.size) sd.add('basic_auth', ba);
      }
      if (str(api, 'bearerTokenFile')) sd.add('bearer_token_file', str(api, 'bearerTokenFile'));
      else if (str(api, 'bearerToken')) sd.add('bearer_token', str(api, 'bearerToken'));
      for (const [k, v] of authorization(ctx, o.namespace, obj(api.authorization), ['apiServerConfig', 'authorization']).items) sd.add(k, v);
      if (isObj(api.tlsConfig)) {
        const t = tls(ctx, o.namespace, api.tlsConfig, ['apiServerConfig', 'tlsConfig']);
        if (t.size) sd.add('tls_config', t);
      }
    }
    const selectors: MapSlice[] = [];
    if (ctx.mustUseNodeSelector) selectors.push(new MapSlice().add('role', 'pod').add('field', 'spec.nodeName=%{KUBE_NODE_NAME}'));
    else if (apiSelectors && o.selector && !isEmptySelector(o.selector)) {
      const s = selectorString(o.selector);
      selectors.push(new MapSlice().add('role', o.role).add('label', s));
      // Endpoints roles also watch pods and services: the selector applies to them too.
      if (['endpoints', 'endpointslice', 'endpointslices'].includes(o.role)) for (const r of ['pod', 'service']) selectors.push(new MapSlice().add('role', r).add('label', s));
    }
    if (selectors.length) sd.add('selectors', selectors);
    return sd;
  });
}

/** setScrapeIntervalToWithLimit: scrape_interval (else interval), clamped by min/maxScrapeInterval. */
export function scrapeInterval(ctx: VMCtx, ep: Obj): string | undefined {
  const v = str(ep, 'scrape_interval') || str(ep, 'interval');
  if (!v) return v;
  const min = str(ctx.spec, 'minScrapeInterval');
  const max = str(ctx.spec, 'maxScrapeInterval');
  if (min === undefined && max === undefined) return v;
  const d = parseVMDuration(v);
  if (d === undefined) return v;
  if (min !== undefined) {
    const m = parseVMDuration(min);
    if (m === undefined) return v;
    if (m >= d) return min;
  }
  if (max !== undefined) {
    const m = parseVMDuration(max);
    if (m === undefined) return v;
    if (m < d) return max;
  }
  return v;
}

export interface ScrapeParams {
  ep: Obj;
  interval: string | undefined;
  timeout?: string | undefined;
  sampleLimit?: number | undefined;
  seriesLimit?: number | undefined;
}

/** addCommonScrapeParamsTo. */
export function addCommonScrapeParams(ctx: VMCtx, cfg: MapSlice, p: ScrapeParams): void {
  const ep = p.ep;
  const override = bool(ctx.spec, 'overrideHonorLabels') === true;
  cfg.add('honor_labels', (bool(ep, 'honorLabels') ?? false) && !override);
  const ht = bool(ep, 'honorTimestamps');
  const overrideTs = bool(ctx.spec, 'overrideHonorTimestamps') === true;
  if (ht !== undefined || overrideTs) cfg.add('honor_timestamps', (ht ?? false) && !overrideTs);
  if (p.interval) cfg.add('scrape_interval', p.interval);
  const timeout = p.timeout ?? str(ep, 'scrapeTimeout');
  if (timeout) cfg.add('scrape_timeout', timeout);
  if (str(ep, 'path')) cfg.add('metrics_path', str(ep, 'path'));
  if (ep.proxyURL !== undefined && ep.proxyURL !== null) cfg.add('proxy_url', String(ep.proxyURL));
  if (bool(ep, 'follow_redirects') !== undefined) cfg.add('follow_redirects', bool(ep, 'follow_redirects'));
  const params = strListMap(ep, 'params');
  if (params && Object.keys(params).length) cfg.add('params', params);
  if (str(ep, 'scheme')) cfg.add('scheme', (str(ep, 'scheme') as string).toLowerCase());
  if (str(ep, 'max_scrape_size')) cfg.add('max_scrape_size', str(ep, 'max_scrape_size'));
  const sl = p.sampleLimit ?? int(ep, 'sampleLimit') ?? 0;
  if (sl > 0) cfg.add('sample_limit', sl);
  const srl = p.seriesLimit ?? int(ep, 'seriesLimit') ?? 0;
  if (srl > 0) cfg.add('series_limit', srl);
}

/** addMetricRelabelingsTo: rules targeting the enforced namespace label are dropped. */
export function addMetricRelabelings(ctx: VMCtx, cfg: MapSlice, list: Obj[], origin: (i: number) => RuleOrigin): Rules {
  const rules = new Rules();
  const enforced = str(ctx.spec, 'enforcedNamespaceLabel');
  list.forEach((rc, i) => {
    const tl = str(rc, 'targetLabel') || str(rc, 'target_label');
    if (tl && enforced && tl === enforced) return;
    rules.push(vmRelabel(rc), origin(i));
  });
  if (rules.length) cfg.add('metric_relabel_configs', rules.rules);
  return rules;
}

export function enforceNamespaceLabel(ctx: VMCtx, rules: Rules, namespace: string): void {
  const l = str(ctx.spec, 'enforcedNamespaceLabel');
  if (l) rules.push(rule(['target_label', l], ['replacement', namespace]), vmOrigin(ctx, ['enforcedNamespaceLabel']));
}

// --- scrape classes ----------------------------------------------------------------------------------

export interface VMScrapeClass {
  cls: Obj;
  index: number;
}

/** getScrapeClass: the named class, else the default one. */
export function vmScrapeClass(ctx: VMCtx, name: string | undefined): VMScrapeClass | undefined {
  let def: VMScrapeClass | undefined;
  for (const [index, cls] of objList(ctx.spec, 'scrapeClasses').entries()) {
    if ((name ?? '') === (str(cls, 'name') ?? '')) return { cls, index };
    if (bool(cls, 'default')) def = { cls, index };
  }
  return def;
}

/** Relabel rules with their origins: the scrape class' ones first, then the endpoint's. */
export function classThenOwn(ctx: VMCtx, cls: VMScrapeClass | undefined, field: 'relabelConfigs' | 'metricRelabelConfigs', own: Obj[], ownOrigin: (i: number) => RuleOrigin): { list: Obj[]; origin: (i: number) => RuleOrigin } {
  const classList = cls ? objList(cls.cls, field) : [];
  return {
    list: [...classList, ...own],
    origin: (i) => (i < classList.length ? vmOrigin(ctx, ['scrapeClasses', cls?.index ?? 0, field, i]) : ownOrigin(i - classList.length)),
  };
}

/** attach_metadata: the endpoint's, else the scrape class' (merged first), else the object's. */
export function mergedAttach(ep: Obj | undefined, spec: Obj | undefined, cls: Obj | undefined): { node?: boolean; namespace?: boolean } {
  const pick = (k: string) => bool(ep, k) ?? bool(cls, k) ?? bool(spec, k);
  const node = pick('node');
  const namespace = pick('namespace');
  return { ...(node !== undefined ? { node } : {}), ...(namespace !== undefined ? { namespace } : {}) };
}

/** Origins of an object's fields; for an object the converter made, the prometheus-operator object's. */
export function originFor(so: StoredObject, kind: string): (p: Path) => RuleOrigin {
  const ns = so.obj.metadata.namespace ?? 'default';
  const c = so as StoredObject & { convertedFrom?: { kind: string }; source?: StoredObject; mapPath?: (p: Path) => Path };
  if (c.convertedFrom && c.source && c.mapPath) {
    const { source, mapPath, convertedFrom } = c;
    return (p) => {
      const mapped = mapPath(p[0] === 'metadata' ? p : ['spec', ...p]);
      return originOf(source, convertedFrom.kind, ns, so.obj.metadata.name, mapped[0] === 'spec' ? mapped.slice(1) : mapped);
    };
  }
  return (p) => originOf(so, kind, ns, so.obj.metadata.name, p);
}

/** The tail every VM endpoint job shares (vmscrapes generate*Config after the kind-specific rules): the scrape
 * class's then the endpoint's relabelings, the VMAgent's relabel template for the kind, the enforced
 * namespace label, metric relabelings, vm_scrape_params and the endpoint's auth. */
export function finishEndpointJob(
  ctx: VMCtx,
  job: { name: string; cfg: MapSlice; rules: Rules; cls: VMScrapeClass | undefined; rawEp: Obj; ep: Obj; ns: string },
  where: { endpoint: Path; template: string; origin: (...p: (string | number)[]) => RuleOrigin },
): BuiltJob {
  const { cfg, rules, cls, rawEp, ep, ns } = job;
  const e = where.origin;
  const rel = classThenOwn(ctx, cls, 'relabelConfigs', objList(rawEp, 'relabelConfigs'), (j) => e('relabelConfigs', j));
  pushRelabels(rules, rel.list, rel.origin);
  pushRelabels(rules, objList(ctx.spec, where.template), (j) => vmOrigin(ctx, [where.template, j]));
  enforceNamespaceLabel(ctx, rules, ns);
  cfg.add('relabel_configs', rules.rules);
  const mrel = classThenOwn(ctx, cls, 'metricRelabelConfigs', objList(rawEp, 'metricRelabelConfigs'), (j) => e('metricRelabelConfigs', j));
  const metric = addMetricRelabelings(ctx, cfg, mrel.list, mrel.origin);
  addVMScrapeParams(ctx, cfg, obj(ep.vm_scrape_params), ns, [...where.endpoint, 'vm_scrape_params']);
  addEndpointAuth(ctx, cfg, ep, ns, where.endpoint);
  return { name: job.name, cfg, origins: jobOrigins(e(), rules, metric) };
}
