// The whole config prometheus-operator writes for one Prometheus / PrometheusAgent
// (GenerateServerConfiguration / GenerateAgentConfiguration): global section, then the jobs in the
// operator's order, then additionalScrapeConfigs.
import { diag, type Diagnostic } from '../diagnostics.ts';
import { appendSharding, promOrigin, type PromCtx } from './po-common.ts';
import { generatePodMonitor } from './podmonitor.ts';
import { generateProbe } from './probe.ts';
import type { PromSelected } from './prometheus-selection.ts';
import { Rules, type BuiltJob } from './rules.ts';
import { generateScrapeConfig } from './scrapeconfig.ts';
import { generateServiceMonitor } from './servicemonitor.ts';
import type { GeneratedConfig, JobOrigins } from './types.ts';
import { obj, str, strList, strMap } from './values.ts';
import { emitYaml, fromYamlText, MapSlice, substitute, type YValue } from './yaml-emit.ts';

export function buildPrometheusConfig(ctx: PromCtx, selected: PromSelected, unmanaged: boolean, shard: number): { config: GeneratedConfig; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const { owner, spec } = ctx;
  const base = { owner, family: 'prometheus' as const, shard, shards: ctx.shards };
  if (unmanaged) {
    const yaml = 'scrape_configs: []\n';
    diagnostics.push(
      diag('OPERATOR_NOT_SELECTED', 'warning', `${owner.kind} ${owner.namespace}/${owner.name}: serviceMonitorSelector, podMonitorSelector, probeSelector and scrapeConfigSelector are all nil, so the operator does not manage its configuration (no job is generated)`, promOrigin(ctx, ['serviceMonitorSelector']).pos),
    );
    return { config: { ...base, yaml, runtimeYaml: yaml, origins: {}, unmanaged: true }, diagnostics };
  }

  const jobs: BuiltJob[] = [];
  const sm = () => selected.ServiceMonitor.flatMap((so) => generateServiceMonitor(ctx, so));
  const pm = () => selected.PodMonitor.flatMap((so) => generatePodMonitor(ctx, so));
  const probes = () => selected.Probe.map((so) => generateProbe(ctx, so));
  const scs = () => selected.ScrapeConfig.map((so) => generateScrapeConfig(ctx, so));
  const extra = additionalJobs(ctx, diagnostics);
  if (!ctx.agent) jobs.push(...sm(), ...pm(), ...probes(), ...scs(), ...extra);
  else if (ctx.daemonSet) jobs.push(...pm(), ...extra);
  else jobs.push(...pm(), ...extra, ...sm(), ...probes(), ...scs());

  const global = new MapSlice().add('scrape_interval', str(spec, 'scrapeInterval') || '30s');
  if (str(spec, 'scrapeTimeout')) global.add('scrape_timeout', str(spec, 'scrapeTimeout'));
  if (strList(spec, 'scrapeProtocols').length) global.add('scrape_protocols', strList(spec, 'scrapeProtocols'));
  global.add('external_labels', externalLabels(ctx));
  if (!ctx.agent) global.add('evaluation_interval', str(spec, 'evaluationInterval') || '30s');

  const root = new MapSlice().add('global', global).add('scrape_configs', jobs.map((j) => j.cfg));
  const origins: Record<string, JobOrigins> = {};
  for (const j of jobs) origins[j.name] = j.origins;
  const podName = ctx.agent ? `prom-agent-${owner.name}-${shard > 0 ? `shard-${shard}-` : ''}0` : `prometheus-${owner.name}-${shard > 0 ? `shard-${shard}-` : ''}0`;
  const runtime = substitute(root, { SHARD: String(shard), POD_NAME: podName });
  return { config: { ...base, yaml: emitYaml(root), runtimeYaml: emitYaml(runtime), origins }, diagnostics };
}

/** buildExternalLabels: prometheus=<ns>/<name>, prometheus_replica=$(POD_NAME), then spec.externalLabels. */
function externalLabels(ctx: PromCtx): { [k: string]: YValue } {
  const m: { [k: string]: YValue } = {};
  const promName = ctx.spec.prometheusExternalLabelName === undefined ? 'prometheus' : String(ctx.spec.prometheusExternalLabelName ?? 'prometheus');
  if (promName) m[promName] = `${ctx.owner.namespace}/${ctx.owner.name}`;
  const replica = ctx.spec.replicaExternalLabelName === undefined ? 'prometheus_replica' : String(ctx.spec.replicaExternalLabelName ?? 'prometheus_replica');
  if (replica) m[replica] = '$(POD_NAME)';
  for (const [k, v] of Object.entries(strMap(ctx.spec, 'externalLabels') ?? {})) if (m[k] === undefined) m[k] = v;
  return m;
}

/** spec.additionalScrapeConfigs: raw jobs from a Secret, sharded like ScrapeConfigs when shards > 1. */
function additionalJobs(ctx: PromCtx, diagnostics: Diagnostic[]): BuiltJob[] {
  const sel = obj(ctx.spec.additionalScrapeConfigs);
  if (!sel) return [];
  const where = promOrigin(ctx, ['additionalScrapeConfigs']);
  const r = ctx.assets.raw(ctx.owner.namespace, sel);
  if (!r.ok) {
    if (sel.optional !== true) diagnostics.push(diag('OPERATOR_REJECTED', 'error', `${ctx.owner.kind} ${ctx.owner.namespace}/${ctx.owner.name}: additionalScrapeConfigs: ${r.error}; the operator fails to reconcile`, where.pos));
    return [];
  }
  const v = fromYamlText(r.value);
  if (!Array.isArray(v)) {
    diagnostics.push(diag('OPERATOR_REJECTED', 'error', `${ctx.owner.kind} ${ctx.owner.namespace}/${ctx.owner.name}: additionalScrapeConfigs is not a YAML list of scrape configs`, where.pos));
    return [];
  }
  return v.filter((j): j is MapSlice => j instanceof MapSlice).map((job) => {
    const relabels = Array.isArray(job.get('relabel_configs')) ? (job.get('relabel_configs') as YValue[]) : [];
    const rules = new Rules();
    for (const rc of relabels) rules.push(rc instanceof MapSlice ? rc : new MapSlice(), where);
    if (ctx.shards > 1 && !ctx.daemonSet && !rules.hasAction('hashmod')) {
      appendSharding(ctx, rules, '__address__');
      job.set('relabel_configs', rules.rules);
    }
    return { name: String(job.get('job_name') ?? ''), cfg: job, origins: { job: where, relabel: rules.origins } };
  });
}
