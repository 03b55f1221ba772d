// Decoding vmagent's config the way gopkg.in/yaml.v2 fills its Go structs (lib/promscrape/config.go
// Config.unmarshal): scalars keep their text for string fields, a null leaves a pointer field nil, type
// mismatches are "yaml: unmarshal errors" that refuse the whole config, and unknown keys depend on
// -promscrape.config.strictParse: vmagent's default (true) refuses the config, the goldens ran with false
// (ignored). Profile switch config.unknownKeys: 'warn-strict' reports them as warnings that say so.
import type { Node } from 'yaml';
import { isMap, isScalar, isSeq } from 'yaml';
import { diag, type Diagnostic, type SourceRange } from '../diagnostics.ts';
import type { Profile } from '../profiles/types.ts';
import { decodeUint64, resolvePlain, typeErrorText } from '../relabel/yaml-v2.ts';
import { durationValue } from './vm-duration.ts';
import { getPair, isNullNode, mapPairs, pairKey, rangeOf, scalarText, seqItems, type YamlSource } from './yaml-nodes.ts';

/** Where a vmagent config error surfaces: while decoding YAML ("cannot unmarshal data: …") or while building
 * the scrape work config ("cannot parse `scrape_config`: …"). Both refuse the config. */
export type VmErrorStage = 'unmarshal' | 'scrape_config';

export class VmReader {
  constructor(
    readonly src: YamlSource,
    readonly out: Diagnostic[],
    readonly profile: Profile,
  ) {}

  pos(n: unknown, fallback?: SourceRange): SourceRange {
    return n && typeof n === 'object' && 'range' in n ? rangeOf(this.src, n as Node) : (fallback ?? rangeOf(this.src, null));
  }

  line(n: unknown): number {
    return this.pos(n).line;
  }

  /** An error vmagent reports while loading: the config is refused. */
  error(message: string, at: SourceRange, notes?: string[]): void {
    this.out.push(diag('CONFIG_INVALID', 'error', message, at, notes));
  }

  /** A yaml.v2 type error (collected into "yaml: unmarshal errors"). */
  typeError(n: unknown, into: string): void {
    const at = this.pos(n);
    this.out.push(diag('CONFIG_PARSE', 'error', `cannot unmarshal data: yaml: unmarshal errors:\n  line ${at.line}: ${typeErrorText(n, into)}`, at));
  }

  warn(message: string, at: SourceRange): void {
    this.out.push(diag('CONFIG_WARNING', 'warning', message, at));
  }

  /** Unknown (and, for strict mode, repeated) keys of a mapping decoded into Go type `typeName`. */
  checkKeys(node: unknown, typeName: string, known: readonly string[]): void {
    const seen = new Set<string>();
    for (const p of mapPairs(node)) {
      const k = pairKey(p);
      const at = this.pos(p.key);
      let problem = '';
      if (!known.includes(k)) problem = `line ${at.line}: field ${k} not found in type ${typeName}`;
      else if (seen.has(k)) problem = `line ${at.line}: field ${k} already set in type ${typeName}`;
      seen.add(k);
      if (!problem) continue;
      if (this.profile.config.unknownKeys === 'error') {
        this.out.push(diag('CONFIG_UNKNOWN_FIELD', 'error', `cannot unmarshal data: yaml: unmarshal errors:\n  ${problem}`, at));
      } else {
        this.out.push(
          diag(
            'CONFIG_UNKNOWN_FIELD',
            'warning',
            `${problem}: ignored here, as with -promscrape.config.strictParse=false; vmagent's default strict parsing refuses the whole config ("cannot unmarshal data: yaml: unmarshal errors: ${problem}; pass -promscrape.config.strictParse=false command-line flag for ignoring unknown fields in yaml config")`,
            at,
          ),
        );
      }
    }
  }

  /** The value node of `key` (yaml.v2 with duplicate keys keeps the last one in non-strict mode). */
  node(map: unknown, key: string): Node | null | undefined {
    let v: Node | null | undefined;
    for (const p of mapPairs(map)) if (pairKey(p) === key) v = p.value;
    return v;
  }

  has(map: unknown, key: string): boolean {
    return getPair(map, key) !== undefined;
  }

  /** A Go `string` field: a scalar's text; null is "". */
  str(map: unknown, key: string): string {
    const n = this.node(map, key);
    if (n === undefined || isNullNode(n)) return '';
    if (isScalar(n)) return String(n.value ?? '');
    this.typeError(n, 'string');
    return '';
  }

  /** A Go `*string` field: undefined when absent or null. */
  ptrStr(map: unknown, key: string): string | undefined {
    const n = this.node(map, key);
    if (n === undefined || isNullNode(n)) return undefined;
    if (isScalar(n)) return String(n.value ?? '');
    this.typeError(n, '*string');
    return undefined;
  }

  bool(map: unknown, key: string): boolean {
    const n = this.node(map, key);
    if (n === undefined || isNullNode(n)) return false;
    if (isScalar(n) && n.type === 'PLAIN') {
      const r = resolvePlain(String(n.value ?? ''));
      if (r.tag === '!!bool') return /^(y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON)$/.test(String(n.value));
    }
    this.typeError(n, 'bool');
    return false;
  }

  int(map: unknown, key: string): number {
    const n = this.node(map, key);
    if (n === undefined || isNullNode(n)) return 0;
    if (isScalar(n) && n.type === 'PLAIN') {
      const r = resolvePlain(String(n.value ?? ''));
      if (r.tag === '!!int' && typeof r.num === 'bigint') return Number(r.num);
    }
    this.typeError(n, 'int');
    return 0;
  }

  uint64(map: unknown, key: string): bigint {
    const n = this.node(map, key);
    if (n === undefined) return 0n;
    const v = decodeUint64(n);
    if (v === null) {
      this.typeError(n, 'uint64');
      return 0n;
    }
    return v;
  }

  /** promutils.Duration: a string parsed by metricsql.DurationValue; undefined when absent or null. An error
   * aborts decoding (a plain error from the custom unmarshaler, not a type error). */
  duration(map: unknown, key: string): number | undefined {
    const n = this.node(map, key);
    if (n === undefined || isNullNode(n)) return undefined;
    if (!isScalar(n)) {
      this.typeError(n, 'string');
      return undefined;
    }
    const d = durationValue(String(n.value ?? ''));
    if (!d.ok) {
      this.out.push(diag('CONFIG_INVALID', 'error', `cannot unmarshal data: ${d.message}`, this.pos(n)));
      return undefined;
    }
    return d.ms;
  }

  /** A `[]string` field. */
  strList(map: unknown, key: string): string[] | undefined {
    return this.strListOf(this.node(map, key));
  }

  /** A `[]string` value node. */
  strListOf(n: Node | null | undefined): string[] | undefined {
    if (n === undefined || isNullNode(n)) return undefined;
    if (!isSeq(n)) {
      this.typeError(n, '[]string');
      return undefined;
    }
    const out: string[] = [];
    for (const it of seqItems(n)) {
      if (isNullNode(it)) out.push('');
      else if (isScalar(it)) out.push(String(it.value ?? ''));
      else this.typeError(it, 'string');
    }
    return out;
  }

  /** A `map[string]string` field, in source order. */
  strMap(map: unknown, key: string): [string, string][] | undefined {
    const n = this.node(map, key);
    if (n === undefined || isNullNode(n)) return undefined;
    if (!isMap(n)) {
      this.typeError(n, 'map[string]string');
      return undefined;
    }
    const out: [string, string][] = [];
    for (const p of mapPairs(n)) {
      const v = p.value;
      if (v !== null && v !== undefined && !isScalar(v)) {
        this.typeError(v, 'string');
        continue;
      }
      const t = scalarText(v);
      const i = out.findIndex(([k]) => k === pairKey(p));
      if (i >= 0) out.splice(i, 1);
      out.push([pairKey(p), t ?? '']);
    }
    return out;
  }

  /** A sequence of mappings (e.g. scrape_configs); non-sequences are type errors. */
  seq(map: unknown, key: string, into: string): (Node | null)[] {
    const n = this.node(map, key);
    if (n === undefined || isNullNode(n)) return [];
    if (!isSeq(n)) {
      this.typeError(n, into);
      return [];
    }
    return seqItems(n);
  }
}
