// Line numbers for offsets. Positions are file:line:col everywhere; these are the two ways ingest gets them, each as
// cheap as its use allows.
import { LineCounter } from 'yaml';

/** Start offsets of every line of `text` (for stages that place arbitrary offsets of the file). The index comes from
 * the text, not from the parser's newline callbacks: in a broken document the `yaml` parser skips some newlines
 * (inside error tokens), and every position after them would drift. */
export function lineIndex(text: string): LineCounter {
  const lc = new LineCounter();
  const starts = lc.lineStarts;
  starts.push(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return lc;
}

/** Line and column of increasing offsets, counting newlines once from the start of the file: positions of
 * documents and List items in file order cost one pass over the text, without an index of every line. */
export class LineCursor {
  private line = 1;
  private start = 0;
  private next: number;

  constructor(private readonly text: string) {
    this.next = text.indexOf('\n');
  }

  /** `offset` must not be smaller than in the previous call. */
  pos(offset: number): { line: number; col: number } {
    while (this.next !== -1 && this.next < offset) {
      this.line++;
      this.start = this.next + 1;
      this.next = this.text.indexOf('\n', this.start);
    }
    return { line: this.line, col: offset - this.start + 1 };
  }

  /** Continues after a stretch whose newlines were counted elsewhere: the line `line`, starting at `lineStart`, is the
   * current one (it must not be before the current one). */
  jump(line: number, lineStart: number): void {
    this.line = line;
    this.start = lineStart;
    this.next = this.text.indexOf('\n', lineStart);
  }
}
