// Host side of a recording: runs run-fixture.ts inside `unshare --net --pid --fork --kill-child` with only
// loopback up, so that
//   - the fake API server, vmagent and its remote-write sink can only reach each other on 127.0.0.1, and
//     vmagent's scrapes of the fixture's pod/node addresses fail locally (ENETUNREACH), never leaving the box;
//   - every process of the recording dies with the namespace's init (run-fixture.ts) — and that init dies
//     with `unshare` (--kill-child=SIGTERM), which is the only process this side starts and kills, by its PID.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, type Vmagent } from './vmagent.ts';

export const EXIT_OK = 0;
export const EXIT_HARNESS = 2;
export const EXIT_UNSETTLED = 3;

const RUNNER = join(REPO_ROOT, 'scripts', 'recorder', 'run-fixture.ts');

// ------------------------------------------------------------------ child registry
const live = new Map<number, ChildProcess>();
let hooksInstalled = false;
let outRoot: string | null = null;

/** Ends every sandbox still running (by the PID of its `unshare`) and removes our temp files. Synchronous. */
function killLive(): void {
  // SIGTERM: unshare dies and passes SIGTERM on to the runner (--kill-child=SIGTERM), which stops vmagent and
  // removes its temp dir; the kernel then ends whatever is left in the PID namespace.
  for (const [pid] of live) {
    try { process.kill(pid, 'SIGTERM'); } catch { /* gone */ }
  }
  live.clear();
  if (outRoot) rmSync(outRoot, { recursive: true, force: true });
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', killLive);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      killLive();
      process.exit(130);
    });
  }
}

/** The sandbox command prefix; throws with a clear message when namespaces are not available. */
export function sandboxPrefix(): string[] {
  const root = process.getuid?.() === 0;
  const base = ['unshare', ...(root ? [] : ['--user', '--map-root-user']), '--net', '--pid', '--fork', '--kill-child=SIGTERM'];
  const probe = spawnSync(base[0]!, [...base.slice(1), '--', 'sh', '-c', 'ip link set lo up && cat /proc/net/dev'], { encoding: 'utf8', timeout: 10_000 });
  if (probe.status !== 0) {
    throw new Error(
      `cannot create an isolated network namespace (${base.join(' ')}): ${(probe.error?.message ?? probe.stderr ?? '').trim() || `exit ${probe.status}`}\n` +
        'The recorder runs vmagent only inside a fresh network namespace with loopback up: run it as root (as CI does), ' +
        'or where unprivileged user namespaces are allowed; it needs util-linux `unshare` and iproute2 `ip`.',
    );
  }
  const ifaces = probe.stdout.split('\n').slice(2).map((l) => l.split(':')[0]!.trim()).filter(Boolean);
  if (ifaces.some((i) => i !== 'lo')) throw new Error(`the sandbox still sees interfaces ${ifaces.join(', ')}; refusing to run`);
  return base;
}

export interface RecordOptions {
  fixtureDir: string;
  vmagent: Vmagent;
  /** keep vmagent.log, the rewritten config, API request log … here */
  workDir?: string;
  timeoutS?: number;
  stableMs?: number;
  quietMs?: number;
  /** prefix from sandboxPrefix() (computed once by callers that run many fixtures) */
  prefix?: string[];
}

export interface RecordResult {
  /** the formatted recording (null when the runner wrote none) */
  text: string | null;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  seconds: number;
  /** the runner's own log (stderr) */
  log: string;
}

/** Records one fixture in a fresh sandbox. Never throws for vmagent's behaviour; see RecordResult. */
export function recordFixture(o: RecordOptions): Promise<RecordResult> {
  installHooks();
  const prefix = o.prefix ?? sandboxPrefix();
  const timeoutS = o.timeoutS ?? 60;
  outRoot ??= mkdtempSync(join(tmpdir(), 'ksd-record-out-'));
  const tmp = mkdtempSync(join(outRoot, 'run-'));
  const out = join(tmp, 'vmagent.json');
  const runnerArgs = [
    '--import', 'tsx', RUNNER,
    '--fixture', o.fixtureDir,
    '--out', out,
    '--vmagent', o.vmagent.bin,
    '--version-label', o.vmagent.versionLabel,
    '--timeout', String(timeoutS),
    '--exit-on-stdin-eof',
    ...(o.workDir ? ['--work', o.workDir] : []),
    ...(o.stableMs != null ? ['--stable-ms', String(o.stableMs)] : []),
    ...(o.quietMs != null ? ['--quiet-ms', String(o.quietMs)] : []),
  ];
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(prefix[0]!, [...prefix.slice(1), '--', 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh', process.execPath, ...runnerArgs], {
      cwd: REPO_ROOT,
      // stdin stays open and unwritten: the runner stops when it closes, i.e. when this process dies.
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    if (child.pid != null) live.set(child.pid, child);
    let log = '';
    child.stdout!.on('data', (c) => { log += c; });
    child.stderr!.on('data', (c) => { log += c; });
    let timedOut = false;
    // The runner has its own deadline for settling; this one only catches a hung runner.
    const kill = (sig: NodeJS.Signals) => {
      if (child.pid != null && child.exitCode == null && child.signalCode == null) try { process.kill(child.pid, sig); } catch { /* gone */ }
    };
    let hard: NodeJS.Timeout | undefined;
    const guard = setTimeout(() => {
      timedOut = true;
      kill('SIGTERM');
      hard = setTimeout(() => kill('SIGKILL'), 10_000);
    }, (timeoutS + 30) * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      clearTimeout(hard);
      if (child.pid != null) live.delete(child.pid);
      let text: string | null = null;
      try { text = readFileSync(out, 'utf8'); } catch { /* none written */ }
      rmSync(tmp, { recursive: true, force: true });
      if (live.size === 0 && outRoot) {
        rmSync(outRoot, { recursive: true, force: true });
        outRoot = null;
      }
      resolve({ text, exitCode: code, signal, timedOut, seconds: (Date.now() - started) / 1000, log });
    });
  });
}
