// Removes private values from input files before a permalink is made (issue 9): Secret
// data/stringData values, container env values, the last-applied-configuration annotation
// (it repeats the whole object, Secret data included) and credentials inside scrape configs.
// Values are replaced in place by `""` — keys stay, so the objects still mean the same to the
// engine (a Secret key still exists, an annotation is still present) and every other byte of
// the file, and so every line number, is unchanged.
//
// YAML is walked through the `yaml` AST; JSON (including kubectl dumps and cluster-info dump
// streams with log text between values) through a small scanner, so 30 MB dumps stay linear.
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Node } from 'yaml';
import type { InputFile } from '../engine/index.ts';
import { walkJson, type JsonVisitor } from './json-walk.ts';
import type { Removal, StripKind, StripReport } from './strip-kinds.ts';

export { STRIP_KINDS, STRIP_KIND_TITLES, type Removal, type StripKind, type StripReport } from './strip-kinds.ts';

type Seg = string | number;

/** One value the rules want gone. */
interface Hit {
  kind: StripKind;
  start: number;
  end: number;
  where: string;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);
const CREDENTIAL_KEYS: Record<string, string> = {
  // parent key → secret child key
  basic_auth: 'password',
  authorization: 'credentials',
  oauth2: 'client_secret',
};

/** The rule for a string scalar at `path` (kind-independent rules only; Secret data needs the object's kind). */
function scalarRule(path: Seg[]): { kind: StripKind; where: string } | undefined {
  const n = path.length;
  const last = path[n - 1];
  const parent = path[n - 2];
  if (n >= 3 && parent === 'annotations' && path[n - 3] === 'metadata' && last === LAST_APPLIED) {
    return { kind: 'last-applied', where: `metadata.annotations["${LAST_APPLIED}"]` };
  }
  // …containers[i].env[j].value
  if (n >= 5 && last === 'value' && typeof path[n - 2] === 'number' && path[n - 3] === 'env' && typeof path[n - 4] === 'number' && CONTAINER_LISTS.has(String(path[n - 5]))) {
    return { kind: 'env-values', where: `${String(path[n - 5])}[${path[n - 4]}].env[${path[n - 2]}].value` };
  }
  if (typeof parent === 'string' && CREDENTIAL_KEYS[parent] === last) return { kind: 'config-credentials', where: `${parent}.${String(last)}` };
  if (last === 'bearer_token') return { kind: 'config-credentials', where: 'bearer_token' };
  return undefined;
}

interface Frame {
  depth: number;
  kind?: string;
  name?: string;
  namespace?: string;
  /** This object's own `name` field (env entries: the variable's name). */
  ownName?: string;
  /** Hits inside this object, decided or labelled when it closes. */
  pending: (Hit & { secretData?: boolean; wantsName?: boolean })[];
}

/**
 * Collects hits from a stream of visitor events; shared by the YAML and JSON walkers. Hits wait in
 * the innermost object until it closes, because in JSON an object's `kind` may come after its
 * fields (kubectl writes `data` before `kind` in a Secret): at close, an object with a kind labels
 * its hits ("Secret prod/db: data.password") and decides Secret data; one without passes them up.
 */
class HitCollector implements JsonVisitor {
  readonly hits: Hit[] = [];
  private path: Seg[] = [];
  private objects: Frame[] = [];
  private mark = 0;

  /** A top-level JSON value starts; if it turns out broken, its hits are forgotten. */
  begin(): void {
    this.mark = this.hits.length;
    this.path = [];
    this.objects = [];
  }
  end(ok: boolean): void {
    if (!ok) this.hits.length = this.mark;
    this.path = [];
    this.objects = [];
  }
  enterObject(): void {
    this.objects.push({ depth: this.path.length, pending: [] });
  }
  exitObject(): void {
    const o = this.objects.pop();
    if (!o) return;
    for (const h of o.pending) if (h.wantsName && o.ownName !== undefined && h.where.endsWith('.value')) h.where += ` (${o.ownName})`;
    const parent = this.objects[this.objects.length - 1];
    if (o.kind) {
      const who = `${o.kind} ${o.namespace ? o.namespace + '/' : ''}${o.name ?? '?'}`;
      for (const h of o.pending) {
        if (h.secretData && o.kind !== 'Secret') continue;
        this.hits.push({ kind: h.kind, start: h.start, end: h.end, where: `${who}: ${h.where}` });
      }
    } else if (parent) {
      parent.pending.push(...o.pending.filter((h) => !h.secretData));
    } else {
      for (const h of o.pending) if (!h.secretData) this.hits.push({ kind: h.kind, start: h.start, end: h.end, where: h.where });
    }
  }
  push(seg: Seg): void {
    this.path.push(seg);
  }
  pop(): void {
    this.path.pop();
  }
  scalar(value: unknown, start: number, end: number): void {
    const path = this.path;
    const n = path.length;
    const top = this.objects[this.objects.length - 1];
    // Facts about the enclosing object: kind, its own name, metadata.name, metadata.namespace.
    if (top && n === top.depth + 1 && typeof value === 'string') {
      if (path[n - 1] === 'kind') top.kind = value;
      if (path[n - 1] === 'name') top.ownName = value;
    }
    const owner = this.objects[this.objects.length - 2];
    if (owner && top && n === owner.depth + 2 && path[n - 2] === 'metadata' && typeof value === 'string') {
      if (path[n - 1] === 'name') owner.name = value;
      if (path[n - 1] === 'namespace') owner.namespace = value;
    }
    if (typeof value !== 'string' || value === '' || !top) return;
    // Secret data: decided when the object holding `data` closes (in JSON, `data` comes before `kind`).
    const holder = this.objects[this.objects.length - 2];
    if (n >= 2 && holder && n === holder.depth + 2 && (path[n - 2] === 'data' || path[n - 2] === 'stringData')) {
      holder.pending.push({ kind: 'secret-data', start, end, where: `${String(path[n - 2])}.${String(path[n - 1])}`, secretData: true });
      return;
    }
    const r = scalarRule(path);
    if (r) top.pending.push({ ...r, start, end, wantsName: r.kind === 'env-values' });
  }
}

function walkYaml(node: Node | null | undefined, v: HitCollector): void {
  if (!node || isAlias(node)) return;
  if (isMap(node)) {
    v.enterObject();
    for (const pair of node.items) {
      const k = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (k === undefined) continue;
      v.push(k);
      walkYaml(pair.value as Node | null, v);
      v.pop();
    }
    v.exitObject();
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      v.push(i);
      walkYaml(item as Node | null, v);
      v.pop();
    });
  } else if (isScalar(node) && node.range) {
    // Block scalars and multi-line plain scalars: the range ends after the value's own text.
    v.scalar(node.value === null ? null : String(node.value), node.range[0], node.range[1]);
  }
}

function looksLikeJson(text: string): boolean {
  const m = /\S/.exec(text);
  return !!m && (m[0] === '{' || m[0] === '[');
}

function hitsOf(text: string): Hit[] | null {
  const c = new HitCollector();
  if (looksLikeJson(text)) {
    walkJson(text, c);
    return c.hits;
  }
  // Failsafe schema: every scalar a string, nothing resolved or expanded (no alias bombs here either).
  const docs = parseAllDocuments(text, { schema: 'failsafe', uniqueKeys: false, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [docs];
  for (const d of list) {
    // A document the parser could not read is left as it is only if nothing sensitive can hide in it:
    // we cannot know, so the caller leaves the whole file out.
    if (d.errors.some((e) => e.code !== 'DUPLICATE_KEY')) return null;
    walkYaml(d.contents as Node | null, c);
  }
  return c.hits;
}

/** Replace `text[start, end)` by `""`, keeping the newline(s) a block scalar's range swallows. */
function applyHits(text: string, hits: Hit[]): string {
  const sorted = [...hits].sort((a, b) => b.start - a.start);
  let out = text;
  for (const h of sorted) {
    const slice = out.slice(h.start, h.end);
    const nl = slice.search(/\n\s*$/);
    out = out.slice(0, h.start) + '""' + (nl >= 0 ? slice.slice(nl) : '') + out.slice(h.end);
  }
  return out;
}

/** 1-based line of each offset (offsets sorted or not), with one pass over the text. */
function linesOf(text: string, offsets: number[]): number[] {
  const starts: number[] = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return offsets.map((o) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  });
}

export function emptyCounts(): Record<StripKind, number> {
  return { 'secret-data': 0, 'env-values': 0, 'last-applied': 0, 'config-credentials': 0 };
}

/** Strips the kinds in `remove` from every file; reports every value found (removed or kept). */
export function stripFiles(files: InputFile[], remove: readonly StripKind[]): { files: InputFile[]; report: StripReport } {
  const removals: Removal[] = [];
  const counts = emptyCounts();
  const unreadable: string[] = [];
  const out: InputFile[] = [];
  const drop = new Set(remove);
  for (const f of files) {
    let hits: Hit[] | null;
    try {
      hits = hitsOf(f.text);
    } catch {
      hits = null;
    }
    if (hits === null) {
      // Unparseable YAML may still hold secrets we cannot find: leave the file out of the link.
      unreadable.push(f.name);
      continue;
    }
    const lines = hits.length ? linesOf(f.text, hits.map((h) => h.start)) : [];
    hits.forEach((h, i) => {
      counts[h.kind]++;
      removals.push({ kind: h.kind, file: f.name, line: lines[i] ?? 1, where: h.where });
    });
    const chosen = hits.filter((h) => drop.has(h.kind));
    out.push(chosen.length ? { name: f.name, text: applyHits(f.text, chosen) } : f);
  }
  return { files: out, report: { removals, counts, unreadable } };
}
