// "Show me where": selects the file and line in the editor. Positions in files that are not input
// tabs (e.g. a config an operator generated) are shown as text.
import type { RuleRef, SourceRange } from '../../engine/index.ts';
import { useActions, useApp } from '../state/context.ts';

/** Where a rule should take the user: the field of the custom resource it was generated from, else the rule itself. */
export function rulePos(rule: RuleRef): SourceRange | undefined {
  return rule.origin?.pos ?? rule.pos;
}

export function JumpButton({ pos, label, testId }: { pos: SourceRange; label?: string; testId?: string }) {
  const { revealPos } = useActions();
  const isInput = useApp((s) => s.files.some((f) => f.name === pos.file));
  const text = label ?? `${pos.file.split('/').pop()}:${pos.line}`;
  if (!isInput) {
    return (
      <span className="muted jump-static" data-testid={testId} title={`${pos.file} line ${pos.line}`}>
        {text}
      </span>
    );
  }
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
