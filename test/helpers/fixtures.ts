// Loads conformance fixtures and runs the engine on them the way the CLI does.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { run, toApiTargets, type ApiTargets, type ProfileId } from '../../src/engine/index.ts';

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

export function runFixture(name: string, profile: ProfileId): ApiTargets {
  // The fixtures are exactly what the API server served: nothing to simulate.
  return toApiTargets(run(fixtureFiles(name), { profile, simulate: false }));
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
