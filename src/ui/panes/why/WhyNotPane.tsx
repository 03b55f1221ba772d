// The "Why not?" view: ask about any Pod or Service, and every diagnosis the engine made of the run —
// each with the field to change, what the rule saw, and a suggested change to apply. Monitors the
// operator layer did not select are listed too when no diagnosis covers them. The page adds nothing of
// its own: with no diagnosis it says so.
import { useEffect, useMemo, useRef } from 'react';
import type { Diagnosis } from '../../../engine/index.ts';
import type { SelectionView } from '../../../worker/view.ts';
import { SelectionList } from '../config/GeneratedConfigPane.tsx';
import { useActions, useApp } from '../../state/context.ts';
import { DiagnosisCard } from './DiagnosisCard.tsx';
import { WhyNotQuery } from './WhyNotQuery.tsx';

/** Monitors not selected (or rejected) that no diagnosis names as its monitor. */
export function uncoveredMonitors(selection: SelectionView[] | undefined, diagnoses: Diagnosis[]): SelectionView[] {
  const named = new Set(diagnoses.flatMap((d) => d.objects.filter((o) => o.role === 'monitor').map((o) => `${o.kind}\u0000${o.namespace ?? ''}\u0000${o.name}`)));
  return (selection ?? []).filter((m) => m.outcome !== 'selected' && !named.has(`${m.monitor.kind}\u0000${m.monitor.namespace}\u0000${m.monitor.name}`));
}

export function WhyNotPane() {
  const advice = useApp((s) => s.advice);
  const selection = useApp((s) => s.run.view?.selection);
  const focus = useApp((s) => s.whyFocus);
  const { diagnoseNow } = useActions();
  const missed = useMemo(() => uncoveredMonitors(selection, advice.diagnoses), [selection, advice.diagnoses]);
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!focus) return;
    const el = listRef.current?.querySelectorAll('[data-testid=diagnosis]')[focus.index] as HTMLElement | undefined;
    el?.scrollIntoView({ block: 'start' });
  }, [focus]);

  const n = advice.diagnoses.length;
  return (
    <div className="why-pane" data-testid="why-pane">
      <WhyNotQuery />
      <section className="why-list" aria-label="Diagnoses" ref={listRef} data-testid="why-list">
        <h3 className="pane-h">
          Diagnoses
          {advice.status === 'done' ? (
            <span className="muted">
              {n} · {advice.ms !== undefined ? `${Math.round(advice.ms)} ms` : ''}
            </span>
          ) : null}
          {advice.status === 'loading' ? (
            <span className="muted">
              <span className="spinner inline" aria-hidden="true" /> diagnosing…
            </span>
          ) : null}
        </h3>
        {advice.status === 'skipped' ? (
          <div className="banner banner-info" data-testid="diagnose-skipped">
            Not diagnosed: {advice.note}.{' '}
            <button type="button" className="btn btn-small" onClick={diagnoseNow} data-testid="diagnose-now">
              Diagnose now
            </button>
          </div>
        ) : null}
        {advice.status === 'error' ? (
          <div className="banner banner-error" data-testid="diagnose-error">
            The diagnosis stopped: {advice.note}. The targets above are unaffected.{' '}
            <button type="button" className="btn btn-small" onClick={diagnoseNow}>
              Try again
            </button>
          </div>
        ) : null}
        {advice.status === 'done' && !n && !missed.length ? (
          <p className="empty-line muted" data-testid="why-empty">
            The engine found no expected target missing. Ask about a particular Pod or Service above.
          </p>
        ) : null}
        {advice.diagnoses.map((d, i) => (
          <DiagnosisCard key={`${advice.runId}:${i}`} d={d} from="advice" focused={focus?.index === i} />
        ))}
        {missed.length ? (
          <>
            <h3 className="pane-h">Monitors not selected</h3>
            <SelectionList items={missed} />
          </>
        ) : null}
      </section>
    </div>
  );
}
