// Page-wide keyboard shortcuts (the editor registers Run and Share itself, since it keeps keys).
import { useEffect } from 'react';
import { useActions } from './state/context.ts';
import { visibleViews } from './state/views.ts';

function typing(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || !!el.closest?.('.monaco-editor');
}

/** Alt+N picks the N-th tab shown (so the numbers match the tab tooltips). */
export function useShortcuts(getView: () => { generated: unknown[]; selection: unknown[] } | undefined): void {
  const a = useActions();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key === 'Enter') {
        a.runNow();
        e.preventDefault();
      } else if (mod && (e.key === 's' || e.key === 'S')) {
        a.openDialog('share');
        e.preventDefault();
      } else if (mod && (e.key === 'k' || e.key === 'K')) {
        document.getElementById('target-filter')?.focus();
        e.preventDefault();
      } else if (e.altKey && !mod && /^Digit[1-9]$/.test(e.code)) {
        const v = visibleViews(getView())[Number(e.code.slice(5)) - 1];
        if (v) {
          a.setView(v);
          e.preventDefault();
        }
      } else if (e.key === '?' && !mod && !typing(e.target)) {
        a.openDialog('help');
        e.preventDefault();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [a, getView]);
}
