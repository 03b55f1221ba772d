// The triage catalog: every case yields its expected reason (kind, object, line of the field to change);
// every suggested change is verified by the engine, and applying it to the input text really produces the
// active targets (and makes the reason go away). Profiles a case names must exist: nothing is skipped.
import { describe, expect, it } from 'vitest';
import { getProfile, listProfiles, run } from '../../src/engine/index.ts';
import { applyEdits, diagnose } from '../../src/engine/diagnose/index.ts';
import { loadCases, names, summary } from './harness.ts';
import type { Diagnosis, Suggestion } from './types.ts';

const cases = loadCases();
const active = (r: ReturnType<typeof run>): number => r.jobs.reduce((n, j) => n + j.active.length, 0);

describe('triage catalog', () => {
  it('has at least 20 cases, covering Prometheus and vmagent profiles and both operators', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    const profiles = new Set(cases.flatMap((c) => c.profiles ?? []));
    for (const p of ['prometheus-3.14', 'vmagent-1.79', 'vmagent-1.150']) expect(profiles.has(p as never), p).toBe(true);
    const text = cases.map((c) => c.files.map((f) => f.text).join('\n')).join('\n');
    expect(text).toMatch(/kind: ServiceMonitor/);
    expect(text).toMatch(/kind: VMServiceScrape/);
    expect(text).toMatch(/scrape_configs:/);
  });

  it('every profile a case names is registered', () => {
    const known = new Set(listProfiles().map((p) => p.id));
    for (const c of cases) for (const p of c.profiles ?? []) expect(known.has(p), `${c.name}: ${p}`).toBe(true);
  });

  for (const c of cases) {
    for (const profile of c.profiles ?? [undefined]) {
      it(`${c.name} [${profile ?? 'default profiles'}]: ${c.title}`, () => {
        if (profile) expect(getProfile(profile), `profile ${profile} must be registered`).toBeDefined();
        const opts = { ...(profile ? { profile } : {}), ...(c.runOptions ?? {}) };
        const res = run(c.files, opts);
        const ds = diagnose(c.files, res, { runOptions: opts });
        const d = ds.find((x) => x.kind === c.expect.kind && names(x).includes(c.expect.object)) as Diagnosis;
        expect(d, `no ${c.expect.kind} naming ${c.expect.object}; got:\n${summary(ds)}`).toBeDefined();
        expect(d.location?.file).toBe(c.expect.location.file);
        expect(d.location?.line, d.locationField).toBe(c.expect.location.line);
        expect(d.sentence.length).toBeGreaterThan(20);
        expect(d.upstream.length).toBeGreaterThan(10);
        // Plain data: survives structured cloning (the worker boundary) unchanged.
        expect(structuredClone(d)).toEqual(d);

        const want = c.expect.suggestion;
        if (want === null) {
          expect(d.suggestion).toBeUndefined();
          return;
        }
        if (!want) return;
        const all = [d.suggestion, ...(d.alternatives ?? [])].filter((s): s is Suggestion => !!s);
        const s = all.find((x) => x.verified && [x.yamlSnippet ?? '', x.description, ...x.edits.map((e) => e.text)].some((t) => t.includes(want.snippet)));
        expect(s, `no verified suggestion with ${JSON.stringify(want.snippet)}: ${JSON.stringify(all, null, 1)}`).toBeDefined();
        expect(d.suggestion?.verified, 'the first suggestion is a verified one').toBe(true);
        // The proof: apply the edits to the text as written, run the whole pipeline again.
        const edited = applyEdits(c.files, (s as Suggestion).edits);
        expect(edited).toBeDefined();
        const after = run(edited!, opts);
        expect(after.diagnostics.filter((x) => x.severity === 'error')).toEqual(res.diagnostics.filter((x) => x.severity === 'error'));
        expect(active(after)).toBe(want.activeAfter);
        expect(active(after)).toBeGreaterThan(active(res));
        expect((s as Suggestion).resultingTargets).toBeGreaterThanOrEqual(1);
        const again = diagnose(edited!, after, { verify: false, runOptions: opts });
        expect(again.some((x) => x.kind === c.expect.kind && names(x).includes(c.expect.object)), summary(again)).toBe(false);
      });
    }
  }
});
