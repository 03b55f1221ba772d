// Real inputs the mutators start from: the conformance fixtures (objects + scrape config, with the real engines'
// targets), the operator cases (custom resources), the examples and the browser-test dump (a `kubectl get -o json`
// List). Read once per process, in a fixed order (seeds must mean the same input on every machine).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { InputFile } from '../../../src/engine/index.ts';

export interface CorpusEntry {
  /** `conformance/01-…`, `operators/prometheus-operator/…`, `examples/…`, `e2e/kubectl-get-all`. */
  id: string;
  files: InputFile[];
  /** Has a scrape config or operator objects and Kubernetes objects: its targets are worth comparing. */
  hasTargets: boolean;
}

const ROOT = join(import.meta.dirname, '..', '..', '..');
const read = (p: string) => readFileSync(p, 'utf8');
const dirs = (p: string) => (existsSync(p) ? readdirSync(p).filter((n) => statSync(join(p, n)).isDirectory()).sort() : []);

let cached: CorpusEntry[] | undefined;

export function corpus(): CorpusEntry[] {
  if (cached) return cached;
  const out: CorpusEntry[] = [];
  const conf = join(ROOT, 'test', 'conformance', 'fixtures');
  for (const name of dirs(conf)) {
    if (!existsSync(join(conf, name, 'objects.yaml')) || !existsSync(join(conf, name, 'scrape.yaml'))) continue;
    out.push({
      id: `conformance/${name}`,
      files: ['objects.yaml', 'scrape.yaml'].map((f) => ({ name: `${name}/${f}`, text: read(join(conf, name, f)) })),
      hasTargets: true,
    });
  }
  const ops = join(ROOT, 'test', 'operators', 'cases');
  for (const op of dirs(ops)) {
    for (const name of dirs(join(ops, op))) {
      const p = join(ops, op, name, 'input.yaml');
      if (existsSync(p)) out.push({ id: `operators/${op}/${name}`, files: [{ name: `${name}/input.yaml`, text: read(p) }], hasTargets: false });
    }
  }
  const ex = join(ROOT, 'examples');
  for (const name of dirs(ex)) {
    const files = readdirSync(join(ex, name))
      .filter((f) => /\.(ya?ml|json)$/.test(f))
      .sort()
      .map((f) => ({ name: `${name}/${f}`, text: read(join(ex, name, f)) }));
    if (files.length) out.push({ id: `examples/${name}`, files, hasTargets: true });
  }
  const e2e = join(ROOT, 'test', 'e2e', 'fixtures');
  if (existsSync(join(e2e, 'kubectl-get-all.json')) && existsSync(join(e2e, 'prometheus.yml'))) {
    out.push({
      id: 'e2e/kubectl-get-all',
      files: ['kubectl-get-all.json', 'prometheus.yml'].map((f) => ({ name: f, text: read(join(e2e, f)) })),
      hasTargets: true,
    });
  }
  cached = out;
  return out;
}

/** The conformance fixtures only (each has objects.yaml + scrape.yaml). */
export function conformanceEntries(): CorpusEntry[] {
  return corpus().filter((e) => e.id.startsWith('conformance/'));
}
