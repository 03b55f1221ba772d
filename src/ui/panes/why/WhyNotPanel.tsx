// The "Why not?" strip above the target lists: one line per diagnosis the engine made of the run
// (its headline, the object to change, the verified fix a click away) and the way into the full
// "Why not?" view. Renders nothing when the engine found nothing: the page never makes a reason up.
import { useMemo } from 'react';
import { useActions, useApp } from '../../state/context.ts';
import { checkFix } from '../../state/transitions.ts';
import { uncoveredMonitors } from './WhyNotPane.tsx';

const SHOWN = 3;

export function WhyNotPanel() {
  const advice = useApp((s) => s.advice);
  const files = useApp((s) => s.files);
  const selection = useApp((s) => s.run.view?.selection);
  const { focusDiagnosis, applyFix, setView } = useActions();
  const missed = useMemo(() => uncoveredMonitors(selection, advice.diagnoses), [selection, advice.diagnoses]);
  // Info-level diagnoses (e.g. a not-ready endpoint that is still scraped) stay in the full view.
  const shown = useMemo(() => advice.diagnoses.map((d, i) => ({ d, i })).filter((x) => x.d.severity !== 'info'), [advice.diagnoses]);
  if (!shown.length && !missed.length) return null;
  return (
    <section className="why-not" aria-label="Why not?" data-testid="why-not">
      <h3>
        Why not?
        <button type="button" className="btn btn-small btn-link" onClick={() => setView('why')} data-testid="why-open">
          {shown.length + missed.length > SHOWN ? `all ${shown.length + missed.length}` : 'details'}
        </button>
      </h3>
      <ul className="why-lines">
        {shown.slice(0, SHOWN).map(({ d, i }) => {
          const s = d.suggestion;
          const ok = s && s.verified && checkFix(files, advice.input, s.edits).ok;
          return (
            <li key={`${advice.runId}:${i}`} className="why-line" data-testid="why-line" data-kind={d.kind}>
              <span className={`sev sev-${d.severity}`}>{d.severity}</span>
              <button type="button" className="why-title" onClick={() => focusDiagnosis(i)} title={d.sentence}>
                {d.title}
              </button>
              {d.locationField ? <span className="muted mono why-field">{d.locationField}</span> : null}
              {s && ok ? (
                <button type="button" className="btn btn-small btn-primary" onClick={() => applyFix(s, 'advice')} title={s.description} data-testid="why-line-apply">
                  Apply fix
                </button>
              ) : null}
            </li>
          );
        })}
        {missed.slice(0, Math.max(0, SHOWN - shown.length)).map((m, i) => (
          <li key={`m${i}`} className="why-line" data-testid="why-line" data-kind="monitor-selection">
            <span className="sev sev-warning">{m.outcome.replace('-', ' ')}</span>
            <button type="button" className="why-title" onClick={() => setView('why')}>
              {m.monitor.kind} {m.monitor.namespace}/{m.monitor.name}
            </button>
            {m.reason ? <span className="muted why-field">{m.reason}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
