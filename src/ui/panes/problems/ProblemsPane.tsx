// The engine's diagnostics: parse errors, config errors, warnings, with a jump to each position.
import type { Diagnostic } from '../../../engine/index.ts';
import { JumpButton } from '../../results/JumpButton.tsx';
import { useApp } from '../../state/context.ts';

const ORDER = { error: 0, warning: 1, info: 2 } as const;

export function ProblemsPane() {
  const diags = useApp((s) => s.run.view?.diagnostics);
  if (!diags || !diags.length) {
    return (
      <div className="empty" data-testid="problems-empty">
        <p>No problems.</p>
      </div>
    );
  }
  const sorted = [...diags].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  return (
    <ul className="problems" aria-label="Problems" data-testid="problems-list">
      {sorted.map((d: Diagnostic, i) => (
        <li key={i} className={`problem sev-${d.severity}`} data-testid="problem" data-code={d.code}>
          <span className={`sev sev-${d.severity}`}>{d.severity}</span>
          <span className="problem-msg">{d.message}</span>
          <span className="muted mono problem-code">{d.code}</span>
          {d.pos ? <JumpButton pos={d.pos} label={`${d.pos.file}:${d.pos.line}:${d.pos.col}`} /> : null}
          {d.notes?.length ? (
            <ul className="notes">
              {d.notes.map((n, j) => (
                <li key={j}>{n}</li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
