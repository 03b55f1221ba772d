// While what-if knobs are set, the results are hypothetical: say so above them, knob by knob, with a
// way to take each one (or all) back. A knob whose object the run no longer has is marked.
import { objectName, type ObjectTable } from '../../worker/object-table.ts';
import { useActions, useApp } from '../state/context.ts';

/** Whether the run has this object. */
export function hasObject(t: ObjectTable, kind: string, namespace: string, name: string): boolean {
  for (let i = 0; i < t.count; i++) {
    if (t.nameStart[i + 1]! - t.nameStart[i]! !== name.length || t.strings[t.kind[i]!] !== kind || objectName(t, i) !== name) continue;
    const ns = t.namespace[i]!;
    if ((ns >= 0 ? t.strings[ns] : '') === namespace) return true;
  }
  return false;
}

export const STATE_WORDS: Record<string, string> = { ready: 'ready', 'not-ready': 'not ready', pending: 'Pending', failed: 'Failed', succeeded: 'Succeeded' };

export function WhatIfBar() {
  const whatIf = useApp((s) => s.whatIf);
  const objects = useApp((s) => s.run.view?.objects);
  const { setWhatIf, clearWhatIf } = useActions();
  if (!whatIf.length) return null;
  return (
    <div className="banner banner-whatif" data-testid="what-if-bar" role="status">
      <strong>What if</strong>
      {whatIf.map((w) => {
        const known = !objects || hasObject(objects, w.kind, w.namespace, w.name);
        return (
          <span key={`${w.kind}/${w.namespace}/${w.name}`} className={`whatif-chip${known ? '' : ' unknown'}`} data-testid="what-if-chip">
            {w.kind} <span className="mono">{w.namespace}/{w.name}</span> → {STATE_WORDS[w.state] ?? w.state}
            {known ? null : <span title="The run has no such object (renamed or removed?): this knob changes nothing"> (not in this run)</span>}
            <button type="button" className="chip-x" aria-label={`Remove the what-if on ${w.kind} ${w.namespace}/${w.name}`} onClick={() => setWhatIf(w, undefined)}>
              ✕
            </button>
          </span>
        );
      })}
      <button type="button" className="btn btn-small" onClick={clearWhatIf} data-testid="what-if-clear">
        Clear all
      </button>
    </div>
  );
}
