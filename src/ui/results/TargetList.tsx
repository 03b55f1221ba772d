// Targets of one state, grouped by job, in a virtualized list. Selecting a row opens its details
// below; the row itself says the essential: URL and labels (active), the dropping rule (dropped),
// the error (failed).
import { useMemo } from 'react';
import type { SourceRange } from '../../engine/index.ts';
import type { TargetView } from '../../worker/view.ts';
import { LabelChips } from '../components/LabelChips.tsx';
import { VirtualList } from '../components/VirtualList.tsx';
import { useActions, useApp } from '../state/context.ts';
import type { Group } from './groups.ts';
import { JumpButton, rulePos } from './JumpButton.tsx';
import { ReasonLine } from './ReasonLine.tsx';

export type ListKind = 'active' | 'dropped' | 'failed';

type Row = { type: 'job'; job: string; instance?: string; count: number; total: number } | { type: 'target'; t: TargetView };

const JOB_ROW = 30;
const TARGET_ROW = 54;

function address(t: TargetView): string {
  return t.discoveredLabels.__address__ ?? '(no address)';
}

export function TargetList({ groups, kind }: { groups: Group[]; kind: ListKind }) {
  const selected = useApp((s) => s.selectedTarget);
  const advice = useApp((s) => s.advice);
  const runId = useApp((s) => s.run.id);
  const { selectTarget, openTrace, focusDiagnosis } = useActions();
  // Targets the engine diagnosed → the diagnosis to open (only for the run on screen).
  const diagnosed = useMemo(() => {
    const m = new Map<string, number>();
    if (advice.runId === runId) advice.diagnoses.forEach((d, i) => d.target && !m.has(d.target) && m.set(d.target, i));
    return m;
  }, [advice, runId]);
  const rows = useMemo(() => {
    const out: Row[] = [];
    for (const g of groups) {
      if (!g.targets.length) continue;
      out.push({ type: 'job', job: g.job, ...(g.instance ? { instance: g.instance } : {}), count: g.targets.length, total: g.total });
      for (const t of g.targets) out.push({ type: 'target', t });
    }
    return out;
  }, [groups]);
  const selIndex = rows.findIndex((r) => r.type === 'target' && r.t.id === selected);

  return (
    <VirtualList
      items={rows}
      ariaLabel={`${kind} targets`}
      testId={`target-list-${kind}`}
      heightOf={(r) => (r.type === 'job' ? JOB_ROW : TARGET_ROW)}
      keyOf={(r) => (r.type === 'job' ? `job:${r.job}` : r.t.id)}
      scrollToIndex={selIndex >= 0 ? selIndex : undefined}
      render={(r) =>
        r.type === 'job' ? (
          <div className="job-row" role="listitem" data-testid="job-row" data-job={r.job}>
            <span className="job-name">
              {r.job}
              {r.instance ? <span className="muted job-instance"> · {r.instance}</span> : null}
            </span>
            <span className="muted">{r.count === r.total ? r.count : `${r.count} of ${r.total}`}</span>
          </div>
        ) : (
          <div
            role="listitem"
            className={`target-row state-${kind}${r.t.id === selected ? ' selected' : ''}`}
            data-testid="target-row"
            data-target-id={r.t.id}
            data-state={r.t.state}
            data-job={r.t.job}
          >
            <button type="button" className="target-main" aria-pressed={r.t.id === selected} aria-label={`Target ${kind === 'active' ? (r.t.scrapeUrl ?? '') : address(r.t)} of job ${r.t.job}`} onClick={() => selectTarget(r.t.id === selected ? undefined : r.t.id)}>
              <span className="target-line1">
                <span className="target-url mono" data-testid={kind === 'active' ? 'target-url' : 'target-address'}>
                  {kind === 'active' ? r.t.scrapeUrl : address(r.t)}
                </span>
                <span className="target-source muted">{r.t.source}</span>
              </span>
              <span className="target-line2">
                {kind === 'active' && r.t.labels ? <LabelChips labels={r.t.labels} testId="target-labels" /> : <ReasonLine t={r.t} />}
              </span>
            </button>
            {r.t.reason?.kind === 'relabel' && rulePos(r.t.reason.rule) ? <JumpButton pos={rulePos(r.t.reason.rule) as SourceRange} testId="jump-rule" /> : null}
            {diagnosed.has(r.t.id) ? (
              <button type="button" className="btn btn-small why-btn" onClick={() => focusDiagnosis(diagnosed.get(r.t.id) as number)} aria-label={`Why: the diagnosis of ${address(r.t)}`} data-testid="why-btn">
                Why?
              </button>
            ) : null}
            <button type="button" className="btn btn-small trace-btn" onClick={() => openTrace(r.t.id)} aria-label={`Trace of ${address(r.t)}`}>
              Trace
            </button>
          </div>
        )
      }
    />
  );
}
