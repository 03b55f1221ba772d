// "Why not?": the engine's own diagnoses of missing targets. Renders nothing until the engine
// provides diagnoses — the page never makes one up.
import { useActions, useApp } from '../../state/context.ts';

export function WhyNotPanel() {
  const diagnoses = useApp((s) => s.run.view?.diagnoses);
  const { openTrace } = useActions();
  if (!diagnoses || !diagnoses.length) return null;
  return (
    <section className="why-not" aria-label="Why not?" data-testid="why-not">
      <h3>Why not?</h3>
      <ul>
        {diagnoses.map((d, i) => (
          <li key={i}>
            <strong>{d.title}</strong>
            {d.detail ? <p>{d.detail}</p> : null}
            {d.fix ? <p className="fix">Fix: {d.fix}</p> : null}
            {d.targetId ? (
              <button type="button" className="btn btn-small" onClick={() => openTrace(d.targetId as string)}>
                Trace it
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
