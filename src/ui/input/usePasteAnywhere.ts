// Pasting text while no input field has focus adds it as a new input tab (pasting into the editor
// works as usual).
import { useEffect } from 'react';
import { useActions } from '../state/context.ts';

export function usePasteAnywhere(): void {
  const { addFiles } = useActions();
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName) || t.closest('.monaco-editor'))) return;
      const text = e.clipboardData?.getData('text/plain');
      if (!text || !text.trim()) return;
      e.preventDefault();
      addFiles([{ name: 'pasted.yaml', text }]);
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, [addFiles]);
}
