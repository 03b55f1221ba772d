// The shipped examples, read from the file system the way the gallery reads them at build time.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { makeExample, type Example } from '../../src/ui/examples/meta.ts';

export const EXAMPLES_DIR = join(import.meta.dirname, '..', '..', 'examples');

export function loadExamples(): Example[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((d) => statSync(join(EXAMPLES_DIR, d)).isDirectory())
    .sort()
    .map((id) =>
      makeExample(
        id,
        readdirSync(join(EXAMPLES_DIR, id))
          .filter((f) => statSync(join(EXAMPLES_DIR, id, f)).isFile())
          .map((f) => ({ name: f, text: readFileSync(join(EXAMPLES_DIR, id, f), 'utf8') })),
      ),
    );
}

/** The shipped example whose id starts with `prefix` (e.g. '01-'); throws when there is none. */
export function exampleByPrefix(prefix: string, examples: Example[] = loadExamples()): Example {
  const e = examples.find((x) => x.id.startsWith(prefix));
  if (!e) throw new Error(`no example ${prefix}`);
  return e;
}
