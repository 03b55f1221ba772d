// Pure state transitions for the editor files and the session.
import { describe, expect, it } from 'vitest';
import { addFile, checkFix, emptyFiles, filesFromSession, inputFiles, mergeFiles, removeFile, renameFile, setText, setWhatIf, spliceEdits, toSession, uniqueName, whatIfOf } from '../../src/ui/state/transitions.ts';

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

describe('what-if transitions', () => {
  const pod = { kind: 'Pod', namespace: 'default', name: 'web-0' };
  const dep = { kind: 'Deployment', namespace: 'default', name: 'web' };

  it('sets, changes in place, and removes a knob; a new knob goes last (a later one wins)', () => {
    let l = setWhatIf([], pod, 'not-ready');
    l = setWhatIf(l, dep, 'pending');
    expect(l.map((w) => [w.kind, w.state])).toEqual([
      ['Pod', 'not-ready'],
      ['Deployment', 'pending'],
    ]);
    l = setWhatIf(l, pod, 'failed');
    expect(l.map((w) => [w.kind, w.state])).toEqual([
      ['Pod', 'failed'],
      ['Deployment', 'pending'],
    ]);
    expect(whatIfOf(l, pod)).toBe('failed');
    expect(whatIfOf(l, { ...pod, namespace: 'other' })).toBeUndefined();
    l = setWhatIf(l, pod, undefined);
    expect(l).toEqual([{ ...dep, state: 'pending' }]);
    expect(setWhatIf(l, pod, undefined)).toEqual(l);
  });

  it('the session holds the knobs only when there are some', () => {
    const base = { files: [{ id: 'f', name: 'a', text: 'x' }], profile: 'auto' as const, view: 'objects' as const, filter: '' };
    expect(toSession({ ...base, whatIf: [] })).not.toHaveProperty('whatIf');
    expect(toSession({ ...base, whatIf: [{ ...pod, state: 'pending' }] }).whatIf).toEqual([{ ...pod, state: 'pending' }]);
  });
});

describe('applying a suggested change', () => {
  const edit = (offset: number, length: number, text: string, file = 'a.yaml') => ({ file, offset, length, text, line: 1, col: offset + 1 });
  const files = [
    { id: '1', name: 'a.yaml', text: 'ports:\n- containerPort: 8080\n' },
    { id: '2', name: 'b.yaml', text: 'targetPort: 10299\n' },
  ];

  it('splices non-overlapping edits that all refer to the original text', () => {
    expect(spliceEdits('abcdef', [edit(1, 1, 'XX'), edit(4, 0, '-'), edit(5, 1, '')])).toBe('aXXcd-e');
  });

  it('gives the new text of every edited file when the editor still holds what was diagnosed', () => {
    const input = files.map((f) => ({ name: f.name, text: f.text }));
    const c = checkFix(files, input, [edit(files[0]!.text.length - 1, 0, '\n- containerPort: 10299'), edit(12, 5, '8080', 'b.yaml')]);
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.texts.get('a.yaml')).toBe('ports:\n- containerPort: 8080\n- containerPort: 10299\n');
    expect(c.texts.get('b.yaml')).toBe('targetPort: 8080\n');
  });

  it('refuses when the text changed since the diagnosis, the file is not open, or an edit falls outside', () => {
    const input = files.map((f) => ({ name: f.name, text: f.text }));
    const edited = [{ ...files[0]!, text: files[0]!.text + '# more\n' }, files[1]!];
    expect(checkFix(edited, input, [edit(0, 0, 'x')])).toMatchObject({ ok: false, why: expect.stringMatching(/changed since/) });
    expect(checkFix(files, input, [edit(0, 0, 'x', 'c.yaml')])).toMatchObject({ ok: false, why: expect.stringMatching(/not open/) });
    expect(checkFix(files, input, [edit(999, 0, 'x')])).toMatchObject({ ok: false, why: expect.stringMatching(/outside/) });
    expect(checkFix(files, input, [])).toMatchObject({ ok: false });
    expect(checkFix(files, undefined, [edit(0, 0, 'x')])).toMatchObject({ ok: false });
  });
});
