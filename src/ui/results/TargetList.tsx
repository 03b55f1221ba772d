// Targets of one list, grouped by job, in a virtualized list. Selecting a row opens its details
// below; the row itself says the essential: URL and labels (active), the dropping rule (dropped),
// the error (failed). Rows come from the row cache; the ones scrolled to are asked for and show a
// placeholder meanwhile.
import { useCallback, useMemo } from 'react';
import type { SourceRange } from '../../engine/index.ts';
import type { ListKind, TargetView } from '../../worker/view.ts';
import { LabelChips } from '../components/LabelChips.tsx';
import { VirtualRows } from '../components/VirtualList.tsx';
import { useActions, useApp } from '../state/context.ts';
import type { ListModel } from './groups.ts';
import { JumpButton, rulePos } from './JumpButton.tsx';
import { ReasonLine } from './ReasonLine.tsx';

export type { ListKind };

/** Rows asked for beyond the ones in view (either side), so that scrolling on finds them loaded. */
const PREFETCH_ITEMS = 150;

function address(t: TargetView): string {
  return t.discoveredLabels.__address__ ?? '(no address)';
}

export function TargetList({ model }: { model: ListModel }) {
  const kind = model.kind;
  const selected = useApp((s) => s.selectedTarget);
  const selectedView = useApp((s) => s.selected);
  const advice = useApp((s) => s.advice);
  const runId = useApp((s) => s.run.id);
  const filter = useApp((s) => s.lists?.filter ?? '');
  useApp((s) => s.rowsVersion); // rows arrived: render them
  const { selectTarget, openTrace, focusDiagnosis, rowAt, needRows } = useActions();
  // Targets the engine diagnosed → the diagnosis to open (only for the run on screen).
  const diagnosed = useMemo(() => {
    const m = new Map<string, number>();
    if (advice.runId === runId) advice.diagnoses.forEach((d, i) => d.target && !m.has(d.target) && m.set(d.target, i));
    return m;
  }, [advice, runId]);
  const selIndex = selectedView && selectedView.id === selected && listOfState(selectedView.state) === kind ? model.indexOfRow(selectedView.row) : -1;

  const onRange = useCallback(
    (first: number, end: number) => {
      const want: number[] = [];
      for (let i = Math.max(0, first - PREFETCH_ITEMS), n = Math.min(model.count, end + PREFETCH_ITEMS); i < n; i++) {
        const it = model.item(i);
        if (it.type === 'target' && rowAt(kind, it.row) === undefined) want.push(it.row);
      }
      if (want.length) needRows(kind, want);
    },
    [model, kind, rowAt, needRows],
  );

  return (
    <VirtualRows
      layout={model}
      ariaLabel={`${kind} targets`}
      testId={`target-list-${kind}`}
      data={{ filter }}
      keyOf={(i) => {
        const it = model.item(i);
        return it.type === 'job' ? `job:${it.seg.job}:${it.seg.itemStart}` : `r${it.row}`;
      }}
      scrollToIndex={selIndex >= 0 ? selIndex : undefined}
      onRange={onRange}
      render={(i) => {
        const it = model.item(i);
        if (it.type === 'job') {
          const s = it.seg;
          return (
            <div className="job-row" role="listitem" data-testid="job-row" data-job={s.job}>
              <span className="job-name">
                {s.job}
                {s.instance ? <span className="muted job-instance"> · {s.instance}</span> : null}
              </span>
              <span className="muted">{s.shown === s.total ? s.shown : `${s.shown} of ${s.total}`}</span>
            </div>
          );
        }
        const t = rowAt(kind, it.row);
        if (!t) {
          return (
            <div role="listitem" className={`target-row state-${kind} pending`} data-testid="target-row-pending" data-row={it.row}>
              <span className="muted">{t === null ? 'This row is no longer available (the engine was restarted): press Run.' : 'Loading…'}</span>
            </div>
          );
        }
        return (
          <div
            role="listitem"
            className={`target-row state-${kind}${t.id === selected ? ' selected' : ''}`}
            data-testid="target-row"
            data-target-id={t.id}
            data-state={t.state}
            data-job={t.job}
          >
            <button type="button" className="target-main" aria-pressed={t.id === selected} aria-label={`Target ${kind === 'active' ? (t.scrapeUrl ?? '') : address(t)} of job ${t.job}`} onClick={() => selectTarget(t.id === selected ? undefined : t.id, t)}>
              <span className="target-line1">
                <span className="target-url mono" data-testid={kind === 'active' ? 'target-url' : 'target-address'}>
                  {kind === 'active' ? t.scrapeUrl : address(t)}
                </span>
                <span className="target-source muted">{t.source}</span>
              </span>
              <span className="target-line2">
                {kind === 'active' && t.labels ? <LabelChips labels={t.labels} testId="target-labels" /> : <ReasonLine t={t} />}
              </span>
            </button>
            {t.reason?.kind === 'relabel' && rulePos(t.reason.rule) ? <JumpButton pos={rulePos(t.reason.rule) as SourceRange} testId="jump-rule" /> : null}
            {diagnosed.has(t.id) ? (
              <button type="button" className="btn btn-small why-btn" onClick={() => focusDiagnosis(diagnosed.get(t.id) as number)} aria-label={`Why: the diagnosis of ${address(t)}`} data-testid="why-btn">
                Why?
              </button>
            ) : null}
            <button type="button" className="btn btn-small trace-btn" onClick={() => openTrace(t.id, t)} aria-label={`Trace of ${address(t)}`}>
              Trace
            </button>
          </div>
        );
      }}
    />
  );
}

function listOfState(state: TargetView['state']): ListKind {
  return state === 'active' ? 'active' : state === 'failed' ? 'failed' : 'dropped';
}
