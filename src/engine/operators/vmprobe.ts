// VMProbe → one scrape job (static targets and/or Kubernetes discovery through a prober), following the
// VictoriaMetrics operator internal/controller/operator/factory/vmscrapes/probe.go generateProbeConfig.
import type { StoredObject } from '../ingest/kinds.ts';
import type { RuleOrigin } from '../trace.ts';
import { EMPTY_SELECTOR, readSelector } from './label-selector.ts';
import { jobOrigins, rule, Rules, type BuiltJob } from './rules.ts';
import { bool, obj, objList, str, strList, strListMap, strMap, type Obj, type Path } from './values.ts';
import {
  addCommonScrapeParams,
  addEndpointAuth,
  addMetricRelabelings,
  addVMScrapeParams,
  enforceNamespaceLabel,
  mergeEndpointAuth,
  originFor,
  pushRelabels,
  scrapeInterval,
  vmK8sSDConfigs,
  vmNamespaces,
  vmOrigin,
  vmScrapeClass,
  vmSelectorRules,
  type VMCtx,
  type VMK8sSD,
} from './vm-common.ts';
import { MapSlice } from './yaml-emit.ts';

/** For roles without their own scheme/path meta labels, derive them from the probe-path/probe-scheme
 * annotations (VM `if` rules). */
function roleRelabelings(role: string): MapSlice[] {
  if (role !== 'service' && role !== 'pod' && role !== 'node') return [];
  const ann = (what: string) => `__meta_kubernetes_${role}_annotation_operator_victoriametrics_com_probe_${what}`;
  const present = (what: string) => `{__meta_kubernetes_${role}_annotationpresent_operator_victoriametrics_com_probe_${what}!="true"}`;
  return [
    rule(['action', 'replace'], ['source_labels', [ann('path')]], ['target_label', `__meta_kubernetes_${role}_path`]),
    rule(['if', present('path')], ['action', 'replace'], ['target_label', `__meta_kubernetes_${role}_path`], ['replacement', '/']),
    rule(['action', 'replace'], ['source_labels', [ann('scheme')]], ['target_label', `__meta_kubernetes_${role}_scheme`]),
    rule(['if', present('scheme')], ['action', 'replace'], ['target_label', `__meta_kubernetes_${role}_scheme`], ['replacement', 'http']),
  ];
}

export function generateVMProbe(ctx: VMCtx, so: StoredObject, kind = 'VMProbe'): BuiltJob {
  const ns = so.obj.metadata.namespace ?? 'default';
  const name = so.obj.metadata.name;
  const raw = obj(so.obj.spec) ?? {};
  const at = originFor(so, kind);
  const cls = vmScrapeClass(ctx, str(raw, 'scrapeClass'));
  const spec: Obj = cls ? mergeEndpointAuth(raw, cls.cls) : { ...raw };
  const prober = obj(spec.vmProberSpec) ?? {};
  spec.path = str(prober, 'path') || '/probe';
  const module = str(spec, 'module');
  if (module) spec.params = { ...(strListMap(spec, 'params') ?? {}), module: [module] };
  if (str(prober, 'scheme')) spec.scheme = str(prober, 'scheme');
  const jobName = `probe/${ns}/${name}`;
  const cfg = new MapSlice().add('job_name', jobName);
  addCommonScrapeParams(ctx, cfg, { ep: spec, interval: scrapeInterval(ctx, spec) });

  const rules = new Rules();
  const targets = obj(spec.targets) ?? {};
  const staticKey = obj(targets.static) ? 'static' : 'staticConfig';
  const st = obj(targets[staticKey]);
  if (st) {
    const sc = new MapSlice().add('targets', strList(st, 'targets'));
    const labels = strMap(st, 'labels');
    if (labels) sc.add('labels', labels);
    cfg.add('static_configs', [sc]);
    rules.push(rule(['source_labels', ['__address__']], ['target_label', '__param_target']), at(['targets', staticKey]));
    pushRelabels(rules, objList(st, 'relabelingConfigs'), (j) => at(['targets', staticKey, 'relabelingConfigs', j]));
  }
  const k8s: { t: Obj; path: Path }[] = objList(targets, 'kubernetes').map((t, j) => ({ t, path: ['targets', 'kubernetes', j] }));
  if (obj(targets.ingress)) k8s.push({ t: { ...(targets.ingress as Obj), role: 'ingress' }, path: ['targets', 'ingress'] });
  const sdOpts: VMK8sSD[] = [];
  const apiSelectors = bool(ctx.spec, 'enableKubernetesAPISelectors') === true;
  for (const { t, path } of k8s) {
    const role = str(t, 'role') ?? '';
    const o = (...p: Path): RuleOrigin => at([...path, ...p]);
    const selector = readSelector(t.selector) ?? EMPTY_SELECTOR;
    if (!apiSelectors) vmSelectorRules(rules, role, selector, (p) => o('selector', ...p));
    for (const r of roleRelabelings(role)) rules.push(r, o('role'));
    sdOpts.push({ role, namespaces: vmNamespaces(ctx, obj(t.namespaceSelector), ns), selector, namespace: ns });
    rules.push(rule(['source_labels', ['__address__']], ['separator', ';'], ['regex', '(.*)'], ['target_label', `__tmp_${role}_address`], ['replacement', '$1'], ['action', 'replace']), o());
    rules.push(
      rule(['source_labels', [`__meta_kubernetes_${role}_scheme`, '__address__', `__meta_kubernetes_${role}_path`]], ['separator', ';'], ['regex', '(.+);(.+);(.+)'], ['target_label', '__param_target'], ['replacement', '${1}://${2}${3}'], ['action', 'replace']),
      o(),
    );
    rules.push(rule(['source_labels', ['__meta_kubernetes_namespace']], ['target_label', 'namespace']), o());
    rules.push(rule(['source_labels', [`__meta_kubernetes_${role}_name`]], ['target_label', role]), o());
    pushRelabels(rules, objList(t, 'relabelingConfigs'), (j) => o('relabelingConfigs', j));
  }
  if (sdOpts.length) cfg.add('kubernetes_sd_configs', vmK8sSDConfigs(ctx, sdOpts));
  if (str(spec, 'jobName')) rules.push(rule(['target_label', 'job'], ['replacement', str(spec, 'jobName') as string]), at(['jobName']));
  rules.push(rule(['source_labels', ['__param_target']], ['target_label', 'instance']), at(['vmProberSpec']));
  rules.push(rule(['target_label', '__address__'], ['replacement', str(prober, 'url') ?? '']), at(['vmProberSpec', 'url']));
  pushRelabels(rules, objList(ctx.spec, 'probeScrapeRelabelTemplate'), (j) => vmOrigin(ctx, ['probeScrapeRelabelTemplate', j]));
  enforceNamespaceLabel(ctx, rules, ns);
  cfg.add('relabel_configs', rules.rules);
  const metric = addMetricRelabelings(ctx, cfg, objList(raw, 'metricRelabelConfigs'), (j) => at(['metricRelabelConfigs', j]));
  addVMScrapeParams(ctx, cfg, obj(spec.vm_scrape_params), ns, ['vm_scrape_params']);
  addEndpointAuth(ctx, cfg, spec, ns, []);
  return { name: jobName, cfg, origins: jobOrigins(at([]), rules, metric) };
}
