// One discovered target → active, dropped or failed, following Prometheus
// scrape/target.go PopulateDiscoveredLabels + PopulateLabels for the profile's version.
// Every implicit step is recorded in the trace when tracing is on.
import type { GlobalConfig, ScrapeConfig } from '../config/types.ts';
import { ExpansionTooLarge } from '../relabel/expand.ts';
import { formatPromDuration, parsePromDuration } from '../config/duration.ts';
import { boundedMemo } from '../memo.ts';
import { hasLoneSurrogate, sameKeys, type Labels } from '../labels.ts';
import type { Profile } from '../profiles/types.ts';
import { applyRelabel, runRules } from '../relabel/apply.ts';
import { LabelBuilder } from '../relabel/builder.ts';
import { ruleRef } from '../relabel/summary.ts';
import type { TraceStep } from '../trace.ts';
import type { RelabelRule } from '../relabel/types.ts';
import type { TargetGroup } from '../discovery/types.ts';
import { DISJOINT_UNDER } from '../discovery/common.ts';
import { splitHostPort } from './go-net.ts';
import { scrapeUrl } from './scrape-url.ts';
import type { DropReason, FailCode } from './types.ts';
import type { GroupPrefix } from './group-prefix.ts';

export interface PopulateInput {
  /** Target labels and group labels from discovery (values may be ""). */
  target: Labels;
  /** Labels the target carries under its own (TargetGroup.under): the target's labels are `{...target, ...under}`. Only
   * from a group that passes underValid (the layered relabel base relies on it). */
  under?: Labels | undefined;
  group: Labels;
  job: ScrapeConfig;
  global: GlobalConfig;
  profile: Profile;
  trace: boolean;
  /** The job's shared-label rules already run for the target's group and passed (group-prefix.ts); untraced only. */
  prefix?: GroupPrefix | undefined;
}

/** `discovered` is absent when it was not built (never with a trace): discoveredLabels(input) builds it. */
export type PopulateOutcome =
  | { state: 'active'; discovered: Labels | undefined; internal: Labels; labels: Labels; url: string; trace?: TraceStep[] }
  | { state: 'dropped'; discovered: Labels | undefined; reason: DropReason; trace?: TraceStep[] }
  | { state: 'failed'; discovered: Labels | undefined; code: FailCode; message: string; trace?: TraceStep[] };

/** Builder.Set when the label is empty or absent ("" deletes). */
function setDefault(lb: Labels, k: string, v: string): void {
  if (!lb[k]) {
    if (v === '') delete lb[k];
    else lb[k] = v;
  }
}

/** The labels PopulateDiscoveredLabels sets from the job where discovery left them empty, in its order: `all` with the
 * histogram ones (3.13+), `base` without. */
interface JobDefaults {
  all: [string, string][];
  base: [string, string][];
}
/** Per job object, with the fields they were made from (read-only after parsing; compared anyway, so a changed job
 * is never served stale values). */
const JOB_DEFAULTS = new WeakMap<ScrapeConfig, { from: unknown[]; d: JobDefaults }>();
/** The job fields the defaults are made from (read for every target: no array is built to compare them). */
function defaultsFrom(job: ScrapeConfig): unknown[] {
  return [job.jobName, job.metricsPath, job.scheme, job.scrapeInterval, job.scrapeTimeout, job.scrapeNativeHistograms, job.alwaysScrapeClassicHistograms, job.convertClassicHistogramsToNhcb];
}
function sameDefaultsFrom(job: ScrapeConfig, from: unknown[]): boolean {
  return (
    from[0] === job.jobName &&
    from[1] === job.metricsPath &&
    from[2] === job.scheme &&
    from[3] === job.scrapeInterval &&
    from[4] === job.scrapeTimeout &&
    from[5] === job.scrapeNativeHistograms &&
    from[6] === job.alwaysScrapeClassicHistograms &&
    from[7] === job.convertClassicHistogramsToNhcb
  );
}
function jobDefaults(job: ScrapeConfig): JobDefaults {
  const hit = JOB_DEFAULTS.get(job);
  if (hit && sameDefaultsFrom(job, hit.from)) return hit.d;
  const from = defaultsFrom(job);
  const base: [string, string][] = [
    ['job', job.jobName],
    ['__scrape_interval__', formatPromDuration(job.scrapeInterval)],
    ['__scrape_timeout__', formatPromDuration(job.scrapeTimeout)],
    ['__metrics_path__', job.metricsPath],
    ['__scheme__', job.scheme],
  ];
  const all: [string, string][] = [
    ...base,
    ['__scrape_native_histograms__', String(job.scrapeNativeHistograms)],
    ['__always_scrape_classic_histograms__', String(job.alwaysScrapeClassicHistograms)],
    ['__convert_classic_histograms_to_nhcb__', String(job.convertClassicHistogramsToNhcb)],
  ];
  const d: JobDefaults = { all, base };
  JOB_DEFAULTS.set(job, { from, d });
  return d;
}

/** The job defaults this profile sets. */
function defaultEntries(job: ScrapeConfig, profile: Profile): [string, string][] {
  const d = jobDefaults(job);
  return profile.targets.histogramLabels ? d.all : d.base;
}

/** parsePromDuration memoised: every target of a job usually carries the same interval and timeout text. */
const parseDurationCached = boundedMemo(parsePromDuration);

/** The base of an untraced relabel run without building the discovered label set: the target's labels, the group's,
 * and the job defaults the group does not hold (with the config params), read as layers (relabel/builder.ts). Valid
 * when building the set key by key would give exactly those layers in that order (with "" values left out where the
 * profile makes them vanish): no name in both the target and the group, no job default name in the target or with a ""
 * value in the group, no own "__proto__" key; config params checked per job (paramsLayerable). */
interface Shape {
  /** The target names the checks were made for, in order. */
  names: string[];
  /** Whether those names and the group's pass the checks. */
  ok: boolean;
  /** The group holds no default name. */
  plain: boolean;
}
/** The last shape checked per group labels object: the targets of one group mostly carry the same names (one per
 * port of a pod, one per address of an Endpoints), and groups are shared by the jobs of one discovery (run.ts), so
 * the next target needs only a walk over its names. */
const SHAPES = new WeakMap<Labels, Shape>();
/** Every name PopulateDiscoveredLabels may set as a job default (whatever the profile). */
export const DEFAULT_NAMES = ['job', '__scrape_interval__', '__scrape_timeout__', '__metrics_path__', '__scheme__', '__scrape_native_histograms__', '__always_scrape_classic_histograms__', '__convert_classic_histograms_to_nhcb__'];

function shapeOf(target: Labels, group: Labels): Shape {
  const own = Object.prototype.hasOwnProperty;
  const names = Object.keys(target);
  let ok = !own.call(target, '__proto__') && !own.call(group, '__proto__');
  if (ok) for (const k in group) if (own.call(target, k)) ok = false;
  if (ok) for (const k of DEFAULT_NAMES) if (own.call(target, k) || group[k] === '') ok = false;
  return { names, ok, plain: !DEFAULT_NAMES.some((k) => own.call(group, k)) };
}

/** Whether every target's `under` labels (TargetGroup.under) share no name with the target, with the group's labels
 * and with the job defaults, and hold no "__proto__" key — what the layered relabel base needs (discovery builds them
 * so: pod labels are `__meta_kubernetes_pod_*`). Checked once per group, for every job the group is shared with. */
const UNDER_VALID = new WeakMap<TargetGroup, boolean>();
export function underValid(g: TargetGroup): boolean {
  let ok = UNDER_VALID.get(g);
  if (ok !== undefined) return ok;
  ok = true;
  const own = Object.prototype.hasOwnProperty;
  const checked = new Set<Labels>();
  // The group's names, looked up in each `under` rather than the other way round: vmagent groups hold none, and an
  // `under` (a pod's labels and the object's, ~45 names) is often a dictionary-mode object, which a for-in walks slowly.
  const groupNames = Object.keys(g.labels);
  // Discovery's groups come with the first check made (pushTarget); any other group is checked whole.
  const checkTargets = !DISJOINT_UNDER.has(g);
  g.under?.forEach((u, i) => {
    if (u === undefined || !ok) return;
    if (checkTargets) for (const k in g.targets[i]) if (own.call(u, k)) ok = false;
    if (checked.has(u)) return;
    checked.add(u);
    if (own.call(u, '__proto__')) ok = false;
    for (const k of groupNames) if (own.call(u, k)) ok = false;
    for (const k of DEFAULT_NAMES) if (own.call(u, k)) ok = false;
  });
  UNDER_VALID.set(g, ok);
  return ok;
}

/** The job defaults to layer under a group: every non-empty default the group does not hold, then the first value of
 * each config param as `__param_<name>` (layeredShape makes sure no target, pod or group holds one). One object per
 * job and profile for groups that hold no default name (discovered groups never do). */
const JOB_LAYERS = new WeakMap<ScrapeConfig, { entries: [string, string][]; defaults: Labels }>();
export function defaultsLayer(job: ScrapeConfig, profile: Profile, group: Labels, plain: boolean): Labels {
  // jobDefaults gives new entries whenever the job's fields change.
  const entries = defaultEntries(job, profile);
  if (plain) {
    const hit = JOB_LAYERS.get(job);
    if (hit !== undefined && hit.entries === entries) return hit.defaults;
  }
  const defaults: Labels = {};
  for (const [k, v] of entries) if (v !== '' && !Object.prototype.hasOwnProperty.call(group, k)) defaults[k] = v;
  for (const [name, v] of paramLabels(job)) if (v !== '') defaults[name] = v;
  if (plain) JOB_LAYERS.set(job, { entries, defaults });
  return defaults;
}

/** The job's config params as the labels PopulateDiscoveredLabels sets (`__param_<name>`, first value), when each name
 * comes once; undefined when one repeats (the set then depends on which wins). Also read by group-prefix.ts. */
const PARAM_LABELS = new WeakMap<ScrapeConfig['params'], [string, string][] | undefined>();
function paramLabels(job: ScrapeConfig): [string, string][] {
  return paramList(job) ?? [];
}
export function paramList(job: ScrapeConfig): [string, string][] | undefined {
  if (job.params.length === 0) return [];
  if (PARAM_LABELS.has(job.params)) return PARAM_LABELS.get(job.params);
  let list: [string, string][] | undefined = [];
  const seen = new Set<string>();
  for (const [k, vs] of job.params) {
    if (seen.has(k)) {
      list = undefined;
      break;
    }
    seen.add(k);
    if (vs.length) list.push([`__param_${k}`, vs[0] as string]);
  }
  PARAM_LABELS.set(job.params, list);
  return list;
}

/** Whether the job's config params can be read as part of the defaults layer for this target: no name repeats, and
 * no target, pod or group label is named like one (then the profile's override rule has nothing to decide). */
function paramsLayerable(input: Omit<PopulateInput, 'trace'>): boolean {
  const list = paramList(input.job);
  if (list === undefined) return false;
  const own = Object.prototype.hasOwnProperty;
  for (const [name] of list) {
    if (own.call(input.target, name) || own.call(input.group, name) || (input.under !== undefined && own.call(input.under, name))) return false;
  }
  return true;
}

/** Whether a spread copy of the target equals the filtering loop's copy: nothing to leave out, and no own "__proto__"
 * key (the loop's assignment drops it; a spread would keep it). */
function cloneable(target: Labels, vanish: boolean): boolean {
  if (Object.prototype.hasOwnProperty.call(target, '__proto__')) return false;
  if (!vanish) return true;
  for (const k in target) if (target[k] === '') return false;
  return true;
}

/** One label of discoveredLabels(input) (undefined: not in the set), without building the set: the same rules, for one
 * name. */
export function discoveredLabel(input: Omit<PopulateInput, 'trace'>, name: string): string | undefined {
  // Assigning "__proto__" sets nothing: the built set never holds it.
  if (name === '__proto__') return undefined;
  const { target, under, group, job, profile } = input;
  const own = Object.prototype.hasOwnProperty;
  let v: string | undefined;
  // The target's labels are {...target, ...under}; a group label counts only when the target has no such name.
  if (under !== undefined && own.call(under, name)) v = under[name];
  else if (own.call(target, name)) v = target[name];
  else if (own.call(group, name)) v = group[name];
  if (v === '' && profile.targets.emptyDiscoveredLabelsVanish) v = undefined;
  const d = defaultValue(job, profile, name);
  if (d !== undefined && !v) v = d === '' ? undefined : d;
  if (job.params.length && name.startsWith('__param_')) {
    for (const [k, vs] of job.params) {
      if (vs.length === 0 || `__param_${k}` !== name) continue;
      if (profile.targets.configParamsOverrideSD || !v) v = vs[0] === '' ? undefined : vs[0];
    }
  }
  return v;
}

/** The job default PopulateDiscoveredLabels sets for this name, if it sets one. */
function defaultValue(job: ScrapeConfig, profile: Profile, name: string): string | undefined {
  for (const [k, v] of defaultEntries(job, profile)) if (k === name) return v;
  return undefined;
}

/** PopulateDiscoveredLabels: target labels, then group labels the target lacks, then job defaults and params. */
export function discoveredLabels(input: Omit<PopulateInput, 'trace'>, steps?: TraceStep[]): Labels {
  const { group, job, profile } = input;
  const target = input.under === undefined ? input.target : { ...input.target, ...input.under };
  const vanish = profile.targets.emptyDiscoveredLabelsVanish;
  let lb: Labels;
  if (cloneable(target, vanish)) {
    // The same keys in the same order as the loop below would give, copied in one step.
    lb = { ...target };
  } else {
    lb = {};
    for (const k in target) {
      const v = target[k]!;
      if (v !== '' || !vanish) lb[k] = v;
    }
  }
  for (const k in group) {
    // An own name only: a group label named like an Object.prototype member ("constructor") is still added.
    if (Object.prototype.hasOwnProperty.call(target, k)) continue;
    const v = group[k]!;
    if (v !== '' || !vanish) lb[k] = v;
  }
  const before = steps ? { ...lb } : undefined;
  // Set only when empty or absent (labels.Builder.Set("") deletes, so "" never lands).
  for (const [k, v] of defaultEntries(job, profile)) setDefault(lb, k, v);
  if (steps && before) steps.push({ implicit: 'job-defaults', note: `defaults from job "${job.jobName}" (set only where discovery left them empty)`, before, after: { ...lb }, keep: true });
  if (job.params.length) {
    const pb = steps ? { ...lb } : undefined;
    for (const [k, vs] of job.params) {
      if (vs.length === 0) continue;
      const name = `__param_${k}`;
      // 3.0+: config params no longer override an SD-provided __param_*; 2.42 always overwrote.
      if (profile.targets.configParamsOverrideSD || !lb[name]) {
        if (vs[0] === '') delete lb[name];
        else lb[name] = vs[0]!;
      }
    }
    if (steps && pb) steps.push({ implicit: 'params', note: 'first value of each config param as __param_<name>', before: pb, after: { ...lb }, keep: true });
  }
  return lb;
}

/** The shape that lets this target's discovered labels be read as layers (see Shape), or undefined. */
function layeredShape(input: Omit<PopulateInput, 'trace'>): Shape | undefined {
  if (input.job.params.length !== 0 && !paramsLayerable(input)) return undefined;
  let shape = SHAPES.get(input.group);
  if (shape === undefined || !sameKeys(shape.names, input.target)) SHAPES.set(input.group, (shape = shapeOf(input.target, input.group)));
  return shape.ok ? shape : undefined;
}

/** The discovered label set of a target as layers that share no name — the target's own labels first, the shared
 * ones after (the pod's, the group's, the job defaults) — and whether a "" value in them reads as absent; undefined
 * when the set must be built (discoveredLabels). For reading many targets without building their sets: the shared
 * layers are the same objects for every target of a pod or group. */
export function discoveredLayers(input: Omit<PopulateInput, 'trace'>): { own: Labels; shared: Labels[]; skipEmpty: boolean } | undefined {
  const shape = layeredShape(input);
  if (!shape) return undefined;
  const defaults = defaultsLayer(input.job, input.profile, input.group, shape.plain);
  const shared = input.under === undefined ? [input.group, defaults] : [input.under, input.group, defaults];
  return { own: input.target, shared, skipEmpty: input.profile.targets.emptyDiscoveredLabelsVanish };
}

/** The drop reason naming a rule: one read-only object per rule (most targets of a run are dropped, by few rules). */
const DROP_REASONS = new WeakMap<RelabelRule, DropReason>();
export function dropReason(rule: RelabelRule): DropReason {
  let r = DROP_REASONS.get(rule);
  if (r === undefined) {
    const ref = ruleRef(rule);
    r = Object.freeze({ kind: 'relabel', rule: Object.freeze(ref) }) as DropReason;
    DROP_REASONS.set(rule, r);
  }
  return r;
}

/** One builder and layer list for every untraced target: populate is not re-entered while it runs, and the builder
 * does not outlive the call (its labels are copied out). Spares two arrays and an object per target. */
const SCRATCH = new LabelBuilder({});
const LAYERS2: Labels[] = [{}, {}];
const LAYERS3: Labels[] = [{}, {}, {}];

/** PopulateLabels for one target. Without a trace the discovered label set is not built when the layers allow it
 * (`discovered` is then absent: discoveredLabels(input) gives it, see targets/build.ts); the relabel rules read the
 * layers. */
export function populate(input: PopulateInput): PopulateOutcome {
  const steps: TraceStep[] | undefined = input.trace ? [] : undefined;
  const { job, profile } = input;
  const shape = steps ? undefined : layeredShape(input);
  const discovered = shape ? undefined : discoveredLabels(input, steps);
  // Meta labels are deleted after relabeling. Without a trace nothing shows the set before that, so the copy leaves
  // them out (the checks below read no __meta_* label); with a trace the full set is copied and they are removed in
  // their own step.
  let lb: Labels;
  try {
    if (steps) {
      const rel = applyRelabel(discovered!, job.relabelConfigs, profile, { trace: true });
      if (rel.steps) steps.push(...rel.steps);
      if (rel.dropped) return { state: 'dropped', discovered, reason: { kind: 'relabel', rule: ruleRef(rel.droppedBy!) }, trace: steps };
      lb = { ...rel.labels };
    } else {
      let b: LabelBuilder;
      if (shape) {
        const defaults = defaultsLayer(job, profile, input.group, shape.plain);
        const layers = input.under === undefined ? LAYERS2 : LAYERS3;
        if (input.under === undefined) {
          layers[0] = input.group;
          layers[1] = defaults;
        } else {
          layers[0] = input.under;
          layers[1] = input.group;
          layers[2] = defaults;
        }
        b = SCRATCH.reset(input.target, layers, profile.targets.emptyDiscoveredLabelsVanish);
      } else b = SCRATCH.reset(discovered!);
      const prefix = input.prefix;
      if (prefix?.changes !== undefined) b.adopt(prefix.changes);
      const droppedBy = runRules(b, job.relabelConfigs, profile, prefix?.from ?? 0);
      if (droppedBy) return { state: 'dropped', discovered, reason: dropReason(droppedBy) };
      lb = b.labelsWithout('__meta_');
    }
  } catch (e) {
    if (!(e instanceof ExpansionTooLarge)) throw e;
    return { state: 'failed', discovered, code: 'LABEL_TOO_LARGE', message: e.message, trace: steps };
  }
  let addr = lb['__address__'] ?? '';
  if (addr === '') return fail(steps, lb, discovered, 'NO_ADDRESS', 'no address');

  if (profile.targets.addDefaultPort) {
    // 2.x addPort: only when the address does not split but would with a port appended.
    const canSplit = splitHostPort(addr).ok;
    if (!canSplit && splitHostPort(addr + ':1234').ok) {
      const scheme = lb['__scheme__'] ?? '';
      const before = steps ? { ...lb } : undefined;
      if (scheme === 'http' || scheme === '') addr += ':80';
      else if (scheme === 'https') addr += ':443';
      // The message names the job's configured scheme, not the label (upstream quirk).
      else return fail(steps, lb, discovered, 'INVALID_SCHEME', `invalid scheme: ${JSON.stringify(job.scheme)}`);
      lb['__address__'] = addr;
      if (steps && before) steps.push({ implicit: 'default-port', note: `no port in the address: ${addr.slice(addr.lastIndexOf(':'))} added for scheme "${scheme || 'http'}"`, before, after: { ...lb }, keep: true });
    }
  }
  if (addr.includes('/')) return fail(steps, lb, discovered, 'ADDRESS_HAS_PATH', `${JSON.stringify(addr)} is not a valid hostname`);

  const interval = parseDurationCached(lb['__scrape_interval__'] ?? '');
  if (!interval.ok) return fail(steps, lb, discovered, 'BAD_INTERVAL', `error parsing scrape interval: ${interval.message}`);
  if (interval.ms === 0) return fail(steps, lb, discovered, 'ZERO_INTERVAL', 'scrape interval cannot be 0');
  const timeout = parseDurationCached(lb['__scrape_timeout__'] ?? '');
  if (!timeout.ok) return fail(steps, lb, discovered, 'BAD_TIMEOUT', `error parsing scrape timeout: ${timeout.message}`);
  if (timeout.ms === 0) return fail(steps, lb, discovered, 'ZERO_TIMEOUT', 'scrape timeout cannot be 0');
  if (timeout.ms > interval.ms) {
    return fail(
      steps,
      lb,
      discovered,
      'TIMEOUT_GT_INTERVAL',
      `scrape timeout cannot be greater than scrape interval (${JSON.stringify(lb['__scrape_timeout__'])} > ${JSON.stringify(lb['__scrape_interval__'])})`,
    );
  }
  if (profile.targets.histogramLabels) {
    for (const [name, desc] of HISTOGRAM_LABELS) {
      const v = lb[name];
      if (v && !GO_BOOLS.has(v)) return fail(steps, lb, discovered, 'BAD_BOOL_LABEL', `error parsing ${desc}: strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`);
    }
  }
  // Meta labels are deleted after relabeling; other internal labels stay (they feed the URL and identity).
  if (steps) {
    const beforeMeta = { ...lb };
    for (const k of Object.keys(lb)) if (k.startsWith('__meta_')) delete lb[k];
    steps.push({ implicit: 'drop-meta', note: '__meta_* labels removed after relabeling', before: beforeMeta, after: { ...lb }, keep: true });
  }
  if (!lb['instance']) {
    const before = steps ? { ...lb } : undefined;
    lb['instance'] = addr;
    if (steps && before) steps.push({ implicit: 'instance', note: 'instance defaults to __address__', before, after: { ...lb }, keep: true });
  }
  for (const k in lb) {
    const v = lb[k]!;
    if (hasLoneSurrogate(v)) return fail(steps, lb, discovered, 'INVALID_LABEL_VALUE', `invalid label value for ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  }
  const labels: Labels = {};
  for (const k in lb) if (!k.startsWith('__')) labels[k] = lb[k]!;
  const url = scrapeUrl(lb, job.params);
  if (steps) {
    steps.push({ implicit: 'drop-internal', note: 'labels starting with __ are hidden from the target\'s public labels (they still identify it)', before: { ...lb }, after: { ...labels }, keep: true });
    steps.push({ implicit: 'scrape-url', note: url, before: { ...labels }, after: { ...labels }, keep: true });
  }
  return { state: 'active', discovered, internal: lb, labels, url, trace: steps };
}

function fail(steps: TraceStep[] | undefined, lb: Labels, discovered: Labels | undefined, code: FailCode, message: string): PopulateOutcome {
  steps?.push({ implicit: 'validate', note: message, before: { ...lb }, after: { ...lb }, keep: false });
  return { state: 'failed', discovered, code, message, trace: steps };
}

const HISTOGRAM_LABELS: [string, string][] = [
  ['__scrape_native_histograms__', 'scrape_native_histograms'],
  ['__always_scrape_classic_histograms__', 'always_scrape_classic_histograms'],
  ['__convert_classic_histograms_to_nhcb__', 'convert_classic_histograms_to_nhcb'],
];
const GO_BOOLS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);
