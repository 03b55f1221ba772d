// YAML AST → plain JSON-like value where every scalar stays the text the person wrote.
// The `yaml` library's default (core) schema would turn the label value 724e972620
// into Infinity and 0755 into 493; Kubernetes keeps them as strings, so we parse with
// the failsafe schema and let normalize.ts coerce the few numeric/boolean fields by
// the object's schema.
import { isAlias, isMap, isScalar, isSeq, visit as visitYaml, type Document, type Node } from 'yaml';
import { isNullNode, pairKey } from '../config/yaml-nodes.ts';

export type PlainValue = string | number | boolean | null | PlainValue[] | { [k: string]: PlainValue };

export interface ConvertLimits {
  /** Maximum number of nodes produced through alias expansion (guards "billion laughs"). */
  maxNodes: number;
  /** Maximum nesting of maps and lists, counting levels reached through aliases (see limits.ts). */
  maxDepth?: number;
}

/** Thrown when a limit is exceeded (caught by the caller, never escapes the engine); `limit` names which. */
export class AliasBombError {
  constructor(
    readonly nodes: number,
    readonly limit: 'maxNodes' | 'maxAliasNodesTotal' | 'maxDepth' = 'maxNodes',
  ) {}
}

/** Converts a YAML node to a plain value. Throws AliasBombError (caught by the caller, never escapes the
 * engine) when alias expansion or nesting exceeds a limit. */
/** `typed`: plain (unquoted) scalars that YAML reads as canonical integers or booleans become numbers and
 * booleans (custom resources, whose int-or-string fields depend on the YAML type: `targetPort: 8080` is a
 * number, `targetPort: "8080"` a port name). Everything else stays text. */
/** `budget`: alias-expanded nodes the whole input may still produce; charged when the document converts, emptied when
 * one does not fit (so the work over a whole input stays under the budget plus one document's `maxNodes`). */
export function yamlToValue(node: unknown, doc: Document, limits: ConvertLimits, typed = false, budget?: { left: number }): PlainValue {
  let count = 0;
  const maxDepth = limits.maxDepth ?? Infinity;
  // Alias.resolve searches the whole document each time; index the anchors once instead.
  let anchors: Map<string, unknown> | undefined;
  const resolve = (source: string): unknown => {
    if (!anchors) {
      anchors = new Map();
      const a = anchors;
      visitYaml(doc, (_k, n) => {
        // A pair without a value (`? *a`) is visited as null.
        const anchor = (n as { anchor?: string } | null)?.anchor;
        if (anchor && !a.has(anchor)) a.set(anchor, n);
      });
    }
    return anchors.get(source);
  };
  // `level`: nesting of the value being built; alias chains can make it deeper than the text.
  const visit = (n: unknown, depth: number, level: number): PlainValue => {
    // Only nodes reached through an alias count: a large plain document is fine, an exponential one is not.
    if (depth > 0) {
      if (++count > limits.maxNodes) throw new AliasBombError(count);
      if (budget && count > budget.left) {
        // Spent: later documents fail at their first alias instead of each expanding what is left.
        budget.left = 0;
        throw new AliasBombError(count, 'maxAliasNodesTotal');
      }
    }
    if (isAlias(n)) return visit(resolve(n.source), depth + 1, level);
    if (isNullNode(n)) return null;
    if (isScalar(n)) {
      const text = String(n.value ?? '');
      if (typed && n.type === 'PLAIN') {
        if (/^-?(0|[1-9]\d*)$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
        if (text === 'true' || text === 'True' || text === 'TRUE') return true;
        if (text === 'false' || text === 'False' || text === 'FALSE') return false;
      }
      return text;
    }
    // A map or a list at `level` (the root collection is level 1).
    if (level > maxDepth) throw new AliasBombError(count, 'maxDepth');
    const inner = depth > 0 ? depth + 1 : 0;
    if (isMap(n)) {
      const out: { [k: string]: PlainValue } = {};
      for (const p of n.items) {
        const k = isAlias(p.key) ? String((resolve(p.key.source) as { value?: unknown } | undefined)?.value ?? '') : pairKey(p);
        if (k === '<<' && (isAlias(p.value) || isMap(p.value))) {
          // YAML merge key: earlier explicit keys win.
          const merged = visit(p.value, inner, level);
          if (merged && typeof merged === 'object' && !Array.isArray(merged)) {
            for (const [mk, mv] of Object.entries(merged)) if (!(mk in out)) out[mk] = mv;
          }
          continue;
        }
        out[k] = visit(p.value, inner, level + 1);
      }
      return out;
    }
    if (isSeq(n)) return n.items.map((i) => visit(i, inner, level + 1));
    return null;
  };
  const value = visit(node, 0, 1);
  if (budget) budget.left -= count;
  return value;
}

/** Walks a path of keys/indices through a YAML AST and returns the node found (value node). When
 * `key` is true, returns the key node of the last map step instead (for "this key is wrong"). */
export function nodeAtPath(root: unknown, path: (string | number)[], key = false): Node | undefined {
  let cur: unknown = root;
  for (let i = 0; i < path.length; i++) {
    const step = path[i];
    if (isMap(cur)) {
      const pair = cur.items.find((p) => pairKey(p) === String(step));
      if (!pair) return undefined;
      if (key && i === path.length - 1) return pair.key as Node;
      cur = pair.value;
    } else if (isSeq(cur) && typeof step === 'number') {
      cur = cur.items[step];
    } else {
      return undefined;
    }
  }
  return (cur ?? undefined) as Node | undefined;
}
