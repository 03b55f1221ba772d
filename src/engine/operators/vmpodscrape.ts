// VMPodScrape → one scrape job per podMetricsEndpoint, following the VictoriaMetrics operator
// internal/controller/operator/factory/vmscrapes/podscrape.go generatePodScrapeConfig.
import type { StoredObject } from '../ingest/kinds.ts';
import { EMPTY_SELECTOR, readSelector } from './label-selector.ts';
import { jobOrigins, rule, Rules, type BuiltJob } from './rules.ts';
import { bool, int, obj, objList, sanitizeLabelName, str, strList, type Path } from './values.ts';
import {
  addCommonScrapeParams,
  finishEndpointJob,
  mergedAttach,
  mergeEndpointAuth,
  originFor,
  scrapeInterval,
  type VMCtx,
  vmK8sSDConfigs,
  vmNamespaces,
  vmOrigin,
  vmScrapeClass,
  vmSelectorRules,
} from './vm-common.ts';
import { MapSlice } from './yaml-emit.ts';

export function generateVMPodScrape(ctx: VMCtx, so: StoredObject, kind = 'VMPodScrape'): BuiltJob[] {
  const ns = so.obj.metadata.namespace ?? 'default';
  const name = so.obj.metadata.name;
  const spec = obj(so.obj.spec) ?? {};
  const at = originFor(so, kind);
  const cls = vmScrapeClass(ctx, str(spec, 'scrapeClass'));
  const selector = readSelector(spec.selector) ?? EMPTY_SELECTOR;
  const apiSelectors = bool(ctx.spec, 'enableKubernetesAPISelectors') === true;

  return objList(spec, 'podMetricsEndpoints').map((rawEp, i) => {
    const e = (...p: Path) => at(['podMetricsEndpoints', i, ...p]);
    const ep = cls ? mergeEndpointAuth(rawEp, cls.cls) : rawEp;
    const jobName = `podScrape/${ns}/${name}/${i}`;
    const cfg = new MapSlice().add('job_name', jobName);
    cfg.add(
      'kubernetes_sd_configs',
      vmK8sSDConfigs(ctx, [
        {
          role: 'pod',
          namespaces: vmNamespaces(ctx, obj(spec.namespaceSelector), ns),
          attach: mergedAttach(obj(rawEp.attach_metadata), obj(spec.attach_metadata), obj(cls?.cls.attachMetadata)),
          selector,
          namespace: ns,
        },
      ]),
    );
    addCommonScrapeParams(ctx, cfg, {
      ep,
      interval: scrapeInterval(ctx, ep),
      sampleLimit: int(ep, 'sampleLimit') || int(spec, 'sampleLimit'),
      seriesLimit: int(ep, 'seriesLimit') || int(spec, 'seriesLimit'),
    });

    const rules = new Rules();
    if (bool(ep, 'filterRunning') ?? true) {
      rules.push(rule(['action', 'drop'], ['source_labels', ['__meta_kubernetes_pod_phase']], ['regex', '(Failed|Succeeded)']), e(...(ep.filterRunning !== undefined ? ['filterRunning'] : [])));
    }
    if (!apiSelectors) vmSelectorRules(rules, 'pod', selector, (p) => at(['selector', ...p]));
    // port > portNumber > targetPort. portNumber stays a YAML int; targetPort's number is written as text.
    const port = str(ep, 'port');
    const portNumber = typeof ep.portNumber === 'number' ? ep.portNumber : 0;
    const tp = ep.targetPort;
    if (port) rules.push(rule(['action', 'keep'], ['source_labels', ['__meta_kubernetes_pod_container_port_name']], ['regex', port]), e('port'));
    else if (portNumber) rules.push(rule(['action', 'keep'], ['source_labels', ['__meta_kubernetes_pod_container_port_number']], ['regex', portNumber]), e('portNumber'));
    else if (typeof tp === 'string' && tp) rules.push(rule(['action', 'keep'], ['source_labels', ['__meta_kubernetes_pod_container_port_name']], ['regex', tp]), e('targetPort'));
    else if (typeof tp === 'number' && tp) rules.push(rule(['action', 'keep'], ['source_labels', ['__meta_kubernetes_pod_container_port_number']], ['regex', String(tp)]), e('targetPort'));
    rules.push(rule(['source_labels', ['__meta_kubernetes_namespace']], ['target_label', 'namespace']), e());
    rules.push(rule(['source_labels', ['__meta_kubernetes_pod_container_name']], ['target_label', 'container']), e());
    rules.push(rule(['source_labels', ['__meta_kubernetes_pod_name']], ['target_label', 'pod']), e());
    strList(spec, 'podTargetLabels').forEach((l, j) => {
      rules.push(rule(['source_labels', [`__meta_kubernetes_pod_label_${sanitizeLabelName(l)}`]], ['target_label', sanitizeLabelName(l)], ['regex', '(.+)'], ['replacement', '${1}']), at(['podTargetLabels', j]));
    });
    rules.push(rule(['target_label', 'job'], ['replacement', `${ns}/${name}`]), e());
    const jobLabel = str(spec, 'jobLabel');
    if (jobLabel) rules.push(rule(['source_labels', [`__meta_kubernetes_pod_label_${sanitizeLabelName(jobLabel)}`]], ['target_label', 'job'], ['regex', '(.+)'], ['replacement', '${1}']), at(['jobLabel']));
    if (port) rules.push(rule(['target_label', 'endpoint'], ['replacement', port]), e('port'));
    else if (tp !== undefined && tp !== null && String(tp) !== '') rules.push(rule(['target_label', 'endpoint'], ['replacement', String(tp)]), e('targetPort'));
    return finishEndpointJob(ctx, { name: jobName, cfg, rules, cls, rawEp, ep, ns }, { endpoint: ['podMetricsEndpoints', i], template: 'podScrapeRelabelTemplate', origin: e });
  });
}
