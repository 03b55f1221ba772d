// `ksd --explain` prints the diagnoses; `ksd --expect MATCHER [--expect-count N]` turns them into an exit
// code for CI pipelines that guard their monitoring config.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src/cli/main.ts';
import { readInput } from '../../src/cli/node-io.ts';

const CASES = join(import.meta.dirname, '..', 'triage', 'cases');
const founding = join(CASES, '01-vm-founding-targetport-not-declared');
const fixed = join(import.meta.dirname, '..', '..', 'examples', '02-founding-fix-declare-port');

function cli(argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const io: CliIo = { readInput, stdout: (t) => (out += t), stderr: (t) => (err += t) };
  return { code: runCli(argv, io), out, err };
}

describe('ksd --explain / --expect', () => {
  it('--explain prints the reason, the field to change (file:line:col) and the verified edit', () => {
    const r = cli(['--explain', founding]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/== Why not\? \(1 diagnosis\)/);
    expect(r.out).toMatch(/error target-port-number-not-declared {2}\S*input\.yaml:48:9 {2}Deployment default\/audit spec\.template\.spec\.containers\[0\]\.ports/);
    expect(r.out).toMatch(/see: VMServiceScrape default\/audit endpoints\[0\]\.targetPort: 10299 at \S*input\.yaml:12:17/);
    expect(r.out).toMatch(/fix \(verified: 1 target\): declare containerPort 10299 in container audit of Deployment default\/audit/);
    expect(r.out).toContain('        |         - containerPort: 10299');
  });

  it('--explain with --format json adds the diagnoses to the JSON document', () => {
    const r = cli(['--explain', '--format', 'json', founding]);
    const j = JSON.parse(r.out);
    expect(j.diagnoses[0].kind).toBe('target-port-number-not-declared');
    expect(j.activeTargets).toEqual([]);
  });

  it('--expect fails (exit 3) and explains on stderr when no active target matches', () => {
    const r = cli(['--expect', 'job=audit', '--expect-count', '1', founding]);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/expectation failed: 0 active targets match \{job="audit"\}, want 1/);
    expect(r.err).toMatch(/target-port-number-not-declared/);
  });

  it('--expect passes once the port is declared', () => {
    expect(cli(['--expect', 'job=audit', fixed]).code).toBe(0);
    expect(cli(['--expect', 'job=audit', '--expect-count', '1', fixed]).code).toBe(0);
    expect(cli(['--expect', 'job=audit', '--expect-count', '2', fixed]).code).toBe(3);
  });

  it('matchers: =, !=, =~, !~ (anchored), all must match', () => {
    expect(cli(['--expect', 'job=~aud.*', '--expect', 'namespace!=kube-system', fixed]).code).toBe(0);
    expect(cli(['--expect', 'job=~aud', fixed]).code).toBe(3);
    expect(cli(['--expect', 'job!~audit', fixed]).code).toBe(3);
    expect(cli(['--expect', 'job=audit', '--expect', 'namespace=other', fixed]).code).toBe(3);
  });

  it('usage errors exit 2', () => {
    expect(cli(['--expect', 'not a matcher', fixed]).code).toBe(2);
    expect(cli(['--expect', 'job=~(', fixed]).code).toBe(2);
    expect(cli(['--expect-count', '1', fixed]).code).toBe(2);
    expect(cli(['--expect', 'job=a', '--expect-count', 'x', fixed]).code).toBe(2);
  });
});
