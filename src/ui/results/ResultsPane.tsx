// The right-hand side: view tabs with counts, the filter, banners for what the run could not do,
// and the selected view.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { RunView } from '../../worker/view.ts';
import { DroppedPane } from '../panes/dropped/DroppedPane.tsx';
import { FailedPane } from '../panes/failed/FailedPane.tsx';
import { GeneratedConfigPane } from '../panes/config/GeneratedConfigPane.tsx';
import { ObjectsPane } from '../panes/objects/ObjectsPane.tsx';
import { ProblemsPane } from '../panes/problems/ProblemsPane.tsx';
import { TargetsPane } from '../panes/targets/TargetsPane.tsx';
import { TracePane } from '../panes/trace/TracePane.tsx';
import { WhyNotPane } from '../panes/why/WhyNotPane.tsx';
import { WhyNotPanel } from '../panes/why/WhyNotPanel.tsx';
import { WhatIfBar } from './WhatIfBar.tsx';
import { useActions, useApp } from '../state/context.ts';
import type { RunPhaseState } from '../state/app-state.ts';
import { isBlank } from '../state/transitions.ts';
import { profileTitle } from '../state/profiles.ts';
import { VIEW_TITLES, visibleViews, type ViewId } from '../state/views.ts';
import { Welcome } from './Welcome.tsx';

function countFor(v: ViewId, view: RunView | undefined): number | undefined {
  if (!view) return undefined;
  const s = view.summary;
  switch (v) {
    case 'targets':
      return s.active;
    case 'dropped':
      return s.dropped + s.duplicates;
    case 'failed':
      return s.failed;
    case 'objects':
      return s.objects;
    case 'config':
      return view.generated.length || undefined;
    case 'problems':
      return view.diagnostics.filter((d) => d.severity !== 'info').length;
    default:
      return undefined;
  }
}

/** `pending` until the diagnoses of the run on screen have arrived (or were skipped, or failed). */
function adviceState(s: { run: { id?: number }; advice: { runId: number; status: string } }): string {
  return s.advice.runId === s.run.id && s.advice.status !== 'loading' ? s.advice.status : 'pending';
}

/** What the status line says while a run is in a phase. */
const PHASE_WORDS: Record<RunPhaseState, string> = {
  waiting: 'Waiting for the engine',
  started: 'Reading the input',
  engine: 'Running the engine',
  view: 'Preparing the results',
};

/** Seconds since the run started (shown from the second second on: a long run visibly moves). */
function Elapsed() {
  const [s, setS] = useState(0);
  useEffect(() => {
    const t0 = performance.now();
    const id = setInterval(() => setS(Math.floor((performance.now() - t0) / 1000)), 1000);
    return () => clearInterval(id);
  }, []);
  return s >= 2 ? <span className="muted" data-testid="run-elapsed"> · {s} s</span> : null;
}

function StatusLine() {
  const run = useApp((s) => s.run);
  const advice = useApp(adviceState);
  const { cancelRun } = useActions();
  const v = run.view;
  const phase = run.status === 'running' ? run.phase : undefined;
  return (
    <div className="status-line" data-testid="run-status" data-state={run.status} data-seq={run.seq} data-advice={advice} data-phase={phase} aria-live="polite">
      {run.status === 'running' ? (
        <>
          <span className="spinner" aria-hidden="true" />{' '}
          <span data-testid="run-phase" title={run.phaseDetail}>
            {phase ? PHASE_WORDS[phase] : 'Running'}…{run.phaseDetail && phase !== 'waiting' ? <span className="muted"> {run.phaseDetail}</span> : null}
          </span>
          <Elapsed />
          <button type="button" className="btn btn-small" onClick={cancelRun} data-testid="cancel-run">
            Cancel
          </button>
        </>
      ) : null}
      {run.status === 'cancelled' ? <span>Cancelled. Press Run (Ctrl+Enter) to try again.</span> : null}
      {v ? (
        <span className="muted">
          {profileTitle(v.profile)}
          {v.profileAuto ? ' (from the input)' : ''} · {v.summary.jobs} job{v.summary.jobs === 1 ? '' : 's'} · {v.summary.objects} object{v.summary.objects === 1 ? '' : 's'} · {v.summary.ms < 10 ? v.summary.ms.toFixed(1) : Math.round(v.summary.ms)} ms
        </span>
      ) : null}
    </div>
  );
}

function Banners() {
  const run = useApp((s) => s.run);
  const v = run.view;
  return (
    <>
      {run.status === 'error' ? (
        <div className="banner banner-error" role="alert" data-testid="run-error">
          The engine stopped: {run.error}. Your input is kept; edit it or press Run to try again.
        </div>
      ) : null}
      {v?.configRejected ? (
        <div className="banner banner-error" role="alert" data-testid="config-rejected">
          {v.profile.startsWith('vmagent') ? 'vmagent' : 'Prometheus'} would refuse this config (see Problems): the real engine would scrape nothing. The valid jobs are shown anyway.
        </div>
      ) : null}
      <WhatIfBar />
      {v?.profileNote ? (
        <div className="banner banner-info" data-testid="profile-note">
          Note: {v.profileNote}.
        </div>
      ) : null}
    </>
  );
}

export function ResultsPane() {
  const view = useApp((s) => s.run.view);
  const current = useApp((s) => s.view);
  const filter = useApp((s) => s.filter);
  const hasInput = useApp((s) => s.files.some((f) => !isBlank(f.text)));
  const running = useApp((s) => s.run.status === 'running');
  const filtering = useApp((s) => s.filtering);
  const whyCount = useApp((s) => (s.advice.status === 'done' || s.advice.status === 'loading' ? s.advice.diagnoses.length : undefined));
  const { setView, setFilter } = useActions();
  const tabs = visibleViews(view);
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});
  const shown = tabs.includes(current) ? current : 'targets';

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = tabs.indexOf(shown);
    const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length] as ViewId;
    setView(next);
    tabRefs.current[next]?.focus();
    e.preventDefault();
  };

  if (!hasInput && !view?.jobs.length) return <Welcome />;

  return (
    <div className={`results${running ? ' is-running' : ''}`}>
      <div className="results-head">
        <div role="tablist" aria-label="Result views" className="tabs">
          {tabs.map((v, i) => {
            const n = v === 'why' ? (view ? whyCount : undefined) : countFor(v, view);
            return (
              <button
                key={v}
                ref={(el) => {
                  tabRefs.current[v] = el;
                }}
                type="button"
                role="tab"
                id={`tab-${v}`}
                aria-selected={v === shown}
                aria-controls="result-panel"
                tabIndex={v === shown ? 0 : -1}
                className={`tab tab-${v}`}
                data-testid={`view-tab-${v}`}
                title={`${VIEW_TITLES[v]} (Alt+${i + 1})`}
                onClick={() => setView(v)}
                onKeyDown={onTabKey}
              >
                {VIEW_TITLES[v]}
                {n !== undefined ? (
                  <span className="count" data-testid={`count-${v}`}>
                    {n}
                  </span>
                ) : null}
              </button>
            );
          })}
        </div>
      </div>
      <div className="status-row">
        <StatusLine />
        {filtering ? (
          <span className="filter-busy" data-testid="filter-busy" title="The worker is filtering every target of the run">
            <span className="spinner" aria-hidden="true" />
            filtering…
          </span>
        ) : null}
        <input
          type="search"
          className="filter"
          placeholder="Filter: text, name=value, name~part  (Ctrl+K)"
          aria-label="Filter targets and labels"
          data-testid="filter"
          id="target-filter"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      </div>
      <Banners />
      {shown === 'targets' || shown === 'dropped' ? <WhyNotPanel /> : null}
      <div
        className={`result-body${filtering ? ' is-filtering' : ''}`}
        role="tabpanel"
        id="result-panel"
        aria-labelledby={`tab-${shown}`}
        aria-busy={filtering}
        data-testid={`pane-${shown}`}
      >
        {shown === 'targets' ? <TargetsPane /> : null}
        {shown === 'dropped' ? <DroppedPane /> : null}
        {shown === 'failed' ? <FailedPane /> : null}
        {shown === 'why' ? <WhyNotPane /> : null}
        {shown === 'trace' ? <TracePane /> : null}
        {shown === 'config' ? <GeneratedConfigPane /> : null}
        {shown === 'objects' ? <ObjectsPane /> : null}
        {shown === 'problems' ? <ProblemsPane /> : null}
      </div>
    </div>
  );
}
