// VMNodeScrape → one scrape job (role node, cluster-wide), following the VictoriaMetrics operator
// internal/controller/operator/factory/vmscrapes/nodescrape.go generateNodeScrapeConfig.
import type { StoredObject } from '../ingest/kinds.ts';
import { EMPTY_SELECTOR, readSelector } from './label-selector.ts';
import { jobOrigins, rule, Rules, type BuiltJob } from './rules.ts';
import { bool, obj, objList, sanitizeLabelName, str, strList } from './values.ts';
import {
  addCommonScrapeParams,
  addEndpointAuth,
  addMetricRelabelings,
  addVMScrapeParams,
  classThenOwn,
  enforceNamespaceLabel,
  mergeEndpointAuth,
  originFor,
  pushRelabels,
  scrapeInterval,
  vmK8sSDConfigs,
  vmOrigin,
  vmScrapeClass,
  vmSelectorRules,
  type VMCtx,
} from './vm-common.ts';
import { MapSlice } from './yaml-emit.ts';

export function generateVMNodeScrape(ctx: VMCtx, so: StoredObject): BuiltJob {
  const ns = so.obj.metadata.namespace ?? 'default';
  const name = so.obj.metadata.name;
  const raw = obj(so.obj.spec) ?? {};
  const at = originFor(so, 'VMNodeScrape');
  const cls = vmScrapeClass(ctx, str(raw, 'scrapeClass'));
  const spec = cls ? mergeEndpointAuth(raw, cls.cls) : raw;
  const selector = readSelector(spec.selector) ?? EMPTY_SELECTOR;
  const jobName = `nodeScrape/${ns}/${name}`;
  const cfg = new MapSlice().add('job_name', jobName);
  const interval = scrapeInterval(ctx, spec);
  cfg.add('kubernetes_sd_configs', vmK8sSDConfigs(ctx, [{ role: 'node', selector, namespace: ns }]));
  addCommonScrapeParams(ctx, cfg, { ep: spec, interval });

  const rules = new Rules();
  if (bool(ctx.spec, 'enableKubernetesAPISelectors') !== true) vmSelectorRules(rules, 'node', selector, (p) => at(['selector', ...p]));
  rules.push(rule(['source_labels', ['__meta_kubernetes_node_name']], ['target_label', 'node']), at([]));
  strList(spec, 'targetLabels').forEach((l, j) => {
    rules.push(rule(['source_labels', [`__meta_kubernetes_node_label_${sanitizeLabelName(l)}`]], ['target_label', sanitizeLabelName(l)], ['regex', '(.+)'], ['replacement', '${1}']), at(['targetLabels', j]));
  });
  rules.push(rule(['target_label', 'job'], ['replacement', `${ns}/${name}`]), at([]));
  const jobLabel = str(spec, 'jobLabel');
  if (jobLabel) rules.push(rule(['source_labels', [`__meta_kubernetes_node_label_${sanitizeLabelName(jobLabel)}`]], ['target_label', 'job'], ['regex', '(.+)'], ['replacement', '${1}']), at(['jobLabel']));
  const port = str(spec, 'port');
  if (port) rules.push(rule(['source_labels', ['__address__']], ['target_label', '__address__'], ['regex', '^(.*):(.*)'], ['replacement', `\${1}:${port}`]), at(['port']));
  const rel = classThenOwn(ctx, cls, 'relabelConfigs', objList(raw, 'relabelConfigs'), (j) => at(['relabelConfigs', j]));
  pushRelabels(rules, rel.list, rel.origin);
  pushRelabels(rules, objList(ctx.spec, 'nodeScrapeRelabelTemplate'), (j) => vmOrigin(ctx, ['nodeScrapeRelabelTemplate', j]));
  enforceNamespaceLabel(ctx, rules, ns);
  cfg.add('relabel_configs', rules.rules);
  const mrel = classThenOwn(ctx, cls, 'metricRelabelConfigs', objList(raw, 'metricRelabelConfigs'), (j) => at(['metricRelabelConfigs', j]));
  const metric = addMetricRelabelings(ctx, cfg, mrel.list, mrel.origin);
  addVMScrapeParams(ctx, cfg, obj(spec.vm_scrape_params), ns, ['vm_scrape_params']);
  addEndpointAuth(ctx, cfg, spec, ns, []);
  return { name: jobName, cfg, origins: jobOrigins(at([]), rules, metric) };
}
