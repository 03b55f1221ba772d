// The pipeline: ingest → cluster simulation → operators → config → discovery → relabel →
// targets. A pure function of its input: no I/O, no clock, no randomness; the worker, the
// CLI and the tests all call this.
//
// One run can hold several scrapers ("instances"): the pasted scrape config, and one per
// Prometheus / PrometheusAgent / VMAgent object whose config the operator layer generated.
// Each instance has its own profile: the one the user picked, or the operator's family default.
import { parseConfig } from './config/scrape-config.ts';
import type { Config, KubernetesSDConfig } from './config/types.ts';
import { simulateCluster, type WhatIf } from './cluster/simulate.ts';
import { diag, type Diagnostic } from './diagnostics.ts';
import { discover, sharedGroups, type SharedGroups } from './discovery/discover.ts';
import type { TargetGroup } from './discovery/types.ts';
import { parseFile, type InputFile } from './ingest/documents.ts';
import { ingest, type ConfigDoc, type IgnoredObject } from './ingest/ingest.ts';
import type { StoredObject } from './ingest/kinds.ts';
import type { ObjectStore } from './ingest/store.ts';
import { generateOperatorConfigs, type GeneratedConfig, type MonitorSelection, type OperatorOwner } from './operators/generate.ts';
import { DEFAULT_PROFILE, getProfile } from './profiles/index.ts';
import type { Profile, ProfileId } from './profiles/types.ts';
import { buildJobTargets, type JobGroups } from './targets/build.ts';
import type { JobTargets } from './targets/types.ts';
import { vmagentRunChecks } from './targets/vmagent-run.ts';

export interface RunOptions {
  /** Engine profile for every instance; unset: Prometheus 3.14 for pasted configs and prometheus-operator,
   * the newest vmagent for VictoriaMetrics-operator objects. */
  profile?: ProfileId;
  /** Record a step-by-step trace for every target. */
  trace?: boolean;
  /** Namespace Prometheus runs in (for `namespaces.own_namespace`). */
  ownNamespace?: string;
  /** Fill in what the cluster's controllers would have made (default true). */
  simulate?: boolean;
  /** What-if knobs for the simulation (make a Pod not-ready, Pending, Failed, …). */
  whatIf?: WhatIf[];
  /** Show Secret values that operators inline into generated configs (masked otherwise). */
  revealSecrets?: boolean;
  /** Told where a long run is (between stages and jobs), e.g. for a progress line. Called synchronously. */
  onProgress?: (p: RunProgress) => void;
}

/** One step of a run, for progress reporting. */
export interface RunProgress {
  stage: 'ingested' | 'simulated' | 'operators' | 'job';
  /** What was done or is being done, in words. */
  detail: string;
  /** With `job`: jobs of this scraper finished before this one, and its number of jobs. */
  done?: number;
  total?: number;
}

/** One scraper: the pasted config, or the config an operator generated for one Prometheus/VMAgent object. */
export interface Instance {
  /** `prometheus.yml` (pasted) or e.g. `VMAgent default/vmagent`. */
  name: string;
  source: 'pasted' | 'operator';
  owner?: OperatorOwner;
  profile: ProfileId;
  config: Config | undefined;
  /** The real engine would refuse this config; no targets then. */
  configRejected: boolean;
  /** The engine would not run although the config loads (vmagent crashing on a target); also sets configRejected. */
  fatal?: string;
  /** The operator's output (YAML as the operator writes it), for operator instances. */
  generated?: GeneratedConfig;
  jobs: JobTargets[];
}

export interface RunResult {
  /** The profile of the first instance (or the one asked for). */
  profile: ProfileId;
  /** Every object: from the input, implied by the API server, and simulated. */
  store: ObjectStore;
  /** Objects the cluster simulation added. */
  simulated: StoredObject[];
  instances: Instance[];
  /** First instance's config (convenience for single-config inputs). */
  config: Config | undefined;
  /** Any instance's config would be refused by its engine. */
  configRejected: boolean;
  /** Every job of every instance, in instance order. */
  jobs: JobTargets[];
  /** Which monitors each Prometheus/VMAgent selected, and why not the others. */
  selection: MonitorSelection[];
  ignored: IgnoredObject[];
  diagnostics: Diagnostic[];
  bytes: number;
}

export function run(files: InputFile[], opts: RunOptions = {}): RunResult {
  const ing = ingest(files);
  const diagnostics: Diagnostic[] = [...ing.diagnostics];
  const report = opts.onProgress;
  report?.({ stage: 'ingested', detail: `${ing.store.size()} objects, ${ing.configs.length} scrape config document(s)` });
  let store = ing.store;
  let simulated: StoredObject[] = [];
  if (opts.simulate !== false) {
    const sim = simulateCluster(store, opts.whatIf ? { whatIf: opts.whatIf } : {});
    store = sim.store;
    simulated = sim.added;
    diagnostics.push(...sim.diagnostics);
    report?.({ stage: 'simulated', detail: `${sim.added.length} objects simulated` });
  }
  const ops = generateOperatorConfigs(store, ing.secretValues, opts.revealSecrets ? { revealSecrets: true } : {});
  diagnostics.push(...ops.diagnostics);
  if (ops.configs.length) report?.({ stage: 'operators', detail: `${ops.configs.length} scrape config(s) generated by operators` });

  const instances: Instance[] = [];
  if (ing.configs.length) {
    const profile = pickProfile(opts.profile, 'prometheus', diagnostics);
    instances.push(runInstance(ing.configs, 'prometheus.yml', 'pasted', profile, store, opts, diagnostics));
  }
  for (const g of ops.configs) {
    const profile = pickProfile(opts.profile, g.family, diagnostics);
    const name = `${g.owner.kind} ${g.owner.namespace}/${g.owner.name}`;
    const file = `generated/${g.owner.kind}/${g.owner.namespace}/${g.owner.name}.yaml`;
    const parsed = parseFile({ name: file, text: g.runtimeYaml });
    diagnostics.push(...parsed.diagnostics);
    const docs: ConfigDoc[] = [];
    for (const d of parsed.docs) {
      const a = d.ast();
      if (a) docs.push({ file, doc: d.doc, pos: d.pos, node: a.node, src: a.src });
    }
    const inst = runInstance(docs, name, 'operator', profile, store, opts, diagnostics, g);
    inst.owner = g.owner;
    inst.generated = g;
    instances.push(inst);
  }
  if (instances.length === 0) {
    diagnostics.push(diag('UNCLASSIFIED_INPUT', 'info', 'no scrape config and no operator objects in the input; nothing to discover'));
  }
  return {
    profile: instances[0]?.profile ?? opts.profile ?? DEFAULT_PROFILE,
    store,
    simulated,
    instances,
    config: instances[0]?.config,
    configRejected: instances.some((i) => i.configRejected),
    jobs: instances.flatMap((i) => i.jobs),
    selection: ops.selection,
    ignored: ing.ignored,
    diagnostics,
    bytes: ing.bytes,
  };
}

const FAMILY_DEFAULT: Record<'prometheus' | 'vmagent', ProfileId> = { prometheus: 'prometheus-3.14', vmagent: 'vmagent-1.150' };

function pickProfile(asked: ProfileId | undefined, family: 'prometheus' | 'vmagent', diagnostics: Diagnostic[]): Profile {
  const id = asked ?? FAMILY_DEFAULT[family];
  const p = getProfile(id);
  if (p) return p;
  diagnostics.push(diag('CONFIG_WARNING', 'warning', `engine profile ${id} is not available; using ${DEFAULT_PROFILE}`));
  return getProfile(DEFAULT_PROFILE) as Profile;
}

function runInstance(
  docs: ConfigDoc[],
  name: string,
  source: Instance['source'],
  profile: Profile,
  store: ObjectStore,
  opts: RunOptions,
  diagnostics: Diagnostic[],
  generated?: GeneratedConfig,
): Instance {
  const parsed = parseConfig(docs, profile);
  diagnostics.push(...parsed.diagnostics);
  if (generated) attachOrigins(parsed.config, generated);
  const inst: Instance = { name, source, profile: profile.id, config: parsed.config, configRejected: parsed.rejected, jobs: [] };
  // Jobs share the groups of the objects they both discover (discover.ts SharedGroups): identical entries, and
  // entries that differ only in namespaces (one job per ServiceMonitor namespace, say).
  const shared: SharedGroups = sharedGroups();
  const jobs = parsed.config.scrapeConfigs;
  for (const [i, job] of jobs.entries()) {
    opts.onProgress?.({ stage: 'job', detail: `${name}: job ${job.jobName}`, done: i, total: jobs.length });
    const all: JobGroups[] = [];
    for (const sd of job.sdConfigs) all.push({ sdIndex: sd.index, groups: discoverOne(sd, store, profile, opts, diagnostics, shared) });
    job.staticConfigs.forEach((s, i) => {
      const g: TargetGroup = { source: String(i), labels: s.labels, targets: s.targets.map((t) => ({ __address__: t })) };
      if (g.targets.length) all.push({ sdIndex: -1, groups: [g] });
    });
    const jt = buildJobTargets(job, all, parsed.config.global, profile, opts.trace ?? false);
    jt.instance = name;
    inst.jobs.push(jt);
  }
  if (profile.engine === 'vmagent') vmagentRunChecks(inst, diagnostics);
  return inst;
}

function discoverOne(sd: KubernetesSDConfig, store: ObjectStore, profile: Profile, opts: RunOptions, diagnostics: Diagnostic[], shared: SharedGroups): TargetGroup[] {
  const d = discover(sd, store, profile, { ...(opts.ownNamespace !== undefined ? { ownNamespace: opts.ownNamespace } : {}), shared });
  diagnostics.push(...d.diagnostics);
  return d.groups;
}

/** Each generated rule remembers the custom-resource field it came from (for traces and diagnoses). */
function attachOrigins(config: Config, g: GeneratedConfig): void {
  for (const job of config.scrapeConfigs) {
    const o = g.origins[job.jobName];
    if (!o) continue;
    job.generatedFrom = { kind: o.job.kind, name: o.job.name, ...(o.job.namespace ? { namespace: o.job.namespace } : {}) };
    job.relabelConfigs.forEach((r, i) => {
      const origin = o.relabel[i];
      if (origin) r.origin = origin;
    });
    job.metricRelabelConfigs.forEach((r, i) => {
      const origin = o.metricRelabel?.[i];
      if (origin) r.origin = origin;
    });
  }
}
