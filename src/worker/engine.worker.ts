// The engine's Web Worker: a thin adapter. It decodes a request, calls the engine (or the
// strip pass), converts the result into the plain view model and posts it back. The last run's
// RunResult stays here so traces can be sent one target at a time.
import { diagnose, getProfile, listProfiles, run, whyNot, type InputFile, type RunResult } from '../engine/index.ts';
import { skipReason, targetCount, verifyBudget } from './advice.ts';
import { PROTOCOL_VERSION, isProtocolMessage, type DiagnoseRequest, type FromWorker, type RunRequest, type ToWorker, type WhyNotRequest } from './protocol.ts';
import { decideProfile } from './profile-choice.ts';
import { stripFiles } from './strip.ts';
import { findTarget, toRunView, traceView } from './view.ts';

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
}
let last: LastRun | undefined;

function post(m: FromWorker): void {
  scope.postMessage(m);
}

function handleRun(req: RunRequest): void {
  post({ v: PROTOCOL_VERSION, type: 'progress', id: req.id, phase: 'running' });
  const choice = decideProfile(req.files, req.profile, (id) => getProfile(id) !== undefined);
  const bytes = req.files.reduce((n, f) => n + f.text.length, 0);
  const traced = bytes <= TRACE_ALL_LIMIT;
  const options: Parameters<typeof run>[1] = { trace: traced };
  if (choice.profile) options.profile = choice.profile;
  if (req.ownNamespace) options.ownNamespace = req.ownNamespace;
  if (req.whatIf?.length) options.whatIf = req.whatIf;
  const t0 = performance.now();
  const result = run(req.files, options);
  const ms = performance.now() - t0;
  last = { id: req.id, files: req.files, options, result, traced };
  const view = toRunView(result, { profileAuto: choice.auto, ms, traced, ...(choice.note ? { profileNote: choice.note } : {}) });
  post({ v: PROTOCOL_VERSION, type: 'result', id: req.id, view });
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
        // Big input: traces were not recorded; record them now, once, for this input.
        last.result = run(last.files, { ...last.options, trace: true });
        last.traced = true;
      }
      const t = findTarget(last.result, msg.targetId);
      post({ v: PROTOCOL_VERSION, type: 'trace', id: msg.id, targetId: msg.targetId, trace: t?.trace ? traceView(t.id, t.trace) : null });
      return;
    }
    case 'diagnose':
      handleDiagnose(msg);
      return;
    case 'whyNot':
      handleWhyNot(msg);
      return;
    case 'strip': {
      const { files, report } = stripFiles(msg.files, msg.remove);
      post({ v: PROTOCOL_VERSION, type: 'stripped', id: msg.id, files, report });
      return;
    }
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
