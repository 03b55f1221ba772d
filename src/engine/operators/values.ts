// Small readers for custom-resource values as ingest keeps them (plain JSON with YAML types), plus
// the duration and version arithmetic the operators do.
import type { SourceRange } from '../diagnostics.ts';
import type { StoredObject } from '../ingest/kinds.ts';
import type { RuleOrigin } from '../trace.ts';

export type Obj = { [k: string]: unknown };
export type Path = (string | number)[];

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const obj = (v: unknown): Obj | undefined => (isObj(v) ? v : undefined);

/** A string field. Numbers and booleans are given as their text (a typed YAML scalar in a string field). */
export function str(o: Obj | undefined, k: string): string | undefined {
  const v = o?.[k];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

export function bool(o: Obj | undefined, k: string): boolean | undefined {
  const v = o?.[k];
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

export function int(o: Obj | undefined, k: string): number | undefined {
  const v = o?.[k];
  if (typeof v === 'number') return Math.trunc(v);
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  return undefined;
}

export const arr = (o: Obj | undefined, k: string): unknown[] => (Array.isArray(o?.[k]) ? (o?.[k] as unknown[]) : []);
export const strList = (o: Obj | undefined, k: string): string[] => arr(o, k).map((x) => (typeof x === 'string' ? x : String(x)));
export const objList = (o: Obj | undefined, k: string): Obj[] => arr(o, k).map((x) => (isObj(x) ? x : {}));

/** A map of strings (labels, endpoint params …) or undefined. */
export function strMap(o: Obj | undefined, k: string): Record<string, string> | undefined {
  const v = obj(o?.[k]);
  if (!v) return undefined;
  const out: Record<string, string> = {};
  for (const [key, val] of Object.entries(v)) out[key] = typeof val === 'string' ? val : val === null ? '' : String(val);
  return out;
}

/** `map[string][]string` (endpoint params). */
export function strListMap(o: Obj | undefined, k: string): Record<string, string[]> | undefined {
  const v = obj(o?.[k]);
  if (!v) return undefined;
  const out: Record<string, string[]> = {};
  for (const [key, val] of Object.entries(v)) out[key] = Array.isArray(val) ? val.map(String) : [String(val)];
  return out;
}

export const has = (o: Obj | undefined, k: string): boolean => o !== undefined && o[k] !== undefined && o[k] !== null;

/** `endpoints[0].targetPort` from ['endpoints', 0, 'targetPort']. */
export function formatPath(p: Path): string {
  let s = '';
  for (const step of p) s += typeof step === 'number' ? `[${step}]` : s ? `.${step}` : step;
  return s;
}

/** Where a generated rule came from: a field of a stored object (path relative to `spec` unless it
 * starts with 'metadata'). */
export function originOf(so: StoredObject | undefined, kind: string, namespace: string, name: string, path: Path): RuleOrigin {
  const full = path[0] === 'metadata' ? path : ['spec', ...path];
  let pos: SourceRange | undefined;
  // Walk up to the nearest field that exists in the source (a defaulted field has no position).
  for (let n = full.length; n > 0 && !pos; n--) pos = so?.locate?.(full.slice(0, n));
  // Nothing of the path is written: point at the object itself.
  if (!pos && so) pos = { ...so.origin.pos };
  const o: RuleOrigin = { kind, namespace, name, field: formatPath(path.length ? path : ['spec']) };
  if (pos) o.pos = pos;
  return o;
}

// --- durations ---------------------------------------------------------------------------------

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };

/** Prometheus model.ParseDuration (units in descending order, integers only). Undefined when invalid. */
export function parsePromDuration(s: string): number | undefined {
  if (s === '0') return 0;
  const m = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/.exec(s);
  if (!m || s === '') return undefined;
  const units = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];
  let total = 0;
  units.forEach((u, i) => {
    const v = m[i + 1];
    if (v) total += Number(v) * (UNIT_MS[u] as number);
  });
  return total;
}

/** metricsql.DurationValue: a sum of (possibly fractional) number+unit parts, or a bare number of
 * seconds. Undefined when invalid. */
export function parseVMDuration(s: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/gy;
  let total = 0;
  let pos = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    total += Number(m[1]) * (UNIT_MS[m[2] as string] as number);
    pos = re.lastIndex;
  }
  return pos === s.length && s.length > 0 ? total : undefined;
}

// --- versions ------------------------------------------------------------------------------------

/** semver.ParseTolerant, enough for comparisons: "v2.55.0" → [2,55,0]. */
export function parseVersion(v: string | undefined): [number, number, number] | undefined {
  if (!v) return undefined;
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(v.trim());
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}

export function versionAtLeast(v: [number, number, number], min: string): boolean {
  const m = parseVersion(min) as [number, number, number];
  for (let i = 0; i < 3; i++) {
    if ((v[i] as number) !== (m[i] as number)) return (v[i] as number) > (m[i] as number);
  }
  return true;
}

/** Kubernetes/Prometheus label name sanitising used by both operators: anything outside [a-zA-Z0-9_]
 * becomes `_`. */
export const sanitizeLabelName = (s: string): string => s.replace(/[^a-zA-Z0-9_]/g, '_');

/** Go's byte-wise string order (sort.Strings / slices.Sort). */
export const goLess = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
