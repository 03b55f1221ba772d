// Big inputs on the page: files decoded in slices exactly as Blob.text() decodes them; the editor's window
// of a big file (whole lines, line numbers as in the file, moving on and back, splicing back).
import { describe, expect, it } from 'vitest';
import { countNewlines, firstWindow, nextWindow, offsetOfLine, windowAround, windowAt, type FileWindow } from '../../src/ui/editor/bigFile.ts';
import { SLICE_BYTES, readText } from '../../src/ui/input/readFiles.ts';
import { isBlank } from '../../src/ui/state/transitions.ts';

describe('reading a big file', () => {
  it('decodes slice by slice exactly as Blob.text() (multi-byte characters across slice edges, a BOM)', async () => {
    const line = 'ключ: "значение" – ü € 𝄞 \n';
    const text = '\uFEFF' + line.repeat(Math.ceil((2.5 * SLICE_BYTES) / line.length));
    const blob = new Blob([text]);
    expect(blob.size).toBeGreaterThan(2 * SLICE_BYTES);
    const read = (await readText(blob))?.text;
    expect(read).toBe(await blob.text());
    expect(read!.startsWith('ключ')).toBe(true);
  });
  it('keeps the first slice as read: the text begins with it, even when a character straddles the slice edge', async () => {
    // A 4-byte character right across the first slice's end: the decoder holds it back for the next slice.
    const text = 'a'.repeat(SLICE_BYTES - 2) + '𝄞' + '\nrest\n'.repeat(1000);
    const read = await readText(new Blob([text]));
    expect(read!.text).toBe(text);
    expect(read!.head!.length).toBe(SLICE_BYTES - 2);
    expect(read!.text.startsWith(read!.head!)).toBe(true);
    // A small file is read whole: no head.
    expect(await readText(new Blob(['x: 1\n']))).toEqual({ text: 'x: 1\n' });
  });
  it('refuses a binary file', async () => {
    expect(await readText(new Blob([new Uint8Array(SLICE_BYTES + 10)]))).toBeNull();
    expect(await readText(new Blob(['a\u0000b']))).toBeNull();
  });
  it('a long text is not read to tell whether it is blank', () => {
    expect(isBlank('  \n')).toBe(true);
    expect(isBlank(' x ')).toBe(false);
    expect(isBlank(' '.repeat(100_000))).toBe(false);
  });
});

describe('the editor window of a big file', () => {
  const text = Array.from({ length: 5000 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
  const prefix = (t: string, w: FileWindow) => t.slice(0, w.start);
  const suffix = (t: string, w: FileWindow) => t.slice(w.end);
  it('holds whole lines and knows the file line it starts at', () => {
    const w = windowAt(text, 0, 1000);
    expect(prefix(text, w)).toBe('');
    expect(w.startLine).toBe(1);
    expect(w.body.endsWith('\n')).toBe(true);
    expect(prefix(text, w) + w.body + suffix(text, w)).toBe(text);
    const mid = windowAt(text, 20_000, 1000);
    expect(prefix(text, mid).endsWith('\n')).toBe(true);
    expect(prefix(text, mid) + mid.body + suffix(text, mid)).toBe(text);
    expect(mid.body.split('\n')[0]).toBe(`line ${mid.startLine}`);
    expect(mid.lines).toBe(countNewlines(mid.body));
  });
  it('moves on and back by about a window, overlapping, with the right line numbers', () => {
    let w = windowAt(text, 0, 1000);
    const seen = new Set<number>();
    while (suffix(text, w)) {
      const next = nextWindow(text, w, 1, 1000);
      expect(next.startLine).toBeGreaterThan(w.startLine);
      expect(next.startLine).toBeLessThanOrEqual(w.startLine + w.lines);
      expect(next.body.split('\n')[0]).toBe(`line ${next.startLine}`);
      seen.add(next.startLine);
      w = next;
    }
    expect(w.body.endsWith('line 5000\n')).toBe(true);
    const back = nextWindow(text, w, -1, 1000);
    expect(back.startLine).toBeLessThan(w.startLine);
    expect(back.body.split('\n')[0]).toBe(`line ${back.startLine}`);
  });
  it('finds the window of a line', () => {
    expect(offsetOfLine(text, 1)).toBe(0);
    expect(text.slice(offsetOfLine(text, 4321)).startsWith('line 4321\n')).toBe(true);
    const w = windowAround(text, 4321, 1000);
    expect(w.startLine).toBeLessThanOrEqual(4321);
    expect(w.startLine + w.lines).toBeGreaterThan(4321);
    expect(w.body.split('\n')[4321 - w.startLine]).toBe('line 4321');
  });
  it('a file without a final newline ends in the last window', () => {
    const t = 'a\nb\nc';
    const w = windowAt(t, 0, 2);
    expect(prefix(t, w) + w.body + suffix(t, w)).toBe(t);
    const last = nextWindow(t, nextWindow(t, w, 1, 2), 1, 2);
    expect(last.body.endsWith('c')).toBe(true);
  });
  it('the first window cut from the head the reader kept is the one cut from the whole text', () => {
    for (const size of [10, 1000, 4096]) {
      for (const cut of [size + 1, size + 50, 9000, 30_000, text.length]) {
        const head = text.slice(0, cut);
        const w = firstWindow(head, size);
        // The window's last line must end inside the head; otherwise the text itself decides.
        if (head.indexOf('\n', size) < 0 || head.length <= size) expect(w).toBeUndefined();
        else expect(w).toEqual(windowAt(text, 0, size));
      }
    }
    expect(firstWindow('short\n', 1000)).toBeUndefined();
  });
});
