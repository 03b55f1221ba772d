// Test helpers for discovery: sd config builders, YAML → store, and group → discovered-label-set
// flattening (what PopulateDiscoveredLabels does with a group).
import type { KubernetesSDConfig, Role, SelectorConfig } from '../../src/engine/config/types.ts';
import { targetLabels } from '../../src/engine/discovery/common.ts';
import { discover } from '../../src/engine/discovery/discover.ts';
import type { TargetGroup } from '../../src/engine/discovery/types.ts';
import { ingest } from '../../src/engine/ingest/ingest.ts';
import type { ObjectStore } from '../../src/engine/ingest/store.ts';
import type { Labels } from '../../src/engine/labels.ts';
import { getProfile, type Profile } from '../../src/engine/profiles/index.ts';

const POS = { file: 'scrape.yaml', line: 1, col: 1 };

export const P314 = getProfile('prometheus-3.14') as Profile;
export const P242 = getProfile('prometheus-2.42') as Profile;

/** A KubernetesSDConfig with defaults, overridable per field. */
export function sd(role: Role, over: Partial<Omit<KubernetesSDConfig, 'attachMetadata'>> & { attach?: Partial<KubernetesSDConfig['attachMetadata']> } = {}): KubernetesSDConfig {
  const { attach, ...rest } = over;
  return {
    role,
    namespaces: [],
    ownNamespace: false,
    selectors: [],
    attachMetadata: { node: false, namespace: false, deployment: false, job: false, cronjob: false, ...attach },
    index: 0,
    pos: POS,
    ...rest,
  };
}

/** A selector entry. */
export function sel(role: Role, label?: string, field?: string): SelectorConfig {
  return { role, ...(label !== undefined ? { label } : {}), ...(field !== undefined ? { field } : {}), pos: POS };
}

/** Ingests YAML text (multi-document) into a store. */
export function store(yaml: string): ObjectStore {
  return ingest([{ name: 'objects.yaml', text: yaml }]).store;
}

/** Runs discovery and returns groups + diagnostics, each target whole (its own labels and those under them, see
 * TargetGroup.under). rawRun keeps the groups as discovery gives them. */
export function run(cfg: KubernetesSDConfig, yaml: string | ObjectStore, profile: Profile = P314, ownNamespace?: string) {
  const r = rawRun(cfg, yaml, profile, ownNamespace);
  return { ...r, groups: r.groups.map((g): TargetGroup => ({ source: g.source, labels: g.labels, targets: g.targets.map((_, i) => targetLabels(g, i)) })) };
}

export function rawRun(cfg: KubernetesSDConfig, yaml: string | ObjectStore, profile: Profile = P314, ownNamespace?: string) {
  const s = typeof yaml === 'string' ? store(yaml) : yaml;
  return discover(cfg, s, profile, ownNamespace === undefined ? {} : { ownNamespace });
}

/** PopulateDiscoveredLabels: target labels over group labels, empty values removed. */
export function flatten(groups: TargetGroup[]): Labels[] {
  const out: Labels[] = [];
  for (const g of groups) {
    for (let i = 0; i < g.targets.length; i++) {
      const t = targetLabels(g, i);
      const l: Labels = {};
      for (const [k, v] of Object.entries({ ...g.labels, ...t })) if (v !== '') l[k] = v;
      out.push(l);
    }
  }
  return out;
}

/** The single target of the single group, merged (group + target, empties removed). */
export function only(groups: TargetGroup[]): Labels {
  const all = flatten(groups);
  if (all.length !== 1) throw new Error(`expected exactly one target, got ${all.length}`);
  return all[0] as Labels;
}
