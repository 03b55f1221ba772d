// A run's three target lists as the page pages through them. The worker keeps one RunLists per run:
// it numbers every target of a list (jobs in order; the dropped list holds each job's dropped targets,
// then its collapsed duplicates), filters them (the page never holds 90k targets to filter), and answers
// the page's requests for the rows it scrolls to. A target's `TargetView` is made only when it is sent,
// so most targets' discovered labels are never copied (the engine builds them on first read).
import type { RunResult, Target } from '../engine/index.ts';
import { matches, parseFilter, type Term } from './filter.ts';
import { LIST_KINDS, targetView, type ListKind, type ListView, type ListsView, type TargetView } from './view.ts';

/** A list this short is sent whole with a result or a filter answer (the page renders it without virtualizing)… */
export const WHOLE_LIST = 250;
/** …a longer one with its first rows (a screenful and some; the page asks for the rest as it scrolls). */
export const FIRST_ROWS = 60;
/** Most rows one request may ask for. */
export const MAX_ROWS_PER_REQUEST = 2000;

interface Filtered {
  filter: string;
  matches: Record<ListKind, Int32Array | null>;
  shown: Record<ListKind, number[]>;
}

export class RunLists {
  private readonly rowsOf: Record<ListKind, Target[]>;
  private readonly totals: Record<ListKind, number[]>;
  private byId: Map<string, [ListKind, number]> | undefined;
  private last: Filtered | undefined;

  constructor(res: Pick<RunResult, 'jobs'>) {
    this.rowsOf = { active: [], dropped: [], failed: [] };
    this.totals = { active: [], dropped: [], failed: [] };
    for (const j of res.jobs) {
      const parts: Record<ListKind, Target[][]> = { active: [j.active], dropped: [j.dropped, j.duplicates], failed: [j.failed] };
      for (const kind of LIST_KINDS) {
        const rows = this.rowsOf[kind];
        let n = 0;
        for (const part of parts[kind]) {
          for (const t of part) rows.push(t);
          n += part.length;
        }
        this.totals[kind].push(n);
      }
    }
  }

  /** How many rows a list has (unfiltered). */
  size(kind: ListKind): number {
    return this.rowsOf[kind].length;
  }

  private filtered(filter: string): Filtered {
    const key = filter.trim();
    const prev = this.last;
    if (prev && prev.filter === key) return prev;
    const terms = parseFilter(key);
    const out: Filtered = { filter: key, matches: { active: null, dropped: null, failed: null }, shown: { ...this.totals } };
    if (terms.length) {
      // Typing on narrows the filter: only the rows the previous one kept need a look.
      const from = prev && narrows(parseFilter(prev.filter), terms) ? prev.matches : undefined;
      for (const kind of LIST_KINDS) {
        const rows = this.rowsOf[kind];
        const candidates = from?.[kind] ?? null;
        const n = candidates ? candidates.length : rows.length;
        const hit: number[] = [];
        for (let i = 0; i < n; i++) {
          const r = candidates ? (candidates[i] as number) : i;
          if (matches(rows[r] as Target, terms)) hit.push(r);
        }
        out.matches[kind] = Int32Array.from(hit);
        out.shown[kind] = perJob(this.totals[kind], hit);
      }
    }
    this.last = out;
    return out;
  }

  /** The three lists under `filter`, with the first rows of each. */
  view(filter: string, firstRows = FIRST_ROWS): ListsView {
    const f = this.filtered(filter);
    const list = (kind: ListKind): ListView => {
      const m = f.matches[kind];
      const size = m ? m.length : this.rowsOf[kind].length;
      const n = size <= WHOLE_LIST ? size : Math.min(firstRows, size);
      const first: TargetView[] = [];
      for (let p = 0; p < n; p++) {
        const r = m ? (m[p] as number) : p;
        first.push(targetView(this.rowsOf[kind][r] as Target, r));
      }
      return { totals: this.totals[kind], shown: f.shown[kind], matches: m, first };
    };
    return { filter, active: list('active'), dropped: list('dropped'), failed: list('failed') };
  }

  /** The given rows of a list (rows that do not exist are left out). */
  rows(kind: ListKind, rows: readonly number[]): TargetView[] {
    const list = this.rowsOf[kind];
    const out: TargetView[] = [];
    for (const r of rows.slice(0, MAX_ROWS_PER_REQUEST)) {
      const t = list[r];
      if (t) out.push(targetView(t, r));
    }
    return out;
  }

  /** A target by id, any list. */
  find(id: string): TargetView | undefined {
    if (!this.byId) {
      this.byId = new Map();
      for (const kind of LIST_KINDS) this.rowsOf[kind].forEach((t, r) => this.byId!.set(t.id, [kind, r]));
    }
    const at = this.byId.get(id);
    return at ? targetView(this.rowsOf[at[0]][at[1]] as Target, at[1]) : undefined;
  }
}

/** How many of the (ascending) rows fall in each job, given the jobs' row counts. */
function perJob(totals: readonly number[], rows: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let end = 0;
  for (const total of totals) {
    end += total;
    let n = 0;
    while (i < rows.length && (rows[i] as number) < end) {
      i++;
      n++;
    }
    out.push(n);
  }
  return out;
}

/** Whether every target `next` keeps is kept by `prev` too (each term of `prev` implied by the one in its place). */
export function narrows(prev: readonly Term[], next: readonly Term[]): boolean {
  if (!prev.length || next.length < prev.length) return false;
  return prev.every((a, i) => {
    const b = next[i] as Term;
    if (a.kind === 'text') return b.kind === 'text' && b.text.includes(a.text);
    if (a.kind === 'has') return b.kind === 'has' && b.name === a.name && b.text.includes(a.text);
    return b.kind === a.kind && b.name === a.name && b.value === a.value;
  });
}
