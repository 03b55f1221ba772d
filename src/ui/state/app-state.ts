// The app's state as the page reads it (the store's shape): input files and choices, the run on screen, the
// diagnosis, the open trace, dialogs. store.ts holds the one store that changes it; components read it through
// useApp (context.ts).
import type { Diagnosis, InputFile, ProfileId } from '../../engine/index.ts';
import type { AdviceOutcome, RunExtras, RunOutcome, ViewOutcome } from '../../worker/client.ts';
import type { PodStateChoice, ProfileChoice, RunPhase, WhatIf, WhyNotQuery } from '../../worker/protocol.ts';
import type { StripKind, StripReport } from '../../worker/strip-kinds.ts';
import type { TraceView } from '../../worker/trace-view.ts';
import type { ListKind, ListsView, RunView, TargetView } from '../../worker/view.ts';
import type { Session, SessionFile } from '../permalink/codec.ts';
import type { EditorFile, TextEdit, WhatIfRef } from './transitions.ts';
import type { ViewId } from './views.ts';

/** What the store needs from the engine client (EngineClient implements it; tests pass a fake). */
export interface EngineLike {
  run(files: InputFile[], profile: ProfileChoice, extras?: RunExtras): Promise<RunOutcome>;
  diagnose(runId: number, force?: boolean): Promise<AdviceOutcome>;
  whyNot(runId: number, query: WhyNotQuery): Promise<AdviceOutcome>;
  trace(targetId: string): Promise<TraceView | null>;
  rows(runId: number, kind: ListKind, rows: number[]): Promise<ViewOutcome<TargetView[]>>;
  target(runId: number, targetId: string): Promise<ViewOutcome<TargetView | null>>;
  filter(runId: number, filter: string): Promise<ViewOutcome<ListsView>>;
  strip(files: InputFile[], remove: StripKind[], session?: Omit<Session, 'files'>, blobs?: Record<string, Blob>): Promise<{ files: InputFile[]; report: StripReport; fragment?: string; sizes?: number[] }>;
  cancel(): void;
}

/** Where a run is, as the status line says it: `waiting` (for the worker to finish an earlier request), then the
 * worker's phases. */
export type RunPhaseState = 'waiting' | RunPhase;

export type RunStatus = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

export interface RunState {
  status: RunStatus;
  /** The newest result; kept (dimmed) while the next run is under way. */
  view?: RunView;
  error?: string;
  /** Increments with every delivered result. */
  seq: number;
  /** The engine client's id of the run `view` came from (advice requests name it). */
  id?: number;
  /** The input that run read (suggested edits refer to it). */
  input?: SessionFile[];
  /** While running: the phase, and what the worker said about it. */
  phase?: RunPhaseState;
  phaseDetail?: string;
}

/** The engine's diagnoses of a run (phase two: they arrive after the targets). */
export interface AdviceState {
  /** `loading`: the newest run is being diagnosed (the previous run's diagnoses stay shown meanwhile). */
  status: 'idle' | 'loading' | 'done' | 'skipped' | 'error';
  /** The run the diagnoses are about, and the input it read (fix offsets refer to that text). */
  runId: number;
  input: SessionFile[];
  diagnoses: Diagnosis[];
  ms?: number;
  /** Why it was skipped, or what failed. */
  note?: string;
}

/** A "why not?" question about one Pod (port) or Service, and the engine's answer for the newest run. */
export interface QueryState {
  query: WhyNotQuery;
  status: 'loading' | 'done' | 'error';
  runId: number;
  input: SessionFile[];
  diagnoses: Diagnosis[];
  message?: string;
}

/** What the editor offers the store: apply edits as undoable edit operations (false: could not). */
export interface EditorBridge {
  /** `originals`: the text of every edited file the edits refer to (the editor must hold exactly that). */
  applyEdits(edits: readonly TextEdit[], originals: ReadonlyMap<string, string>): boolean;
}

export interface TraceState {
  targetId: string;
  status: 'loading' | 'done' | 'missing';
  trace?: TraceView;
}

export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

export type DialogId = 'share' | 'examples' | 'help';

/** A request to show a position in the editor (each request a new object, so the same place can be shown twice). */
export interface RevealRequest {
  file: string;
  line: number;
  col: number;
  endLine?: number;
  endCol?: number;
}

export interface AppState {
  files: EditorFile[];
  activeFileId: string;
  profile: ProfileChoice;
  /** Profiles the engine has registered; null until the worker has said. */
  registered: { id: ProfileId; title: string }[] | null;
  view: ViewId;
  selectedTarget: string | undefined;
  /** The selected target itself, once known (from its row, the run's result or the worker). */
  selected: TargetView | undefined;
  filter: string;
  run: RunState;
  /** The target lists of the run on screen under the filter last applied (`lists.filter`). */
  lists: ListsView | undefined;
  /** A filter request is with the worker: the lists do not show the filter typed yet (a text filter reads every label
   * of every target, ~1 s at 50k pods). */
  filtering: boolean;
  /** Changes whenever rows arrive in the row cache. */
  rowsVersion: number;
  trace: TraceState | null;
  notice: Notice | null;
  dialog: DialogId | null;
  reveal: RevealRequest | null;
  exampleId: string | undefined;
  /** The input was edited since it was loaded from a link (the link no longer describes it). */
  dirty: boolean;
  /** ms from page start to the first rendered result (for the e2e report). */
  firstResultMs: number | undefined;
  /** What-if knobs the engine runs with (part of the session and the link). */
  whatIf: WhatIf[];
  advice: AdviceState;
  query: QueryState | null;
  /** A diagnosis to scroll to in the "Why not?" view (index into advice.diagnoses; a new object per request). */
  whyFocus: { index: number } | null;

  loadSession(session: Session, opts?: { exampleId?: string; notes?: string[] }): void;
  setFileText(id: string, text: string): void;
  newFile(): void;
  /** Files read from disk (`blob`: the Blob a big file's text was read from; the engine reads it instead. `head`: the
   * first slice of its text as read, see readFiles.ts). */
  addFiles(files: (SessionFile & { blob?: Blob; head?: string })[]): void;
  /** The first slice of a big file's text as it was read from disk, while the file still holds exactly that text
   * (the editor cuts its first window from it). */
  fileHead(id: string): string | undefined;
  renameFile(id: string, name: string): void;
  closeFile(id: string): void;
  selectFile(id: string): void;
  setProfile(p: ProfileChoice): void;
  setRegistered(list: { id: ProfileId; title: string }[]): void;
  setView(v: ViewId): void;
  /** Selects a target by id (`t`: its view, when the caller has it). */
  selectTarget(id: string | undefined, t?: TargetView): void;
  openTrace(id: string, t?: TargetView): void;
  setFilter(q: string): void;
  /** A row of a list of the run on screen: undefined while not loaded, null when it cannot be had any more. */
  rowAt(kind: ListKind, row: number): TargetView | null | undefined;
  /** Asks the worker for the rows not loaded yet. */
  needRows(kind: ListKind, rows: number[]): void;
  /** The worker reached another phase of the current run. */
  runProgress(phase: RunPhase, detail: string | undefined): void;
  runNow(): void;
  cancelRun(): void;
  revealPos(r: RevealRequest): void;
  setNotice(n: Notice | null): void;
  openDialog(d: DialogId | null): void;
  session(): Session;
  /** The input with private values removed; with `link`, the fragment of a link to this session holding it instead of
   * the texts (`sizes`: their lengths). */
  strip(remove: StripKind[], link?: boolean): Promise<{ files: InputFile[]; report: StripReport; fragment?: string; sizes?: number[] }>;
  engineCrashed(message: string): void;
  /** The address bar now holds a link to exactly this input (after Share). */
  markClean(): void;
  /** Sets (or with undefined removes) the what-if knob on a Pod or workload, and re-runs. */
  setWhatIf(ref: WhatIfRef, state: PodStateChoice | undefined): void;
  clearWhatIf(): void;
  /** Diagnoses the current run even when it is big. */
  diagnoseNow(): void;
  /** Asks "why not?" about one object (re-asked after every run); null forgets the question. */
  askWhyNot(query: WhyNotQuery | null): void;
  /** Applies a suggested change to the editor text(s) and re-runs. `from` says which answer it came from. */
  applyFix(s: NonNullable<Diagnosis['suggestion']>, from: 'advice' | 'query'): boolean;
  focusDiagnosis(index: number): void;
  attachEditor(bridge: EditorBridge | null): void;
}
