// Target filtering: whitespace-separated terms, all of which must match.
//   text        any label name or value, the scrape URL, job, source object, error or drop rule (case-insensitive)
//   name=value  a label (final or discovered) with exactly this value
//   name~text   a label whose value contains text (case-insensitive)
//   name!=value no such label with this value
// Plain substring matching only: no user regex runs on the page.
import type { TargetView } from '../../worker/view.ts';

type Term = { kind: 'text'; text: string } | { kind: 'eq' | 'ne'; name: string; value: string } | { kind: 'has'; name: string; text: string };

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

const hay = new WeakMap<TargetView, string>();

function haystack(t: TargetView): string {
  let h = hay.get(t);
  if (h === undefined) {
    const parts: string[] = [t.job, t.source, t.scrapeUrl ?? '', t.error ?? ''];
    if (t.reason?.kind === 'relabel') parts.push(t.reason.rule.summary);
    else if (t.reason) parts.push(t.reason.kind === 'duplicate' ? t.reason.note : t.reason.message);
    for (const l of [t.labels, t.discoveredLabels]) if (l) for (const k in l) parts.push(`${k}=${l[k]}`);
    h = parts.join('\n').toLowerCase();
    hay.set(t, h);
  }
  return h;
}

function labelValue(t: TargetView, name: string): string | undefined {
  return t.labels?.[name] ?? t.discoveredLabels[name];
}

export function matches(t: TargetView, terms: Term[]): boolean {
  for (const term of terms) {
    switch (term.kind) {
      case 'text':
        if (!haystack(t).includes(term.text)) return false;
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

export function filterTargets(list: TargetView[], q: string): TargetView[] {
  const terms = parseFilter(q);
  return terms.length ? list.filter((t) => matches(t, terms)) : list;
}
