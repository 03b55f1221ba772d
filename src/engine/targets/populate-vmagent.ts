// One discovered target → active, dropped or failed, the way vmagent builds a ScrapeWork
// (lib/promscrape/config.go scrapeWorkConfig.getScrapeWork and mergeLabels; newer versions move the URL part
// into promrelabel/scrape_url.go GetScrapeURL). Version differences are profile.targets switches.
import type { GlobalConfig, ScrapeConfig } from '../config/types.ts';
import { ExpansionTooLarge } from '../relabel/expand.ts';
import { formatGoDuration, formatPromDuration } from '../config/duration.ts';
import { durationValue } from '../config/vm-duration.ts';
import { boundedMemo } from '../memo.ts';
import { labelsIdentity, sameKeys, sortGo, type Labels } from '../labels.ts';
import type { Profile } from '../profiles/types.ts';
import { applyRelabelVm, runVmRules, VmLabels } from '../relabel/vmagent/index.ts';
import type { RelabelRule } from '../relabel/types.ts';
import { dropReason } from './populate.ts';
import type { TraceStep } from '../trace.ts';
import { goUrlParseError } from './go-url-parse.ts';
import { encodeValues } from './scrape-url.ts';
import type { DropReason, FailCode } from './types.ts';

export interface VmPopulateInput {
  target: Labels;
  /** Labels under the target's own (TargetGroup.under). */
  under?: Labels | undefined;
  group: Labels;
  job: ScrapeConfig;
  global: GlobalConfig;
  profile: Profile;
  trace: boolean;
}

interface VmCommon {
  /** Absent when not built (never with a trace): vmDiscoveredLabels(input) builds it. */
  discovered: Labels | undefined;
  trace?: TraceStep[];
  /** The address vmagent names in its "cannot create … target" log line (the discovered __address__). */
  address: string;
}

export type VmPopulateOutcome =
  | (VmCommon & {
      state: 'active';
      internal: Labels;
      labels: Labels;
      url: string;
      /** scraperGroup.update's duplicate key (ScrapeWork.key()): same job, URL, interval, timeout, labels, settings. */
      identity: string;
      scrapePool: string;
      /** Set when starting this scraper makes vmagent panic (a zero per-target interval: scrapework.go run). */
      crash?: string;
    })
  | (VmCommon & { state: 'dropped'; reason: DropReason })
  | (VmCommon & { state: 'failed'; code: FailCode; message: string });

/** mergeLabels: external labels (1.79), job defaults, params, static labels, discovered labels; the later one
 * wins; empty values are kept. The result is sorted by name, as vmagent sorts it. */
export function vmDiscoveredLabels(input: Omit<VmPopulateInput, 'trace'>): Labels {
  const { group, job, global, profile } = input;
  const target = input.under === undefined ? input.target : { ...input.target, ...input.under };
  const fmt = profile.targets.durationFormat === 'go' ? formatGoDuration : formatPromDuration;
  const m: Labels = {};
  if (profile.targets.externalLabelsInTargets) Object.assign(m, global.externalLabels);
  m['job'] = job.jobName;
  m['__address__'] = target['__address__'] ?? '';
  m['__scheme__'] = job.scheme;
  m['__metrics_path__'] = job.metricsPath;
  m['__scrape_interval__'] = fmt(job.scrapeInterval);
  m['__scrape_timeout__'] = fmt(job.scrapeTimeout);
  for (const [k, vs] of job.params) if (vs.length > 0) m[`__param_${k}`] = vs[0] as string;
  for (const k in group) m[k] = group[k] as string;
  for (const k in target) m[k] = target[k] as string;
  const out: Labels = {};
  // Go's order, natively unless a name holds a surrogate (sortGo): with a comparator in JS this sort was ~130 ms of
  // a 10k-pod vmagent run (groupDropVm builds the set of each group's first target for every job).
  const names = Object.keys(m);
  sortGo(names);
  for (const k of names) out[k] = m[k] as string;
  return out;
}

/** The merged, sorted label list of mergeLabels as two arrays, without the object: for the targets of one group with
 * the same names the sorted names and where each value comes from are kept (per job and group), so the next target
 * costs a walk over its names. Undefined for a "__proto__" name (the general path decides). */
interface VmShape {
  /** The names of the job's fixed labels (JobFixed.key) the shape was made with. */
  fixedKey: string;
  /** The target's names the shape was made for, in order. */
  names: string[];
  /** The group's names, in order (RECENT: a shape met again for another group). */
  groupNames: string[];
  /** The names of the labels under the target (TargetGroup.under), in order; undefined without. */
  underNames: string[] | undefined;
  /** The last such object found to have them: the targets of one pod share it, so the next one skips the walk. */
  lastUnder: Labels | undefined;
  /** The merged names, sorted as vmagent sorts them. */
  sorted: string[];
  /** For each sorted name: 0 the target's value, 1 the group's, 2 the job's fixed value, 3 the value under the target. */
  from: Uint8Array;
}
/** Per group: the last few shapes, most recent first (a group's targets alternate between a few name sets: with and
 * without container port labels, one per pod template). A shape depends on names only, so the jobs that share a
 * group (run.ts) share its shapes too. */
const VM_SHAPES = new WeakMap<Labels, VmShape[]>();
const SHAPES_PER_GROUP = 4;
/** The shapes made last, whatever their group: groups of one role mostly carry the same names (the pods of one
 * template, the Endpoints of one chart), so a group met for the first time often fits a shape made for another and
 * skips the sort (at 10k pods, a sort per group for every group was ~45 ms of a vmagent run). */
const RECENT: VmShape[] = [];
const RECENT_MAX = 8;

function keep(group: Labels, shape: VmShape, kept: VmShape[] | undefined): void {
  VM_SHAPES.set(group, [shape, ...(kept ?? []).slice(0, SHAPES_PER_GROUP - 1)]);
}

/** A job's fixed labels, in mergeLabels' order (a later one wins): external labels (1.79), job defaults, params
 * (`__address__` is always the target's: a target without one takes the general path). */
interface JobFixed {
  profile: Profile;
  global: GlobalConfig;
  /** The job fields the values were made from (a changed job is never served stale values). */
  from: readonly unknown[];
  values: Map<string, string>;
  /** The names, joined: shapes made with other names do not fit. */
  key: string;
}
const JOB_FIXED = new WeakMap<ScrapeConfig, JobFixed>();

function jobFixed(job: ScrapeConfig, global: GlobalConfig, profile: Profile): JobFixed {
  const hit = JOB_FIXED.get(job);
  const from = [job.jobName, job.scheme, job.metricsPath, job.scrapeInterval, job.scrapeTimeout, job.params];
  if (hit !== undefined && hit.profile === profile && hit.global === global && hit.from.every((v, i) => v === from[i])) return hit;
  const fmt = profile.targets.durationFormat === 'go' ? formatGoDuration : formatPromDuration;
  const values = new Map<string, string>();
  if (profile.targets.externalLabelsInTargets) for (const k in global.externalLabels) values.set(k, global.externalLabels[k] as string);
  values.set('job', job.jobName);
  values.set('__address__', '');
  values.set('__scheme__', job.scheme);
  values.set('__metrics_path__', job.metricsPath);
  values.set('__scrape_interval__', fmt(job.scrapeInterval));
  values.set('__scrape_timeout__', fmt(job.scrapeTimeout));
  for (const [k, vs] of job.params) if (vs.length > 0) values.set(`__param_${k}`, vs[0] as string);
  const fixed: JobFixed = { profile, global, from, values, key: [...values.keys()].join('\u0000') };
  JOB_FIXED.set(job, fixed);
  return fixed;
}

/** The names list of a shape each `under` object was found to have (objects are read-only, so once is enough): the
 * jobs sharing a group meet the same pods' objects, and comparing ~50 names per pod per job cost ~10 ms a run. */
const UNDER_NAMES = new WeakMap<Labels, string[]>();

/** Whether the labels under a target have the names a shape was made with. */
function sameUnder(shape: VmShape, under: Labels | undefined): boolean {
  if (under === undefined || shape.underNames === undefined) return under === shape.underNames;
  if (shape.lastUnder === under) return true;
  if (UNDER_NAMES.get(under) !== shape.underNames) {
    if (!sameKeys(shape.underNames, under)) return false;
    UNDER_NAMES.set(under, shape.underNames);
  }
  shape.lastUnder = under;
  return true;
}

function vmShape(input: Omit<VmPopulateInput, 'trace'>, fixed: JobFixed): VmShape | undefined {
  const { target, group, under } = input;
  const kept = VM_SHAPES.get(group);
  if (kept !== undefined) {
    for (const hit of kept) if (hit.fixedKey === fixed.key && sameKeys(hit.names, target) && sameUnder(hit, under)) return hit;
  }
  // Same names as a shape made for another group: the same shape (it depends on the names alone).
  for (const hit of RECENT) {
    if (hit.fixedKey === fixed.key && sameKeys(hit.names, target) && sameKeys(hit.groupNames, group) && sameUnder(hit, under)) {
      keep(group, hit, kept);
      return hit;
    }
  }
  const own = Object.prototype.hasOwnProperty;
  if (own.call(target, '__proto__') || own.call(group, '__proto__') || fixed.values.has('__proto__')) return undefined;
  if (under !== undefined && own.call(under, '__proto__')) return undefined;
  if (!own.call(target, '__address__')) return undefined;
  const all = new Set<string>([...fixed.values.keys(), ...Object.keys(group), ...Object.keys(target), ...(under === undefined ? [] : Object.keys(under))]);
  const sorted = [...all];
  sortGo(sorted);
  const from = new Uint8Array(sorted.length);
  // vmDiscoveredLabels' order: the labels under the target over its own, those over the group's, over the job's.
  sorted.forEach((n, i) => {
    from[i] = under !== undefined && own.call(under, n) ? 3 : own.call(target, n) ? 0 : own.call(group, n) ? 1 : 2;
  });
  const shape: VmShape = { fixedKey: fixed.key, names: Object.keys(target), groupNames: Object.keys(group), underNames: under === undefined ? undefined : Object.keys(under), lastUnder: under, sorted, from };
  keep(group, shape, kept);
  RECENT.unshift(shape);
  if (RECENT.length > RECENT_MAX) RECENT.length = RECENT_MAX;
  return shape;
}

/** vmDiscoveredLabels as a fresh label list, or undefined when the general path must build the object. */
export function vmMergedList(input: Omit<VmPopulateInput, 'trace'>): VmLabels | undefined {
  const fixed = jobFixed(input.job, input.global, input.profile);
  const shape = vmShape(input, fixed);
  if (shape === undefined) return undefined;
  const { target, group } = input;
  const under = input.under as Labels;
  const n = shape.sorted.length;
  const vs: string[] = new Array(n);
  const from = shape.from;
  const values = fixed.values;
  for (let i = 0; i < n; i++) {
    const k = shape.sorted[i] as string;
    const f = from[i];
    vs[i] = f === 0 ? (target[k] as string) : f === 1 ? (group[k] as string) : f === 3 ? (under[k] as string) : (values.get(k) as string);
  }
  return VmLabels.fromLists(shape.sorted.slice(), vs);
}

function isEmpty(l: Labels): boolean {
  for (const _ in l) return false;
  return true;
}

/** addMissingPort: `:443` for https, `:80` otherwise, unless the address has a `:` anywhere. */
function addMissingPort(addr: string, tls: boolean): string {
  return addr.includes(':') ? addr : addr + (tls ? ':443' : ':80');
}

/** getParamsFromLabels: every `__param_<k>` label; the job's params add their values 2..n. */
function paramsFromLabels(labels: Labels, configParams: [string, string[]][]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  // Made on the first `__param_` label: most targets have none (this ran for every target).
  let extra: Map<string, string[]> | undefined;
  for (const name in labels) {
    if (!name.startsWith('__param_')) continue;
    const k = name.slice('__param_'.length);
    const p = (extra ??= new Map(configParams)).get(k) ?? [];
    m.set(k, [labels[name] as string, ...p.slice(1)]);
  }
  return m;
}

const GO_BOOLS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);

/** Per-target settings parsed from labels after relabeling (strconv.Atoi, strconv.ParseBool, flagutil.ParseBytes). */
function settingError(name: string, v: string): string | null {
  if (name === '__stream_parse__') return GO_BOOLS.has(v) ? null : `cannot parse ${name}=${JSON.stringify(v)}: strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`;
  if (name === '__max_scrape_size__') return /^\d+(\.\d+)?([KMGT]i?B?)?$/.test(v) ? null : `cannot parse ${name}=${JSON.stringify(v)}: cannot parse ${JSON.stringify(v)}`;
  return /^[+-]?\d+$/.test(v) ? null : `cannot parse ${name}=${JSON.stringify(v)}: strconv.Atoi: parsing ${JSON.stringify(v)}: invalid syntax`;
}

/** The labels without the __meta_ ones (vmagent removes them after relabeling), as a fresh object. */
function withoutMeta(l: Labels): Labels {
  const out: Labels = {};
  for (const k of Object.keys(l)) if (!k.startsWith('__meta_')) out[k] = l[k] as string;
  return out;
}

/** durationValue memoised: the targets of a job carry the same few interval and timeout texts, and each parse runs
 * regexes. */
const durationCached = boundedMemo(durationValue);

export function populateVm(input: VmPopulateInput): VmPopulateOutcome {
  const { job, profile } = input;
  const tp = profile.targets;
  const steps: TraceStep[] | undefined = input.trace ? [] : undefined;
  // Untraced: the merged list straight from the target and group, the discovered object built only when read.
  const list = steps ? undefined : vmMergedList(input);
  const discovered = list ? undefined : vmDiscoveredLabels(input);
  const address = input.target['__address__'] ?? '';
  const withExternal = steps !== undefined && tp.externalLabelsInTargets && Object.keys(input.global.externalLabels).length > 0;
  if (steps) steps.push({ implicit: 'job-defaults', note: `labels of job "${job.jobName}" merged under the discovered ones${withExternal ? ', global external_labels first (vmagent before 1.82)' : ''}; empty values are kept`, before: { ...input.group, ...input.target }, after: { ...discovered }, keep: true });
  // Untraced, the labels without the __meta_ ones come straight from the list; rel.labels is then not built.
  let rel: { labels: Labels; droppedBy?: RelabelRule | undefined; steps?: TraceStep[] };
  let listLabels: Labels | undefined;
  try {
    if (list) {
      const droppedBy = runVmRules(list, job.relabelConfigs, profile);
      rel = { labels: {}, droppedBy };
      if (!droppedBy) listLabels = list.labelsWithout('__meta_');
    } else {
      const r = applyRelabelVm(discovered!, job.relabelConfigs, profile, { trace: input.trace });
      rel = { labels: r.labels, droppedBy: r.dropped ? r.droppedBy : undefined, ...(r.steps ? { steps: r.steps } : {}) };
    }
  } catch (e) {
    if (!(e instanceof ExpansionTooLarge)) throw e;
    return { state: 'failed', discovered, address: (discovered ?? input.target)['__address__'] ?? '', code: 'LABEL_TOO_LARGE', message: e.message, trace: steps };
  }
  if (steps && rel.steps) steps.push(...rel.steps);
  if (rel.droppedBy) {
    return { state: 'dropped', discovered, address, reason: dropReason(rel.droppedBy), trace: steps };
  }
  const lb: Labels = listLabels ?? withoutMeta(rel.labels);
  if (steps) steps.push({ implicit: 'drop-meta', note: 'empty labels and __meta_* labels removed after relabeling', before: { ...rel.labels }, after: { ...lb }, keep: true });
  const drop = (code: FailCode, message: string): VmPopulateOutcome => {
    steps?.push({ implicit: 'validate', note: message, before: { ...lb }, after: { ...lb }, keep: false });
    return { state: 'dropped', discovered, address, reason: { kind: 'invalid', code, message }, trace: steps };
  };
  const fail = (code: FailCode, message: string): VmPopulateOutcome => {
    steps?.push({ implicit: 'validate', note: message, before: { ...lb }, after: { ...lb }, keep: false });
    return { state: 'failed', discovered, address, code, message, trace: steps };
  };
  if (isEmpty(lb)) return drop('NO_ADDRESS', 'no labels left after relabeling: dropped');

  let scheme = lb['__scheme__'] || 'http';
  let addr = lb['__address__'] ?? '';
  if (addr === '') return drop('NO_ADDRESS', 'empty __address__ after relabeling: dropped ("missing scrape URL")');
  let metricsPath = lb['__metrics_path__'] || '/metrics';
  if (tp.addressSchemePath) {
    if (addr.startsWith('http://')) {
      scheme = 'http';
      addr = addr.slice(7);
    } else if (addr.startsWith('https://')) {
      scheme = 'https';
      addr = addr.slice(8);
    }
    const slash = addr.indexOf('/');
    if (slash >= 0) {
      metricsPath = addr.slice(slash);
      addr = addr.slice(0, slash);
    }
  } else if (addr.includes('/')) {
    return drop('ADDRESS_HAS_PATH', `__address__ ${JSON.stringify(addr)} contains "/": dropped (vmagent before 1.83 takes no scheme or path from the address)`);
  }
  const withPort = addMissingPort(addr, scheme === 'https');
  if (steps && withPort !== addr) steps.push({ implicit: 'default-port', note: `no port in the address: ${withPort.slice(addr.length)} added for scheme "${scheme}"${tp.defaultPortInUrl ? '' : ' (to instance only, not to the URL)'}`, before: { ...lb }, after: { ...lb }, keep: true });
  if (!metricsPath.startsWith('/')) metricsPath = '/' + metricsPath;
  const params = paramsFromLabels(lb, job.params);
  let sep = '';
  if (params.size > 0) sep = metricsPath.includes('?') ? (tp.paramsAmpersandAfterQuery ? '&' : '') : '?';
  const url = `${scheme}://${tp.defaultPortInUrl ? withPort : addr}${metricsPath}${sep}${encodeValues(params)}`;
  const urlErr = goUrlParseError(url);
  if (urlErr) {
    if (tp.addressSchemePath) return fail('INVALID_URL', `invalid target url=${JSON.stringify(url)} for job=${JSON.stringify(job.jobName)}: ${urlErr}`);
    return fail(
      'INVALID_URL',
      `invalid url ${JSON.stringify(url)} for scheme=${JSON.stringify(job.scheme)} (${JSON.stringify(scheme)}), target=${JSON.stringify(address)} (${JSON.stringify(withPort)}), metrics_path=${JSON.stringify(job.metricsPath)} (${JSON.stringify(metricsPath)}) for \`job_name\` ${JSON.stringify(job.jobName)}: ${urlErr}`,
    );
  }
  if (!lb['instance']) {
    const before = steps ? { ...lb } : undefined;
    lb['instance'] = withPort;
    if (steps && before) steps.push({ implicit: 'instance', note: 'instance defaults to the address (with the default port)', before, after: { ...lb }, keep: true });
  }
  let interval = job.scrapeInterval;
  const si = lb['__scrape_interval__'];
  if (si) {
    const d = durationCached(si);
    if (!d.ok) return fail('BAD_INTERVAL', `cannot parse __scrape_interval__=${JSON.stringify(si)}: ${d.message}`);
    interval = d.ms;
  }
  let timeout = job.scrapeTimeout;
  const st = lb['__scrape_timeout__'];
  if (st) {
    const d = durationCached(st);
    if (!d.ok) return fail('BAD_TIMEOUT', `cannot parse __scrape_timeout__=${JSON.stringify(st)}: ${d.message}`);
    timeout = d.ms;
  }
  const settings: string[] = [];
  for (const name of tp.targetSettingLabels) {
    const v = lb[name];
    if (!v) continue;
    const e = settingError(name, v);
    if (e) return fail('INVALID_LABEL_VALUE', e);
    settings.push(`${name}=${v}`);
  }
  // FinalizeLabels: every `__`-prefixed label leaves the public set.
  const labels: Labels = {};
  for (const k of Object.keys(lb)) if (!k.startsWith('__')) labels[k] = lb[k] as string;
  if (steps) {
    steps.push({ implicit: 'drop-internal', note: 'labels starting with __ are removed (vmagent keeps no __tmp exception)', before: { ...lb }, after: { ...labels }, keep: true });
    steps.push({ implicit: 'scrape-url', note: url, before: { ...labels }, after: { ...labels }, keep: true });
  }
  const identity = [job.jobName, url, interval, timeout, labelsIdentity(labels), ...settings].join('\u0000');
  const scrapePool = tp.scrapePool === 'job-label' ? (lb['job'] ?? '') : job.jobName;
  const out: VmPopulateOutcome = { state: 'active', discovered, address, internal: lb, labels, url, identity, scrapePool, trace: steps };
  if (interval === 0) out.crash = `__scrape_interval__ ${JSON.stringify(si ?? '')} is zero: vmagent starts a scraper with a zero interval and panics ("runtime error: integer divide by zero" in scrapework.go run)`;
  return out;
}
