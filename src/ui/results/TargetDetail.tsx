// Everything about the selected target: where it came from, why it is (not) scraped, its labels
// before and after relabeling, with copy buttons and the way into its trace.
import type { WhyNotQuery } from '../../worker/protocol.ts';
import type { TargetView } from '../../worker/view.ts';
import { CopyButton } from '../components/CopyButton.tsx';
import { LabelTable, formatLabelSet } from '../components/LabelTable.tsx';
import { useMemo } from 'react';
import { DiagnosisCard } from '../panes/why/DiagnosisCard.tsx';
import { useActions, useApp } from '../state/context.ts';
import { JumpButton, rulePos } from './JumpButton.tsx';
import { reasonText } from './ReasonLine.tsx';

const STATE_WORD: Record<TargetView['state'], string> = { active: 'Active', dropped: 'Dropped', failed: 'Failed', duplicate: 'Collapsed duplicate' };

export function TargetDetail({ t }: { t: TargetView }) {
  const { openTrace, selectTarget } = useActions();
  const obj = t.object;
  return (
    <section className="target-detail" aria-label="Selected target" data-testid="target-detail" data-target-id={t.id}>
      <header className="detail-head">
        <span className={`badge badge-${t.state}`}>{STATE_WORD[t.state]}</span>
        <span className="mono detail-title">{t.scrapeUrl ?? t.discoveredLabels.__address__ ?? '(no address)'}</span>
        <span className="detail-actions">
          {t.scrapeUrl ? <CopyButton text={t.scrapeUrl} label="Copy URL" title="Copy the scrape URL" /> : null}
          {t.labels ? <CopyButton text={formatLabelSet(t.labels)} label="Copy labels" title="Copy the target labels" /> : null}
          <button type="button" className="btn btn-small btn-primary" onClick={() => openTrace(t.id)} data-testid="open-trace">
            Trace
          </button>
          <button type="button" className="btn btn-small" onClick={() => selectTarget(undefined)} aria-label="Close details">
            ✕
          </button>
        </span>
      </header>
      <dl className="detail-facts">
        <dt>Job</dt>
        <dd className="mono">{t.job}</dd>
        <dt>Found as</dt>
        <dd>
          <span className="mono">{t.source}</span>
          {t.index > 0 ? <span className="muted"> · target {t.index} of its group</span> : null}
          {obj ? <span className="muted"> · {obj.kind} {obj.namespace ? `${obj.namespace}/` : ''}{obj.name}</span> : null}
        </dd>
        {t.state !== 'active' ? (
          <>
            <dt>Why</dt>
            <dd data-testid="detail-reason">
              {reasonText(t)}
              {t.reason?.kind === 'relabel' && t.reason.rule.pos ? <JumpButton pos={t.reason.rule.pos} label={`rule at ${t.reason.rule.pos.file.split('/').pop()}:${t.reason.rule.pos.line}`} /> : null}
              {t.reason?.kind === 'relabel' && t.reason.rule.origin?.pos ? (
                <JumpButton pos={t.reason.rule.origin.pos} label={`from ${t.reason.rule.origin.kind} ${t.reason.rule.origin.name} ${t.reason.rule.origin.field}`} />
              ) : null}
            </dd>
          </>
        ) : null}
      </dl>
      <TargetDiagnoses t={t} />
      <div className="detail-tables">
        {t.labels ? <LabelTable title="Target labels" labels={t.labels} testId="final-labels" /> : null}
        <LabelTable title="Discovered labels" labels={t.discoveredLabels} testId="discovered-labels" />
      </div>
    </section>
  );
}

/** The "why not?" question that covers a target: its Pod (and address port), else its Service. */
export function questionFor(t: TargetView): WhyNotQuery | undefined {
  const l = t.discoveredLabels;
  const namespace = l.__meta_kubernetes_namespace;
  if (!namespace) return undefined;
  const port = Number(/:(\d+)$/.exec(l.__address__ ?? '')?.[1]);
  const withPort = Number.isInteger(port) && port > 0 ? { port } : {};
  if (l.__meta_kubernetes_pod_name) return { kind: 'Pod', namespace, name: l.__meta_kubernetes_pod_name, ...withPort };
  if (l.__meta_kubernetes_service_name) return { kind: 'Service', namespace, name: l.__meta_kubernetes_service_name, ...withPort };
  return undefined;
}

const sameQuestion = (a: WhyNotQuery, b: WhyNotQuery) => a.kind === b.kind && a.namespace === b.namespace && a.name === b.name && a.port === b.port;

/** The engine's diagnoses of this target (from the run's diagnosis phase); for a target the diagnosis stage
 * did not single out, the "why not?" question about its Pod or Service, asked on request. */
function TargetDiagnoses({ t }: { t: TargetView }) {
  const advice = useApp((s) => s.advice);
  const runId = useApp((s) => s.run.id);
  const query = useApp((s) => s.query);
  const { askWhyNot } = useActions();
  const mine = useMemo(() => (advice.runId === runId ? advice.diagnoses.filter((d) => d.target === t.id) : []), [advice, runId, t.id]);
  const q = useMemo(() => (t.state === 'active' ? undefined : questionFor(t)), [t]);
  if (mine.length) {
    return (
      <section className="detail-diagnoses" aria-label="Why this target is not scraped" data-testid="target-diagnoses">
        {mine.map((d, i) => (
          <DiagnosisCard key={i} d={d} from="advice" traceButton={false} />
        ))}
      </section>
    );
  }
  if (!q) return null;
  const asked = query && sameQuestion(query.query, q) ? query : undefined;
  const label = `${q.kind} ${q.namespace}/${q.name}${q.port !== undefined ? ` port ${q.port}` : ''}`;
  return (
    <section className="detail-diagnoses" aria-label="Why this target is not scraped" data-testid="target-question">
      {!asked ? (
        <button type="button" className="btn btn-small" data-testid="ask-why" onClick={() => askWhyNot(q)}>
          Ask the engine why not: {label}
        </button>
      ) : null}
      {asked?.status === 'loading' && !asked.diagnoses.length ? <p className="muted">Asking the engine about {label}…</p> : null}
      {asked?.status === 'error' ? <p className="banner banner-error">The engine could not answer: {asked.message}</p> : null}
      {asked?.diagnoses.map((d, i) => (
        <DiagnosisCard key={i} d={d} from="query" traceButton={false} />
      ))}
    </section>
  );
}
