// The cheaper JSON positions and normalization (issue #9) against their references: a JSON value's and a List item's
// position (counted by LineCursor in one pass) is what the whole file's line index says and where the AST puts the
// item; the one-walk shape check finds a broken field exactly when the per-shape search does; the compiled field
// coercion does what the path-string walk it replaced did.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offsetRange } from '../../src/engine/config/yaml-nodes.ts';
import { diag, type Diagnostic, type SourceRange } from '../../src/engine/diagnostics.ts';
import { parseFile } from '../../src/engine/ingest/documents.ts';
import { lineIndex } from '../../src/engine/ingest/line-index.ts';
import { coerceFields, coerceScalar, firstShapeError, shapeError, typedFields, type FieldType } from '../../src/engine/ingest/normalize.ts';
import type { PlainValue } from '../../src/engine/ingest/yaml-value.ts';
import { kubeObject, layOut, WEIRD } from '../fuzz/harness/arbitraries.ts';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const SCALE = Number(process.env.FUZZ_RUNS_SCALE ?? 1);
const budget = (seed: number, numRuns: number) => ({ seed: SEED ?? seed, numRuns: Math.ceil(numRuns * SCALE) });

const ROOT = join(import.meta.dirname, '..', '..');
const dump = join(ROOT, 'test', 'e2e', 'fixtures', 'kubectl-get-all.json');

function checkJsonPositions(text: string): boolean {
  const lc = { file: 'f.json', lineCounter: lineIndex(text) };
  const at = (offset: number) => {
    const r = offsetRange(lc, offset);
    return { file: r.file, line: r.line, col: r.col, offset };
  };
  for (const d of parseFile({ name: 'f.json', text }).docs) {
    if (d.format !== 'json') continue;
    expect(d.pos).toStrictEqual(at(d.pos.offset!));
    const items = (d.value as { items?: unknown } | null)?.items;
    if (!Array.isArray(items)) continue;
    for (let i = 0; i < items.length; i++) {
      const p = d.itemPos!(i)!;
      expect(p).toStrictEqual(at(p.offset!));
      const r = d.locate(['items', i])!;
      expect({ line: p.line, col: p.col, offset: p.offset }).toStrictEqual({ line: r.line, col: r.col, offset: r.offset });
    }
    expect(d.itemPos!(items.length)).toBeUndefined();
  }
  return true;
}

describe('JSON positions', () => {
  it('the kubectl dump: every List item where the line index and the AST put it', () => {
    if (existsSync(dump)) checkJsonPositions(readFileSync(dump, 'utf8'));
  });

  it('generated Lists and cluster-info dump streams, broken values included', () => {
    const json = fc.oneof(
      fc.array(kubeObject, { maxLength: 6 }).map((objs) => layOut(objs, undefined, 'json-list')[0]!.text),
      fc.array(kubeObject, { minLength: 1, maxLength: 6 }).map((objs) => layOut(objs, undefined, 'json-stream')[0]!.text),
      fc.tuple(fc.array(kubeObject, { minLength: 1, maxLength: 4 }), fc.nat(), fc.constantFrom('"', '{', ']', '\n', 'x')).map(([objs, at, ch]) => {
        const t = layOut(objs, undefined, 'json-stream')[0]!.text;
        const i = at % t.length;
        return t.slice(0, i) + ch + t.slice(i);
      }),
    );
    fc.assert(fc.property(json, checkJsonPositions), budget(0x7503, 200));
  });
});

describe('normalize', () => {
  it('the one-walk shape check agrees with the per-shape search', () => {
    const withWeird = fc.tuple(kubeObject, fc.array(fc.tuple(fc.nat(), WEIRD), { maxLength: 3 })).map(([o, edits]) => {
      // Put a value of the wrong shape somewhere in the object.
      const nodes: { [k: string]: unknown }[] = [];
      const walk = (v: unknown) => {
        if (v && typeof v === 'object') {
          if (!Array.isArray(v)) nodes.push(v as { [k: string]: unknown });
          for (const x of Object.values(v)) walk(x);
        }
      };
      walk(o);
      for (const [n, w] of edits) {
        const target = nodes[n % nodes.length]!;
        const keys = Object.keys(target);
        if (keys.length) target[keys[n % keys.length]!] = w;
      }
      return JSON.parse(JSON.stringify(o)) as { [k: string]: PlainValue };
    });
    fc.assert(
      fc.property(withWeird, (o) => {
        expect(shapeError(o)).toStrictEqual(firstShapeError(o));
      }),
      budget(0x5a9e, 1500),
    );
  });

  it('coerces typed fields exactly as the path-string walk did', () => {
    const obj = fc.tuple(kubeObject, fc.array(fc.tuple(fc.nat(), WEIRD), { maxLength: 2 })).map(([o, edits]) => {
      const leaves: [{ [k: string]: unknown }, string][] = [];
      const walk = (v: unknown) => {
        if (v && typeof v === 'object') {
          for (const [k, x] of Object.entries(v)) {
            if (!Array.isArray(v)) leaves.push([v as { [k: string]: unknown }, k]);
            walk(x);
          }
        }
      };
      walk(o);
      for (const [n, w] of edits) if (leaves.length) {
        const [t, k] = leaves[n % leaves.length]!;
        t[k] = w;
      }
      return JSON.stringify(o);
    });
    fc.assert(
      fc.property(obj, (text) => {
        const a = JSON.parse(text) as { [k: string]: PlainValue };
        const b = JSON.parse(text) as { [k: string]: PlainValue };
        const da: Diagnostic[] = [];
        const db: Diagnostic[] = [];
        const locate = (p: (string | number)[]): SourceRange => ({ file: p.join('/'), line: 1, col: 1 });
        const fallback: SourceRange = { file: 'x', line: 1, col: 1 };
        coerceFields(a, { locate, fallback, diagnostics: da });
        referenceCoerce(b, { locate, fallback, diagnostics: db });
        expect(JSON.stringify(a)).toBe(JSON.stringify(b));
        expect(da).toStrictEqual(db);
      }),
      budget(0xc0e7, 1500),
    );
  });
});

// ---- the reference: normalize.ts's typed-field walk as it was before it was compiled (issue #9), over its tables ----

type Obj = { [k: string]: PlainValue };
type Ctx = { locate: (p: (string | number)[]) => SourceRange | undefined; fallback: SourceRange; diagnostics: Diagnostic[] };
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function referenceCoerce(o: Obj, ctx: Ctx): void {
  const kind = typeof o.kind === 'string' ? o.kind : '';
  for (const [path, t] of typedFields(kind)) coercePath(o, path.split('.'), [], t, ctx);
}

function coercePath(cur: PlainValue | undefined, rest: string[], at: (string | number)[], t: FieldType, ctx: Ctx): void {
  if (cur === undefined || cur === null || rest.length === 0) return;
  const [head, ...tail] = rest as [string, ...string[]];
  const isArr = head.endsWith('[]');
  const key = isArr ? head.slice(0, -2) : head;
  if (!isObj(cur)) return;
  const next = cur[key];
  if (next === undefined || next === null) return;
  if (isArr) {
    if (!Array.isArray(next)) return;
    next.forEach((el, i) => coercePath(el, tail, [...at, key, i], t, ctx));
    return;
  }
  if (tail.length) {
    coercePath(next, tail, [...at, key], t, ctx);
    return;
  }
  const coerced = coerceScalar(next, t);
  if (coerced === undefined) {
    ctx.diagnostics.push(
      diag('INVALID_FIELD', 'error', `${[...at, key].join('.')}: ${JSON.stringify(next)} is not a valid ${t === 'bool' ? 'boolean' : t === 'int' ? 'integer' : 'port (number or name)'}; a real API server rejects this object (the field is ignored here)`, ctx.locate([...at, key]) ?? ctx.fallback),
    );
    delete cur[key];
    return;
  }
  cur[key] = coerced;
}
