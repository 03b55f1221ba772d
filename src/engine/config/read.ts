// Typed field readers over YAML map nodes that report errors the way yaml.v2 and
// Prometheus do, each with the position of the offending value.
import type { Node } from 'yaml';
import { diag, type Diagnostic, type SourceRange } from '../diagnostics.ts';
import { parsePromDuration } from './duration.ts';
import { getPair, nodeKind, parseYamlBool, rangeOf, scalarText, seqItems, mapPairs, pairKey, type YamlSource } from './yaml-nodes.ts';

export class Reader {
  constructor(
    readonly src: YamlSource,
    readonly diagnostics: Diagnostic[],
  ) {}

  pos(n: unknown): SourceRange {
    return rangeOf(this.src, (n ?? undefined) as Node | undefined);
  }

  error(message: string, n: unknown, code: Diagnostic['code'] = 'CONFIG_INVALID'): void {
    this.diagnostics.push(diag(code, 'error', message, this.pos(n)));
  }

  warn(message: string, n: unknown, code: Diagnostic['code'] = 'CONFIG_WARNING'): void {
    this.diagnostics.push(diag(code, 'warning', message, this.pos(n)));
  }

  /** A string field: source text; null → undefined (caller applies the default or ""). */
  str(map: unknown, key: string): { value: string | undefined; node: unknown; present: boolean } {
    const p = getPair(map, key);
    if (!p) return { value: undefined, node: undefined, present: false };
    const t = scalarText(p.value);
    if (t === undefined) {
      this.error(`line ${this.pos(p.value).line}: cannot unmarshal !!${nodeKind(p.value) === 'seq' ? 'seq' : 'map'} into string (field ${key})`, p.value, 'CONFIG_PARSE');
      return { value: undefined, node: p.value, present: true };
    }
    return { value: t ?? undefined, node: p.value, present: true };
  }

  bool(map: unknown, key: string, def: boolean): boolean {
    const { value, node, present } = this.str(map, key);
    if (!present || value === undefined) return def;
    const b = parseYamlBool(value);
    if (b === undefined) {
      this.error(`line ${this.pos(node).line}: cannot unmarshal !!str \`${value}\` into bool`, node, 'CONFIG_PARSE');
      return def;
    }
    return b;
  }

  int(map: unknown, key: string, def: number): number {
    const { value, node, present } = this.str(map, key);
    if (!present || value === undefined) return def;
    if (!/^[-+]?\d+$/.test(value)) {
      this.error(`line ${this.pos(node).line}: cannot unmarshal !!str \`${value}\` into int`, node, 'CONFIG_PARSE');
      return def;
    }
    return Number(value);
  }

  /** A model.Duration field; undefined when absent or null. */
  duration(map: unknown, key: string): { ms: number; text: string; node: unknown } | undefined {
    const { value, node } = this.str(map, key);
    if (value === undefined) return undefined;
    const d = parsePromDuration(value);
    if (!d.ok) {
      this.error(d.message, node, 'CONFIG_INVALID');
      return undefined;
    }
    return { ms: d.ms, text: value, node };
  }

  /** A list of strings. */
  strList(map: unknown, key: string): { values: string[]; node: unknown; present: boolean } {
    const p = getPair(map, key);
    if (!p) return { values: [], node: undefined, present: false };
    const k = nodeKind(p.value);
    if (k === 'null') return { values: [], node: p.value, present: true };
    if (k !== 'seq') {
      this.error(`line ${this.pos(p.value).line}: cannot unmarshal !!${k === 'map' ? 'map' : 'str'} into []string (field ${key})`, p.value, 'CONFIG_PARSE');
      return { values: [], node: p.value, present: true };
    }
    const values: string[] = [];
    for (const item of seqItems(p.value)) {
      const t = scalarText(item);
      if (t === undefined) this.error(`line ${this.pos(item).line}: cannot unmarshal a collection into string (field ${key})`, item, 'CONFIG_PARSE');
      else values.push(t ?? '');
    }
    return { values, node: p.value, present: true };
  }

  /** A map of strings (e.g. external_labels). */
  strMap(map: unknown, key: string): Record<string, string> {
    const p = getPair(map, key);
    const out: Record<string, string> = {};
    if (!p) return out;
    for (const q of mapPairs(p.value)) {
      const t = scalarText(q.value);
      out[pairKey(q)] = t ?? '';
    }
    return out;
  }
}
