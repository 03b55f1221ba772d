// Typed, position-aware reading of `yaml` AST nodes, the way Go's yaml.v2 decodes
// Prometheus configs: a scalar decoded into a string field keeps its source text
// (`regex: 1.10` is "1.10", `replacement: 0123` is "0123"), and an empty / `~` /
// `null` scalar is null (which for a string field means ""). Documents are parsed
// with the failsafe schema so no scalar is ever turned into a number or a boolean.
import { isAlias, isMap, isPair, isScalar, isSeq, type LineCounter, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { SourceRange } from '../diagnostics.ts';

/** Where a YAML document came from, enough to turn node offsets into file:line:col. */
export interface YamlSource {
  file: string;
  lineCounter: LineCounter;
  /** Offset of this text inside the file (non-zero when the text is an embedded block). */
  baseOffset?: number;
  /** Line offset to add (for embedded text whose LineCounter starts at 1). */
  baseLine?: number;
  /** Column offset to add on the first line of embedded text. */
  baseCol?: number;
}

const NULL_TEXTS = new Set(['', '~', 'null', 'Null', 'NULL']);

/** True for a null node: absent, or a plain scalar spelled as YAML null. */
export function isNullNode(n: unknown): boolean {
  if (n === null || n === undefined) return true;
  if (isScalar(n)) return n.type === 'PLAIN' && NULL_TEXTS.has(String(n.value ?? ''));
  return false;
}

/** Source range of a node (or of the document start when the node is missing). */
export function rangeOf(src: YamlSource, n: Node | null | undefined, fallbackOffset = 0): SourceRange {
  const start = n?.range ? n.range[0] : fallbackOffset;
  const end = n?.range ? n.range[1] : fallbackOffset;
  return offsetRange(src, start, end);
}

export function offsetRange(src: YamlSource, start: number, end?: number): SourceRange {
  const p = src.lineCounter.linePos(start);
  const r: SourceRange = { file: src.file, line: p.line, col: p.col, offset: start + (src.baseOffset ?? 0) };
  // The embedded text's first line continues a line of the file (a JSON value after `[` or `,` on line 1 too).
  if (p.line === 1 && src.baseCol) r.col += src.baseCol;
  if (src.baseLine) r.line += src.baseLine;
  if (end !== undefined) {
    const q = src.lineCounter.linePos(end);
    r.endLine = q.line + (src.baseLine ?? 0);
    r.endCol = q.col + (q.line === 1 && src.baseCol ? src.baseCol : 0);
    r.endOffset = end + (src.baseOffset ?? 0);
  }
  return r;
}

/** The scalar's text, or null for a null scalar. Non-scalars give undefined. */
export function scalarText(n: unknown): string | null | undefined {
  if (n === null || n === undefined) return null;
  if (!isScalar(n)) return undefined;
  if (n.type === 'PLAIN' && NULL_TEXTS.has(String(n.value ?? ''))) return null;
  return String(n.value ?? '');
}

export type NodeKind = 'null' | 'scalar' | 'map' | 'seq' | 'other';

export function nodeKind(n: unknown): NodeKind {
  if (isNullNode(n)) return 'null';
  if (isScalar(n)) return 'scalar';
  if (isMap(n)) return 'map';
  if (isSeq(n)) return 'seq';
  return 'other';
}

/** The key text of a map pair. */
export function pairKey(p: Pair): string {
  const k = p.key;
  if (isScalar(k)) return String(k.value ?? '');
  return String(k ?? '');
}

/** Pairs of a map in source order. */
export function mapPairs(n: unknown): Pair<Node, Node | null>[] {
  if (!isMap(n)) return [];
  return (n as YAMLMap<Node, Node | null>).items;
}

/** Items of a sequence in source order. */
export function seqItems(n: unknown): (Node | null)[] {
  if (!isSeq(n)) return [];
  return (n as YAMLSeq<Node | null>).items;
}

/** Finds the value node for `key` in a map node (last one wins, like yaml.v2 with duplicate keys... which
 * yaml.v2 actually rejects; duplicates are reported by the parser as errors). */
export function getPair(n: unknown, key: string): Pair<Node, Node | null> | undefined {
  for (const p of mapPairs(n)) if (pairKey(p) === key) return p;
  return undefined;
}

export function getNode(n: unknown, key: string): Node | null | undefined {
  return getPair(n, key)?.value;
}

const RESOLVED = new WeakSet<object>();

/** Replaces every alias (`*name`) under `root` by the node its anchor names (the closest `&name` before it), in
 * place, as yaml.v2 resolves them while decoding: Prometheus and vmagent read `relabel_configs: *common` as the
 * anchored list. Positions of a replaced node are those of the anchored text. An alias to a node that contains it
 * (recursive, which yaml.v2 refuses) or to no anchor is left as it is, and the readers report it. Iterative: the
 * document's depth is bounded at ingest, but nothing here recurses anyway. */
export function resolveAliases(root: unknown): void {
  // Once per tree: a tree may be read again in a later run (ingest keeps the trees of unchanged documents), and after
  // the first pass a replaced alias is its anchored node, which a second pass would walk at both places.
  if (root === null || typeof root !== 'object' || RESOLVED.has(root)) return;
  RESOLVED.add(root);
  const anchors = new Map<string, Node>();
  // Depth-first in document order: [node, its ancestors' set] — anchors are seen before the aliases after them.
  const stack: [unknown, Set<unknown>][] = [[root, new Set()]];
  const target = (n: unknown, ancestors: Set<unknown>): unknown => {
    if (!isAlias(n)) return n;
    const t = anchors.get(n.source);
    return t !== undefined && !ancestors.has(t) ? t : n;
  };
  while (stack.length) {
    const [n, ancestors] = stack.pop() as [unknown, Set<unknown>];
    if (!n || typeof n !== 'object' || isAlias(n)) continue;
    const anchor = (n as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, n as Node);
    if (!isMap(n) && !isSeq(n)) continue;
    const inner = new Set(ancestors).add(n);
    const children: unknown[] = [];
    const items = (n as YAMLMap | YAMLSeq).items as unknown[];
    for (let i = 0; i < items.length; i++) {
      const it = items[i];
      // A replaced alias is not walked again: its node was walked where it stands (walking it here would let its
      // anchors shadow later ones, and nested aliases would make the walk exponential).
      if (isPair(it)) {
        children.push(it.key);
        if (isAlias(it.value)) it.value = target(it.value, inner) as Node | null;
        else children.push(it.value);
      } else if (isAlias(it)) {
        items[i] = target(it, inner);
      } else {
        children.push(it);
      }
    }
    // Reversed onto the stack, so they are visited in document order.
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], inner]);
  }
}

/** Go's strconv.ParseBool, the way yaml.v2 decodes a bool field. */
export function parseYamlBool(text: string): boolean | undefined {
  // yaml.v2 resolves YAML 1.1 booleans for bool fields.
  switch (text) {
    case 'true': case 'True': case 'TRUE': case 'y': case 'Y': case 'yes': case 'Yes': case 'YES':
    case 'on': case 'On': case 'ON':
      return true;
    case 'false': case 'False': case 'FALSE': case 'n': case 'N': case 'no': case 'No': case 'NO':
    case 'off': case 'Off': case 'OFF':
      return false;
    default:
      return undefined;
  }
}
