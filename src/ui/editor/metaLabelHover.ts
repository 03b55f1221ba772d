// Hover on a label name inside the editor (e.g. in `source_labels`): where a __meta_kubernetes_*
// label comes from. Only label-name characters are read from the document, so the hover text
// never carries input markup; it is rendered as untrusted Markdown without HTML.
import type * as MonacoNs from 'monaco-editor/editor';
import { describeLabel } from '../labels/metaLabels.ts';

const NAME_CHAR = /[A-Za-z0-9_]/;

/** The label-name-like word around a 1-based column, with its 1-based [start, end) columns. */
export function labelWordAt(line: string, column: number): { word: string; start: number; end: number } | undefined {
  let s = column - 1;
  let e = column - 1;
  while (s > 0 && NAME_CHAR.test(line[s - 1] ?? '')) s--;
  while (e < line.length && NAME_CHAR.test(line[e] ?? '')) e++;
  if (e <= s) return undefined;
  return { word: line.slice(s, e), start: s + 1, end: e + 1 };
}

export function registerMetaLabelHover(monaco: typeof MonacoNs): void {
  monaco.languages.registerHoverProvider('yaml', {
    provideHover(model, position) {
      const w = labelWordAt(model.getLineContent(position.lineNumber), position.column);
      if (!w || !w.word.startsWith('__')) return null;
      const text = describeLabel(w.word);
      if (!text) return null;
      const [head, ...rest] = text.split('\n');
      return {
        range: new monaco.Range(position.lineNumber, w.start, position.lineNumber, w.end),
        contents: [
          { value: `**\`${head}\`**`, isTrusted: false, supportHtml: false },
          { value: rest.join('\n\n'), isTrusted: false, supportHtml: false },
        ],
      };
    },
  });
}
