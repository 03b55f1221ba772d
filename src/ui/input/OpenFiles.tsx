// Toolbar buttons that open files or a whole folder (kubectl dump directories) from disk.
import { useRef } from 'react';
import { useActions } from '../state/context.ts';
import { filesFromList } from './readFiles.ts';

export function OpenFiles() {
  const files = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  const { addFiles, setNotice } = useActions();
  const onPick = (list: FileList | null, input: HTMLInputElement | null) => {
    if (!list || !list.length) return;
    void filesFromList(list).then((r) => {
      if (r.files.length) addFiles(r.files);
      if (r.skipped.length) setNotice({ kind: 'info', text: `Skipped: ${r.skipped.join(', ')}.` });
      if (input) input.value = '';
    });
  };
  return (
    <>
      <button type="button" className="btn" onClick={() => files.current?.click()} title="Open files (or drop them anywhere)">
        Open…
      </button>
      <button type="button" className="btn" onClick={() => folder.current?.click()} title="Open a folder, e.g. a cluster-info dump directory">
        Folder…
      </button>
      <input ref={files} type="file" multiple hidden aria-label="Open files" data-testid="open-files" onChange={(e) => onPick(e.target.files, e.target)} />
      <input
        ref={(el) => {
          folder.current = el;
          el?.setAttribute('webkitdirectory', '');
        }}
        type="file"
        multiple
        hidden
        aria-label="Open a folder"
        onChange={(e) => onPick(e.target.files, e.target)}
      />
    </>
  );
}
