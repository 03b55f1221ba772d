// Target filtering: whitespace-separated terms, all of which must match.
//   text        any label name or value, the scrape URL, job, source object, error or drop rule (case-insensitive)
//   name=value  a label (final or discovered) with exactly this value
//   name~text   a label whose value contains text (case-insensitive)
//   name!=value no such label with this value
// Plain substring matching only: no user regex runs. The worker filters a run's targets (the page holds only
// the rows in view); the page uses the same function on the rows it has.
import type { DropReason, Labels } from '../engine/index.ts';

export type Term = { kind: 'text'; text: string } | { kind: 'eq' | 'ne'; name: string; value: string } | { kind: 'has'; name: string; text: string };

/** What filtering reads of a target (an engine Target and a TargetView both have it). */
export interface Filterable {
  job: string;
  source: string;
  scrapeUrl?: string | undefined;
  error?: string | undefined;
  reason?: DropReason | undefined;
  labels?: Labels | undefined;
  discoveredLabels: Labels;
}

/** How filtering reads a target's discovered labels. The worker sets the engine's readers, which do not build the
 * sets the engine has left unbuilt (a filter reads every target); the page reads its row views. `seen` holds answers
 * for label sets shared by many targets, for one test. */
export interface DiscoveredReader {
  some(t: Filterable, test: (name: string, value: string) => boolean, seen: WeakMap<Labels, boolean>): boolean;
  value(t: Filterable, name: string): string | undefined;
}
/** The page's reader: its row views carry their discovered labels. */
export const PAGE_READER: DiscoveredReader = {
  some: (t, test) => {
    for (const k in t.discoveredLabels) if (test(k, t.discoveredLabels[k] as string)) return true;
    return false;
  },
  value: (t, name) => (Object.prototype.hasOwnProperty.call(t.discoveredLabels, name) ? t.discoveredLabels[name] : undefined),
};
let reader = PAGE_READER;
export function setDiscoveredReader(r: DiscoveredReader): void {
  reader = r;
}

export function parseFilter(q: string): Term[] {
  const terms: Term[] = [];
  for (const raw of q.trim().split(/\s+/)) {
    if (!raw) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_.]*)(!=|=|~)(.*)$/.exec(raw);
    if (m) {
      const [, name, op, value] = m as unknown as [string, string, string, string];
      const v = value.replace(/^"(.*)"$/, '$1');
      if (op === '=') terms.push({ kind: 'eq', name, value: v });
      else if (op === '!=') terms.push({ kind: 'ne', name, value: v });
      else terms.push({ kind: 'has', name, text: v.toLowerCase() });
    } else {
      terms.push({ kind: 'text', text: raw.toLowerCase() });
    }
  }
  return terms;
}

/** Lower-cased job names, target sources and rule summaries (each repeats over many targets). */
const lowerNames = new Map<string, string>();
function lowerName(k: string): string {
  let l = lowerNames.get(k);
  if (l === undefined) {
    l = k.toLowerCase();
    if (lowerNames.size < 100_000) lowerNames.set(k, l);
  }
  return l;
}

/** What one text term keeps while it filters a run (a term lives for one filtering pass: parseFilter makes new ones):
 * the label test, made once; the answers for shared label sets (see DiscoveredReader); and the last job, source and
 * drop reason looked at with their answers (targets come job by job, a group's together, so most targets repeat the
 * previous target's job, source and reason). */
interface TextState {
  text: string;
  test: (name: string, value: string) => boolean;
  seen: WeakMap<Labels, boolean>;
  job: string | undefined;
  jobHit: boolean;
  source: string | undefined;
  sourceHit: boolean;
  reason: DropReason | undefined;
  reasonHit: boolean;
}

/** A text term: the parts the page shows or names (job, source, URL, error, drop rule, `name=value` of every label). */
function textMatches(t: Filterable, st: TextState): boolean {
  const text = st.text;
  // Job, source and rule texts repeat over many targets: lower-cased once each (lowerName's cache).
  if (t.job !== st.job) {
    st.job = t.job;
    st.jobHit = lowerName(t.job).includes(text);
  }
  if (st.jobHit) return true;
  if (t.source !== st.source) {
    st.source = t.source;
    st.sourceHit = lowerName(t.source).includes(text);
  }
  if (st.sourceHit) return true;
  if (t.scrapeUrl !== undefined && t.scrapeUrl.toLowerCase().includes(text)) return true;
  if (t.error !== undefined && t.error.toLowerCase().includes(text)) return true;
  // A group's targets share their drop reason: the last one's answer is kept like the job's and the source's.
  const r = t.reason;
  if (r !== undefined && r !== st.reason) {
    st.reason = r;
    st.reasonHit = (r.kind === 'relabel' ? lowerName(r.rule.summary) : (r.kind === 'duplicate' ? r.note : r.message).toLowerCase()).includes(text);
  }
  if (r !== undefined && st.reasonHit) return true;
  const l = t.labels;
  if (l !== undefined) for (const k in l) if (st.test(k, l[k] as string)) return true;
  return reader.some(t, st.test, st.seen);
}

function labelValue(t: Filterable, name: string): string | undefined {
  const l = t.labels;
  // Own names only: a label named like an Object.prototype member is not one of its members.
  if (l !== undefined && Object.prototype.hasOwnProperty.call(l, name)) return l[name];
  return reader.value(t, name);
}

/** Whether one label shows the text in `name=value`. A text without "=" cannot span the "=", so then the name and the
 * value are looked at on their own (no string built), and each name's answer is kept (a run has a few hundred names
 * over a million labels). */
function labelTest(text: string): (name: string, value: string) => boolean {
  if (text.includes('=')) return (k, v) => `${k}=${v}`.toLowerCase().includes(text);
  const names = new Map<string, boolean>();
  // Lower-casing lengthens a string by at most its own length (U+0130 İ becomes two code units, and no character
  // becomes more): a value under half the text's length cannot hold it, and most values are short (ports, flags, IPs).
  const shortest = Math.ceil(text.length / 2);
  return (k, v) => {
    let r = names.get(k);
    if (r === undefined) names.set(k, (r = k.toLowerCase().includes(text)));
    return r || (v.length >= shortest && v.toLowerCase().includes(text));
  };
}

const TEXT_STATE = new WeakMap<Term, TextState>();
function textState(term: Term & { kind: 'text' }): TextState {
  let st = TEXT_STATE.get(term);
  if (st === undefined) {
    st = { text: term.text, test: labelTest(term.text), seen: new WeakMap(), job: undefined, jobHit: false, source: undefined, sourceHit: false, reason: undefined, reasonHit: false };
    TEXT_STATE.set(term, st);
  }
  return st;
}

export function matches(t: Filterable, terms: Term[]): boolean {
  for (const term of terms) {
    switch (term.kind) {
      case 'text':
        if (!textMatches(t, textState(term))) return false;
        break;
      case 'eq':
        if (labelValue(t, term.name) !== term.value) return false;
        break;
      case 'ne':
        if (labelValue(t, term.name) === term.value) return false;
        break;
      case 'has': {
        const v = labelValue(t, term.name);
        if (v === undefined || !v.toLowerCase().includes(term.text)) return false;
        break;
      }
    }
  }
  return true;
}

export function filterTargets<T extends Filterable>(list: T[], q: string): T[] {
  const terms = parseFilter(q);
  return terms.length ? list.filter((t) => matches(t, terms)) : list;
}
