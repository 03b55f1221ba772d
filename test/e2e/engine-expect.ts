// What the page must show, computed here by running the engine itself on the same input (never
// hard-coded numbers: as the engine grows, the expectations grow with it).
import { getProfile, run, type InputFile, type RunOptions, type Target } from '../../src/engine/index.ts';
import type { ProfileChoice, WhatIf } from '../../src/worker/protocol.ts';
import { decideProfile } from '../../src/worker/profile-choice.ts';
import type { RenderedRow } from './browser.ts';

export interface ExpectedRow {
  job: string;
  main: string;
  chips: string[];
  /** Substrings the row's reason must contain. */
  reasonParts: string[];
}

export interface Expected {
  active: ExpectedRow[];
  dropped: ExpectedRow[];
  failed: ExpectedRow[];
  jobs: number;
  profile: string;
}

function chips(t: Target): string[] {
  const l = t.labels ?? {};
  return Object.keys(l)
    .sort()
    .map((k) => `${k}=${JSON.stringify(l[k])}`);
}

function address(t: Target): string {
  return t.discoveredLabels.__address__ ?? '(no address)';
}

function reasonParts(t: Target): string[] {
  const r = t.reason;
  if (!r) return [];
  if (r.kind === 'relabel') return [`rule ${r.rule.index}`, r.rule.summary];
  if (r.kind === 'duplicate') return [r.note];
  return [t.error ?? r.message];
}

/** The engine's options for what the page runs: the profile it decides on, and the what-if knobs. */
export function runOptionsFor(files: InputFile[], choice: ProfileChoice, whatIf?: WhatIf[]): RunOptions {
  const decision = decideProfile(files, choice, (id) => getProfile(id) !== undefined);
  const opts: RunOptions = {};
  if (decision.profile) opts.profile = decision.profile;
  if (whatIf?.length) opts.whatIf = whatIf;
  return opts;
}

export function expectedFor(files: InputFile[], choice: ProfileChoice, whatIf?: WhatIf[]): Expected {
  const res = run(files, runOptionsFor(files, choice, whatIf));
  const out: Expected = { active: [], dropped: [], failed: [], jobs: res.jobs.length, profile: res.profile };
  for (const j of res.jobs) {
    for (const t of j.active) out.active.push({ job: t.job, main: t.scrapeUrl ?? '', chips: chips(t), reasonParts: [] });
    for (const t of [...j.dropped, ...j.duplicates]) out.dropped.push({ job: t.job, main: address(t), chips: [], reasonParts: reasonParts(t) });
    for (const t of j.failed) out.failed.push({ job: t.job, main: address(t), chips: [], reasonParts: reasonParts(t) });
  }
  return out;
}

const key = (r: { job: string; main: string; chips: string[] }) => JSON.stringify([r.job, r.main, r.chips]);

/** Rendered rows vs expected rows, as multisets; returns a list of differences (empty = equal). */
export function compareRows(rendered: RenderedRow[], expected: ExpectedRow[]): string[] {
  const diffs: string[] = [];
  const a = [...rendered].sort((x, y) => key(x).localeCompare(key(y)));
  const b = [...expected].sort((x, y) => key(x).localeCompare(key(y)));
  if (a.length !== b.length) diffs.push(`rendered ${a.length} rows, engine has ${b.length}`);
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const r = a[i]!;
    const e = b[i]!;
    if (key(r) !== key(e)) diffs.push(`row ${i}: rendered ${key(r)} vs engine ${key(e)}`);
    for (const part of e.reasonParts) if (!r.reason.includes(part)) diffs.push(`row ${i} (${e.main}): reason "${r.reason}" lacks "${part}"`);
  }
  return diffs;
}
