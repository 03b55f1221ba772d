// What the engine refuses to read, and why. Every limit has a name; the INPUT_TOO_LARGE
// diagnostic that refuses an input quotes it, with the value in force, and points at the
// file (line 1 for a whole file, the offending node otherwise). Nothing here throws.
//
// The defaults leave room for the largest inputs the playground is built for (a 50k-pod
// cluster dump is ~110 MiB of JSON; see bench/) and stop the inputs that would hang or
// exhaust the page long before the rest of the pipeline sees them:
//   * maxFileSize / maxTotalSize — text past these is not parsed at all. Sizes are string
//     lengths (UTF-16 code units), which for the ASCII text of manifests is bytes; measuring
//     UTF-8 bytes would cost a pass over 100 MiB for no benefit.
//   * maxNodes — one YAML document whose aliases expand to more nodes than this is a
//     "billion laughs" document (10 levels of 10 aliases = 10^10 nodes from 300 bytes).
//   * maxAliasNodesTotal — the same budget for the whole input: a thousand documents that
//     each stay under maxNodes would still multiply a 100 KiB file into 10^8 nodes.
//   * maxDepth — maps and lists nested deeper than this (in the text, or through alias
//     chains) are refused before anything recursive walks them. The `yaml` composer and
//     every tree walker here recurse; near the end of the stack V8 can abort the whole
//     process while compiling a regex (a fatal "RegExpCompiler Allocation failed", not a
//     catchable RangeError — seen at ~1000 levels under Node 20), so the limit stays far
//     below the stack (≈1 KiB per level in the composer) and far above real objects (a
//     CustomResourceDefinition's schema nests ~60 levels).
import { diag, type Diagnostic, type SourceRange } from '../diagnostics.ts';

/** Limits one parse (one file) applies to each of its documents */
export interface ParseLimits {
  /** Largest number of YAML nodes produced through alias expansion in one YAML document */
  maxNodes: number;
  /** Deepest nesting of maps and lists per document (unset: no limit). */
  maxDepth?: number;
}

export interface InputLimits extends ParseLimits {
  /** Largest file, in characters. */
  maxFileSize: number;
  /** Largest input (every file read), in characters. */
  maxTotalSize: number;
  /** Largest number of alias-expanded YAML nodes in the whole input. */
  maxAliasNodesTotal: number;
  maxDepth: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_INPUT_LIMITS: Readonly<InputLimits> = Object.freeze({
  maxFileSize: 128 * MiB,
  maxTotalSize: 256 * MiB,
  maxNodes: 100_000,
  maxAliasNodesTotal: 1_000_000,
  maxDepth: 256,
});

export const DEFAULT_PARSE_LIMITS: Readonly<ParseLimits> = Object.freeze({ maxNodes: DEFAULT_INPUT_LIMITS.maxNodes, maxDepth: DEFAULT_INPUT_LIMITS.maxDepth });

export type LimitName = 'maxFileSize' | 'maxTotalSize' | 'maxNodes' | 'maxAliasNodesTotal' | 'maxDepth';

/** Alias-expanded nodes the rest of the input may still produce (shared by every document of every file). */
export interface AliasBudget {
  left: number;
  readonly max: number;
}

export function aliasBudget(limits: Pick<InputLimits, 'maxAliasNodesTotal'>): AliasBudget {
  return { left: limits.maxAliasNodesTotal, max: limits.maxAliasNodesTotal };
}

/** `1.5 KiB`, `128 MiB`: sizes the way people read them. */
export function formatSize(chars: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let v = chars;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const text = u === 0 || Number.isInteger(v) ? String(v) : v.toFixed(1).replace(/\.0$/, '');
  return `${text} ${units[u]}`;
}

const START = (file: string): SourceRange => ({ file, line: 1, col: 1, offset: 0 });

/** A file over maxFileSize: not parsed. */
export function fileTooLarge(file: string, size: number, limits: Pick<InputLimits, 'maxFileSize'>): Diagnostic {
  return diag(
    'INPUT_TOO_LARGE',
    'error',
    `${file} is ${formatSize(size)}, over the per-file limit maxFileSize = ${formatSize(limits.maxFileSize)}; the file was not read`,
    START(file),
    ['split it into several files, or keep only the namespaces and kinds the scrape config discovers'],
  );
}

/** A file that would bring the input past maxTotalSize: not parsed (the files before it were read). */
export function totalTooLarge(file: string, size: number, readSoFar: number, limits: Pick<InputLimits, 'maxTotalSize'>): Diagnostic {
  return diag(
    'INPUT_TOO_LARGE',
    'error',
    `${file} (${formatSize(size)}) would bring the input to ${formatSize(readSoFar + size)}, over the total limit maxTotalSize = ${formatSize(limits.maxTotalSize)}; the file was not read`,
    START(file),
    [`${formatSize(readSoFar)} of input was read before it`],
  );
}

/** A document refused by one of the per-document limits (alias expansion or nesting). */
export function documentTooLarge(
  index: number,
  limit: 'maxNodes' | 'maxAliasNodesTotal' | 'maxDepth',
  limits: ParseLimits & Partial<Pick<InputLimits, 'maxAliasNodesTotal'>>,
  pos: SourceRange,
): Diagnostic {
  const doc = `document ${index + 1}`;
  const message =
    limit === 'maxNodes'
      ? `${doc} expands to more than maxNodes = ${limits.maxNodes} nodes through aliases (a "billion laughs" document?); skipped`
      : limit === 'maxAliasNodesTotal'
        ? `${doc}: the input's aliases expand to more than maxAliasNodesTotal = ${limits.maxAliasNodesTotal} nodes in all; skipped`
        : `${doc} nests maps and lists more than maxDepth = ${limits.maxDepth} levels deep; skipped`;
  return diag('INPUT_TOO_LARGE', 'error', message, pos);
}
