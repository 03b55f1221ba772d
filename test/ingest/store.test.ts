// The object store (ingest/store.ts): one object per kind, namespace and name, the later one winning, in the order of
// the last writes — and a namespace's list the same as filtering the kind's list, whatever was put or deleted since.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ObjectStore } from '../../src/engine/ingest/store.ts';
import type { KubeObject, StoredObject } from '../../src/engine/ingest/kinds.ts';

const obj = (kind: string, namespace: string | undefined, name: string, tag: number): StoredObject => ({
  obj: { apiVersion: 'v1', kind, metadata: { name, ...(namespace === undefined ? {} : { namespace }), labels: { tag: String(tag) } } } as KubeObject,
  origin: { file: 'f', doc: 0, pos: { file: 'f', line: tag + 1, col: 1, offset: 0 } },
});

describe('ObjectStore', () => {
  it('list(kind, namespace) is list(kind) filtered by namespace, after any puts, deletes and lists in between', () => {
    const op = fc.oneof(
      fc.record({ put: fc.constantFrom('Pod', 'Service'), ns: fc.constantFrom('a', 'b', undefined), name: fc.constantFrom('x', 'y', 'z') }),
      fc.record({ del: fc.constantFrom('Pod', 'Service'), ns: fc.constantFrom('a', 'b', undefined), name: fc.constantFrom('x', 'y', 'z') }),
      fc.record({ list: fc.constantFrom('Pod', 'Service'), ns: fc.constantFrom('a', 'b', undefined) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const s = new ObjectStore();
        let tag = 0;
        const check = (kind: string, ns: string | undefined) => {
          const want = s.list(kind).filter((o) => o.obj.metadata.namespace === ns);
          expect(s.list(kind, ns)).toEqual(want);
          for (let i = 0; i < want.length; i++) expect(s.list(kind, ns)[i]).toBe(want[i]);
        };
        for (const o of ops) {
          if ('put' in o) s.put(obj(o.put, o.ns, o.name, tag++));
          else if ('del' in o) s.delete(o.del, o.ns, o.name);
          else if (o.ns !== undefined) check(o.list, o.ns);
        }
        for (const kind of ['Pod', 'Service']) for (const ns of ['a', 'b']) check(kind, ns);
        // The list handed out is the caller's: changing it changes nothing in the store.
        const l = s.list('Pod', 'a');
        l.length = 0;
        check('Pod', 'a');
      }),
      { numRuns: 300, seed: 20261125 },
    );
  });

  it('a later object of the same kind, namespace and name replaces the earlier one and moves to the end', () => {
    const s = new ObjectStore();
    s.put(obj('Pod', 'a', 'x', 1));
    s.put(obj('Pod', 'a', 'y', 2));
    const prev = s.put(obj('Pod', 'a', 'x', 3));
    expect(prev?.obj.metadata.labels?.['tag']).toBe('1');
    expect(s.list('Pod', 'a').map((o) => o.obj.metadata.labels?.['tag'])).toEqual(['2', '3']);
    expect(s.get('Pod', 'a', 'x')?.obj.metadata.labels?.['tag']).toBe('3');
  });
});
