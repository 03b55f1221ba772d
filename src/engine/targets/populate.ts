// One discovered target → active, dropped or failed, following Prometheus
// scrape/target.go PopulateDiscoveredLabels + PopulateLabels for the profile's version.
// Every implicit step is recorded in the trace when tracing is on.
import type { GlobalConfig, ScrapeConfig } from '../config/types.ts';
import { ExpansionTooLarge } from '../relabel/expand.ts';
import { formatPromDuration, parsePromDuration } from '../config/duration.ts';
import type { Labels } from '../labels.ts';
import type { Profile } from '../profiles/types.ts';
import { applyRelabel, relabelBuilder } from '../relabel/apply.ts';
import { ruleRef } from '../relabel/summary.ts';
import type { TraceStep } from '../trace.ts';
import { splitHostPort } from './go-net.ts';
import { scrapeUrl } from './scrape-url.ts';
import type { DropReason, FailCode } from './types.ts';

export interface PopulateInput {
  /** Target labels and group labels from discovery (values may be ""). */
  target: Labels;
  group: Labels;
  job: ScrapeConfig;
  global: GlobalConfig;
  profile: Profile;
  trace: boolean;
}

export type PopulateOutcome =
  | { state: 'active'; discovered: Labels; internal: Labels; labels: Labels; url: string; trace?: TraceStep[] }
  | { state: 'dropped'; discovered: Labels; reason: DropReason; trace?: TraceStep[] }
  | { state: 'failed'; discovered: Labels; code: FailCode; message: string; trace?: TraceStep[] };

/** Builder.Set when the label is empty or absent ("" deletes). */
function setDefault(lb: Labels, k: string, v: string): void {
  if (!lb[k]) {
    if (v === '') delete lb[k];
    else lb[k] = v;
  }
}

interface JobDefaults {
  interval: string;
  timeout: string;
  nativeHistograms: string;
  alwaysClassic: string;
  convertNhcb: string;
}

/** The job's default label values as text, computed once per job object (the fields are read-only after parsing;
 * the key includes them all, so a changed job is never served stale values). */
const JOB_DEFAULTS = new WeakMap<ScrapeConfig, { job: JobDefaultsFrom; d: JobDefaults }>();
type JobDefaultsFrom = Pick<ScrapeConfig, 'scrapeInterval' | 'scrapeTimeout' | 'scrapeNativeHistograms' | 'alwaysScrapeClassicHistograms' | 'convertClassicHistogramsToNhcb'>;
function jobDefaults(job: ScrapeConfig): JobDefaults {
  const hit = JOB_DEFAULTS.get(job);
  if (
    hit &&
    hit.job.scrapeInterval === job.scrapeInterval &&
    hit.job.scrapeTimeout === job.scrapeTimeout &&
    hit.job.scrapeNativeHistograms === job.scrapeNativeHistograms &&
    hit.job.alwaysScrapeClassicHistograms === job.alwaysScrapeClassicHistograms &&
    hit.job.convertClassicHistogramsToNhcb === job.convertClassicHistogramsToNhcb
  ) {
    return hit.d;
  }
  const d: JobDefaults = {
    interval: formatPromDuration(job.scrapeInterval),
    timeout: formatPromDuration(job.scrapeTimeout),
    nativeHistograms: String(job.scrapeNativeHistograms),
    alwaysClassic: String(job.alwaysScrapeClassicHistograms),
    convertNhcb: String(job.convertClassicHistogramsToNhcb),
  };
  const from: JobDefaultsFrom = {
    scrapeInterval: job.scrapeInterval,
    scrapeTimeout: job.scrapeTimeout,
    scrapeNativeHistograms: job.scrapeNativeHistograms,
    alwaysScrapeClassicHistograms: job.alwaysScrapeClassicHistograms,
    convertClassicHistogramsToNhcb: job.convertClassicHistogramsToNhcb,
  };
  JOB_DEFAULTS.set(job, { job: from, d });
  return d;
}

/** parsePromDuration memoised: every target of a job usually carries the same interval and timeout text. The results
 * are only read. */
const DURATIONS = new Map<string, ReturnType<typeof parsePromDuration>>();
function parseDurationCached(text: string): ReturnType<typeof parsePromDuration> {
  let r = DURATIONS.get(text);
  if (r === undefined) {
    if (DURATIONS.size >= 256) DURATIONS.clear();
    r = parsePromDuration(text);
    DURATIONS.set(text, r);
  }
  return r;
}

/** Whether a spread copy of the target equals the filtering loop's copy: nothing to leave out, and no own "__proto__"
 * key (the loop's assignment drops it; a spread would keep it). */
function cloneable(target: Labels, vanish: boolean): boolean {
  if (Object.prototype.hasOwnProperty.call(target, '__proto__')) return false;
  if (!vanish) return true;
  for (const k in target) if (target[k] === '') return false;
  return true;
}

/** discoveredLabels in one copy for the common case, or undefined when the general path is needed: no "" group value,
 * no "" target value unless the profile makes them vanish, no group label the target has, no own "__proto__" key, no
 * config params. Then the result is target, group and the absent defaults in this order, exactly as the general path builds
 * it key by key (spread defines own properties as that assignment does; "__proto__" is excluded above). */
function discoveredFast(input: Omit<PopulateInput, 'trace'>): Labels | undefined {
  const { target, group, job, profile } = input;
  if (job.params.length) return undefined;
  const hit = TEMPLATES.get(job)?.get(group);
  if (hit !== undefined && hit.profile === profile) {
    const o = fromTemplate(hit, target);
    if (o !== undefined) return o;
  }
  const own = Object.prototype.hasOwnProperty;
  if (own.call(target, '__proto__') || own.call(group, '__proto__')) return undefined;
  let t = target;
  for (const k in target) {
    if (target[k] !== '') continue;
    // An empty target label: with vanishing labels it is left out (a small object, copied key by key as the general
    // path does); without, the general path decides.
    if (!profile.targets.emptyDiscoveredLabelsVanish) return undefined;
    t = {};
    for (const k2 in target) if (target[k2] !== '') t[k2] = target[k2]!;
    break;
  }
  for (const k in group) if (k in target || group[k] === '') return undefined;
  const d = jobDefaults(job);
  const defaults: Labels = {};
  const add = (k: string, v: string) => {
    if (v !== '' && t[k] === undefined && group[k] === undefined) defaults[k] = v;
  };
  add('job', job.jobName);
  add('__scrape_interval__', d.interval);
  add('__scrape_timeout__', d.timeout);
  add('__metrics_path__', job.metricsPath);
  add('__scheme__', job.scheme);
  if (profile.targets.histogramLabels) {
    add('__scrape_native_histograms__', d.nativeHistograms);
    add('__always_scrape_classic_histograms__', d.alwaysClassic);
    add('__convert_classic_histograms_to_nhcb__', d.convertNhcb);
  }
  const merged = { ...t, ...group, ...defaults };
  // The next target of this group with the same names starts from a copy of this set (see fromTemplate).
  if (t === target) {
    let byGroup = TEMPLATES.get(job);
    if (byGroup === undefined) TEMPLATES.set(job, (byGroup = new WeakMap()));
    byGroup.set(group, { profile, names: Object.keys(target), labels: { ...merged } });
  }
  return merged;
}

/** The last discovered label set built for a group (its own copy, never handed out), with the target's names in
 * order: targets of one group mostly carry the same names (one per port of a pod, one per address of an
 * Endpoints), so the next one is a copy of it with the target's values set — one shallow clone that shares the
 * template's hidden class, instead of a merge that defines ~50 keys one by one (and makes a new hidden class). */
interface Template {
  profile: Profile;
  names: string[];
  labels: Labels;
}
/** Per job, per group labels object (groups are shared by the jobs of one discovery, see run.ts). */
const TEMPLATES = new WeakMap<ScrapeConfig, WeakMap<Labels, Template>>();

/** discoveredFast from the group's template, when the target has exactly the template target's names in the same
 * order and no "" value: then the checks that held for the template hold for it (same names, same group, same job),
 * and the result has the same keys in the same order, with the target's values. Undefined: no match. */
function fromTemplate(tp: Template, target: Labels): Labels | undefined {
  const names = tp.names;
  let i = 0;
  for (const k in target) {
    if (names[i] !== k || target[k] === '') return undefined;
    i++;
  }
  if (i !== names.length) return undefined;
  const o = { ...tp.labels };
  for (let j = 0; j < names.length; j++) {
    const k = names[j] as string;
    o[k] = target[k] as string;
  }
  return o;
}

/** PopulateDiscoveredLabels: target labels, then group labels the target lacks, then job defaults and params. */
export function discoveredLabels(input: Omit<PopulateInput, 'trace'>, steps?: TraceStep[]): Labels {
  const { target, group, job, profile } = input;
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
    if (k in target) continue;
    const v = group[k]!;
    if (v !== '' || !vanish) lb[k] = v;
  }
  const before = steps ? { ...lb } : undefined;
  // Set only when empty or absent (labels.Builder.Set("") deletes, so "" never lands).
  const d = jobDefaults(job);
  setDefault(lb, 'job', job.jobName);
  setDefault(lb, '__scrape_interval__', d.interval);
  setDefault(lb, '__scrape_timeout__', d.timeout);
  setDefault(lb, '__metrics_path__', job.metricsPath);
  setDefault(lb, '__scheme__', job.scheme);
  if (profile.targets.histogramLabels) {
    setDefault(lb, '__scrape_native_histograms__', d.nativeHistograms);
    setDefault(lb, '__always_scrape_classic_histograms__', d.alwaysClassic);
    setDefault(lb, '__convert_classic_histograms_to_nhcb__', d.convertNhcb);
  }
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

/** PopulateLabels for one target. */
export function populate(input: PopulateInput): PopulateOutcome {
  const steps: TraceStep[] | undefined = input.trace ? [] : undefined;
  const { job, profile } = input;
  const discovered = (steps ? undefined : discoveredFast(input)) ?? discoveredLabels(input, steps);
  // Meta labels are deleted after relabeling. Without a trace nothing shows the set before that, so the copy leaves
  // them out (the checks below read no __meta_* label); with a trace the full set is copied and they are removed in
  // their own step.
  let lb: Labels;
  try {
    if (steps) {
      const rel = applyRelabel(discovered, job.relabelConfigs, profile, { trace: true });
      if (rel.steps) steps.push(...rel.steps);
      if (rel.dropped) return { state: 'dropped', discovered, reason: { kind: 'relabel', rule: ruleRef(rel.droppedBy!) }, trace: steps };
      lb = { ...rel.labels };
    } else {
      const rel = relabelBuilder(discovered, job.relabelConfigs, profile);
      if (rel.droppedBy) return { state: 'dropped', discovered, reason: { kind: 'relabel', rule: ruleRef(rel.droppedBy) }, trace: steps };
      lb = rel.lb.labelsWithout('__meta_');
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
  for (const k of Object.keys(lb)) {
    const v = lb[k]!;
    if (hasLoneSurrogate(v)) return fail(steps, lb, discovered, 'INVALID_LABEL_VALUE', `invalid label value for ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  }
  const labels: Labels = {};
  for (const k of Object.keys(lb)) if (!k.startsWith('__')) labels[k] = lb[k]!;
  const url = scrapeUrl(lb, job.params);
  if (steps) {
    steps.push({ implicit: 'drop-internal', note: 'labels starting with __ are hidden from the target\'s public labels (they still identify it)', before: { ...lb }, after: { ...labels }, keep: true });
    steps.push({ implicit: 'scrape-url', note: url, before: { ...labels }, after: { ...labels }, keep: true });
  }
  return { state: 'active', discovered, internal: lb, labels, url, trace: steps };
}

function fail(steps: TraceStep[] | undefined, lb: Labels, discovered: Labels, code: FailCode, message: string): PopulateOutcome {
  steps?.push({ implicit: 'validate', note: message, before: { ...lb }, after: { ...lb }, keep: false });
  return { state: 'failed', discovered, code, message, trace: steps };
}

const HISTOGRAM_LABELS: [string, string][] = [
  ['__scrape_native_histograms__', 'scrape_native_histograms'],
  ['__always_scrape_classic_histograms__', 'always_scrape_classic_histograms'],
  ['__convert_classic_histograms_to_nhcb__', 'convert_classic_histograms_to_nhcb'],
];
const GO_BOOLS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);

function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
      return true;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}
