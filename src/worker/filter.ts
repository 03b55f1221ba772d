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

/** How filtering reads a target's discovered labels. The worker sets the engine's non-caching read (a filter reads
 * every target, and the engine builds most discovered label sets only when read); the page reads its row views. */
let readDiscovered = (t: Filterable): Labels => t.discoveredLabels;
export function setDiscoveredReader(f: (t: Filterable) => Labels): void {
  readDiscovered = f;
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

/** Lower-cased label names (few distinct ones across a run). */
const lowerNames = new Map<string, string>();
function lowerName(k: string): string {
  let l = lowerNames.get(k);
  if (l === undefined) {
    l = k.toLowerCase();
    if (lowerNames.size < 100_000) lowerNames.set(k, l);
  }
  return l;
}

function labelsHave(l: Labels | undefined, text: string, spansEquals: boolean): boolean {
  if (!l) return false;
  for (const k in l) {
    const v = l[k] as string;
    // A term without "=" cannot span the "=" between name and value: look at each on its own (no string built).
    if (spansEquals ? `${k}=${v}`.toLowerCase().includes(text) : lowerName(k).includes(text) || v.toLowerCase().includes(text)) return true;
  }
  return false;
}

/** A text term: the parts the page shows or names (job, source, URL, error, drop rule, `name=value` of every label). */
function textMatches(t: Filterable, text: string): boolean {
  if (t.job.toLowerCase().includes(text) || t.source.toLowerCase().includes(text)) return true;
  if (t.scrapeUrl !== undefined && t.scrapeUrl.toLowerCase().includes(text)) return true;
  if (t.error !== undefined && t.error.toLowerCase().includes(text)) return true;
  const r = t.reason;
  if (r && (r.kind === 'relabel' ? r.rule.summary : r.kind === 'duplicate' ? r.note : r.message).toLowerCase().includes(text)) return true;
  const spans = text.includes('=');
  return labelsHave(t.labels, text, spans) || labelsHave(readDiscovered(t), text, spans);
}

function labelValue(t: Filterable, name: string): string | undefined {
  return t.labels?.[name] ?? readDiscovered(t)[name];
}

export function matches(t: Filterable, terms: Term[]): boolean {
  for (const term of terms) {
    switch (term.kind) {
      case 'text':
        if (!textMatches(t, term.text)) return false;
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
