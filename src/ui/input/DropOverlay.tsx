// Drag-and-drop anywhere on the page: files and whole folders become input tabs.
import { useEffect, useState } from 'react';
import { useActions } from '../state/context.ts';
import { filesFromDataTransfer } from './readFiles.ts';

function hasFiles(e: DragEvent): boolean {
  return !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');
}

export function DropOverlay() {
  const [over, setOver] = useState(false);
  const { addFiles, setNotice } = useActions();
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      setOver(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const overFn = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const drop = (e: DragEvent) => {
      if (!e.dataTransfer || !hasFiles(e)) return;
      // Capture phase + stop: Monaco would otherwise insert the file name as text.
      e.preventDefault();
      e.stopPropagation();
      depth = 0;
      setOver(false);
      void filesFromDataTransfer(e.dataTransfer).then((r) => {
        if (r.files.length) addFiles(r.files);
        if (r.skipped.length) setNotice({ kind: 'info', text: `Skipped: ${r.skipped.join(', ')}.` });
        else if (!r.files.length) setNotice({ kind: 'info', text: 'Nothing readable was dropped.' });
      });
    };
    window.addEventListener('dragenter', enter, true);
    window.addEventListener('dragleave', leave, true);
    window.addEventListener('dragover', overFn, true);
    window.addEventListener('drop', drop, true);
    return () => {
      window.removeEventListener('dragenter', enter, true);
      window.removeEventListener('dragleave', leave, true);
      window.removeEventListener('dragover', overFn, true);
      window.removeEventListener('drop', drop, true);
    };
  }, [addFiles, setNotice]);
  if (!over) return null;
  return (
    <div className="drop-overlay" aria-hidden="true">
      <div>Drop files or folders to add them as inputs</div>
    </div>
  );
}
