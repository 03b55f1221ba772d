// Reads a case of test/operators/cases (input.yaml + expected.yaml with its comment header), runs the
// operator layer on it, and compares as the suite's README says (compare: full / kubernetes_sd_configs /
// converted-object), plus the selection outcome against the header's `skipped:` entries.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ingest } from '../../src/engine/ingest/ingest.ts';
import { convertServiceMonitor, converterConfig } from '../../src/engine/operators/converter.ts';
import { generateOperatorConfigs } from '../../src/engine/operators/generate.ts';
import type { GeneratedConfig, MonitorSelection } from '../../src/engine/operators/types.ts';

export const CASES_DIR = join(import.meta.dirname, 'cases');

export interface Case {
  operator: 'prometheus-operator' | 'victoriametrics-operator';
  name: string;
  dir: string;
  input: string;
  expectedText: string;
  header: Map<string, string[]>;
}

export function listCases(): Case[] {
  const out: Case[] = [];
  for (const operator of ['prometheus-operator', 'victoriametrics-operator'] as const) {
    const base = join(CASES_DIR, operator);
    for (const name of readdirSync(base).sort()) {
      const dir = join(base, name);
      if (!statSync(dir).isDirectory()) continue;
      const expectedText = readFileSync(join(dir, 'expected.yaml'), 'utf8');
      out.push({ operator, name, dir, input: readFileSync(join(dir, 'input.yaml'), 'utf8'), expectedText, header: parseHeader(expectedText) });
    }
  }
  return out;
}

/** `# key: value` lines with `#   continuation` lines; a key may repeat (skipped, note). */
function parseHeader(text: string): Map<string, string[]> {
  const h = new Map<string, string[]>();
  let last: { key: string; idx: number } | undefined;
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    const m = /^# ([a-z-]+): ?(.*)$/.exec(line);
    if (m) {
      const list = h.get(m[1] as string) ?? [];
      list.push(m[2] as string);
      h.set(m[1] as string, list);
      last = { key: m[1] as string, idx: list.length - 1 };
    } else if (last && /^#\s{2,}/.test(line)) {
      const list = h.get(last.key) as string[];
      list[last.idx] += ' ' + line.replace(/^#\s+/, '');
    }
  }
  return h;
}

export function runCase(c: Case) {
  const gates = (c.header.get('operator-gates') ?? []).join(' ');
  const env: Record<string, string> = {};
  for (const m of (c.header.get('operator-env') ?? []).join(' ').matchAll(/([A-Z_]+)=(\S+)/g)) env[m[1] as string] = m[2] as string;
  const test = (c.header.get('test') ?? []).join(' ');
  const { store, secretValues, diagnostics: ingestDiags } = ingest([{ name: 'input.yaml', text: c.input }]);
  const res = generateOperatorConfigs(store, secretValues, {
    revealSecrets: true,
    shardRetention: /PrometheusShardRetentionPolicy=on/.test(gates),
    // The vmscrapes unit goldens mount TLS assets under /tls (vmscrapes_test.go getAssetsCache).
    ...(test.includes('vmscrapes/') ? { vmTlsAssetsDir: '/tls' } : {}),
    vmOperatorEnv: env,
  });
  return { ...res, store, env, ingestDiags };
}

export function familyConfig(c: Case, configs: GeneratedConfig[]): GeneratedConfig | undefined {
  const family = c.operator === 'prometheus-operator' ? 'prometheus' : 'vmagent';
  return configs.find((g) => g.family === family);
}

/** Go zero values dropped, StringOrArray one-element lists as strings (converted-object compare). */
export function normalizeConverted(v: unknown, key?: string): unknown {
  if (Array.isArray(v)) {
    if (key === 'regex' && v.length === 1) return v[0];
    const a = v.map((x) => normalizeConverted(x)).filter((x) => x !== undefined);
    return a.length ? a : undefined;
  }
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const n = normalizeConverted(x, k);
      if (n !== undefined) o[k] = n;
    }
    return Object.keys(o).length ? o : undefined;
  }
  return v === null ? undefined : v;
}

export function convertedObject(c: Case, env: Record<string, string>): unknown {
  const { store } = ingest([{ name: 'input.yaml', text: c.input }]);
  const so = store.list('ServiceMonitor')[0];
  if (!so) throw new Error('no ServiceMonitor in input');
  return convertServiceMonitor(so.obj, converterConfig(env)).obj;
}

export const expectedData = (c: Case): Record<string, unknown> => parse(c.expectedText) as Record<string, unknown>;

// --- skipped: entries --------------------------------------------------------------------------------

interface SkipRef {
  kind?: string;
  namespace?: string;
  name?: string;
  all?: string;
  expect: 'rejected' | 'not-selected';
  text: string;
}

const KIND_RE = /\b(ServiceMonitor|PodMonitor|Probe|ScrapeConfig|VMServiceScrape|VMPodScrape|VMNodeScrape|VMStaticScrape|VMProbe|VMScrapeConfig)s?\b/;

export function skipRefs(c: Case): SkipRef[] {
  const out: SkipRef[] = [];
  for (const text of c.header.get('skipped') ?? []) {
    const colon = text.search(/: /);
    const subject = colon >= 0 ? text.slice(0, colon) : text;
    const reason = colon >= 0 ? text.slice(colon + 2) : '';
    const expect = /rejected|not found|not supported|prohibited|not a valid|invalid|missing|does not exist/i.test(reason) ? 'rejected' : 'not-selected';
    const kind = KIND_RE.exec(subject)?.[1];
    const all = /^all\b/i.test(subject) ? kind : undefined;
    if (all) {
      out.push({ all, expect, text });
      continue;
    }
    for (const m of subject.matchAll(/([a-z0-9-]+)\/([A-Za-z0-9.*-]+)/g)) out.push({ ...(kind ? { kind } : {}), namespace: m[1] as string, name: m[2] as string, expect, text });
  }
  return out;
}

const matches = (r: SkipRef, s: MonitorSelection) =>
  r.all ? s.monitor.kind === r.all : (!r.kind || r.kind === s.monitor.kind) && r.namespace === s.monitor.namespace && (r.name === '*' || r.name === s.monitor.name);

/** Problems found comparing our selection verdicts with the header (empty = agreement). */
export function selectionProblems(c: Case, selection: MonitorSelection[]): string[] {
  const family = c.operator === 'prometheus-operator' ? ['Prometheus', 'PrometheusAgent'] : ['VMAgent'];
  const mine = selection.filter((s) => family.includes(s.owner.kind));
  const refs = skipRefs(c);
  const problems: string[] = [];
  for (const r of refs) {
    const hit = mine.filter((s) => matches(r, s));
    if (!hit.length) problems.push(`skipped entry matches no monitor: ${r.text}`);
    for (const s of hit) if (s.outcome !== r.expect) problems.push(`${s.monitor.kind} ${s.monitor.namespace}/${s.monitor.name}: expected ${r.expect}, got ${s.outcome} (${s.reason ?? ''})`);
  }
  for (const s of mine) {
    if (s.outcome === 'selected') continue;
    if (!refs.some((r) => matches(r, s))) problems.push(`${s.monitor.kind} ${s.monitor.namespace}/${s.monitor.name} is ${s.outcome} but not listed as skipped (${s.reason ?? ''})`);
  }
  return problems;
}
