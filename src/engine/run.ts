// The pipeline: ingest → (cluster simulation) → config → discovery → relabel → targets.
// A pure function of its input: no I/O, no clock, no randomness; the worker, the CLI and
// the tests all call this.
import type { Config, GlobalConfig } from './config/types.ts';
import { parseConfig } from './config/scrape-config.ts';
import { diag, type Diagnostic } from './diagnostics.ts';
import { discover } from './discovery/discover.ts';
import type { TargetGroup } from './discovery/types.ts';
import { ingest, type IgnoredObject } from './ingest/ingest.ts';
import type { InputFile } from './ingest/documents.ts';
import type { ObjectStore } from './ingest/store.ts';
import { DEFAULT_PROFILE, getProfile } from './profiles/index.ts';
import type { Profile, ProfileId } from './profiles/types.ts';
import { buildJobTargets, type JobGroups } from './targets/build.ts';
import type { JobTargets } from './targets/types.ts';

export interface RunOptions {
  profile?: ProfileId;
  /** Record a step-by-step trace for every target. */
  trace?: boolean;
  /** Namespace Prometheus runs in (for `namespaces.own_namespace`). */
  ownNamespace?: string;
}

export interface RunResult {
  profile: ProfileId;
  store: ObjectStore;
  config: Config | undefined;
  /** The real engine would refuse this config; no targets then. */
  configRejected: boolean;
  jobs: JobTargets[];
  ignored: IgnoredObject[];
  diagnostics: Diagnostic[];
  bytes: number;
}

const NO_CONFIG_GLOBAL: GlobalConfig = {
  scrapeInterval: 60_000,
  scrapeTimeout: 10_000,
  externalLabels: {},
  scrapeNativeHistograms: false,
  alwaysScrapeClassicHistograms: false,
  convertClassicHistogramsToNhcb: false,
  nameValidation: 'utf8',
};

export function run(files: InputFile[], opts: RunOptions = {}): RunResult {
  const profileId = opts.profile ?? DEFAULT_PROFILE;
  const profile = getProfile(profileId) as Profile;
  const ing = ingest(files);
  const diagnostics: Diagnostic[] = [...ing.diagnostics];
  const result: RunResult = {
    profile: profileId,
    store: ing.store,
    config: undefined,
    configRejected: false,
    jobs: [],
    ignored: ing.ignored,
    diagnostics,
    bytes: ing.bytes,
  };
  if (ing.configs.length === 0) {
    diagnostics.push(diag('UNCLASSIFIED_INPUT', 'info', 'no scrape config in the input (a document with scrape_configs); nothing to discover'));
    return result;
  }
  const parsed = parseConfig(ing.configs, profile);
  diagnostics.push(...parsed.diagnostics);
  result.config = parsed.config;
  // Prometheus refuses to load a config with any error; we still show the valid jobs, but say so.
  result.configRejected = parsed.rejected;
  const global = parsed.config.global ?? NO_CONFIG_GLOBAL;
  for (const job of parsed.config.scrapeConfigs) {
    const all: JobGroups[] = [];
    for (const sd of job.sdConfigs) {
      const d = discover(sd, ing.store, profile, opts.ownNamespace !== undefined ? { ownNamespace: opts.ownNamespace } : {});
      diagnostics.push(...d.diagnostics);
      all.push({ sdIndex: sd.index, groups: d.groups });
    }
    job.staticConfigs.forEach((s, i) => {
      const g: TargetGroup = { source: String(i), labels: s.labels, targets: s.targets.map((t) => ({ __address__: t })) };
      if (g.targets.length) all.push({ sdIndex: -1, groups: [g] });
    });
    result.jobs.push(buildJobTargets(job, all, global, profile, opts.trace ?? false));
  }
  return result;
}
