// Field positions in a JSON List are found in the one item's text (documents.ts itemAst), not by parsing the whole
// dump: the result must be exactly what the whole-document AST gives, for every field and key of every item, in
// every layout kubectl writes (indented, one line, cluster-info dump streams), escapes and unicode included.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { asJson, generateCluster } from '../../bench/generate.ts';
import { rangeOf } from '../../src/engine/config/yaml-nodes.ts';
import { jsonValueEnd, parseFile } from '../../src/engine/ingest/documents.ts';
import { nodeAtPath, type PlainValue } from '../../src/engine/ingest/yaml-value.ts';

/** Every path to a value in `v`, with whether it ends on a map key. */
function paths(v: PlainValue, at: (string | number)[] = [], out: [(string | number)[], boolean][] = []): [(string | number)[], boolean][] {
  out.push([at, false]);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.push([[...at, k], true]);
      paths(x, [...at, k], out);
    }
  }
  return out;
}

const fixtures = join(import.meta.dirname, '..', 'conformance', 'fixtures');
function listOf(dir: string): PlainValue[] {
  const docs = parseAllDocuments(readFileSync(join(fixtures, dir, 'objects.yaml'), 'utf8'));
  return docs.map((d) => d.toJS() as PlainValue).filter((x) => x && typeof x === 'object');
}

const inputs: [string, string][] = [];
for (const dir of readdirSync(fixtures).filter((f) => /^\d\d-/.test(f))) {
  const items = listOf(dir);
  if (!items.length) continue;
  inputs.push([`${dir} (indented 4)`, JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 4)]);
  inputs.push([`${dir} (one line)`, JSON.stringify({ kind: 'List', items })]);
  inputs.push([`${dir} (a dump stream)`, `${JSON.stringify({ kind: 'PodList', items }, null, 2)}\n==== START logs ====\nhello\n${JSON.stringify({ kind: 'List', items: items.slice(0, 1) }, null, 2)}\n`]);
}
inputs.push(['bench cluster with escapes and unicode', asJson(generateCluster(20)).replace(/"registry\.example\//g, '"reg\\u00e9\\"istry\\\\\\/é☃/')]);

describe('JSON List field positions from the item alone', () => {
  it.each(inputs)('%s', (name, text) => {
    const { docs, diagnostics } = parseFile({ name: 'dump.json', text });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    let compared = 0;
    for (const d of docs) {
      const items = (d.value as { items?: PlainValue[] }).items ?? [];
      const whole = d.ast()!;
      items.forEach((item, i) => {
        for (const [p, key] of paths(item)) {
          const full = ['items', i, ...p];
          const n = nodeAtPath(whole.node, full, key);
          expect(d.locate(full, key), `${name} ${full.join('.')}${key ? ' (key)' : ''}`).toEqual(n ? rangeOf(whole.src, n) : undefined);
          compared++;
        }
      });
    }
    expect(compared).toBeGreaterThan(10);
  });

  it('jsonValueEnd finds the end of each kind of value', () => {
    const t = ' {"a": "x}\\"]", "b": [1, {"c": null}]} , "s\\\\" , 12.5e3 , true]';
    expect(t.slice(1, jsonValueEnd(t, 1, t.length))).toBe('{"a": "x}\\"]", "b": [1, {"c": null}]}');
    const s = t.indexOf('"s');
    expect(t.slice(s, jsonValueEnd(t, s, t.length))).toBe('"s\\\\"');
    const n = t.indexOf('12.5');
    expect(t.slice(n, jsonValueEnd(t, n, t.length))).toBe('12.5e3');
    const b = t.indexOf('true');
    expect(t.slice(b, jsonValueEnd(t, b, t.length))).toBe('true');
  });
});
