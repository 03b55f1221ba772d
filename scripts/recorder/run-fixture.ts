// Records one fixture with the real vmagent. Runs INSIDE the sandbox (sandbox.ts: a fresh network namespace
// with only loopback up and a fresh PID namespace whose init is this process), never directly:
//
//   node --import tsx scripts/recorder/run-fixture.ts --fixture DIR --out FILE.json --vmagent BIN \
//        --version-label TEXT [--work DIR] [--timeout S] [--stable-ms N] [--quiet-ms N]
//
// 1. loads objects.yaml into the fake API server (store.ts, apiserver.ts) on 127.0.0.1;
// 2. rewrites scrape.yaml so every kubernetes_sd_configs entry uses that server (engine-config.ts);
// 3. runs vmagent's strict dry run (its complaints become configWarnings), then vmagent itself with
//    -promscrape.config.strictParse=false, a 1 s Kubernetes SD check interval, all dropped targets shown and
//    a 127.0.0.1 remote-write sink answering 204;
// 4. polls /api/v1/targets?state=any until discovery has settled (see settle below), or vmagent exits;
// 5. stops vmagent, reads its log and writes the normalized recording (normalize.ts) to --out.
// Exit status: 0 = a recording was written (a config rejection or crash of vmagent is a recording too),
// 3 = discovery did not settle in time (recording written with settled=false, not a valid golden),
// 2 = usage / harness error (no recording).
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startFakeApiServer, type FakeApiServer } from './apiserver.ts';
import { engineConfig } from './engine-config.ts';
import { dryRunWarning, failedTargets, formatRecording, logProblems, normalizeTargets, scrub, type Recording } from './normalize.ts';
import { EXIT_HARNESS, EXIT_OK, EXIT_UNSETTLED } from './sandbox.ts';
import { loadStore } from './store.ts';

const HOST = '127.0.0.1';

const t0 = Date.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const say = (msg: string) => process.stderr.write(`[record ${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}\n`);

// ------------------------------------------------------------------ children and cleanup
const children = new Map<number, { name: string; proc: ChildProcess }>();
const cleanups: (() => Promise<void> | void)[] = [];

function track(name: string, proc: ChildProcess): ChildProcess {
  if (proc.pid != null) {
    const pid = proc.pid;
    children.set(pid, { name, proc });
    proc.once('exit', () => children.delete(pid));
  }
  return proc;
}

async function stopChild(proc: ChildProcess, graceMs: number): Promise<void> {
  if (proc.exitCode != null || proc.signalCode != null || proc.pid == null) return;
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  try { process.kill(proc.pid, 'SIGTERM'); } catch { /* already gone */ }
  const graceful = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
  if (!graceful) {
    try { process.kill(proc.pid, 'SIGKILL'); } catch { /* already gone */ }
    await Promise.race([exited, sleep(2000)]);
  }
}

let exiting: Promise<never> | null = null;
/** Stops vmagent, closes the servers, removes the temp dir, exits. Later calls wait for the first one. */
function cleanupAndExit(code: number): Promise<never> {
  exiting ??= (async () => {
    for (const { proc } of [...children.values()]) await stopChild(proc, 3000);
    for (const c of cleanups.reverse()) {
      try { await c(); } catch (e) { say(`cleanup failed: ${(e as Error).message}`); }
    }
    process.exit(code);
  })();
  return exiting;
}
// The recorder may be gone (its end of our stdout/stderr closed): never die of EPIPE halfway through cleanup.
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});
// As the init of a PID namespace this process only gets signals it handles: handle them all.
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => { say(`got ${sig}`); void cleanupAndExit(130); });
process.on('uncaughtException', (e) => { say(`uncaught: ${e.stack ?? e}`); void cleanupAndExit(EXIT_HARNESS); });
process.on('unhandledRejection', (e) => { say(`unhandled rejection: ${(e as Error)?.stack ?? e}`); void cleanupAndExit(EXIT_HARNESS); });

// ------------------------------------------------------------------ helpers
/** Interfaces of this process's network namespace (/proc/net/dev is per-namespace). */
function netInterfaces(): string[] {
  return readFileSync('/proc/net/dev', 'utf8').split('\n').slice(2).map((l) => l.split(':')[0]!.trim()).filter(Boolean);
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = net.createServer();
    s.once('error', rej);
    s.listen(0, HOST, () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => res(port));
    });
  });
}

function getJson(url: string, timeoutMs: number): Promise<any> {
  return new Promise((res, rej) => {
    if (!new URL(url).hostname.startsWith('127.')) return rej(new Error(`refusing non-loopback ${url}`));
    const req = http.get(url, { timeout: timeoutMs, agent: false }, (r) => {
      let body = '';
      r.setEncoding('utf8');
      r.on('data', (c) => { body += c; });
      r.on('end', () => {
        if (r.statusCode !== 200) return rej(new Error(`HTTP ${r.statusCode}: ${body.slice(0, 200)}`));
        try { res(JSON.parse(body)); } catch (e) { rej(e); }
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', rej);
  });
}

function run(bin: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<{ code: number | null; signal: string | null; stderr: string; stdout: string }> {
  return new Promise((res) => {
    const p = track('vmagent-dry-run', spawn(bin, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] }));
    let stdout = '';
    let stderr = '';
    p.stdout!.on('data', (c) => { stdout += c; });
    p.stderr!.on('data', (c) => { stderr += c; });
    const timer = setTimeout(() => { try { p.kill('SIGKILL'); } catch { /* gone */ } }, opts.timeoutMs);
    p.on('close', (code, signal) => { clearTimeout(timer); res({ code, signal, stdout, stderr }); });
  });
}

// ------------------------------------------------------------------ main
export interface SettleOptions {
  /** targets unchanged for this long */
  stableMs: number;
  /** and no LIST request for this long (vmagent re-lists only when it (re)starts a watcher) */
  quietMs: number;
  /** with kubernetes_sd_configs but no LIST ever: settle after this long */
  noListGraceMs: number;
  pollMs: number;
}

async function main(): Promise<never> {
  const { values: a } = parseArgs({
    options: {
      fixture: { type: 'string' },
      out: { type: 'string' },
      vmagent: { type: 'string' },
      'version-label': { type: 'string' },
      work: { type: 'string' },
      timeout: { type: 'string', default: '60' },
      'stable-ms': { type: 'string', default: '1500' },
      'quiet-ms': { type: 'string', default: '1500' },
      'poll-ms': { type: 'string', default: '250' },
      // sandbox.ts keeps our stdin open: end of file means the recorder is gone (even SIGKILLed), so stop.
      'exit-on-stdin-eof': { type: 'boolean', default: false },
    },
  });
  if (a['exit-on-stdin-eof']) {
    process.stdin.on('end', () => { say('recorder went away (stdin closed)'); void cleanupAndExit(EXIT_HARNESS); });
    process.stdin.resume();
  }
  if (!a.fixture || !a.out || !a.vmagent || !a['version-label']) {
    say('usage: run-fixture.ts --fixture DIR --out FILE --vmagent BIN --version-label TEXT [--work DIR] [--timeout S]');
    return cleanupAndExit(EXIT_HARNESS);
  }
  const ifaces = netInterfaces();
  if (ifaces.some((i) => i !== 'lo')) {
    say(`refusing to run outside an isolated network namespace (interfaces: ${ifaces.join(', ')}); use record.ts / verify-all.ts`);
    return cleanupAndExit(EXIT_HARNESS);
  }
  const fixture = resolve(a.fixture);
  const outFile = resolve(a.out);
  const work = a.work ? resolve(a.work) : null;
  const timeoutMs = Number(a.timeout) * 1000;
  const settle: SettleOptions = { stableMs: Number(a['stable-ms']), quietMs: Number(a['quiet-ms']), noListGraceMs: 10_000, pollMs: Number(a['poll-ms']) };
  const deadline = t0 + timeoutMs;
  // Whatever happens, this process (the namespace's init: everything in it dies with it) ends in bounded time.
  setTimeout(() => { say('hard deadline reached'); void cleanupAndExit(EXIT_HARNESS); }, timeoutMs + 25_000).unref();

  const store = loadStore(join(fixture, 'objects.yaml'));
  const scrapeText = readFileSync(join(fixture, 'scrape.yaml'), 'utf8');
  const tmp = mkdtempSync(join(tmpdir(), 'ksd-recorder-'));
  cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
  if (work) mkdirSync(work, { recursive: true });

  // Remote-write sink: vmagent needs one; it accepts and discards.
  const sink = http.createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(204); res.end(); }); });
  await new Promise<void>((r) => sink.listen(0, HOST, () => r()));
  cleanups.push(() => new Promise<void>((r) => { sink.closeAllConnections(); sink.close(() => r()); }));
  const sinkPort = (sink.address() as net.AddressInfo).port;

  const apiLog: string[] = [];
  const api: FakeApiServer = await startFakeApiServer({ store, host: HOST, onRequest: (r) => apiLog.push(JSON.stringify(r)) });
  cleanups.push(() => api.close());

  const cfg = engineConfig(scrapeText, api.url);
  const cfgPath = join(tmp, 'vmagent.yml');
  writeFileSync(cfgPath, cfg.text);
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmp, TZ: 'UTC', LANG: 'C' };
  const bin = resolve(a.vmagent);

  const rec: Recording = {
    engine: 'vmagent',
    version: a['version-label'],
    settled: false,
    error: null,
    configWarnings: cfg.removed.map((r) => `recorder removed ${r}`),
    logProblems: [],
    activeTargets: [],
    droppedTargets: [],
    failedTargets: [],
  };

  // Strict dry run (in parallel with the real run; it reads only the config): what vmagent's default
  // strict parsing would refuse, reported beside the non-strict run's targets.
  const dryRun = run(bin, [`-promscrape.config=${cfgPath}`, '-promscrape.config.dryRun', '-loggerLevel=ERROR'], { cwd: tmp, env, timeoutMs: 15_000 });

  const webPort = await freePort();
  const logPath = join(tmp, 'vmagent.log');
  const logFd = openSync(logPath, 'w');
  const args = [
    `-promscrape.config=${cfgPath}`,
    `-httpListenAddr=${HOST}:${webPort}`,
    `-remoteWrite.url=http://${HOST}:${sinkPort}/api/v1/write`,
    `-remoteWrite.tmpDataPath=${join(tmp, 'remotewrite-data')}`,
    '-promscrape.kubernetesSDCheckInterval=1s',
    '-promscrape.maxDroppedTargets=1000000',
    '-promscrape.config.strictParse=false',
    '-promscrape.suppressScrapeErrors',
    '-enableTCP6=false',
    '-loggerLevel=INFO',
  ];
  const started = Date.now();
  const vm = track('vmagent', spawn(bin, args, { cwd: tmp, env, stdio: ['ignore', logFd, logFd] }));
  closeSync(logFd);
  let exit: { code: number | null; signal: string | null } | null = null;
  vm.once('exit', (code, signal) => { exit = { code, signal }; });
  say(`vmagent pid ${vm.pid} on ${HOST}:${webPort}; fake API server ${api.url}; ${cfg.sdCount} kubernetes_sd_configs`);

  // settle: targets unchanged for stableMs, and (when there is Kubernetes SD) at least one LIST and none for quietMs.
  const timeline: { t: number; event: string }[] = [];
  let lastKey = '';
  let lastChange = Date.now();
  let firstAnswer = 0;
  let raw: unknown = null;
  let lastErr = '';
  while (Date.now() < deadline) {
    await sleep(settle.pollMs);
    if (exit) break;
    let data: any;
    try {
      const resp = await getJson(`http://${HOST}:${webPort}/api/v1/targets?state=any`, 3000);
      data = resp?.data ?? resp;
      lastErr = '';
    } catch (e) {
      lastErr = (e as Error).message;
      continue;
    }
    const now = Date.now();
    if (!firstAnswer) firstAnswer = now;
    const norm = normalizeTargets(data);
    const key = JSON.stringify(norm);
    if (key !== lastKey) {
      lastKey = key;
      lastChange = now;
      raw = data;
      rec.activeTargets = norm.activeTargets;
      rec.droppedTargets = norm.droppedTargets;
      timeline.push({ t: now - started, event: `targets: active=${norm.activeTargets.length} dropped=${norm.droppedTargets.length}` });
    }
    const lists = api.requests.filter((r) => r.verb === 'list');
    const lastList = lists.length ? api.startedAt + Math.max(...lists.map((r) => r.t)) : 0;
    // No LIST at all (e.g. vmagent gave up on an SD config it could not use): wait noListGraceMs instead.
    const apiQuiet = cfg.sdCount === 0 || (lists.length > 0 ? now - lastList >= settle.quietMs : now - started >= settle.noListGraceMs);
    if (apiQuiet && now - lastChange >= settle.stableMs && now - firstAnswer >= settle.stableMs) {
      rec.settled = true;
      break;
    }
  }
  const settleMs = Date.now() - started;
  if (exit) {
    const e = exit as { code: number | null; signal: string | null };
    rec.settled = false;
    rec.error = `vmagent exited early (code ${e.code}, signal ${e.signal}); see vmagent.log`;
    // A crashed or refusing vmagent has no targets, whatever it showed before.
    rec.activeTargets = [];
    rec.droppedTargets = [];
  } else if (!rec.settled) {
    rec.error = lastErr ? `did not settle within ${a.timeout}s (last error: ${lastErr})` : `did not settle within ${a.timeout}s`;
  }
  say(`${rec.settled ? 'settled' : 'not settled'} after ${(settleMs / 1000).toFixed(1)}s: active=${rec.activeTargets.length} dropped=${rec.droppedTargets.length}${rec.error ? ` error=${rec.error}` : ''}`);

  await stopChild(vm, 5000);
  const dry = await dryRun;
  if (dry.code !== 0) rec.configWarnings.push(dryRunWarning(dry.stderr, tmp));
  const logText = readFileSync(logPath, 'utf8');
  rec.logProblems = logProblems(logText, tmp);
  rec.failedTargets = failedTargets(logText);
  if (rec.error) rec.error = scrub(rec.error, tmp);
  writeFileSync(outFile, formatRecording(rec));

  if (work) {
    writeFileSync(join(work, 'vmagent.yml'), cfg.text);
    writeFileSync(join(work, 'vmagent-dry-run.log'), dry.stderr);
    cpSync(logPath, join(work, 'vmagent.log'));
    writeFileSync(join(work, 'api-requests.jsonl'), apiLog.join('\n') + (apiLog.length ? '\n' : ''));
    writeFileSync(join(work, 'targets-raw.json'), JSON.stringify(raw, null, 2) + '\n');
    writeFileSync(join(work, 'run.json'), JSON.stringify({ fixture, settled: rec.settled, settleSeconds: settleMs / 1000, settle, timeline, storeWarnings: store.warnings, exit }, null, 2) + '\n');
  }
  return cleanupAndExit(rec.settled || exit ? EXIT_OK : EXIT_UNSETTLED);
}

if (!existsSync('/proc/net/dev')) {
  say('needs Linux (/proc/net/dev)');
  process.exit(EXIT_HARNESS);
}
void main();
