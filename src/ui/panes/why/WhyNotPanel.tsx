// "Why not?": explanations the engine itself produced — monitors a Prometheus/VMAgent object did not
// select or rejected (operator layer), and the engine's diagnoses when it has them. Renders nothing
// otherwise: the page never makes an explanation up.
import { useMemo } from 'react';
import { SelectionList } from '../config/GeneratedConfigPane.tsx';
import { useActions, useApp } from '../../state/context.ts';

export function WhyNotPanel() {
  const diagnoses = useApp((s) => s.run.view?.diagnoses);
  const selection = useApp((s) => s.run.view?.selection);
  // Filtered outside the selector: a selector must return the same object for the same state.
  const missed = useMemo(() => selection?.filter((m) => m.outcome !== 'selected'), [selection]);
  const { openTrace } = useActions();
  if (!diagnoses?.length && !missed?.length) return null;
  return (
    <section className="why-not" aria-label="Why not?" data-testid="why-not">
      <h3>Why not?</h3>
      {missed?.length ? <SelectionList items={missed} /> : null}
      {diagnoses?.length ? (
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
      ) : null}
    </section>
  );
}
