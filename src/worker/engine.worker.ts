// The engine's Web Worker: a thin adapter. It decodes a request, calls the engine (or the
// strip pass), converts the result into the plain view model and posts it back. The last run's
// RunResult stays here so traces, target rows, single targets and filtered lists can be sent on request.
import { diagnose, discoveredLabel, getProfile, listProfiles, run, someDiscoveredLabel, whyNot, type InputFile, type RunProgress, type RunResult, type Target } from '../engine/index.ts';
import { setDiscoveredReader } from './filter.ts';
import { skipReason, targetCount, verifyBudget } from './advice.ts';
import { encodeSession } from '../ui/permalink/codec.ts';
import { RunLists } from './lists.ts';
import { PROTOCOL_VERSION, isProtocolMessage, type DiagnoseRequest, type FromWorker, type RunRequest, type StripRequest, type ToWorker, type WhyNotRequest, type WireFile } from './protocol.ts';
import { decideProfile } from './profile-choice.ts';
import { stripFiles } from './strip.ts';
import { traceView } from './trace-view.ts';
import { findTarget, toRunView } from './view.ts';

// The worker filters engine targets: their discovered labels are read without being built (filter.ts).
setDiscoveredReader({ some: (t, test, seen) => someDiscoveredLabel(t as Target, test, seen), value: (t, name) => discoveredLabel(t as Target, name) });

/** The part of DedicatedWorkerGlobalScope used here (the project's tsconfig has the DOM lib, not WebWorker). */
interface WorkerScope {
  postMessage(message: FromWorker): void;
  onmessage: ((e: MessageEvent) => void) | null;
}
const scope = self as unknown as WorkerScope;

/** Inputs above this size run without per-target traces (memory); a trace request then re-runs with them. */
const TRACE_ALL_LIMIT = 4 * 1024 * 1024;

interface LastRun {
  id: number;
  files: InputFile[];
  options: Parameters<typeof run>[1];
  result: RunResult;
  traced: boolean;
  lists: RunLists;
}
let last: LastRun | undefined;

function post(m: FromWorker): void {
  scope.postMessage(m);
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MiB`;
}

/** FileReaderSync (dedicated workers only; the project's tsconfig has the DOM lib, not WebWorker). */
declare const FileReaderSync: { new (): { readAsArrayBuffer(b: Blob): ArrayBuffer } };

/** The text of a file the page sent as a Blob, decoded as the page decodes files (`Blob.text()`: UTF-8, BOM dropped). */
function fileText(f: WireFile): InputFile {
  return 'blob' in f ? { name: f.name, text: new TextDecoder().decode(new FileReaderSync().readAsArrayBuffer(f.blob)) } : f;
}

function handleRun(req: RunRequest): void {
  const blobBytes = req.files.reduce((n, f) => n + ('blob' in f ? f.blob.size : f.text.length), 0);
  const progress = (phase: 'started' | 'engine' | 'view', detail: string) => post({ v: PROTOCOL_VERSION, type: 'progress', id: req.id, phase, detail });
  progress('started', `${req.files.length} file${req.files.length === 1 ? '' : 's'}, ${mib(blobBytes)}`);
  const files = req.files.map(fileText);
  const bytes = files.reduce((n, f) => n + f.text.length, 0);
  last = undefined; // the previous run's result is replaced: let it go before this one is built
  const choice = decideProfile(files, req.profile, (id) => getProfile(id) !== undefined);
  const traced = bytes <= TRACE_ALL_LIMIT;
  const options: Parameters<typeof run>[1] = { trace: traced };
  if (choice.profile) options.profile = choice.profile;
  if (req.ownNamespace) options.ownNamespace = req.ownNamespace;
  if (req.whatIf?.length) options.whatIf = req.whatIf;
  const reading = `reading ${mib(bytes)}`;
  progress('engine', `${reading}, simulating the cluster, discovering and relabeling targets`);
  const t0 = performance.now();
  // The engine says where it is between stages and jobs (the messages reach the page while run() goes on). Not
  // kept in `options`: a later re-run (diagnosis verification) must not report into this run's status line.
  let lastJobPost = 0;
  const onProgress = (p: RunProgress) => {
    if (p.stage === 'job') {
      // At most ~10 messages a second however many jobs there are.
      const now = performance.now();
      if (now - lastJobPost < 100 && (p.done ?? 0) + 1 < (p.total ?? 0)) return;
      lastJobPost = now;
      progress('engine', `${reading} · discovering and relabeling: ${p.detail} (${(p.done ?? 0) + 1} of ${p.total ?? '?'})`);
    } else progress('engine', `${reading} · ${p.detail}`);
  };
  const result = run(files, { ...options, onProgress });
  const ms = performance.now() - t0;
  progress('view', `${targetCount(result).toLocaleString('en')} targets, ${result.store.size().toLocaleString('en')} objects`);
  const lists = new RunLists(result);
  last = { id: req.id, files, options, result, traced, lists };
  const view = toRunView(result, {
    profileAuto: choice.auto,
    ms,
    traced,
    lists,
    ...(choice.note ? { profileNote: choice.note } : {}),
    ...(req.filter ? { filter: req.filter } : {}),
    ...(req.select ? { select: req.select } : {}),
  });
  post({ v: PROTOCOL_VERSION, type: 'result', id: req.id, view });
}

function handleStrip(req: StripRequest): void {
  const { files, report } = stripFiles(req.files.map(fileText), req.remove);
  if (!req.session) {
    post({ v: PROTOCOL_VERSION, type: 'stripped', id: req.id, files, report });
    return;
  }
  const fragment = encodeSession({ ...req.session, files: files.map((f) => ({ name: f.name, text: f.text })) });
  const sizes = files.map((f) => f.text.length);
  post({ v: PROTOCOL_VERSION, type: 'stripped', id: req.id, files: files.map((f) => ({ name: f.name, text: '' })), report, fragment, sizes });
}

/** The options diagnosis re-runs the pipeline with: the run's own (profile, what-ifs), without traces. */
function adviceOptions(l: LastRun): Parameters<typeof diagnose>[2] {
  const bytes = l.files.reduce((n, f) => n + f.text.length, 0);
  return { verify: true, maxRuns: verifyBudget(bytes), runOptions: { ...l.options, trace: false } };
}

function handleDiagnose(req: DiagnoseRequest): void {
  const base = { v: PROTOCOL_VERSION, type: 'diagnoses', id: req.id, runId: req.runId } as const;
  if (!last || last.id !== req.runId) {
    post({ ...base, status: 'stale', diagnoses: [], ms: 0 });
    return;
  }
  const note = req.force ? undefined : skipReason(last.result.bytes, targetCount(last.result));
  if (note) {
    post({ ...base, status: 'skipped', diagnoses: [], note, ms: 0 });
    return;
  }
  const t0 = performance.now();
  const diagnoses = diagnose(last.files, last.result, adviceOptions(last));
  post({ ...base, status: 'done', diagnoses, ms: performance.now() - t0 });
}

function handleWhyNot(req: WhyNotRequest): void {
  const base = { v: PROTOCOL_VERSION, type: 'whyNot', id: req.id, runId: req.runId } as const;
  if (!last || last.id !== req.runId) {
    post({ ...base, status: 'stale', diagnoses: [], ms: 0 });
    return;
  }
  const t0 = performance.now();
  const diagnoses = whyNot(last.files, last.result, req.query, adviceOptions(last));
  post({ ...base, status: 'done', diagnoses, ms: performance.now() - t0 });
}

function handle(msg: ToWorker): void {
  switch (msg.type) {
    case 'run':
      handleRun(msg);
      return;
    case 'trace': {
      if (!last || last.id !== msg.runId) {
        post({ v: PROTOCOL_VERSION, type: 'trace', id: msg.id, targetId: msg.targetId, trace: null });
        return;
      }
      if (!last.traced) {
        // Big input: traces were not recorded; record them now, once, for this input (the lists follow: same
        // targets in the same order).
        last.result = run(last.files, { ...last.options, trace: true });
        last.traced = true;
        last.lists = new RunLists(last.result);
      }
      const t = findTarget(last.result, msg.targetId);
      post({ v: PROTOCOL_VERSION, type: 'trace', id: msg.id, targetId: msg.targetId, trace: t?.trace ? traceView(t.id, t.trace) : null });
      return;
    }
    case 'rows': {
      const ok = last?.id === msg.runId;
      post({ v: PROTOCOL_VERSION, type: 'rows', id: msg.id, runId: msg.runId, kind: msg.kind, status: ok ? 'done' : 'stale', rows: ok ? last!.lists.rows(msg.kind, msg.rows) : [] });
      return;
    }
    case 'target': {
      const ok = last?.id === msg.runId;
      post({ v: PROTOCOL_VERSION, type: 'target', id: msg.id, runId: msg.runId, status: ok ? 'done' : 'stale', target: ok ? (last!.lists.find(msg.targetId) ?? null) : null });
      return;
    }
    case 'filter': {
      const ok = last?.id === msg.runId;
      post({ v: PROTOCOL_VERSION, type: 'filtered', id: msg.id, runId: msg.runId, status: ok ? 'done' : 'stale', lists: ok ? last!.lists.view(msg.filter) : null });
      return;
    }
    case 'diagnose':
      handleDiagnose(msg);
      return;
    case 'whyNot':
      handleWhyNot(msg);
      return;
    case 'strip':
      handleStrip(msg);
      return;
  }
}

scope.onmessage = (e: MessageEvent) => {
  const data: unknown = e.data;
  if (!isProtocolMessage<ToWorker>(data)) {
    const v = (data as { v?: unknown } | null)?.v;
    post({ v: PROTOCOL_VERSION, type: 'error', id: null, message: `message refused: protocol version ${String(v)}, this worker speaks ${PROTOCOL_VERSION}` });
    return;
  }
  try {
    handle(data);
  } catch (err) {
    // The engine never throws on user input; if it does, that is a bug worth showing in full.
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    post({ v: PROTOCOL_VERSION, type: 'error', id: data.id, message });
  }
};

post({ v: PROTOCOL_VERSION, type: 'ready', profiles: listProfiles().map((p) => ({ id: p.id, title: p.title })) });
