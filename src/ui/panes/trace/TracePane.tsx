// A target's life step by step: job defaults, every relabel rule in order, then the implicit
// steps (meta labels removed, instance defaulted, URL built). Each step shows the labels it
// added, changed and removed; the step that dropped the target is marked.
import { useState } from 'react';
import type { TraceStepView } from '../../../worker/trace-view.ts';
import { LabelName } from '../../components/LabelName.tsx';
import { JumpButton } from '../../results/JumpButton.tsx';
import { selectedTargetView } from '../../results/findTarget.ts';
import { reasonText } from '../../results/ReasonLine.tsx';
import { useActions, useApp } from '../../state/context.ts';

const IMPLICIT_TITLES: Record<string, string> = {
  'job-defaults': 'Job defaults',
  params: 'Job params',
  'default-port': 'Default port',
  validate: 'Validation',
  'drop-meta': 'Meta labels removed',
  instance: 'instance label',
  'drop-internal': 'Internal labels hidden',
  'scrape-url': 'Scrape URL',
  duplicate: 'Duplicate',
};

/** Long diffs (the meta-label removal lists ~40 labels) start folded. */
const FOLD_AT = 12;

function Diff({ step }: { step: TraceStepView }) {
  const n = step.added.length + step.changed.length + step.removed.length;
  const [open, setOpen] = useState(n <= FOLD_AT);
  if (n === 0) return step.keep ? <p className="diff-none muted">no change</p> : null;
  return (
    <div className="diff">
      {!open ? (
        <button type="button" className="btn btn-small btn-link" onClick={() => setOpen(true)}>
          show {step.added.length ? `${step.added.length} added ` : ''}
          {step.changed.length ? `${step.changed.length} changed ` : ''}
          {step.removed.length ? `${step.removed.length} removed ` : ''}labels
        </button>
      ) : (
        <ul className="diff-list">
          {step.added.map(([k, v]) => (
            <li key={`a${k}`} className="diff-added" data-testid="diff-added">
              <span className="diff-sign" aria-label="added">+</span> <LabelName name={k} />=<span className="label-value">{JSON.stringify(v)}</span>
            </li>
          ))}
          {step.changed.map(([k, a, b]) => (
            <li key={`c${k}`} className="diff-changed" data-testid="diff-changed">
              <span className="diff-sign" aria-label="changed">~</span> <LabelName name={k} />: <span className="label-value old">{JSON.stringify(a)}</span> → <span className="label-value">{JSON.stringify(b)}</span>
            </li>
          ))}
          {step.removed.map(([k, v]) => (
            <li key={`r${k}`} className="diff-removed" data-testid="diff-removed">
              <span className="diff-sign" aria-label="removed">−</span> <LabelName name={k} />=<span className="label-value">{JSON.stringify(v)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function StepCard({ step, n }: { step: TraceStepView; n: number }) {
  const title = step.rule ? `rule ${step.rule.index}` : IMPLICIT_TITLES[step.implicit ?? ''] ?? step.implicit ?? 'step';
  return (
    <li className={`step${step.keep ? '' : ' step-drop'}${step.implicit ? ' step-implicit' : ''}`} data-testid="trace-step" data-keep={step.keep} data-implicit={step.implicit ?? ''}>
      <header>
        <span className="step-n">{n}</span>
        <span className="step-title">{title}</span>
        {step.rule ? <span className="mono step-summary">{step.rule.summary}</span> : null}
        {step.rule?.pos ? <JumpButton pos={step.rule.pos} /> : null}
        {!step.keep ? <span className="badge badge-dropped" data-testid="trace-dropped-here">dropped here</span> : null}
      </header>
      {step.rule?.origin ? (
        <p className="muted step-note">
          generated from {step.rule.origin.kind} {step.rule.origin.namespace ? `${step.rule.origin.namespace}/` : ''}
          {step.rule.origin.name} ({step.rule.origin.field}){' '}
          {step.rule.origin.pos ? <JumpButton pos={step.rule.origin.pos} /> : null}
        </p>
      ) : null}
      {step.note ? <p className="muted step-note">{step.note}</p> : null}
      <Diff step={step} />
    </li>
  );
}

export function TracePane() {
  const target = useApp(selectedTargetView);
  const selectedId = useApp((s) => s.selectedTarget);
  const trace = useApp((s) => s.trace);
  const { setView } = useActions();
  const [hideNoop, setHideNoop] = useState(false);
  if (!target && selectedId) {
    return (
      <div className="empty" data-testid="trace-pane" data-state="loading">
        <p className="muted">Loading the target…</p>
      </div>
    );
  }
  if (!target) {
    return (
      <div className="empty" data-testid="trace-empty">
        <p>Select a target (Active, Dropped or Failed) and press Trace to follow it through every relabeling step.</p>
        <button type="button" className="btn" onClick={() => setView('dropped')}>
          Go to dropped targets
        </button>
      </div>
    );
  }
  const ready = trace?.targetId === target.id && trace.status === 'done' ? trace.trace : undefined;
  const steps = ready?.steps ?? [];
  return (
    <div className="trace-pane" data-testid="trace-pane" data-target-id={target.id} data-state={ready ? 'ready' : (trace?.status ?? 'loading')}>
      <header className="trace-head">
        <div>
          <span className={`badge badge-${target.state}`}>{target.state}</span> <span className="mono">{target.scrapeUrl ?? target.discoveredLabels.__address__}</span>
          <span className="muted"> · {target.job} · {target.source}</span>
        </div>
        {target.state !== 'active' ? <p className="trace-why">{reasonText(target)}</p> : null}
        <label className="check">
          <input type="checkbox" checked={hideNoop} onChange={(e) => setHideNoop(e.target.checked)} /> hide steps that change nothing
        </label>
      </header>
      {!ready ? (
        <p className="muted">{trace?.status === 'missing' ? 'No trace for this target (the input changed meanwhile?).' : 'Loading the trace…'}</p>
      ) : (
        <ol className="steps">
          {steps.map((s, i) => (hideNoop && s.keep && !s.added.length && !s.changed.length && !s.removed.length ? null : <StepCard key={i} step={s} n={i + 1} />))}
        </ol>
      )}
    </div>
  );
}
