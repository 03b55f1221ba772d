// The recorder never runs vmagent with a route off the machine: the sandbox has loopback only, and the
// in-sandbox runner refuses to start anywhere else.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_HARNESS, sandboxPrefix } from '../../scripts/recorder/sandbox.ts';
import { REPO_ROOT } from '../../scripts/recorder/vmagent.ts';

describe('recorder sandbox', () => {
  it('is a fresh network namespace with only lo, up', () => {
    const prefix = sandboxPrefix(); // throws with a clear message when namespaces are unavailable
    const r = spawnSync(prefix[0]!, [...prefix.slice(1), '--', 'sh', '-c', 'ip link set lo up && cat /proc/net/dev && ip -o addr show'], { encoding: 'utf8', timeout: 10_000 });
    expect(r.status, r.stderr).toBe(0);
    const ifaces = r.stdout.split('\n').filter((l) => l.includes('|') === false && /^\s*\w+:/.test(l)).map((l) => l.split(':')[0]!.trim());
    expect(ifaces.filter((i) => !/^\d+$/.test(i))).toEqual(['lo']);
    expect(r.stdout).toMatch(/lo\s+inet 127\.0\.0\.1/);
  });

  it('runner refuses to start outside the sandbox', () => {
    const fixture = join(REPO_ROOT, 'test', 'conformance', 'fixtures', '01-endpoints-port-undeclared');
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'scripts', 'recorder', 'run-fixture.ts'), '--fixture', fixture, '--out', '/dev/null', '--vmagent', '/bin/false', '--version-label', 'x'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 30_000,
    });
    // (A machine whose only interface is lo would pass the check; nothing then leaves it anyway.)
    if (/refusing/.test(r.stderr)) expect(r.status).toBe(EXIT_HARNESS);
    else expect(spawnSync('cat', ['/proc/net/dev'], { encoding: 'utf8' }).stdout).not.toMatch(/eth|en[ops]/);
  });
});
