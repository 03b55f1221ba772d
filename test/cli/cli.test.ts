import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src/cli/main.ts';
import { readInput } from '../../src/cli/node-io.ts';
import { FIXTURES, expected } from '../helpers/fixtures.ts';

const root = join(import.meta.dirname, '..', '..');

function cli(argv: string[], files: Record<string, string> = {}): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const io: CliIo = {
    readInput: (p) => {
      if (p in files) return [{ name: p, text: files[p]! }];
      return readInput(p);
    },
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
  };
  const code = runCli(argv, io);
  return { code, out, err };
}

describe('ksd CLI', () => {
  it('prints the /api/v1/targets shape with --format json', () => {
    const r = cli(['--engine', 'prometheus-2.42', '--format', 'json', join(FIXTURES, '02-endpoints-port-declared')]);
    expect(r.code).toBe(0);
    const got = JSON.parse(r.out);
    const want = expected('02-endpoints-port-declared', 'prometheus');
    expect(got.activeTargets.map((t: any) => t.scrapeUrl).sort()).toEqual(want.activeTargets.map((t: any) => t.scrapeUrl).sort());
    expect(got.droppedTargets.length).toBe(want.droppedTargets.length);
    expect(Object.keys(got).sort()).toEqual(['activeTargets', 'droppedTargets', 'error', 'errors', 'failedTargets']);
  });

  it('table: dropped targets name the rule (index, action) and its line in the scrape config', () => {
    const r = cli([join(FIXTURES, '01-endpoints-port-undeclared')]);
    expect(r.code).toBe(0);
    // The keep on the container port is rule 1, at line 13 of scrape.yaml.
    expect(r.out).toMatch(/DROP\s+10\.244\.1\.5:9100 .*relabel_configs\[1\] keep __meta_kubernetes_pod_container_port_number.*scrape\.yaml:\d+:\d+/);
    expect(r.out).toMatch(/job node-exporter-endpoints: 0 active, 2 dropped, 0 failed/);
  });

  it('--trace prints each step with the labels it changed', () => {
    const r = cli(['--trace', join(FIXTURES, '02-endpoints-port-declared')]);
    expect(r.out).toMatch(/\[job-defaults\]/);
    expect(r.out).toMatch(/\[instance\] instance defaults to __address__: \+instance=/);
    expect(r.out).toMatch(/rule \d+ .*target_label=namespace.*\+namespace="monitoring"/);
  });

  it('exit 1 with file:line:col on stderr when the input has errors, and still prints targets', () => {
    const r = cli(['bad.yaml', 'cfg.yaml'], {
      'bad.yaml': 'kind: Pod\napiVersion: v1\nmetadata: {name: p}\nstatus: {podIP: 10.0.0.1}\nspec: {containers: [{name: c}]}\n---\nkind: Pod\nmetadata: {name: [oops}\n',
      'cfg.yaml': 'scrape_configs:\n- job_name: pods\n  kubernetes_sd_configs: [{role: pod}]\n',
    });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^bad\.yaml:8:\d+: error: /m);
    expect(r.out).toMatch(/ACTIVE http:\/\/10\.0\.0\.1\/metrics/);
  });

  it('config errors point at the config line with Prometheus\' message', () => {
    const r = cli(['cfg.yaml'], { 'cfg.yaml': 'scrape_configs:\n- job_name: a\n  kubernetes_sd_configs:\n  - role: pods\n' });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cfg\.yaml:4:\d+: error: unknown Kubernetes SD role "pods"/);
  });

  it.each([
    [['--format', 'xml', 'a'], /--format must be table or json/],
    [['--engine', 'prometheus-9'], /unknown engine profile "prometheus-9"/],
    [['--bogus'], /unknown option --bogus/],
    [[], /no input files/],
  ])('usage error %j exits 2', (argv, msg) => {
    const r = cli(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(msg);
  });

  it('runs as `npx ksd` from the source checkout', () => {
    const out = execFileSync('npx', ['ksd', '--engine', 'prometheus-3.14', '--format', 'json', join(FIXTURES, '36-podmonitor')], { cwd: root, encoding: 'utf8' });
    const got = JSON.parse(out);
    expect(got.activeTargets.length).toBe(expected('36-podmonitor', 'prometheus3').activeTargets.length);
    const bad = spawnSync('npx', ['ksd', '--engine', 'nope', 'x'], { cwd: root, encoding: 'utf8' });
    expect(bad.status).toBe(2);
  });
});
