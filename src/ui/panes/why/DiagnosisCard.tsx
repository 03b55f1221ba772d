// One diagnosis as the engine worded it: what is wrong, the field to change (a jump to its line), the
// rule and what it saw, the objects involved, and the suggested change with an "Apply fix" button
// (verified changes say how many targets they yield). Everything shown is the engine's text; the page
// adds only labels and buttons.
import { useMemo } from 'react';
import type { Diagnosis, SourceRange } from '../../../engine/index.ts';
import { JumpButton, rulePos } from '../../results/JumpButton.tsx';
import { useActions, useApp } from '../../state/context.ts';
import { checkFix } from '../../state/transitions.ts';

type Suggestion = NonNullable<Diagnosis['suggestion']>;
type Source = 'advice' | 'query';

function nsName(ns: string | undefined, name: string): string {
  return ns ? `${ns}/${name}` : name;
}

function fileLine(p: SourceRange): string {
  return `${p.file.split('/').pop()}:${p.line}`;
}

const quote = (s: string) => JSON.stringify(s);

/** Whether a suggestion's edits still apply to the editor text (offsets refer to the diagnosed text). */
function useFixCheck(s: Suggestion | undefined, from: Source): { ok: boolean; why?: string } {
  const files = useApp((st) => st.files);
  const input = useApp((st) => (from === 'query' ? st.query?.input : st.advice.input));
  return useMemo(() => {
    if (!s) return { ok: false };
    const c = checkFix(files, input, s.edits);
    return c.ok ? { ok: true } : { ok: false, why: c.why };
  }, [s, files, input]);
}

function Verified({ s }: { s: Suggestion }) {
  if (s.verified) {
    const n = s.resultingTargets;
    return (
      <span className="badge badge-active" data-testid="fix-verified" title="The engine re-ran the pipeline with this change and got the target(s)">
        ✓ verified{n !== undefined ? `: ${n} target${n === 1 ? '' : 's'}` : ''}
      </span>
    );
  }
  return (
    <span className="badge badge-implied" data-testid="fix-unverified" title={s.afterChange ? `After this change the engine still reports: ${s.afterChange}` : 'The engine did not re-run the pipeline with this change'}>
      not verified
    </span>
  );
}

function FixBlock({ s, from, primary, testId }: { s: Suggestion; from: Source; primary: boolean; testId: string }) {
  const { applyFix } = useActions();
  const check = useFixCheck(s, from);
  const first = s.edits[0];
  return (
    <div className={`fix${primary ? ' fix-primary' : ''}`} data-testid={testId} data-verified={s.verified ? 'true' : 'false'}>
      <div className="fix-head">
        <span className="fix-desc">{s.description}</span>
        <Verified s={s} />
        {s.edits.length ? (
          <button
            type="button"
            className={`btn btn-small${primary ? ' btn-primary' : ''}`}
            data-testid={primary ? 'apply-fix' : 'apply-alternative'}
            disabled={!check.ok}
            title={check.ok ? `Change ${s.edits.map((e) => `${e.file}:${e.line}`).join(', ')} in the editor and run again` : check.why}
            onClick={() => applyFix(s, from)}
          >
            {primary ? 'Apply fix' : 'Apply'}
          </button>
        ) : null}
        {first ? <JumpButton pos={{ file: first.file, line: first.line, col: first.col }} label={`${first.file.split('/').pop()}:${first.line}`} /> : null}
      </div>
      {s.yamlSnippet ? <pre className="snippet mono">{s.yamlSnippet}</pre> : null}
      {!s.verified && s.afterChange ? <p className="muted fix-after">After this change: {s.afterChange}</p> : null}
    </div>
  );
}

function Evidence({ d }: { d: Diagnosis }) {
  const e = d.evidence;
  if (!e) return null;
  return (
    <>
      <dt>Saw</dt>
      <dd data-testid="diag-evidence">
        <span className="mono">{e.sourceLabels.join(';') || '(no source labels)'}</span> = <span className="mono ev-seen">{e.seen === '' ? '"" (absent)' : quote(e.seen)}</span>
        <span className="muted"> · regex </span>
        <span className="mono">{quote(e.regex)}</span>
      </dd>
      <dt>Would pass</dt>
      <dd data-testid="diag-passing">{e.passing.length ? e.passing.map((v, i) => <span key={i} className="chip">{quote(v)}</span>) : <span className="muted">no value seen in this job passes</span>}</dd>
      {e.nearest !== undefined ? (
        <>
          <dt>Nearest</dt>
          <dd className="mono" data-testid="diag-nearest">
            {quote(e.nearest)}
          </dd>
        </>
      ) : null}
    </>
  );
}

export function DiagnosisCard({ d, from, focused, traceButton = true }: { d: Diagnosis; from: Source; focused?: boolean; traceButton?: boolean }) {
  const { openTrace } = useActions();
  // A diagnosis names a target of the run it was made of (the store drops the diagnoses of older runs).
  const hasTarget = d.target !== undefined;
  const loc = d.location;
  const rp = d.rule ? rulePos(d.rule) : undefined;
  return (
    <article className={`diagnosis sev-border-${d.severity}${focused ? ' focused' : ''}`} data-testid="diagnosis" data-kind={d.kind} data-family={d.family} aria-label={d.title}>
      <header className="diag-head">
        <span className={`sev sev-${d.severity}`}>{d.severity}</span>
        <strong className="diag-title">{d.title}</strong>
        {d.job ? <span className="muted mono diag-job">{d.job}</span> : null}
      </header>
      <p className="diag-sentence" data-testid="diag-sentence">
        {d.sentence}
      </p>
      <dl className="diag-facts">
        {loc || d.locationField ? (
          <>
            <dt>Change</dt>
            <dd>
              {d.locationField ? <span className="mono">{d.locationField}</span> : null}
              {loc ? <JumpButton pos={loc} label={fileLine(loc)} testId="diag-location" /> : null}
            </dd>
          </>
        ) : null}
        {d.rule ? (
          <>
            <dt>Rule</dt>
            <dd>
              <span className="mono" data-testid="diag-rule">
                rule {d.rule.index}: {d.rule.summary}
              </span>
              {d.rule.origin ? (
                <span className="muted">
                  {' '}
                  · from {d.rule.origin.kind} {nsName(d.rule.origin.namespace, d.rule.origin.name)} <span className="mono">{d.rule.origin.field}</span>
                </span>
              ) : null}
              {rp ? <JumpButton pos={rp} label={fileLine(rp)} testId="diag-rule-jump" /> : null}
            </dd>
          </>
        ) : null}
        <Evidence d={d} />
        {d.related?.length ? (
          <>
            <dt>Related</dt>
            <dd>
              <ul className="diag-related">
                {d.related.map((r, i) => (
                  <li key={i} data-testid="diag-related">
                    <span className="mono">{r.label}</span>
                    {r.pos ? <JumpButton pos={r.pos} label={fileLine(r.pos)} /> : null}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        {d.objects.length ? (
          <>
            <dt>Objects</dt>
            <dd className="diag-objects">
              {d.objects.map((o, i) => (
                <span key={i} className="diag-object" data-testid="diag-object" data-role={o.role}>
                  {o.role !== o.kind.toLowerCase() ? <span className="muted">{o.role} </span> : null}
                  {o.kind} <span className="mono">{nsName(o.namespace, o.name)}</span>
                  {o.part ? <span className="mono">, {o.part}</span> : null}
                  {o.pos ? <JumpButton pos={o.pos} label={fileLine(o.pos)} /> : null}
                </span>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
      {d.suggestion ? <FixBlock s={d.suggestion} from={from} primary testId="diag-fix" /> : null}
      {d.alternatives?.length ? (
        <div className="alternatives">
          <div className="muted alt-head">Also works:</div>
          {d.alternatives.map((a, i) => (
            <FixBlock key={i} s={a} from={from} primary={false} testId="diag-alternative" />
          ))}
        </div>
      ) : null}
      <footer className="diag-foot">
        {d.target && hasTarget && traceButton ? (
          <button type="button" className="btn btn-small" onClick={() => openTrace(d.target as string)} data-testid="diag-trace">
            Trace the target
          </button>
        ) : null}
        <details className="diag-upstream">
          <summary>Upstream behaviour{d.notes?.length ? ' and notes' : ''}</summary>
          <p className="muted">{d.upstream}</p>
          {d.notes?.length ? (
            <ul className="muted">
              {d.notes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          ) : null}
        </details>
      </footer>
    </article>
  );
}
