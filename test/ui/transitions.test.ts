// Pure state transitions for the editor files and the session.
import { describe, expect, it } from 'vitest';
import { addFile, emptyFiles, filesFromSession, inputFiles, mergeFiles, removeFile, renameFile, setText, toSession, uniqueName } from '../../src/ui/state/transitions.ts';

describe('file transitions', () => {
  it('uniqueName appends (2), (3)… before the extension', () => {
    const files = [{ name: 'a.yaml' }, { name: 'a (2).yaml' }];
    expect(uniqueName(files, 'b.yaml')).toBe('b.yaml');
    expect(uniqueName(files, 'a.yaml')).toBe('a (3).yaml');
    expect(uniqueName([{ name: 'Makefile' }], 'Makefile')).toBe('Makefile (2)');
  });

  it('a drop replaces the single empty tab, replaces same-named files, adds the rest', () => {
    let s = mergeFiles(emptyFiles(), [{ name: 'a.yaml', text: 'A' }]);
    expect(s.files.map((f) => [f.name, f.text])).toEqual([['a.yaml', 'A']]);
    const aId = s.files[0]!.id;
    s = mergeFiles(s, [
      { name: 'a.yaml', text: 'A2' },
      { name: 'b.yaml', text: 'B' },
    ]);
    expect(s.files.map((f) => [f.name, f.text])).toEqual([
      ['a.yaml', 'A2'],
      ['b.yaml', 'B'],
    ]);
    expect(s.files[0]!.id).toBe(aId); // same tab, new text
    expect(s.activeFileId).toBe(s.files[1]!.id);
  });

  it('rename keeps names unique and ignores blank names', () => {
    let s = addFile(addFile(emptyFiles(), 'x.yaml'), 'y.yaml');
    const y = s.files[2]!;
    s = renameFile(s, y.id, 'x.yaml');
    expect(s.files[2]!.name).toBe('x (2).yaml');
    expect(renameFile(s, y.id, '   ')).toBe(s);
  });

  it('closing the last tab empties it; closing the active tab activates a neighbour', () => {
    let s = setText(emptyFiles(), emptyFiles().activeFileId, 'x');
    const only = emptyFiles();
    const cleared = removeFile(setText(only, only.activeFileId, 'text'), only.activeFileId);
    expect(cleared.files.length).toBe(1);
    expect(cleared.files[0]!.text).toBe('');
    s = addFile(addFile(only, 'b.yaml'), 'c.yaml');
    const b = s.files[1]!;
    s = { ...s, activeFileId: b.id };
    s = removeFile(s, b.id);
    expect(s.files.map((f) => f.name)).toEqual(['input.yaml', 'c.yaml']);
    expect(s.activeFileId).toBe(s.files[1]!.id);
  });

  it('sessions round-trip through the file state; empty tabs are not engine input', () => {
    const session = { files: [{ name: 'a', text: 'x' }, { name: 'b', text: '  \n' }], profile: 'auto' as const, view: 'dropped' as const, target: 'j#1' };
    const f = filesFromSession(session);
    expect(toSession({ files: f.files, profile: 'auto', view: 'dropped', selectedTarget: 'j#1', filter: '' })).toEqual(session);
    expect(inputFiles(f.files)).toEqual([{ name: 'a', text: 'x' }]);
    expect(filesFromSession({ files: [], profile: 'auto', view: 'targets' }).files.length).toBe(1);
  });
});
