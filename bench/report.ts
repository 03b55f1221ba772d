// What the bench scripts share: the figure-and-goal line they print, units, and the peak-memory probe.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const MiB = 1024 * 1024;
export const GiB = 1024 * 1024 * 1024;

/** The median of `n` runs of `f`, each after a full collection (run with --expose-gc), and the last value: what a
 * ratio is computed from, so that no run pays for the garbage of the one before (back to back, JSON.parse of one dump
 * read anywhere from 470 to 890 ms). */
export function median<T>(f: () => T, n = 5): { ms: number; value: T } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  const ms: number[] = [];
  let value!: T;
  for (let i = 0; i < n; i++) {
    gc();
    const t0 = performance.now();
    value = f();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { ms: ms[n >> 1] as number, value };
}

/** One measured figure, next to its goal when it has one. */
export function line(name: string, value: string, goal = ''): void {
  console.log(`${name.padEnd(52)} ${value.padStart(16)}${goal ? '   goal: ' + goal : ''}`);
}

/** Peak memory of one end-to-end run in a fresh process that reads the dump from a file (bench/memory.ts). */
export function peakMemory(pods: number, format: 'json' | 'yaml', text: string): { maxRssBytes: number; targets: number } {
  const dir = mkdtempSync(join(tmpdir(), 'ksd-bench-'));
  const file = join(dir, `dump.${format}`);
  try {
    writeFileSync(file, text);
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/memory.ts', String(pods), format, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
    return JSON.parse(out.trim().split('\n').pop() as string) as { maxRssBytes: number; targets: number };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
