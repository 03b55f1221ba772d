// Every object the engine knows: from the input, implied by the API server, or made by the cluster
// simulation (marked "simulated"), and what it ignored. Pods show the state the engine ran them in, and
// Pods and workloads carry a what-if knob (ready / not ready / Pending / Failed) that re-runs the engine.
import { useDeferredValue, useMemo } from 'react';
import { objectAt, objectName } from '../../../worker/object-table.ts';
import { VirtualList } from '../../components/VirtualList.tsx';
import { JumpButton } from '../../results/JumpButton.tsx';
import { STATE_WORDS } from '../../results/WhatIfBar.tsx';
import { useApp } from '../../state/context.ts';
import { WHAT_IF_KINDS } from '../../state/transitions.ts';
import { WhatIfControl } from './WhatIfControl.tsx';

type Row = { type: 'head'; text: string } | { type: 'obj'; i: number } | { type: 'ignored'; kind: string; name: string; reason: string; file: string; line: number };

function nsName(ns: string | undefined, name: string): string {
  return ns ? `${ns}/${name}` : name;
}

export function ObjectsPane() {
  const view = useApp((s) => s.run.view);
  const filter = useDeferredValue(useApp((s) => s.filter)).toLowerCase();
  const rows = useMemo(() => {
    const out: Row[] = [];
    if (!view) return out;
    const match = (s: string) => !filter || s.toLowerCase().includes(filter);
    const t = view.objects;
    const objs: number[] = [];
    let simulated = 0;
    for (let i = 0; i < t.count; i++) {
      const ns = t.namespace[i]!;
      if (filter && !match(`${t.strings[t.kind[i]!]} ${nsName(ns >= 0 ? t.strings[ns] : undefined, objectName(t, i))}`)) continue;
      objs.push(i);
      if (t.simController[i]! >= 0) simulated++;
    }
    out.push({ type: 'head', text: `${objs.length} objects${simulated ? `, ${simulated} simulated` : ''}` });
    for (const i of objs) out.push({ type: 'obj', i });
    const ign = view.ignored.filter((i) => match(`${i.kind} ${nsName(i.namespace, i.name ?? '')}`));
    if (ign.length) {
      out.push({ type: 'head', text: `${ign.length} ignored` });
      for (const i of ign) out.push({ type: 'ignored', kind: i.kind, name: nsName(i.namespace, i.name ?? ''), reason: i.reason, file: i.file, line: i.line });
    }
    return out;
  }, [view, filter]);
  return (
    <VirtualList
      items={rows}
      ariaLabel="Objects"
      testId="objects-list"
      heightOf={(r) => (r.type === 'head' ? 30 : 34)}
      keyOf={(r, i) => `${r.type}:${i}`}
      render={(r) => {
        if (r.type === 'head') return <div className="job-row">{r.text}</div>;
        if (r.type === 'ignored') {
          return (
            <div className="object-row ignored" role="listitem">
              <span className="obj-kind">{r.kind}</span>
              <span className="mono">{r.name}</span>
              <span className="muted">{r.reason}</span>
            </div>
          );
        }
        const o = objectAt((view as NonNullable<typeof view>).objects, r.i);
        return (
          <div className="object-row" role="listitem" data-testid="object-row" data-simulated={o.simulated ? 'true' : undefined}>
            <span className="obj-kind">{o.kind}</span>
            <span className="mono obj-name" title={nsName(o.namespace, o.name)}>
              {nsName(o.namespace, o.name)}
            </span>
            {o.simulated ? (
              <span className="badge badge-simulated" data-testid="simulated-badge" title={`made by the ${o.simulated.controller} from ${o.simulated.kind} ${nsName(o.simulated.namespace, o.simulated.name)}`}>
                simulated · {o.simulated.controller}
              </span>
            ) : null}
            {o.implied ? (
              <span className="badge badge-implied" title={o.implied}>
                implied
              </span>
            ) : null}
            {!o.simulated && !o.implied ? <JumpButton pos={{ file: o.file, line: o.line, col: o.col }} /> : null}
            {o.podState && o.podState !== 'unknown' ? (
              <span className={`badge badge-pod-${o.podState}`} data-testid="pod-state" title="The Pod's state as discovery saw it (phase, Ready condition)">
                {STATE_WORDS[o.podState] ?? o.podState}
              </span>
            ) : null}
            {WHAT_IF_KINDS.includes(o.kind) ? <WhatIfControl kind={o.kind} namespace={o.namespace ?? 'default'} name={o.name} /> : null}
          </div>
        );
      }}
    />
  );
}
