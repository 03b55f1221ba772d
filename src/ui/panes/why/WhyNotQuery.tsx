// "Why not?" about any Pod (optionally one of its ports) or Service of the run — even one no job
// discovers. A searchable picker over the run's objects (input and simulated), a port choice, and the
// engine's chain for it; the question is asked again after every run.
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { objectAt, type ObjectTable } from '../../../worker/object-table.ts';
import { useActions, useApp } from '../../state/context.ts';
import { DiagnosisCard } from './DiagnosisCard.tsx';

interface Option {
  key: string;
  kind: 'Pod' | 'Service';
  namespace: string;
  name: string;
  label: string;
  hint: string;
  ports: { port: number; name?: string }[];
  /** Lower-case text the search matches. */
  haystack: string;
}

const SHOWN = 60;

const collator = new Intl.Collator();

function optionsOf(objects: ObjectTable | undefined): Option[] {
  const out: Option[] = [];
  if (!objects) return out;
  const pod = objects.strings.indexOf('Pod');
  const service = objects.strings.indexOf('Service');
  for (let i = 0; i < objects.count; i++) {
    const k = objects.kind[i];
    if (k !== pod && k !== service) continue;
    const o = objectAt(objects, i);
    if (o.kind !== 'Pod' && o.kind !== 'Service') continue;
    const namespace = o.namespace ?? 'default';
    const label = `${o.kind} ${namespace}/${o.name}`;
    const hint = [o.simulated ? `simulated from ${o.simulated.kind} ${o.simulated.name}` : '', o.podState && o.podState !== 'ready' ? o.podState.replace('-', ' ') : ''].filter(Boolean).join(' · ');
    out.push({ key: label, kind: o.kind, namespace, name: o.name, label, hint, ports: o.ports ?? [], haystack: `${label} ${hint}`.toLowerCase() });
  }
  return out.sort((a, b) => (a.kind === b.kind ? collator.compare(a.label, b.label) : a.kind === 'Service' ? -1 : 1));
}

function matches(o: Option, q: string): boolean {
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((term) => o.haystack.includes(term));
}

export function WhyNotQuery() {
  const objects = useApp((s) => s.run.view?.objects);
  const query = useApp((s) => s.query);
  const { askWhyNot } = useActions();
  const options = useMemo(() => optionsOf(objects), [objects]);
  const [text, setText] = useState(() => (query ? `${query.query.kind} ${query.query.namespace}/${query.query.name}` : ''));
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const portId = useId();
  const found = useMemo(() => options.filter((o) => matches(o, text)), [options, text]);
  const shown = found.slice(0, SHOWN);
  const chosen = query ? options.find((o) => o.kind === query.query.kind && o.namespace === query.query.namespace && o.name === query.query.name) : undefined;

  const choose = (o: Option) => {
    setText(o.label);
    setOpen(false);
    askWhyNot({ kind: o.kind, namespace: o.namespace, name: o.name });
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      setOpen(true);
      const n = Math.max(shown.length, 1);
      setActive((i) => (e.key === 'ArrowDown' ? (i + 1) % n : (i + n - 1) % n));
      e.preventDefault();
    } else if (e.key === 'Enter') {
      const o = shown[active];
      if (open && o) {
        choose(o);
        e.preventDefault();
      }
    } else if (e.key === 'Escape' && open) {
      setOpen(false);
      e.preventDefault();
      e.stopPropagation();
    }
  };

  return (
    <section className="why-query" aria-label="Ask why an object is not scraped" data-testid="why-query">
      <div className="why-query-row">
        <label className="why-query-label" htmlFor={`${listId}-input`}>
          Why not…
        </label>
        <div className="combo">
          <input
            ref={inputRef}
            id={`${listId}-input`}
            type="text"
            role="combobox"
            aria-expanded={open}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={open && shown[active] ? `${listId}-${active}` : undefined}
            autoComplete="off"
            spellCheck={false}
            className="combo-input"
            placeholder={options.length ? `a Pod or Service — type to search ${options.length} objects` : 'no Pods or Services in this run'}
            data-testid="why-query-input"
            value={text}
            disabled={!options.length}
            onChange={(e) => {
              setText(e.target.value);
              setActive(0);
              setOpen(true);
            }}
            onFocus={() => setOpen(true)}
            onBlur={() => setOpen(false)}
            onKeyDown={onKey}
          />
          {open && options.length ? (
            <ul className="combo-list" role="listbox" id={listId} aria-label="Pods and Services" data-testid="why-query-options">
              {shown.map((o, i) => (
                <li
                  key={o.key}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === active}
                  className={`combo-option${i === active ? ' active' : ''}`}
                  data-testid="why-query-option"
                  data-key={o.key}
                  onMouseDown={(e) => e.preventDefault()}
                  onMouseEnter={() => setActive(i)}
                  onClick={() => choose(o)}
                >
                  <span className="obj-kind-small">{o.kind}</span> <span className="mono">{`${o.namespace}/${o.name}`}</span>
                  {o.hint ? <span className="muted"> · {o.hint}</span> : null}
                </li>
              ))}
              {found.length > shown.length ? <li className="combo-more muted">{found.length - shown.length} more — type to narrow</li> : null}
              {!found.length ? <li className="combo-more muted">No Pod or Service matches.</li> : null}
            </ul>
          ) : null}
        </div>
        <label className="sr-only" htmlFor={portId}>
          Port
        </label>
        <select
          id={portId}
          className="port-select"
          data-testid="why-query-port"
          disabled={!chosen || !chosen.ports.length}
          value={query?.query.port === undefined ? '' : String(query.query.port)}
          onChange={(e) => {
            if (!chosen) return;
            const v = e.target.value;
            askWhyNot({ kind: chosen.kind, namespace: chosen.namespace, name: chosen.name, ...(v ? { port: Number(v) } : {}) });
          }}
        >
          <option value="">any port</option>
          {(chosen?.ports ?? []).map((p, i) => (
            <option key={i} value={String(p.port)}>
              {p.port}
              {p.name ? ` (${p.name})` : ''}
            </option>
          ))}
        </select>
        {query ? (
          <button
            type="button"
            className="btn btn-small"
            aria-label="Clear the question"
            onClick={() => {
              askWhyNot(null);
              setText('');
              inputRef.current?.focus();
            }}
          >
            Clear
          </button>
        ) : null}
      </div>
      {query ? (
        <div className="why-answer" data-testid="why-answer" data-state={query.status} aria-live="polite">
          <h4 className="why-answer-h">
            Why not {query.query.kind} {query.query.namespace}/{query.query.name}
            {query.query.port !== undefined ? ` port ${query.query.port}` : ''}? The engine's answer:
          </h4>
          {query.status === 'loading' && !query.diagnoses.length ? <p className="muted">Asking the engine…</p> : null}
          {query.status === 'error' ? <p className="banner banner-error">The engine could not answer: {query.message}</p> : null}
          {query.diagnoses.map((d, i) => (
            <DiagnosisCard key={i} d={d} from="query" />
          ))}
        </div>
      ) : null}
    </section>
  );
}
