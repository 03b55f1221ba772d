// The fuzz properties, each with a name, a default number of runs for `npm test` and a check. The vitest files and
// scripts/fuzz-long.ts run the same properties; only the budget (runs × seeds) differs.
//
// Seeds: `npm test` is deterministic — each property runs from a fixed seed (derived from its name) unless FUZZ_SEED
// is set; FUZZ_RUNS_SCALE multiplies every budget. A failure message carries the seed and the fast-check path
// (replay with FUZZ_SEED=… FUZZ_PATH=…) and the shrunk input as a regression case to save under
// test/fuzz/regressions/.
import fc from 'fast-check';
import type { InputFile, RunOptions } from '../../../src/engine/index.ts';
import { generatedInput, kubeObject, layOut, operatorObject, runOptions, scrapeConfig } from './arbitraries.ts';
import { conformanceEntries, corpus, type CorpusEntry } from './corpus.ts';
import { checkRun, InvariantViolation, targetsFingerprint } from './invariants.ts';
import { BROKEN_JSON, brokenYamlDoc, placement, refusedAlone, withBroken, type Placement } from './isolation.ts';
import { applyTextMutation, applyTreeMutation, textMutation, treeMutation } from './mutate.ts';

export interface Case {
  files: InputFile[];
  opts?: RunOptions;
  /** For isolation cases: the input without the broken document. */
  base?: InputFile[];
  /** Where the case came from (corpus entry id, generator). */
  from: string;
}

export interface FuzzProperty {
  name: string;
  /** Runs per seed in `npm test`. */
  runs: number;
  arbitrary: fc.Arbitrary<Case>;
  check: (c: Case) => void;
}

/** Inputs that hit a known open bug whose symptom is unbounded work rather than a wrong result (regressions/open-*.json,
 * "bounded-output"): skipped, or one such input would stall a whole run. Each goes when its bug is fixed. */
const KNOWN_OPEN_INPUTS: { id: string; re: RegExp }[] = [
];
export const knownOpenInput = (c: Case): boolean => c.files.some((f) => KNOWN_OPEN_INPUTS.some((k) => k.re.test(f.text)));

/** Properties 1–3 of invariants.ts. */
const invariants = (c: Case) => void checkRun(c.files, c.opts ?? {});

const baseCache = new Map<string, string>();

/** Isolation: the broken document must not change the targets of the rest. */
function isolation(c: Case): void {
  const base = c.base as InputFile[];
  const key = JSON.stringify([base, c.opts ?? {}]);
  let want = baseCache.get(key);
  if (want === undefined) {
    want = targetsFingerprint(checkRun(base, c.opts ?? {}));
    baseCache.set(key, want);
  }
  const got = targetsFingerprint(checkRun(c.files, c.opts ?? {}));
  if (got !== want) throw new InvariantViolation('isolation', `a broken document changed the targets of ${c.from}:\nwant ${want.slice(0, 600)}\ngot  ${got.slice(0, 600)}`);
}

const entryIndex = fc.nat();
const pickEntry = (entries: CorpusEntry[], i: number) => entries[i % entries.length] as CorpusEntry;

const brokenJson = fc.oneof(fc.constantFrom(...BROKEN_JSON), fc.string({ maxLength: 30 }).map((s) => `{"kind": "Pod", ${s}`).filter((t) => refusedAlone(t, 'b.json')));

export const PROPERTIES: FuzzProperty[] = [
  {
    name: 'generated-inputs',
    runs: 500,
    arbitrary: generatedInput.map((g) => ({ files: g.files, opts: g.opts, from: 'generated' })),
    check: invariants,
  },
  {
    name: 'text-mutations',
    runs: 1000,
    arbitrary: textMutation.map((m) => {
      const r = applyTextMutation(m);
      return { files: r.files, from: `text-mutation of ${r.id}` };
    }),
    check: invariants,
  },
  {
    name: 'tree-mutations',
    runs: 500,
    arbitrary: fc.tuple(treeMutation, fc.option(runOptions, { nil: undefined, freq: 3 })).map(([m, opts]) => {
      const r = applyTreeMutation(m);
      return { files: r.files, ...(opts ? { opts } : {}), from: `tree-mutation of ${r.id}` };
    }),
    check: invariants,
  },
  {
    name: 'mixtures',
    runs: 150,
    // Several corpus entries at once (objects of one, config of another, operator objects of a third), plus
    // generated objects, under random run options.
    arbitrary: fc
      .record({
        entries: fc.array(entryIndex, { minLength: 2, maxLength: 3 }),
        extra: fc.array(fc.oneof(kubeObject, operatorObject), { maxLength: 3 }),
        config: fc.option(scrapeConfig, { nil: undefined, freq: 4 }),
        opts: runOptions,
      })
      .map(({ entries, extra, config, opts }) => {
        const all = corpus();
        const files: InputFile[] = [];
        const ids: string[] = [];
        entries.forEach((i, n) => {
          const e = pickEntry(all, i);
          ids.push(e.id);
          for (const f of e.files) files.push({ name: `m${n}/${f.name}`, text: f.text });
        });
        files.push(...layOut(extra, config, 'yaml-docs').map((f) => ({ name: `gen/${f.name}`, text: f.text })));
        return { files, opts, from: `mixture of ${ids.join(', ')}` };
      }),
    check: invariants,
  },
  {
    name: 'isolation',
    runs: 250,
    arbitrary: fc.record({ entry: entryIndex, yaml: brokenYamlDoc, json: brokenJson, where: placement }).map(({ entry, yaml, json, where }) => {
      const e = pickEntry(
        corpus().filter((x) => x.hasTargets),
        entry,
      );
      return { files: withBroken(e, { yaml, json }, where as Placement), base: e.files, from: `${e.id} with a broken document (${where.at})` };
    }),
    check: isolation,
  },
];

/** A fixed seed per property (FNV-1a of its name), so `npm test` always runs the same inputs. */
export function defaultSeed(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h | 0;
}

function envNumber(name: string): number | undefined {
  const v = typeof process !== 'undefined' ? process.env[name] : undefined;
  return v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined;
}

export interface Outcome {
  property: string;
  seed: number;
  runs: number;
  failed: boolean;
  /** fast-check's report (seed, path, shrunk counterexample, error). */
  report?: string;
  /** The shrunk failing case, ready to be saved as a regression (regressions/README.md). */
  regression?: unknown;
}

/** Runs one property with a seed and a budget. Never throws; the outcome says what happened. */
/** `onInput`: called with every input before it runs (the long run leaves a breadcrumb, for crashes no test can catch). */
export function runProperty(p: FuzzProperty, opts: { seed?: number; runs?: number; path?: string; onInput?: (c: Case) => void } = {}): Outcome {
  const seed = opts.seed ?? envNumber('FUZZ_SEED') ?? defaultSeed(p.name);
  const runs = opts.runs ?? Math.max(1, Math.round(p.runs * (envNumber('FUZZ_RUNS_SCALE') ?? 1)));
  const path = opts.path ?? (typeof process !== 'undefined' ? process.env.FUZZ_PATH || undefined : undefined);
  const details = fc.check(
    fc.property(p.arbitrary, (c) => {
      fc.pre(!knownOpenInput(c));
      opts.onInput?.(c);
      p.check(c);
    }),
    { seed, numRuns: runs, endOnFailure: false, ...(path ? { path } : {}) },
  );
  if (!details.failed) return { property: p.name, seed, runs, failed: false };
  const c = details.counterexample?.[0] as Case | undefined;
  const regression = c
    ? {
        id: `${p.name}-${(seed >>> 0).toString(16)}`,
        found: { property: p.name, seed, path: details.counterexamplePath, fastCheck: '4.10.2' },
        status: 'open',
        expect: p.name === 'isolation' ? 'isolation' : 'invariants',
        from: c.from,
        ...(c.opts ? { options: c.opts } : {}),
        ...(c.base ? { base: c.base } : {}),
        files: c.files,
      }
    : undefined;
  const err = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  const report = [
    `property ${p.name} failed after ${details.numRuns} run(s): seed ${seed}, path ${details.counterexamplePath} (replay: FUZZ_SEED=${seed} FUZZ_PATH=${details.counterexamplePath})`,
    err.slice(0, 4000),
    `shrunk input (save as test/fuzz/regressions/<id>.json):\n${JSON.stringify(regression, null, 2)?.slice(0, 20_000)}`,
  ].join('\n');
  return { property: p.name, seed, runs, failed: true, report, regression };
}

export { conformanceEntries };
