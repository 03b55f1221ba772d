// The permalink codec: round trips, only non-defaults written, golden links that must decode in
// every later version, and clear errors (never exceptions) for damaged or hostile links.
import { deflateSync, inflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { toBase64Url, fromBase64Url } from '../../src/ui/permalink/base64url.ts';
import { DEFAULT_VIEW, decodeHash, encodeSession, sessionUrl, type Session } from '../../src/ui/permalink/codec.ts';

const S1: Session = {
  files: [
    { name: 'prometheus.yml', text: 'scrape_configs:\n  - job_name: pods\n    kubernetes_sd_configs:\n      - role: pod\n' },
    { name: 'pod.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-0\n  labels: {app: "web — ünïcode ✓"}\nstatus:\n  podIP: 10.0.0.1\n' },
  ],
  profile: 'prometheus-2.42',
  view: 'trace',
  target: 'pods#0',
  filter: 'app=web',
};

/** Links made by v1 of the playground. They must decode to the same session forever: never edit them. */
const GOLDEN: [string, Session][] = [
  [
    '#v1/VY8xbsMwDEWvQrBrbDhBJwE9QLdMXSLDoC2mdWNLqiSnCIIAvUM79g69QLfcJCcpFS-NtPCTH3yfR9yi2mzQBzdyeuEplodxwAXGLpDnpnN22z9HpS1AAa-ubSyNrMA7E3MPYDe1HCwnjk00N_78CghumP3aYr0QkjPlga4M8v0Th9g7q2C_1HbXW6Ngna0Shgwlui6ake_cFlWWA7U8RAVH8l6BRhnA5eMLzr_2_NM5w3D5_tR40jYmStMcRrCPawXLqsxfYFjXC_So_p1erMr7leTaSzcF6ljqlB1y7F0l4k2EQB-EiKc_',
    S1,
  ],
  ['#v1/q1ZKU7KKjlbKzCsoLdGrTMzNUdJRUoqNrQUA', { files: [{ name: 'input.yaml', text: '' }], profile: 'auto', view: 'targets' }],
  // With what-if knobs (the optional `w` field).
  [
    '#v1/ZY67DsIwDEV_JfIcXmtmPoCJpe1gGhcFGidq3KKq6r_jIiQGJttXR_d4gQ5cVUHgPMp-xtiDBczhSkMJiZ3BnMthOtX8DOydOVPu0xyJpeZIgh4FnVkYIyk7-iDWbEfJ2GriqcOxl7VmaBoLEzhItwe1UlTz-ph_jRp9-e2HrUsnJ9kNhH6GxlZwSf6f2h11y8Q-8F016xs',
    {
      files: [{ name: 'input.yaml', text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: audit, namespace: default}\n' }],
      profile: 'auto',
      view: 'objects',
      whatIf: [
        { kind: 'Deployment', namespace: 'default', name: 'audit', state: 'not-ready' },
        { kind: 'Pod', namespace: 'default', name: 'audit-0', state: 'pending' },
      ],
    },
  ],
];

describe('permalink codec', () => {
  it('round-trips a session', () => {
    const d = decodeHash('#' + encodeSession(S1));
    expect(d).toEqual({ kind: 'session', session: S1, notes: [] });
  });

  it('writes only values that differ from the defaults', () => {
    const s: Session = { files: [{ name: 'a.yaml', text: 'x: 1\n' }], profile: 'auto', view: DEFAULT_VIEW };
    const d = decodeHash(encodeSession(s));
    expect(d.kind === 'session' && d.session).toEqual(s);
    expect(encodeSession(s).length).toBeLessThan(encodeSession({ ...s, profile: 'vmagent-1.79', view: 'dropped', filter: 'x' }).length);
  });

  it('has the versioned prefix and a URL-safe payload', () => {
    expect(encodeSession(S1)).toMatch(/^v1\/[A-Za-z0-9_-]+$/);
    expect(sessionUrl('http://h/p/?q=1#old', S1)).toMatch(/^http:\/\/h\/p\/\?q=1#v1\//);
  });

  it.each(GOLDEN)('golden link %# still decodes', (hash, session) => {
    expect(decodeHash(hash)).toEqual({ kind: 'session', session, notes: [] });
  });

  it('what-if knobs round-trip, in order, and are written only when set', () => {
    const whatIf: Session['whatIf'] = [
      { kind: 'Pod', namespace: 'default', name: 'web-0', state: 'not-ready' },
      { kind: 'StatefulSet', namespace: 'db', name: 'pg', state: 'failed' },
    ];
    const s: Session = { ...S1, whatIf };
    expect(decodeHash(encodeSession(s))).toEqual({ kind: 'session', session: s, notes: [] });
    const json = (h: string) => JSON.parse(new TextDecoder().decode(inflateSync(fromBase64Url(h.slice(3))!)));
    expect(json(encodeSession(S1))).not.toHaveProperty('w');
    expect(json(encodeSession({ ...S1, whatIf: [] }))).not.toHaveProperty('w');
    expect(json(encodeSession(s)).w).toEqual([
      ['Pod', 'default', 'web-0', 'not-ready'],
      ['StatefulSet', 'db', 'pg', 'failed'],
    ]);
  });

  it('keeps the readable what-if knobs of a damaged list and says how many it skipped', () => {
    const wire = { f: [['a.yaml', 'x']], w: [['Pod', 'default', 'p', 'not-ready'], ['Pod', 'default', 'q', 'sleepy'], ['Pod', 'default', ''], 'x', ['Deployment', 'default', 'd', 'pending']] };
    const d = decodeHash('#v1/' + toBase64Url(deflateSync(new TextEncoder().encode(JSON.stringify(wire)))));
    expect(d.kind === 'session' && d.session.whatIf).toEqual([
      { kind: 'Pod', namespace: 'default', name: 'p', state: 'not-ready' },
      { kind: 'Deployment', namespace: 'default', name: 'd', state: 'pending' },
    ]);
    expect(d.kind === 'session' && d.notes).toEqual(['3 unreadable what-if settings were skipped']);
    const bad = decodeHash('#v1/' + toBase64Url(deflateSync(new TextEncoder().encode(JSON.stringify({ f: [], w: 'all' })))));
    expect(bad.kind === 'session' && bad.session.whatIf).toBeUndefined();
    expect(bad.kind === 'session' && bad.notes).toEqual(['1 unreadable what-if setting was skipped']);
  });

  it('reads #example/<id>', () => {
    expect(decodeHash('#example/03-founding-generated-config')).toEqual({ kind: 'example', id: '03-founding-generated-config' });
  });

  it('an empty hash is no link', () => {
    expect(decodeHash('')).toEqual({ kind: 'none' });
    expect(decodeHash('#')).toEqual({ kind: 'none' });
  });

  it.each([
    ['garbage characters', '#v1/%%%%', /damaged/],
    ['truncated', '#' + encodeSession(S1).slice(0, 60), /damaged|incomplete/],
    ['a future version', '#v2/abc', /newer version/],
    ['no prefix', '#hello', /not a playground link/],
    ['not JSON inside', '#v1/' + toBase64Url(deflateSync(new TextEncoder().encode('not json'))), /not readable/],
    ['JSON without files', '#v1/' + toBase64Url(deflateSync(new TextEncoder().encode('{"x":1}'))), /no input files/],
    ['invalid UTF-8 inside', '#v1/' + toBase64Url(deflateSync(new Uint8Array([0xff, 0xfe, 0xfd]))), /not readable/],
  ])('%s gives a clear error, not an exception', (_what, hash, message) => {
    const d = decodeHash(hash);
    expect(d.kind).toBe('error');
    expect(d.kind === 'error' && d.message).toMatch(message);
  });

  it('refuses a decompression bomb quickly', () => {
    const bomb = deflateSync(new Uint8Array(64 * 1024 * 1024), { level: 9 });
    const t0 = performance.now();
    const d = decodeHash('#v1/' + toBase64Url(bomb));
    expect(d.kind === 'error' && d.message).toMatch(/expands to more than/);
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('restores what it can from a partly unusable session and says what it dropped', () => {
    const wire = { f: [['a.yaml', 'x'], ['a.yaml', 'y'], 42, ['b.yaml']], p: 'prometheus-9.9', v: 'nope', t: 7 };
    const d = decodeHash('#v1/' + toBase64Url(deflateSync(new TextEncoder().encode(JSON.stringify(wire)))));
    expect(d.kind).toBe('session');
    if (d.kind !== 'session') return;
    expect(d.session).toEqual({ files: [{ name: 'a.yaml', text: 'x' }, { name: 'a.yaml (2)', text: 'y' }], profile: 'auto', view: 'targets' });
    expect(d.notes.length).toBe(4);
  });
});

describe('base64url', () => {
  it('round-trips every byte value', () => {
    const all = new Uint8Array(256 * 3).map((_, i) => i % 256);
    for (let n = 0; n < 8; n++) expect(fromBase64Url(toBase64Url(all.subarray(n)))).toEqual(all.subarray(n));
  });
  it('rejects characters outside the alphabet', () => {
    expect(fromBase64Url('ab+/')).toBeNull();
    expect(fromBase64Url('a')).toBeNull();
  });
});
