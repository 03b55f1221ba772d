// The whole tree type-checks (strict), and the engine type-checks without DOM or Node
// types — the engine must run in a Web Worker, the CLI and tests alike.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

function tscErrors(project: string): string {
  try {
    execFileSync(process.execPath, [tsc, '-p', project, '--noEmit'], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (e: any) {
    return String(e.stdout ?? '') + String(e.stderr ?? '');
  }
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('project', () => {
  it('type-checks in strict mode', () => expect(tscErrors('tsconfig.json')).toBe(''));
  it('engine type-checks with no DOM and no Node types', () => expect(tscErrors('src/engine/tsconfig.json')).toBe(''));
  it('engine imports nothing from Node, the DOM, React or the UI', () => {
    const bad: string[] = [];
    for (const f of files(join(root, 'src', 'engine')).filter((p) => p.endsWith('.ts'))) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/from\s+['"]([^'"]+)['"]/g)) {
        const spec = m[1]!;
        if (spec.startsWith('node:') || ['fs', 'path', 'react', 'react-dom', 'zustand', 'monaco-editor'].includes(spec) || spec.includes('/ui/') || spec.includes('/cli/') || spec.includes('/worker/')) {
          bad.push(`${f}: ${spec}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
});
