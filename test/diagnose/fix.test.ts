// Suggested changes are text edits on the file as the user wrote it: the indentation, sequence style,
// flow/JSON syntax, comments and line endings stay; only the lines the change needs are added.
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/engine/index.ts';
import { applyEdits, rebaseEdits, SourceEditor, scalar } from '../../src/engine/diagnose/fix.ts';

const TEMPLATE = ['spec', 'template', 'spec', 'containers', 0, 'ports'];

function deployment(containers: string, nl = '\n'): string {
  return ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: audit', '  namespace: default', 'spec:', '  selector:', '    matchLabels: {app: audit}', '  template:', '    metadata:', '      labels: {app: audit}', '    spec:', containers].join(nl);
}

function edit(text: string, f: (ed: SourceEditor, so: NonNullable<ReturnType<ReturnType<typeof run>['store']['get']>>) => ReturnType<SourceEditor['appendItem']>, kind = 'Deployment', name = 'audit', file = 'x.yaml'): string {
  const files = [{ name: file, text }];
  const so = run(files, { simulate: false }).store.get(kind, 'default', name)!;
  expect(so).toBeDefined();
  const edits = f(new SourceEditor(files), so);
  expect(edits.length).toBeGreaterThan(0);
  return applyEdits(files, edits)![0]!.text;
}

const ports = (text: string, i = 0): unknown => (parseAllDocuments(text)[i]!.toJS() as any).spec.template.spec.containers[0].ports;

describe('SourceEditor.appendItem (containerPort)', () => {
  it('zero-indented sequence (kubectl style)', () => {
    const t = deployment('      containers:\n      - name: audit\n        ports:\n        - containerPort: 8080\n');
    const out = edit(t, (ed, so) => ed.appendItem(so, TEMPLATE, { containerPort: 10299 }));
    expect(out).toBe(t.replace('        - containerPort: 8080\n', '        - containerPort: 8080\n        - containerPort: 10299\n'));
  });

  it('indented sequence with multi-key items and a trailing comment', () => {
    const t = deployment('      containers:\n        - name: audit\n          ports:\n            - name: http\n              containerPort: 8080 # app\n          # the sidecar follows\n        - name: proxy\n');
    const out = edit(t, (ed, so) => ed.appendItem(so, TEMPLATE, { name: 'metrics', containerPort: 10299 }));
    expect(out).toContain('              containerPort: 8080 # app\n            - name: metrics\n              containerPort: 10299\n          # the sidecar follows');
    expect(ports(out)).toEqual([{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 10299 }]);
  });

  it('flow sequence', () => {
    const t = deployment('      containers:\n      - {name: audit, ports: [{containerPort: 8080}]}\n');
    const out = edit(t, (ed, so) => ed.appendItem(so, TEMPLATE, { containerPort: 10299 }));
    expect(out).toContain('ports: [{containerPort: 8080}, {containerPort: 10299}]');
  });

  it('creates ports: when the container has none, in the document’s sequence style', () => {
    const t = deployment('      containers:\n      - name: audit\n        image: x\n');
    const out = edit(t, (ed, so) => ed.appendItem(so, TEMPLATE, { containerPort: 10299 }));
    expect(out).toContain('        image: x\n        ports:\n        - containerPort: 10299\n');
    expect(ports(out)).toEqual([{ containerPort: 10299 }]);
  });

  it('JSON input stays JSON', () => {
    const obj = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'audit', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'audit' } }, template: { metadata: { labels: { app: 'audit' } }, spec: { containers: [{ name: 'audit', ports: [{ containerPort: 8080 }] }] } } } };
    const t = JSON.stringify(obj, null, 2);
    const out = edit(t, (ed, so) => ed.appendItem(so, TEMPLATE, { containerPort: 10299 }), 'Deployment', 'audit', 'x.json');
    expect(JSON.parse(out).spec.template.spec.containers[0].ports).toEqual([{ containerPort: 8080 }, { containerPort: 10299 }]);
  });

  it('an item of a kind: List', () => {
    const t = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: a, namespace: default}\n  spec: {ports: [{port: 1}]}\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: b\n    namespace: default\n  spec:\n    ports:\n    - port: 2\n';
    const out = edit(t, (ed, so) => ed.appendItem(so, ['spec', 'ports'], { name: 'metrics', port: 9100 }), 'Service', 'b');
    expect(out).toContain('    - port: 2\n    - name: metrics\n      port: 9100\n');
  });

  it('CRLF line endings are kept', () => {
    const t = deployment('      containers:\r\n      - name: audit\r\n        ports:\r\n        - containerPort: 8080\r\n', '\r\n');
    const out = edit(t, (ed, so) => ed.appendItem(so, TEMPLATE, { containerPort: 10299 }));
    expect(out).toContain('        - containerPort: 8080\r\n        - containerPort: 10299\r\n');
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
  });
});

describe('SourceEditor.setEntries / replaceValue', () => {
  const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: default\nspec:\n  selector:\n    app: web-api   # typo\n  ports:\n  - port: 80\n';

  it('creates metadata.labels in block style', () => {
    const out = edit(svc, (ed, so) => ed.setEntries(so, ['metadata', 'labels'], { 'app.kubernetes.io/name': 'web', tier: 'true' }), 'Service', 'web');
    expect(out).toContain('  namespace: default\n  labels:\n    app.kubernetes.io/name: web\n    tier: "true"\nspec:');
  });

  it('replaces an existing value and keeps its comment', () => {
    const out = edit(svc, (ed, so) => ed.setEntries(so, ['spec', 'selector'], { app: 'web' }), 'Service', 'web');
    expect(out).toContain('    app: web   # typo\n');
  });

  it('replaceValue on a block mapping keeps the following keys on their lines', () => {
    const out = edit(svc, (ed, so) => ed.replaceValue(so, ['spec', 'selector'], { app: 'web' }), 'Service', 'web');
    expect(out).toContain('  selector: {app: web}   # typo\n  ports:\n');
    expect((parseAllDocuments(out)[0]!.toJS() as any).spec.ports).toEqual([{ port: 80 }]);
  });

  it('fills a key written without a value', () => {
    const t = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: default\n  labels:\nspec:\n  ports:\n  - port: 80\n';
    const out = edit(t, (ed, so) => ed.setEntries(so, ['metadata', 'labels'], { app: 'web' }), 'Service', 'web');
    expect(out).toContain('  labels:\n    app: web\nspec:');
  });
});

describe('helpers', () => {
  it('scalar() quotes only what YAML would read as another type', () => {
    expect(scalar('30s')).toBe('30s');
    expect(scalar('kube-prometheus-stack')).toBe('kube-prometheus-stack');
    expect(scalar('8080')).toBe('"8080"');
    expect(scalar('true')).toBe('"true"');
    expect(scalar('a: b')).toBe('"a: b"');
    expect(scalar('')).toBe('""');
  });

  it('rebaseEdits maps a later edit back onto the original text', () => {
    const text = 'a\nb\nc\n';
    const first = [{ file: 'f', offset: 2, length: 0, text: 'X\n', line: 2, col: 1 }];
    const mid = applyEdits([{ name: 'f', text }], first)![0]!.text; // a\nX\nb\nc\n
    const later = [{ file: 'f', offset: mid.indexOf('c'), length: 1, text: 'C', line: 4, col: 1 }];
    const all = rebaseEdits(first, later)!;
    expect(applyEdits([{ name: 'f', text }], all)![0]!.text).toBe('a\nX\nb\nC\n');
    expect(rebaseEdits(first, [{ file: 'f', offset: 2, length: 2, text: '', line: 1, col: 1 }])).toBeUndefined();
  });

  it('applyEdits refuses overlapping edits', () => {
    const f = [{ name: 'f', text: 'abcdef' }];
    expect(applyEdits(f, [{ file: 'f', offset: 1, length: 3, text: 'x', line: 1, col: 2 }, { file: 'f', offset: 2, length: 1, text: 'y', line: 1, col: 3 }])).toBeUndefined();
  });
});

describe('fieldPath', () => {
  it('keeps a dotted label key after matchLabels as one step', async () => {
    const { fieldPath } = await import('../../src/engine/diagnose/context.ts');
    expect(fieldPath('selector.matchLabels.app.kubernetes.io/name')).toEqual(['spec', 'selector', 'matchLabels', 'app.kubernetes.io/name']);
    expect(fieldPath('endpoints[0].targetPort')).toEqual(['spec', 'endpoints', 0, 'targetPort']);
    expect(fieldPath('spec.endpoints[1].scrapeTimeout')).toEqual(['spec', 'endpoints', 1, 'scrapeTimeout']);
    expect(fieldPath('metadata.labels')).toEqual(['metadata', 'labels']);
  });
});
