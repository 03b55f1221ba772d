// Copies a text to the clipboard and says so for a moment.
import { useState } from 'react';

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function CopyButton({ text, label, title }: { text: string; label?: string; title: string }) {
  const [state, setState] = useState<'idle' | 'done' | 'failed'>('idle');
  return (
    <button
      type="button"
      className="btn btn-small"
      aria-label={title}
      title={title}
      onClick={(e) => {
        e.stopPropagation();
        void copyText(text).then((ok) => {
          setState(ok ? 'done' : 'failed');
          setTimeout(() => setState('idle'), 1200);
        });
      }}
    >
      {state === 'done' ? 'Copied' : state === 'failed' ? 'Copy failed' : (label ?? 'Copy')}
    </button>
  );
}
