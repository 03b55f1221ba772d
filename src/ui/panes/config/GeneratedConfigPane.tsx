// What the operator layer made of the operator objects: for each Prometheus / VMAgent object, the
// monitors it selected (and why not the others) and the scrape config it generated.
import type { SelectionView } from '../../../worker/view.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { JumpButton } from '../../results/JumpButton.tsx';
import { useMemo } from 'react';
import { useActions, useApp } from '../../state/context.ts';

function nsName(ns: string | undefined, name: string): string {
  return ns ? `${ns}/${name}` : name;
}

const monitorKey = (kind: string, ns: string | undefined, name: string) => `${kind}\u0000${ns ?? ''}\u0000${name}`;

export function SelectionList({ items, whyOf }: { items: SelectionView[]; whyOf?: Map<string, number> }) {
  const { focusDiagnosis } = useActions();
  return (
    <ul className="selection" data-testid="selection-list">
      {items.map((m, i) => (
        <li key={i} className={`sel sel-${m.outcome}`} data-testid="selection" data-outcome={m.outcome}>
          <span className={`badge badge-${m.outcome === 'selected' ? 'active' : m.outcome === 'rejected' ? 'failed' : 'dropped'}`}>{m.outcome.replace('-', ' ')}</span>{' '}
          <span className="mono">
            {m.monitor.kind} {nsName(m.monitor.namespace, m.monitor.name)}
          </span>
          {m.monitor.pos ? <JumpButton pos={m.monitor.pos} /> : null}
          <span className="muted"> · by {m.owner}</span>
          {m.convertedFrom ? <span className="muted"> · converted from {m.convertedFrom.kind} {nsName(m.convertedFrom.namespace, m.convertedFrom.name)}</span> : null}
          {m.outcome !== 'selected' && whyOf?.has(monitorKey(m.monitor.kind, m.monitor.namespace, m.monitor.name)) ? (
            <button type="button" className="btn btn-small why-btn" data-testid="selection-why" onClick={() => focusDiagnosis(whyOf.get(monitorKey(m.monitor.kind, m.monitor.namespace, m.monitor.name)) as number)}>
              Why not?
            </button>
          ) : null}
          {m.reason ? <div className="sel-reason">{m.reason}</div> : null}
          {m.field ? (
            <div className="sel-field muted">
              change: {m.field.kind} {nsName(m.field.namespace, m.field.name)} <span className="mono">{m.field.path}</span>
              {m.field.pos ? <JumpButton pos={m.field.pos} /> : null}
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function GeneratedConfigPane() {
  const generated = useApp((s) => s.run.view?.generated);
  const selection = useApp((s) => s.run.view?.selection);
  const advice = useApp((s) => s.advice);
  const runId = useApp((s) => s.run.id);
  // Monitors the engine diagnosed → the diagnosis to open.
  const whyOf = useMemo(() => {
    const m = new Map<string, number>();
    if (advice.runId !== runId) return m;
    advice.diagnoses.forEach((d, i) => {
      for (const o of d.objects) if (o.role === 'monitor' && !m.has(monitorKey(o.kind, o.namespace, o.name))) m.set(monitorKey(o.kind, o.namespace, o.name), i);
    });
    return m;
  }, [advice, runId]);
  if (!generated?.length && !selection?.length) {
    return (
      <div className="empty" data-testid="config-empty">
        <p>No operator objects: nothing was generated.</p>
      </div>
    );
  }
  return (
    <div className="config-pane" data-testid="generated-config">
      {selection?.length ? (
        <section aria-label="Monitor selection">
          <h3 className="pane-h">Monitor selection</h3>
          <SelectionList items={selection} whyOf={whyOf} />
        </section>
      ) : null}
      {(generated ?? []).map((g) => (
        <section key={g.instance} aria-label={`Config generated for ${g.instance}`} className="generated">
          <header className="pane-toolbar">
            <h3 className="pane-h">
              {g.instance}
              {g.shards > 1 ? <span className="muted"> · shard {g.shard} of {g.shards}</span> : null}
              {g.assumed ? <span className="badge badge-implied" title="The object is not in the input; a permissive one was assumed.">assumed</span> : null}
              {g.unmanaged ? <span className="badge badge-implied" title="Every selector is unset: the operator leaves this config alone.">unmanaged</span> : null}
            </h3>
            <CopyButton text={g.text} label="Copy config" title={`Copy the scrape config generated for ${g.instance}`} />
          </header>
          <pre className="code" data-testid="generated-config-text">{g.text}</pre>
        </section>
      ))}
    </div>
  );
}
