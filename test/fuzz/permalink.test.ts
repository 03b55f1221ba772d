// Permalinks under fuzz (issue #9, robustness): any session survives the round trip through a link exactly, and
// any damaged, mutated, hostile or random link decodes to a session or a clear message — never an exception.
// Fixed seeds: a failure is replayable; its counterexample goes into the regression list below.
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { toBase64Url } from '../../src/ui/permalink/base64url.ts';
import { decodeHash, encodeSession, type Decoded, type Session } from '../../src/ui/permalink/codec.ts';
import { KNOWN_PROFILES } from '../../src/ui/state/profiles.ts';
import { VIEWS } from '../../src/ui/state/views.ts';
import { POD_STATES } from '../../src/worker/protocol.ts';

const text = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 }));
const sessionArb: fc.Arbitrary<Session> = fc
  .record(
    {
      files: fc.uniqueArray(fc.record({ name: fc.string({ minLength: 1, maxLength: 20 }).map((n) => `${n.trim() || 'f'}.yaml`), text }), { minLength: 1, maxLength: 4, selector: (f) => f.name }),
      profile: fc.constantFrom('auto' as const, ...KNOWN_PROFILES.map((p) => p.id)),
      view: fc.constantFrom(...VIEWS),
      target: fc.string({ minLength: 1, maxLength: 20 }),
      filter: fc.string({ minLength: 1, maxLength: 20 }),
      whatIf: fc.array(
        fc.record({ kind: fc.constantFrom('Pod', 'Deployment', 'StatefulSet'), namespace: fc.string({ minLength: 1, maxLength: 8 }), name: fc.string({ minLength: 1, maxLength: 8 }), state: fc.constantFrom(...POD_STATES) }),
        { minLength: 1, maxLength: 3 },
      ),
    },
    { requiredKeys: ['files', 'profile', 'view'] },
  )
  .map((s) => s as Session);

/** What every decode must be: one of the four kinds, a session with string files under distinct names (possibly
 * none: `{"f": []}` is an empty session), or an error that says something. */
function wellFormed(d: Decoded): void {
  expect(['none', 'session', 'example', 'error']).toContain(d.kind);
  if (d.kind === 'error') expect(d.message.length).toBeGreaterThan(0);
  if (d.kind === 'session') {
    for (const f of d.session.files) expect([typeof f.name, typeof f.text]).toEqual(['string', 'string']);
    expect(new Set(d.session.files.map((f) => f.name)).size).toBe(d.session.files.length);
  }
}

function decodes(hash: string): Decoded {
  let d: Decoded | undefined;
  expect(() => (d = decodeHash(hash))).not.toThrow();
  wellFormed(d!);
  return d!;
}

describe('permalink fuzz', () => {
  it('any session round-trips exactly', () => {
    fc.assert(
      fc.property(sessionArb, (s) => {
        const d = decodes('#' + encodeSession(s));
        expect(d.kind).toBe('session');
        if (d.kind === 'session') {
          const want: Session = { ...s };
          if (s.whatIf?.length === 0) delete want.whatIf;
          expect(d.session).toEqual(want);
          expect(d.notes).toEqual([]);
        }
      }),
      { numRuns: 600, seed: 9001 },
    );
  });

  it('mutated links (cut, flipped, inserted, deleted characters, other prefixes) decode or give a message', () => {
    const mutation = fc.oneof(
      fc.record({ op: fc.constant('cut' as const), at: fc.nat() }),
      fc.record({ op: fc.constant('flip' as const), at: fc.nat(), c: fc.string({ minLength: 1, maxLength: 1 }) }),
      fc.record({ op: fc.constant('insert' as const), at: fc.nat(), c: fc.string({ minLength: 1, maxLength: 4 }) }),
      fc.record({ op: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 8 }) }),
      fc.record({ op: fc.constant('prefix' as const), p: fc.constantFrom('#v1/', '#v0/', '#v2/', '#V1/', '#example/', '#', '', '#v1', '#v1//') }),
    );
    fc.assert(
      fc.property(sessionArb, fc.array(mutation, { minLength: 1, maxLength: 4 }), (s, ms) => {
        let h = '#' + encodeSession(s);
        for (const m of ms) {
          const at = 'at' in m ? m.at % (h.length + 1) : 0;
          if (m.op === 'cut') h = h.slice(0, at);
          else if (m.op === 'flip') h = h.slice(0, at) + m.c + h.slice(at + 1);
          else if (m.op === 'insert') h = h.slice(0, at) + m.c + h.slice(at);
          else if (m.op === 'delete') h = h.slice(0, at) + h.slice(at + m.n);
          else h = m.p + h.replace(/^#v1\//, '');
        }
        decodes(h);
      }),
      { numRuns: 1500, seed: 9002 },
    );
  });

  it('any JSON inside a well-formed envelope decodes to what it can or a message', () => {
    // Wire-shaped values more often than not, so the field readers (files, what-if, profile, view) are reached.
    const wire = fc.record(
      {
        f: fc.oneof(fc.array(fc.oneof(fc.tuple(fc.string(), fc.string()), fc.jsonValue()), { maxLength: 4 }), fc.jsonValue()),
        p: fc.oneof(fc.string(), fc.jsonValue()),
        v: fc.oneof(fc.constantFrom(...VIEWS), fc.jsonValue()),
        t: fc.jsonValue(),
        q: fc.jsonValue(),
        w: fc.oneof(fc.array(fc.array(fc.oneof(fc.string(), fc.jsonValue()), { maxLength: 5 }), { maxLength: 3 }), fc.jsonValue()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(wire, fc.jsonValue()), (value) => {
        const bytes = new TextEncoder().encode(JSON.stringify(value) ?? 'null');
        decodes('#v1/' + toBase64Url(deflateSync(bytes)));
      }),
      { numRuns: 1500, seed: 9003 },
    );
  });

  it('random fragments and random deflated bytes never throw', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 100 }).map((x) => '#v1/' + x)), (h) => {
        decodes(h);
      }),
      { numRuns: 1500, seed: 9004 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, deflate) => {
        decodes('#v1/' + toBase64Url(deflate ? deflateSync(bytes) : bytes));
      }),
      { numRuns: 1500, seed: 9005 },
    );
  });
});
