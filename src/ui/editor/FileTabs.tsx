// One tab per input file: select, rename (double-click or F2), close, add.
import { useState, type KeyboardEvent } from 'react';
import { useActions, useApp } from '../state/context.ts';

export function FileTabs() {
  const files = useApp((s) => s.files);
  const active = useApp((s) => s.activeFileId);
  const { selectFile, closeFile, newFile, renameFile } = useActions();
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState('');

  const startRename = (id: string, name: string) => {
    setEditing(id);
    setDraft(name);
  };
  const commit = () => {
    if (editing) renameFile(editing, draft);
    setEditing(null);
  };
  const onKey = (e: KeyboardEvent, id: string, name: string) => {
    if (e.key === 'F2') {
      startRename(id, name);
      e.preventDefault();
    } else if (e.key === 'Delete' && e.shiftKey) {
      closeFile(id);
    }
  };

  return (
    <div className="file-tabs" role="tablist" aria-label="Input files" data-testid="file-tabs">
      {files.map((f) => (
        <div key={f.id} className={`file-tab${f.id === active ? ' active' : ''}`} data-testid="file-tab" data-name={f.name}>
          {editing === f.id ? (
            <input
              className="file-rename"
              aria-label="File name"
              autoFocus
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              onBlur={commit}
              onKeyDown={(e) => {
                if (e.key === 'Enter') commit();
                if (e.key === 'Escape') setEditing(null);
              }}
            />
          ) : (
            <button
              type="button"
              role="tab"
              aria-selected={f.id === active}
              className="file-tab-name"
              title={`${f.name} — double-click or F2 to rename`}
              onClick={() => selectFile(f.id)}
              onDoubleClick={() => startRename(f.id, f.name)}
              onKeyDown={(e) => onKey(e, f.id, f.name)}
            >
              {f.name}
            </button>
          )}
          <button type="button" className="file-tab-close" aria-label={`Close ${f.name}`} title={`Close ${f.name}`} onClick={() => closeFile(f.id)}>
            ×
          </button>
        </div>
      ))}
      <button type="button" className="file-tab-add" aria-label="New input file" title="New input file" onClick={newFile} data-testid="new-file">
        +
      </button>
    </div>
  );
}
