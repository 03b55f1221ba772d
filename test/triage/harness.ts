// Loads the triage catalog: one folder per real-world report, holding the input files and case.json with
// the expected diagnosis (reason kind, an object it names, the line of the field to change) and, where
// there is one, the suggested change and how many active targets the input has once it is applied.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnosis, InputFile, ProfileId, RunOptions } from './types.ts';

export const CASES = join(import.meta.dirname, 'cases');

export interface TriageCase {
  name: string;
  title: string;
  sources: string[];
  /** Profiles to run the case with; absent = each scraper's family default. */
  profiles?: ProfileId[];
  runOptions?: RunOptions;
  expect: {
    kind: Diagnosis['kind'];
    /** `Kind namespace/name` (or `Kind name`) of an object the diagnosis names. */
    object: string;
    location: { file: string; line: number };
    /** null: no edit can fix it (runtime state); absent: not checked. */
    suggestion?: { snippet: string; activeAfter: number } | null;
  };
  files: InputFile[];
}

export function loadCases(): TriageCase[] {
  return readdirSync(CASES)
    .sort()
    .map((name) => {
      const dir = join(CASES, name);
      const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as Omit<TriageCase, 'name' | 'files'>;
      const files = readdirSync(dir)
        .filter((f) => /\.(ya?ml|json)$/.test(f) && f !== 'case.json')
        .sort()
        .map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') }));
      return { ...spec, name, files };
    });
}

export const objName = (o: { kind: string; namespace?: string | undefined; name: string }): string => `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;

export const names = (d: Diagnosis): string[] => d.objects.map(objName);

/** One line per diagnosis, for assertion messages. */
export function summary(ds: Diagnosis[]): string {
  return ds.map((d) => `${d.kind} @${d.location ? `${d.location.file}:${d.location.line}` : '-'} [${names(d).join(', ')}] ${d.sentence}`).join('\n');
}
