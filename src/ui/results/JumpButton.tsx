// "Show me where": selects the file and line in the editor.
import type { SourceRange } from '../../engine/index.ts';
import { useActions } from '../state/context.ts';

export function JumpButton({ pos, label, testId }: { pos: SourceRange; label?: string; testId?: string }) {
  const { revealPos } = useActions();
  const text = label ?? `${pos.file.split('/').pop()}:${pos.line}`;
  return (
    <button
      type="button"
      className="btn btn-small btn-link"
      data-testid={testId}
      title={`Show ${pos.file} line ${pos.line} in the editor`}
      aria-label={`Show ${pos.file} line ${pos.line} in the editor`}
      onClick={(e) => {
        e.stopPropagation();
        const r: { file: string; line: number; col: number; endLine?: number; endCol?: number } = { file: pos.file, line: pos.line, col: pos.col };
        if (pos.endLine !== undefined) r.endLine = pos.endLine;
        if (pos.endCol !== undefined) r.endCol = pos.endCol;
        revealPos(r);
      }}
    >
      {text}
    </button>
  );
}
