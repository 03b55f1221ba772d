// Helpers for the vmagent tables: rules are written as YAML and parsed by the vmagent config parser, so every
// table also exercises the config path the app uses.
import { LineCounter, parseDocument } from 'yaml';
import { parseVmRelabelConfigs } from '../../src/engine/config/relabel-config-vmagent.ts';
import { VmReader } from '../../src/engine/config/vm-read.ts';
import type { Diagnostic } from '../../src/engine/diagnostics.ts';
import { run as runEngine, toApiTargets, type ApiTargets } from '../../src/engine/index.ts';
import type { Labels } from '../../src/engine/labels.ts';
import { vmagent150, vmagent179 } from '../../src/engine/profiles/vmagent.ts';
import type { Profile } from '../../src/engine/profiles/types.ts';
import type { RelabelResult, RelabelRule } from '../../src/engine/relabel/types.ts';
import { applyRelabelVm } from '../../src/engine/relabel/vmagent/index.ts';

export const V179 = vmagent179;
export const V150 = vmagent150;
export const BOTH: [string, Profile][] = [
  ['1.79', V179],
  ['1.150', V150],
];

export function parseRules(yamlText: string, profile: Profile): { rules: RelabelRule[]; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { schema: 'failsafe', lineCounter, uniqueKeys: false });
  if (doc.errors.length) throw new Error(`test YAML does not parse: ${doc.errors[0]?.message}`);
  const diagnostics: Diagnostic[] = [];
  const r = new VmReader({ file: 'test.yaml', lineCounter }, diagnostics, profile);
  const rules = parseVmRelabelConfigs(doc.contents, r, profile, { jobName: 'test', kind: 'relabel_configs' });
  return { rules, diagnostics };
}

export function rules(yamlText: string, profile: Profile): RelabelRule[] {
  const r = parseRules(yamlText, profile);
  const errs = r.diagnostics.filter((d) => d.severity === 'error');
  if (errs.length) throw new Error(`unexpected errors: ${errs.map((d) => d.message).join(' | ')}`);
  return r.rules;
}

/** Applies the rules; returns the labels (empty values removed) or null when the target is dropped. */
export function apply(input: Labels, yamlText: string, profile: Profile): Labels | null {
  const res: RelabelResult = applyRelabelVm(input, rules(yamlText, profile), profile);
  return res.dropped ? null : res.labels;
}

/** The first error message the config gives, '' when it loads. */
export function firstError(yamlText: string, profile: Profile): string {
  return parseRules(yamlText, profile).diagnostics.find((d) => d.severity === 'error')?.message ?? '';
}

/** Runs the engine on objects + a scrape config with a vmagent profile and renders the API view. */
export function engine(objects: string, config: string, profile: Profile): ApiTargets {
  return toApiTargets(runEngine([{ name: 'objects.yaml', text: objects }, { name: 'scrape.yaml', text: config }], { profile: profile.id }));
}
