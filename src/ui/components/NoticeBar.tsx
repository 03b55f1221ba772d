// One dismissable message for things that happened to the page (a broken link, skipped files).
import { useActions, useApp } from '../state/context.ts';

export function NoticeBar() {
  const notice = useApp((s) => s.notice);
  const { setNotice } = useActions();
  if (!notice) return null;
  return (
    <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice" data-kind={notice.kind}>
      <span>{notice.text}</span>
      <button type="button" className="btn btn-small" onClick={() => setNotice(null)} aria-label="Dismiss">
        ✕
      </button>
    </div>
  );
}
