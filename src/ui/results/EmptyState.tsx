// What an empty list means, and where to look instead.
import { useActions, useApp } from '../state/context.ts';

const WORD = { active: 'active', dropped: 'dropped', failed: 'failed' } as const;

export function EmptyState({ kind, total }: { kind: 'active' | 'dropped' | 'failed'; total: number }) {
  const view = useApp((s) => s.run.view);
  const { setView, setFilter } = useActions();
  if (total > 0) {
    return (
      <div className="empty" data-testid="empty-list">
        <p>No {WORD[kind]} target matches the filter.</p>
        <button type="button" className="btn" onClick={() => setFilter('')}>
          Clear the filter
        </button>
      </div>
    );
  }
  const s = view?.summary;
  return (
    <div className="empty" data-testid="empty-list">
      <p>No {WORD[kind]} targets.</p>
      {view && view.jobs.length === 0 ? <p className="muted">The input has no scrape job. Add a scrape config (scrape_configs) or operator objects (ServiceMonitor, VMServiceScrape, …).</p> : null}
      {s && kind === 'active' && s.dropped > 0 ? (
        <button type="button" className="btn" onClick={() => setView('dropped')}>
          See the {s.dropped} dropped
        </button>
      ) : null}
      {s && kind === 'active' && s.failed > 0 ? (
        <button type="button" className="btn" onClick={() => setView('failed')}>
          See the {s.failed} failed
        </button>
      ) : null}
    </div>
  );
}
