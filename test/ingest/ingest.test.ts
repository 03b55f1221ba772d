import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/engine/ingest/ingest.ts';
import type { Pod, Service } from '../../src/engine/ingest/kinds.ts';

const f = (name: string, text: string) => ({ name, text });

describe('ingest: scalars stay the text Kubernetes keeps', () => {
  it('keeps label values that YAML 1.2 would read as numbers or booleans', () => {
    const { store, diagnostics } = ingest([
      f('a.yaml', `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    hash: 724e972620\n    mode: 0755\n    ver: 1.10\n    hex: 0x1F\n    big: 12345678901234567890\n  annotations:\n    empty:\nspec:\n  containers:\n  - name: c\n    ports:\n    - containerPort: 8080\n`),
    ]);
    const pod = store.get<Pod>('Pod', 'default', 'p')!.obj;
    expect(pod.metadata.labels).toEqual({ hash: '724e972620', mode: '0755', ver: '1.10', hex: '0x1F', big: '12345678901234567890' });
    expect(pod.metadata.annotations).toEqual({ empty: '' });
    // Typed fields are coerced by schema: containerPort is a number, protocol defaulted.
    expect(pod.spec!.containers![0]!.ports![0]).toEqual({ containerPort: 8080, protocol: 'TCP' });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('coerces Service ports, defaults type/targetPort/protocol/namespace', () => {
    const { store } = ingest([f('s.yaml', `kind: Service\napiVersion: v1\nmetadata: {name: s}\nspec:\n  ports:\n  - port: 80\n  - port: 81\n    targetPort: http\n  - port: 82\n    targetPort: "9090"\n`)]);
    const s = store.get<Service>('Service', 'default', 's')!.obj;
    expect(s.spec!.type).toBe('ClusterIP');
    expect(s.spec!.ports).toEqual([
      { port: 80, targetPort: 80, protocol: 'TCP' },
      { port: 81, targetPort: 'http', protocol: 'TCP' },
      { port: 82, targetPort: 9090, protocol: 'TCP' },
    ]);
  });

  it('adds implied Namespaces with kubernetes.io/metadata.name, and that label to declared ones', () => {
    const { store } = ingest([f('n.yaml', `kind: Namespace\napiVersion: v1\nmetadata: {name: declared, labels: {team: a}}\n---\nkind: Pod\napiVersion: v1\nmetadata: {name: p, namespace: other}\n`)]);
    expect(store.get('Namespace', undefined, 'declared')!.obj.metadata.labels).toEqual({ team: 'a', 'kubernetes.io/metadata.name': 'declared' });
    const implied = store.get('Namespace', undefined, 'other')!;
    expect(implied.obj.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'other' });
    expect(implied.origin.implied).toMatch(/other/);
  });
});

describe('ingest: errors are data, the rest is still processed', () => {
  it('reports a broken YAML document with line and column and keeps the others', () => {
    const text = `kind: Pod\napiVersion: v1\nmetadata: {name: a}\n---\nkind: Pod\nmetadata: {name: [b}\n---\nkind: Pod\napiVersion: v1\nmetadata: {name: c}\n`;
    const { store, diagnostics } = ingest([f('x.yaml', text)]);
    expect(store.list('Pod').map((p) => p.obj.metadata.name)).toEqual(['a', 'c']);
    const err = diagnostics.find((d) => d.severity === 'error')!;
    expect(err.code).toBe('YAML_PARSE');
    expect(err.pos).toMatchObject({ file: 'x.yaml', line: 6 });
  });

  it('reports broken JSON with position and reads the next value of a stream', () => {
    const text = `{"kind":"PodList","apiVersion":"v1","items":[{"kind":"Pod","apiVersion":"v1","metadata":{"name":"a"}}]}\n{"kind":"Pod", oops}\n{"kind":"ServiceList","apiVersion":"v1","items":[{"kind":"Service","apiVersion":"v1","metadata":{"name":"s","namespace":"n"},"spec":{"ports":[{"port":80}]}}]}\n`;
    const { store, diagnostics } = ingest([f('dump.json', text)]);
    expect(store.list('Pod').length).toBe(1);
    expect(store.list('Service').length).toBe(1);
    const err = diagnostics.find((d) => d.code === 'JSON_PARSE')!;
    expect(err.pos).toMatchObject({ file: 'dump.json', line: 2 });
    expect(err.pos!.col).toBeGreaterThan(1);
  });

  it('lists unknown kinds as ignored, not fatal; keeps only Secret metadata', () => {
    const text = `kind: Widget\napiVersion: x/v1\nmetadata: {name: w}\n---\nkind: Secret\napiVersion: v1\nmetadata: {name: creds}\ndata:\n  password: c2VjcmV0\nstringData:\n  token: hunter2\n`;
    const { store, ignored, diagnostics } = ingest([f('m.yaml', text)]);
    expect(ignored).toMatchObject([{ kind: 'Widget', name: 'w', pos: { line: 1 } }]);
    const secret = store.get('Secret', 'default', 'creds')!.obj as any;
    expect(secret.dataKeys).toEqual(['password', 'token']);
    expect(JSON.stringify(secret)).not.toMatch(/c2VjcmV0|hunter2/);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('warns on non-string label values in JSON (an API server rejects them) and keeps the text', () => {
    const { store, diagnostics } = ingest([f('p.json', `{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p","labels":{"n":5}}}`)]);
    expect(store.get('Pod', 'default', 'p')!.obj.metadata.labels).toEqual({ n: '5' });
    expect(diagnostics.some((d) => d.code === 'INVALID_FIELD' && d.pos?.line === 1)).toBe(true);
  });

  it('refuses an alias bomb quickly with a clear message', () => {
    let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 9; i++) text += `a${i}: &a${i} [*a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}]\n`;
    text += 'kind: ConfigMap\napiVersion: v1\nmetadata: {name: bomb}\n';
    const { diagnostics, store } = ingest([f('bomb.yaml', text)]);
    expect(store.list('ConfigMap')).toEqual([]);
    expect(diagnostics.find((d) => d.code === 'INPUT_TOO_LARGE')?.message).toMatch(/aliases/);
  });
});

describe('ingest: lists, dumps and provenance', () => {
  it('flattens kind: List and *List and remembers item positions', () => {
    const yaml = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: a}\n- apiVersion: v1\n  kind: Service\n  metadata: {name: s}\n`;
    const { store } = ingest([f('l.yaml', yaml)]);
    const s = store.get('Service', 'default', 's')!;
    expect(s.origin).toMatchObject({ file: 'l.yaml', doc: 0, item: 1, pos: { line: 7 } });
    expect(s.locate!(['metadata', 'name'])).toMatchObject({ line: 9 });
  });

  it('reads a cluster-info dump stream with logs in between', () => {
    const text = `{\n "kind": "NodeList", "apiVersion": "v1",\n "items": [\n  {"kind": "Node", "apiVersion": "v1", "metadata": {"name": "n1"}}\n ]\n}\n==== START logs for container c of pod default/p ====\nsome {log} line\n==== END logs for container c of pod default/p ====\n{\n "kind": "PodList", "apiVersion": "v1",\n "items": [\n  {"kind": "Pod", "apiVersion": "v1", "metadata": {"name": "p", "namespace": "default"}},\n  {"kind": "Pod", "apiVersion": "v1", "metadata": {"name": "q", "namespace": "default"}}\n ]\n}\n`;
    const { store, diagnostics } = ingest([f('dump.txt.json', text)]);
    expect(store.list('Node').length).toBe(1);
    expect(store.list('Pod').map((p) => [p.obj.metadata.name, p.origin.pos.line])).toEqual([
      ['p', 13],
      ['q', 14],
    ]);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(store.get('Pod', 'default', 'q')!.locate!(['metadata', 'name'])).toMatchObject({ line: 14 });
  });

  it('skips log files of a cluster-info dump directory', () => {
    const { ignored, diagnostics } = ingest([f('dump/default/p/logs.txt', 'hello: [\n')]);
    expect(ignored[0]?.kind).toBe('(file)');
    expect(diagnostics).toEqual([]);
  });
});

describe('ingest: custom resources keep YAML types', () => {
  it('targetPort: 8080 is a number, targetPort: "8080" a name; labels stay text', () => {
    const text = `apiVersion: operator.victoriametrics.com/v1beta1\nkind: VMServiceScrape\nmetadata: {name: a, labels: {v: "0755"}}\nspec:\n  selector: {matchLabels: {app_id: audit}}\n  endpoints:\n  - targetPort: 10299\n    honorLabels: true\n  - targetPort: "8080"\n    port: "8080"\n`;
    const { store } = ingest([f('vm.yaml', text)]);
    const o = store.get('VMServiceScrape', 'default', 'a')!.obj as any;
    expect(o.spec.endpoints).toEqual([{ targetPort: 10299, honorLabels: true }, { targetPort: '8080', port: '8080' }]);
    expect(o.metadata.labels).toEqual({ v: '0755' });
  });
});
