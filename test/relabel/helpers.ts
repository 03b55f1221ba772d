// Shared helpers: rules are always written as YAML and parsed through parseRelabelConfigs,
// so every table also exercises the config path the real app uses.
import { LineCounter, parseDocument } from 'yaml';
import { parseRelabelConfigs, type RelabelParseOptions } from '../../src/engine/config/relabel-config.ts';
import type { Diagnostic } from '../../src/engine/diagnostics.ts';
import type { Labels } from '../../src/engine/labels.ts';
import { prometheus242, prometheus314 } from '../../src/engine/profiles/prometheus.ts';
import type { Profile } from '../../src/engine/profiles/types.ts';
import { applyRelabel } from '../../src/engine/relabel/apply.ts';
import type { RelabelResult, RelabelRule } from '../../src/engine/relabel/types.ts';

export const P3 = prometheus314;
export const P2 = prometheus242;
export const BOTH: [string, Profile][] = [
  ['3.14', P3],
  ['2.42', P2],
];

export function parse(yamlText: string, profile: Profile, opts?: RelabelParseOptions): { rules: RelabelRule[]; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { schema: 'failsafe', lineCounter, uniqueKeys: false });
  if (doc.errors.length) throw new Error(`test YAML does not parse: ${doc.errors[0]?.message}`);
  return parseRelabelConfigs(doc.contents, { file: 'test.yaml', lineCounter }, profile, opts);
}

/** Parses rules that must be valid. */
export function rules(yamlText: string, profile: Profile, opts?: RelabelParseOptions): RelabelRule[] {
  const r = parse(yamlText, profile, opts);
  if (r.diagnostics.length) throw new Error(`unexpected diagnostics: ${r.diagnostics.map((d) => d.message).join(' | ')}`);
  return r.rules;
}

export function run(input: Labels, yamlText: string, profile: Profile, opts?: RelabelParseOptions): RelabelResult {
  return applyRelabel(input, rules(yamlText, profile, opts), profile);
}

/** The first diagnostic's message, or '' when the config is valid. */
export function firstError(yamlText: string, profile: Profile, opts?: RelabelParseOptions): string {
  return parse(yamlText, profile, opts).diagnostics[0]?.message ?? '';
}
