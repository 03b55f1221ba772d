// RunResult → the page's view model: structured-clone safe, counts that add up, traces kept out of
// the result and sent per target, label diffs per step.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnose, run, whyNot } from '../../src/engine/index.ts';
import { AUTO_DIAGNOSE_BYTES, AUTO_DIAGNOSE_TARGETS, skipReason, targetCount, verifyBudget } from '../../src/worker/advice.ts';
import { PAGE_READER, parseFilter, setDiscoveredReader, type DiscoveredReader } from '../../src/worker/filter.ts';
import { discoveredLabel, someDiscoveredLabel, type Target } from '../../src/engine/index.ts';
import { RunLists, WHOLE_LIST, narrows } from '../../src/worker/lists.ts';
import { objectsOf, podStateOf } from '../../src/worker/object-table.ts';
import { diffLabels, traceView } from '../../src/worker/trace-view.ts';
import { findTarget, toRunView } from '../../src/worker/view.ts';

const EX = join(import.meta.dirname, '..', '..', 'examples');
const files = (id: string) =>
  readdirSync(join(EX, id))
    .filter((f) => f !== 'README.md')
    .map((f) => ({ name: f, text: readFileSync(join(EX, id, f), 'utf8') }));

describe('view model', () => {
  it.each(readdirSync(EX).filter((d) => statSync(join(EX, d)).isDirectory()))('%s: structured-clone safe, no traces inside, counts add up', (id) => {
    const res = run(files(id), { trace: true });
    const v = toRunView(res, { profileAuto: true, ms: 1, traced: true });
    expect(() => structuredClone(v)).not.toThrow();
    expect(structuredClone(v)).toEqual(v);
    expect(JSON.stringify(v)).not.toContain('"trace"');
    expect(v.summary.active).toBe(res.jobs.reduce((n, j) => n + j.active.length, 0));
    expect(v.summary.dropped).toBe(res.jobs.reduce((n, j) => n + j.dropped.length, 0));
    expect(v.summary.objects).toBe(res.store.size());
    expect(objectsOf(v.objects).filter((o) => o.simulated).length).toBe(res.simulated.length);
    // Every object as the store has it.
    expect(objectsOf(v.objects).map((o) => `${o.kind}/${o.namespace ?? ''}/${o.name}@${o.file}:${o.line}:${o.col}`)).toEqual(
      res.store.all().map((o) => `${o.obj.kind}/${o.obj.metadata.namespace ?? ''}/${o.obj.metadata.name}@${o.origin.file}:${o.origin.pos.line}:${o.origin.pos.col}`),
    );
    // The lists: per job counts, and (small runs) every row with the result, in order.
    const all = res.jobs.flatMap((j) => j.active);
    expect(v.lists.active.first.map((t) => t.id)).toEqual(all.map((t) => t.id));
    expect(v.lists.dropped.first.map((t) => t.id)).toEqual(res.jobs.flatMap((j) => [...j.dropped, ...j.duplicates]).map((t) => t.id));
    expect(v.lists.active.totals).toEqual(res.jobs.map((j) => j.active.length));
  });

  it('a target trace becomes steps with added, changed and removed labels', () => {
    const res = run(files('03-founding-generated-config'), { trace: true });
    const t = res.jobs[0]!.dropped[0]!;
    expect(findTarget(res, t.id)).toBe(t);
    const tv = traceView(t.id, t.trace!);
    expect(tv.steps.length).toBe(t.trace!.length);
    expect(tv.steps[tv.steps.length - 1]!.keep).toBe(false);
    expect(tv.steps[tv.steps.length - 1]!.rule?.summary).toBe('keep __meta_kubernetes_pod_container_port_number =~ "10299"');
  });

  it('diffLabels sorts and classifies', () => {
    expect(diffLabels({ a: '1', b: '2', c: '3' }, { a: '1', b: '9', d: '4' })).toEqual({ added: [['d', '4']], changed: [['b', '2', '9']], removed: [['c', '3']] });
  });

  it.each(readdirSync(EX).filter((d) => statSync(join(EX, d)).isDirectory()))('%s: diagnoses and "why not?" answers cross the worker boundary unchanged', (id) => {
    const fs = files(id);
    const res = run(fs, {});
    const ds = diagnose(fs, res, { verify: true });
    expect(structuredClone(ds)).toEqual(ds);
    const pod = res.store.all().find((o) => o.obj.kind === 'Pod');
    if (pod) {
      const a = whyNot(fs, res, { kind: 'Pod', namespace: pod.obj.metadata.namespace ?? 'default', name: pod.obj.metadata.name });
      expect(a.length).toBeGreaterThan(0);
      expect(structuredClone(a)).toEqual(a);
    }
  });

  it('Pods carry the state discovery saw (after what-if knobs) and their ports; Services their ports', () => {
    const fs = files('02-founding-fix-declare-port');
    const plain = toRunView(run(fs, {}), { profileAuto: true, ms: 1, traced: false });
    const pod = objectsOf(plain.objects).find((o) => o.kind === 'Pod')!;
    expect(pod.podState).toBe('ready');
    expect(pod.ports?.map((p) => p.port).sort()).toEqual([10299, 8080].sort());
    expect(objectsOf(plain.objects).find((o) => o.kind === 'Service')!.ports).toEqual([{ port: 80, name: 'http' }]);
    for (const state of ['not-ready', 'pending', 'failed'] as const) {
      const v = toRunView(run(fs, { whatIf: [{ kind: 'Deployment', namespace: 'default', name: 'audit', state }] }), { profileAuto: true, ms: 1, traced: false });
      expect(objectsOf(v.objects).find((o) => o.kind === 'Pod')!.podState).toBe(state);
    }
  });

  it('podStateOf reads the phase, then the Ready condition', () => {
    expect(podStateOf({ status: { phase: 'Pending' } })).toBe('pending');
    expect(podStateOf({ status: { phase: 'Succeeded' } })).toBe('succeeded');
    expect(podStateOf({ status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] } })).toBe('not-ready');
    expect(podStateOf({ status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } })).toBe('ready');
    expect(podStateOf({ status: { phase: 'Running' } })).toBe('not-ready');
    expect(podStateOf({})).toBe('unknown');
  });
});

describe('target lists in pages', () => {
  const fs = files('05-named-port-vs-targetport'); // two jobs, dropped targets in both
  const res = run(fs, {});
  const lists = new RunLists(res);
  const dropped = res.jobs.flatMap((j) => [...j.dropped, ...j.duplicates]);

  it('numbers rows over the whole list and sends a short list whole with the result', () => {
    const v = lists.view('');
    expect(v.dropped.first.map((t) => [t.id, t.row])).toEqual(dropped.map((t, i) => [t.id, i]));
    expect(v.dropped.matches).toBeNull();
    expect(lists.rows('dropped', [dropped.length - 1, 0, 99_999]).map((t) => t.id)).toEqual([dropped[dropped.length - 1]!.id, dropped[0]!.id]);
    const t = dropped[dropped.length - 1]!;
    expect(lists.find(t.id)).toMatchObject({ id: t.id, row: dropped.length - 1, state: t.state });
    expect(lists.find('no such target')).toBeUndefined();
  });

  it('filters in the worker: matching rows per job, ascending, the first rows of the filtered list', () => {
    const addr = dropped[1]!.discoveredLabels.__address__!;
    const v = lists.view(`__address__=${addr}`);
    const want = dropped.map((t, i) => (t.discoveredLabels.__address__ === addr ? i : -1)).filter((i) => i >= 0);
    expect(Array.from(v.dropped.matches!)).toEqual(want);
    expect(v.dropped.shown.reduce((a, b) => a + b, 0)).toBe(want.length);
    expect(v.dropped.shown).toHaveLength(res.jobs.length);
    expect(v.dropped.first.map((t) => t.row)).toEqual(want);
    expect(v.filter).toBe(`__address__=${addr}`);
    expect(structuredClone(v)).toEqual(v);
  });

  it('a filter typed on (narrowed) looks only at the rows the previous one kept, with the same outcome', () => {
    const fresh = (q: string) => new RunLists(res).view(q);
    const typed = new RunLists(res);
    for (const q of ['m', 'me', 'meta', 'meta __address__~1', 'meta __address__~10', 'x', '']) {
      const v = typed.view(q);
      expect([q, v.dropped.matches && Array.from(v.dropped.matches), v.dropped.shown, v.active.shown]).toEqual([q, fresh(q).dropped.matches && Array.from(fresh(q).dropped.matches!), fresh(q).dropped.shown, fresh(q).active.shown]);
    }
    expect(narrows(parseFilter('ab c=d'), parseFilter('abc c=d e'))).toBe(true);
    expect(narrows(parseFilter('ab c=d'), parseFilter('abc c=e'))).toBe(false);
    expect(narrows(parseFilter('ab'), parseFilter('b'))).toBe(false);
    expect(narrows(parseFilter(''), parseFilter('b'))).toBe(false);
  });
});

describe('filtering with the engine readers (the worker\'s: discovered label sets are not built)', () => {
  it('gives the same rows as reading the built sets, for every kind of term', () => {
    const pages = readdirSync(EX).filter((d) => statSync(join(EX, d)).isDirectory());
    const engine: DiscoveredReader = { some: (t, test, seen) => someDiscoveredLabel(t as Target, test, seen), value: (t, name) => discoveredLabel(t as Target, name) };
    let compared = 0;
    for (const id of pages) {
      const a = run(files(id), {});
      const b = run(files(id), {});
      const all = (r: typeof a) => r.jobs.flatMap((j) => [...j.active, ...j.dropped, ...j.failed, ...j.duplicates]);
      const names = [...new Set(all(b).flatMap((t) => Object.keys(t.discoveredLabels)))].slice(0, 40);
      const queries = ['meta', 'true', 'pod', '=', '_port', ...names.slice(0, 12).map((n) => `${n}~1`), ...names.slice(0, 12).map((n) => `${n}!=x`), ...names.slice(0, 6).map((n) => `${n}=${all(b)[0]?.discoveredLabels[n] ?? ''}`)];
      for (const q of queries) {
        setDiscoveredReader(engine);
        const va = new RunLists(a).view(q);
        setDiscoveredReader(PAGE_READER);
        const vb = new RunLists(b).view(q);
        expect([id, q, va.active.shown, va.dropped.shown, va.dropped.matches && Array.from(va.dropped.matches)]).toEqual([id, q, vb.active.shown, vb.dropped.shown, vb.dropped.matches && Array.from(vb.dropped.matches)]);
        compared++;
      }
    }
    setDiscoveredReader(PAGE_READER);
    expect(compared).toBeGreaterThan(100);
  });
});

describe('a long list', () => {
  it('is sent with its first rows only; the rest by row number', () => {
    const pods = Array.from({ length: WHOLE_LIST + 20 }, (_, i) => `---\napiVersion: v1\nkind: Pod\nmetadata: {name: p${i}, namespace: default}\nspec: {containers: [{name: c, ports: [{containerPort: 80}]}]}\nstatus: {phase: Running, podIP: 10.0.${i >> 8}.${i & 255}}\n`).join('');
    const res = run([{ name: 'pods.yaml', text: pods }, { name: 'prometheus.yml', text: 'scrape_configs:\n- job_name: pods\n  kubernetes_sd_configs: [{role: pod}]\n' }], {});
    const lists = new RunLists(res);
    const v = lists.view('', 10);
    expect(v.active.totals).toEqual([WHOLE_LIST + 20]);
    expect(v.active.first.map((t) => t.row)).toEqual([...Array(10).keys()]);
    expect(lists.rows('active', [WHOLE_LIST + 19]).map((t) => t.id)).toEqual([res.jobs[0]!.active[WHOLE_LIST + 19]!.id]);
  });
});

describe('when the worker diagnoses on its own', () => {
  it('small inputs at once; big inputs or runs on request', () => {
    expect(skipReason(1000, 10)).toBeUndefined();
    expect(skipReason(AUTO_DIAGNOSE_BYTES + 1, 10)).toMatch(/MiB/);
    expect(skipReason(1000, AUTO_DIAGNOSE_TARGETS + 1)).toMatch(/targets/);
    expect(targetCount({ jobs: [{ active: [1], dropped: [1, 2], failed: [], duplicates: [1] }] } as never)).toBe(4);
  });
  it('verification spends fewer pipeline runs as inputs grow', () => {
    expect(verifyBudget(1000)).toBeGreaterThan(verifyBudget(1024 * 1024));
    expect(verifyBudget(1024 * 1024)).toBeGreaterThan(verifyBudget(8 * 1024 * 1024));
  });
});
