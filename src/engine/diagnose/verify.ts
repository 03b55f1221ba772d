// Verification: a suggestion is only called "verified" when the whole pipeline, re-run on the input with
// the suggested text edits applied, produces the target it promised. When the first fix only moves the
// target one link further down the chain (a monitor now selected, but its port still wrong), the next
// diagnosis of the edited input is folded in, up to MAX_CHAIN links, so the user gets one change that works.
import type { InputFile } from '../ingest/documents.ts';
import type { Pod } from '../ingest/kinds.ts';
import { run, type RunResult } from '../run.ts';
import { podSource, type Ctx, type Expectation, type Offer } from './context.ts';
import { applyEdits, posAt, rebaseEdits } from './fix.ts';
import type { Diagnosis, Suggestion, TextEdit } from './types.ts';

/** How many links of the chain one suggestion may grow by. */
const MAX_CHAIN = 3;
/** Pipeline re-runs per diagnose() call (each is a full run). */
export const DEFAULT_RUN_BUDGET = 40;

/** What an edited input still lacks for the expectation: its next suggestions and the reasons left
 * (diagnose without verification). */
export type NextSuggestions = (files: InputFile[], result: RunResult, expect: Expectation) => { suggestions: Suggestion[]; remaining: Diagnosis[] };

/** Active targets of `r` that meet the expectation. */
export function countExpected(r: RunResult, e: Expectation): number {
  const inst = r.instances.find((i) => i.name === e.instance);
  if (!inst) return 0;
  let n = 0;
  for (const jt of inst.jobs) {
    const cfg = inst.config?.scrapeConfigs.find((j) => j.jobName === jt.job);
    if (e.job !== undefined && jt.job !== e.job && !(e.monitor && fromMonitor(cfg?.generatedFrom, e.monitor))) continue;
    if (e.job === undefined && e.monitor && !fromMonitor(cfg?.generatedFrom, e.monitor)) continue;
    for (const t of jt.active) {
      const l = t.discoveredLabels;
      if (e.services && !e.services.includes(`${l.__meta_kubernetes_namespace}/${l.__meta_kubernetes_service_name}`)) continue;
      if (e.podOwners) {
        const pod = r.store.get<Pod>('Pod', l.__meta_kubernetes_namespace, l.__meta_kubernetes_pod_name ?? '');
        const src = pod && podSource(r.store, pod);
        if (!src || !e.podOwners.includes(src.desc)) continue;
      }
      if (e.port !== undefined && !(t.labels?.instance ?? '').endsWith(`:${e.port}`) && !(t.scrapeUrl ?? '').includes(`:${e.port}/`)) continue;
      n++;
    }
  }
  return n;
}

const CONVERTED: Record<string, string> = { ServiceMonitor: 'VMServiceScrape', PodMonitor: 'VMPodScrape', Probe: 'VMProbe', ScrapeConfig: 'VMScrapeConfig' };

function fromMonitor(g: { kind: string; namespace?: string; name: string } | undefined, m: { kind: string; namespace: string; name: string }): boolean {
  if (!g || g.name !== m.name || (g.namespace ?? '') !== m.namespace) return false;
  return g.kind === m.kind || CONVERTED[m.kind] === g.kind || CONVERTED[g.kind] === m.kind;
}

const errors = (r: RunResult): number => r.diagnostics.filter((d) => d.severity === 'error').length;

/** Verifies every offered suggestion (within the run budget), growing it along the chain when needed. */
export function verifyOffers(ctx: Ctx, next: NextSuggestions, budget = ctx.opts.maxRuns ?? DEFAULT_RUN_BUDGET): void {
  const baseErrors = errors(ctx.result);
  let runs = 0;
  const cache = new Map<string, RunResult | undefined>();
  const runEdited = (edits: TextEdit[]): { files: InputFile[]; result: RunResult } | undefined => {
    const files = applyEdits(ctx.files, edits);
    if (!files) return undefined;
    const key = JSON.stringify(edits.map((e) => [e.file, e.offset, e.length, e.text]).sort());
    if (!cache.has(key)) {
      if (runs >= budget) return undefined;
      runs++;
      let result: RunResult | undefined;
      try {
        result = run(files, ctx.opts.runOptions ?? {});
      } catch {
        result = undefined; // an engine bug must not take the diagnosis down with it
      }
      cache.set(key, result);
    }
    const result = cache.get(key);
    return result ? { files, result } : undefined;
  };

  for (const o of ctx.offers) verifyOne(ctx, o, runEdited, next, baseErrors);
  // A verified change goes first.
  for (const d of new Set(ctx.offers.map((o) => o.diagnosis))) {
    if (!d.suggestion || d.suggestion.verified || !d.alternatives) continue;
    const i = d.alternatives.findIndex((a) => a.verified);
    if (i < 0) continue;
    const v = d.alternatives[i] as Suggestion;
    d.alternatives[i] = d.suggestion;
    d.suggestion = v;
  }
}

function verifyOne(
  ctx: Ctx,
  o: Offer,
  runEdited: (edits: TextEdit[]) => { files: InputFile[]; result: RunResult } | undefined,
  next: NextSuggestions,
  baseErrors: number,
): void {
  const s = o.suggestion;
  let edits = s.edits;
  const descriptions = [s.description];
  for (let link = 0; link < MAX_CHAIN; link++) {
    const r = runEdited(edits);
    if (!r) return;
    const n = countExpected(r.result, o.expect);
    if (n > 0 && errors(r.result) <= baseErrors) {
      s.verified = true;
      s.resultingTargets = n;
      if (edits !== s.edits) {
        s.edits = edits.map((e) => withPos(ctx.files, e));
        s.description = descriptions.join('; then ');
      }
      return;
    }
    if (link === 0) s.resultingTargets = n;
    // The change helped or not: see what the edited input still lacks and fold that fix in.
    const left = next(r.files, r.result, o.expect);
    const more = left.suggestions.find((x) => x.edits.length);
    if (!more) {
      const first = left.remaining[0];
      if (first) s.afterChange = `${descriptions.length > 1 ? `after ${descriptions.join('; then ')}` : 'after this change'}, ${first.sentence}`;
      return;
    }
    const merged = rebaseEdits(edits, more.edits);
    if (!merged) return;
    edits = merged;
    descriptions.push(more.description);
  }
}

function withPos(files: InputFile[], e: TextEdit): TextEdit {
  const f = files.find((x) => x.name === e.file);
  if (!f) return e;
  const p = posAt(f.text, e.offset, e.file);
  return { ...e, line: p.line, col: p.col };
}
