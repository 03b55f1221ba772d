// Loads conformance fixtures and runs the engine on them the way the CLI does.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiTargets, ProfileId } from '../../src/engine/index.ts';
import { runCli } from '../../src/cli/main.ts';
import { readInput } from '../../src/cli/node-io.ts';

export const FIXTURES = join(import.meta.dirname, '..', 'conformance', 'fixtures');

export function fixtureNames(): string[] {
  return readdirSync(FIXTURES)
    .filter((n) => existsSync(join(FIXTURES, n, 'objects.yaml')))
    .sort();
}

export function fixtureFiles(name: string): { name: string; text: string }[] {
  return ['objects.yaml', 'scrape.yaml'].map((f) => ({ name: `${name}/${f}`, text: readFileSync(join(FIXTURES, name, f), 'utf8') }));
}

export function expected(name: string, engine: 'prometheus' | 'prometheus3' | 'vmagent'): any {
  return JSON.parse(readFileSync(join(FIXTURES, name, 'expected', `${engine}.json`), 'utf8'));
}

/** What `npx ksd --engine PROFILE --format json FIXTURE_DIR` prints (the CLI function, in-process; cluster
 * simulation on, as by default: it must invent nothing over a fixture's objects). */
export function runFixture(name: string, profile: ProfileId): ApiTargets {
  let out = '';
  let err = '';
  const code = runCli(['--engine', profile, '--format', 'json', join(FIXTURES, name, 'objects.yaml'), join(FIXTURES, name, 'scrape.yaml')], {
    readInput,
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
  });
  if (code === 2) throw new Error(`ksd usage error: ${err}`);
  return JSON.parse(out) as ApiTargets;
}

/** Sorted canonical strings of a list of entries (multiset comparison). */
export function canon(list: unknown[]): string[] {
  return list.map((x) => JSON.stringify(sortDeep(x))).sort();
}

function sortDeep(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(sortDeep);
  if (x && typeof x === 'object') {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(x).sort()) o[k] = sortDeep((x as Record<string, unknown>)[k]);
    return o;
  }
  return x;
}
