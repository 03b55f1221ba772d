// Renders generated configs the way Go's gopkg.in/yaml.v2 marshals them, so `--print-config` shows
// what the operator writes into its config Secret: 2-space indent, block lists at the parent key's
// indentation, `{}`/`[]` for empty collections, and strings quoted only when yaml.v2 would quote them
// (they would read back as a number/bool/null, or libyaml's emitter does not allow them plain).
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';

/** An ordered mapping (Go yaml.MapSlice): keys are emitted in insertion order. Plain JS objects are
 * emitted like Go maps: keys sorted. */
export class MapSlice {
  readonly items: [string, YValue][] = [];

  constructor(items?: [string, YValue][]) {
    if (items) for (const [k, v] of items) this.add(k, v);
  }

  /** Appends `k: v`; `undefined` values are skipped (the Go code appends only set fields). */
  add(k: string, v: YValue | undefined): this {
    if (v !== undefined) this.items.push([k, v]);
    return this;
  }

  get(k: string): YValue | undefined {
    return this.items.find(([key]) => key === k)?.[1];
  }

  has(k: string): boolean {
    return this.items.some(([key]) => key === k);
  }

  set(k: string, v: YValue): this {
    const i = this.items.findIndex(([key]) => key === k);
    if (i >= 0) this.items[i] = [k, v];
    else this.items.push([k, v]);
    return this;
  }

  get size(): number {
    return this.items.length;
  }
}

export type YValue = string | number | boolean | null | YValue[] | MapSlice | { [k: string]: YValue };

const isMapLike = (v: YValue): v is MapSlice | { [k: string]: YValue } => v !== null && typeof v === 'object' && !Array.isArray(v);

function entries(v: MapSlice | { [k: string]: YValue }): [string, YValue][] {
  if (v instanceof MapSlice) return v.items;
  // Go maps marshal with sorted keys (byte order).
  return Object.keys(v)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => [k, v[k] as YValue]);
}

export function emitYaml(v: YValue): string {
  const lines: string[] = [];
  if (isMapLike(v)) emitMap(entries(v), 0, lines);
  else if (Array.isArray(v)) emitSeq(v, 0, lines);
  else lines.push(scalar(v, 0));
  return lines.length ? lines.join('\n') + '\n' : '{}\n';
}

function emitMap(items: [string, YValue][], indent: number, out: string[]): void {
  const pad = ' '.repeat(indent);
  for (const [k, v] of items) {
    const key = scalar(k, indent);
    if (isMapLike(v)) {
      const e = entries(v);
      if (e.length === 0) out.push(`${pad}${key}: {}`);
      else {
        out.push(`${pad}${key}:`);
        emitMap(e, indent + 2, out);
      }
    } else if (Array.isArray(v)) {
      if (v.length === 0) out.push(`${pad}${key}: []`);
      else {
        out.push(`${pad}${key}:`);
        // yaml.v2 puts a mapping's block sequence at the key's own indentation.
        emitSeq(v, indent, out);
      }
    } else {
      out.push(`${pad}${key}: ${scalar(v, indent + 2)}`);
    }
  }
}

function emitSeq(items: YValue[], indent: number, out: string[]): void {
  const pad = ' '.repeat(indent);
  for (const v of items) {
    if (isMapLike(v) || Array.isArray(v)) {
      const empty = isMapLike(v) ? entries(v).length === 0 : v.length === 0;
      if (empty) {
        out.push(`${pad}- ${isMapLike(v) ? '{}' : '[]'}`);
        continue;
      }
      const inner: string[] = [];
      if (isMapLike(v)) emitMap(entries(v), indent + 2, inner);
      else emitSeq(v, indent + 2, inner);
      inner[0] = `${pad}- ${(inner[0] ?? '').slice(indent + 2)}`;
      out.push(...inner);
    } else {
      out.push(`${pad}- ${scalar(v, indent + 2)}`);
    }
  }
}

function scalar(v: YValue, indent: number): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return formatNumber(v);
  return formatString(v as string, indent);
}

function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  if (!Number.isFinite(n)) return Number.isNaN(n) ? '.nan' : n > 0 ? '+.inf' : '-.inf';
  return String(n);
}

// --- strings ---------------------------------------------------------------------------------------

const YAML11_BOOL_OR_NULL = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO',
  'true', 'True', 'TRUE', 'false', 'False', 'FALSE',
  'on', 'On', 'ON', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL',
  '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '.nan', '.NaN', '.NAN',
  '<<',
]);
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT = /^[-+]?(0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*)$/;
const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const TIMESTAMP = /^\d{4}-\d\d?-\d\d?([Tt ]|$)/;

/** True when yaml.v2's resolver would read the plain text as something other than a string. */
function resolvesToNonString(s: string): boolean {
  if (YAML11_BOOL_OR_NULL.has(s)) return true;
  const plain = s.replace(/_/g, '');
  if (FLOAT.test(s) || (INT.test(s) && plain.replace(/^[-+]/, '') !== '')) return true;
  return BASE60.test(s) || TIMESTAMP.test(s);
}

const INDICATORS = new Set(['#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);

/** libyaml's analyze_scalar, block context: may this string be written plain? */
function plainAllowed(s: string): boolean {
  if (s === '' || s.startsWith('---') || s.startsWith('...')) return false;
  if (/^\s|\s$/.test(s)) return false;
  const first = s[0] as string;
  const blankAfter = (i: number) => i + 1 >= s.length || s[i + 1] === ' ' || s[i + 1] === '\t';
  if (INDICATORS.has(first)) return false;
  if ((first === '-' || first === '?' || first === ':') && blankAfter(0)) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === ':' && blankAfter(i)) return false;
    if (c === '#' && i > 0 && (s[i - 1] === ' ' || s[i - 1] === '\t')) return false;
  }
  return !hasSpecial(s);
}

/** Characters libyaml will only write double-quoted (non-printable). */
function hasSpecial(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u0085\u2028\u2029\ufeff]/.test(s);
}

function doubleQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\n') out += '\\n';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).toUpperCase().padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

function formatString(s: string, indent: number): string {
  if (s.includes('\n') && !hasSpecial(s)) {
    // yaml.v2 writes multi-line strings as literal blocks.
    const keep = s.endsWith('\n') ? (s.endsWith('\n\n') ? '+' : '') : '-';
    const body = (keep === '-' ? s : s.replace(/\n+$/, keep === '+' ? '\n' : ''))
      .split('\n')
      .map((l) => (l ? ' '.repeat(indent) + l : ''))
      .join('\n');
    const lead = /^\s/.test(s) ? '2' : '';
    return `|${lead}${keep}\n${body}`;
  }
  if (resolvesToNonString(s)) return doubleQuote(s);
  if (plainAllowed(s)) return s;
  if (hasSpecial(s) || s.includes('\n')) return doubleQuote(s);
  return `'${s.replace(/'/g, "''")}'`;
}

/** Replaces `$(VAR)` / `%{VAR}` placeholders in every string (the config-reloader's expansion). */
export function substitute(v: YValue, vars: Record<string, string>): YValue {
  if (typeof v === 'string') return v.replace(/\$\(([A-Z_][A-Z0-9_]*)\)|%\{([A-Z_][A-Z0-9_]*)\}/g, (m, a: string | undefined, b: string | undefined) => vars[(a ?? b) as string] ?? m);
  if (Array.isArray(v)) return v.map((x) => substitute(x, vars));
  if (v instanceof MapSlice) return new MapSlice(v.items.map(([k, x]) => [k, substitute(x, vars)]));
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substitute(x, vars)]));
  return v;
}

/** Raw YAML text (additional scrape configs) as ordered values. */
export function fromYamlText(text: string): YValue | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length) return undefined;
  const conv = (n: unknown): YValue => {
    if (isMap(n)) return new MapSlice(n.items.map((p) => [String(isScalar(p.key) ? p.key.value : p.key), conv(p.value)]));
    if (isSeq(n)) return n.items.map(conv);
    if (isScalar(n)) {
      const v = n.value;
      return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : v === null ? null : String(v);
    }
    return null;
  };
  return conv(doc.contents);
}
