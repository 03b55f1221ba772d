// Why a target is not active, in one line: the rule that dropped it, the duplicate it collapsed
// into, or the validation error. Text only (rows put the jump-to-rule button beside it).
import type { TargetView } from '../../worker/view.ts';

export function reasonText(t: TargetView): string {
  const r = t.reason;
  if (!r) return t.error ?? '';
  if (r.kind === 'relabel') return `dropped by rule ${r.rule.index}: ${r.rule.summary}`;
  if (r.kind === 'duplicate') return `collapsed: ${r.note}`;
  return t.error ?? r.message;
}

export function ReasonLine({ t }: { t: TargetView }) {
  const r = t.reason;
  return (
    <span className={`reason reason-${r?.kind ?? 'none'}`} data-testid="target-reason">
      {r?.kind === 'relabel' ? (
        <>
          <span className="reason-tag">rule {r.rule.index}</span> <span className="mono" data-testid="drop-rule">{r.rule.summary}</span>
          {r.rule.origin ? <span className="muted"> · from {r.rule.origin.kind} {r.rule.origin.namespace ? `${r.rule.origin.namespace}/` : ''}{r.rule.origin.name} {r.rule.origin.field}</span> : null}
        </>
      ) : (
        <span data-testid={t.state === 'failed' ? 'target-error' : undefined}>{reasonText(t)}</span>
      )}
    </span>
  );
}
