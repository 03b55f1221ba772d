// Removing private values before a link is made (issue 9): every kind, in YAML and JSON (kubectl
// dumps, cluster-info dump streams), values replaced in place so lines stay where they were, and
// proof that no secret value from a fixture survives.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/engine/index.ts';
import { STRIP_KINDS, stripFiles } from '../../src/worker/strip.ts';

const FIXTURES = join(import.meta.dirname, '..', 'e2e', 'fixtures');
const ALL = [...STRIP_KINDS];

const SECRET_YAML = `# a comment stays
apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: prod
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"v1","kind":"Secret","data":{"password":"c2VjcmV0LXZhbHVl"}}
type: Opaque
data:
  password: c2VjcmV0LXZhbHVl
stringData:
  token: plain-token-value
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data:
  color: blue
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: prod}
spec:
  template:
    spec:
      containers:
      - name: api
        env:
        - name: API_KEY
          value: "env-secret-value"
        - {name: MODE, value: fast}
      initContainers:
      - name: init
        env: [{name: INIT_TOKEN, value: init-secret}]
`;

describe('stripFiles', () => {
  it('removes every kind from YAML, keeps keys, comments and line numbers', () => {
    const { files, report } = stripFiles([{ name: 's.yaml', text: SECRET_YAML }], ALL);
    const out = files[0]!.text;
    for (const secret of ['c2VjcmV0LXZhbHVl', 'plain-token-value', 'env-secret-value', 'init-secret', '"kind":"Secret"']) expect(out).not.toContain(secret);
    expect(out.split('\n').length).toBe(SECRET_YAML.split('\n').length - 1); // the block scalar's one content line is gone
    expect(out).toContain('# a comment stays');
    expect(out).toContain('password: ""');
    expect(out).toContain('token: ""');
    expect(out).toContain('color: blue'); // ConfigMap data is not secret
    expect(out).toContain('value: fast'.replace('fast', '""'));
    expect(report.counts).toEqual({ 'secret-data': 2, 'env-values': 3, 'last-applied': 1, 'config-credentials': 0 });
    expect(report.removals.map((r) => r.where)).toContain('Deployment prod/api: containers[0].env[0].value (API_KEY)');
    expect(report.removals.find((r) => r.where.endsWith('data.password'))).toMatchObject({ where: 'Secret prod/db: data.password', line: 12 });
  });

  it('keeps the kinds the user keeps', () => {
    const { files, report } = stripFiles([{ name: 's.yaml', text: SECRET_YAML }], ['secret-data']);
    expect(files[0]!.text).toContain('env-secret-value');
    expect(files[0]!.text).not.toContain('plain-token-value');
    expect(report.counts['env-values']).toBe(3); // still reported, so the dialog can offer it
  });

  it('handles JSON where data comes before kind (kubectl order) and labels by object', () => {
    const text = JSON.stringify({ apiVersion: 'v1', items: [{ apiVersion: 'v1', data: { k: 'dmFsdWU=' }, kind: 'Secret', metadata: { name: 's', namespace: 'n' } }, { data: { k: 'not-secret' }, kind: 'ConfigMap', metadata: { name: 'c' } }], kind: 'List' }, null, 2);
    const { files, report } = stripFiles([{ name: 'l.json', text }], ALL);
    expect(files[0]!.text).not.toContain('dmFsdWU=');
    expect(files[0]!.text).toContain('not-secret');
    expect(() => JSON.parse(files[0]!.text)).not.toThrow();
    expect(report.removals).toEqual([{ kind: 'secret-data', file: 'l.json', line: 7, where: 'Secret n/s: data.k' }]);
  });

  it('reads cluster-info dump streams (JSON values with log text between them)', () => {
    const a = JSON.stringify({ kind: 'SecretList', items: [{ kind: 'Secret', metadata: { name: 'x' }, data: { p: 'c2VjcmV0' } }] });
    const text = `${a}\n==== START logs for container x of pod y ====\nlog line with { brace\n==== END logs ====\n${a}\n`;
    const { files, report } = stripFiles([{ name: 'dump.txt', text }], ALL);
    expect(files[0]!.text).not.toContain('c2VjcmV0');
    expect(files[0]!.text).toContain('log line with { brace');
    expect(report.counts['secret-data']).toBe(2);
  });

  it('removes credentials from scrape configs', () => {
    const text = 'scrape_configs:\n  - job_name: a\n    basic_auth: {username: u, password: p4ss}\n    authorization: {credentials: t0ken}\n    oauth2: {client_id: c, client_secret: s3cret}\n    bearer_token: b34rer\n';
    const { files, report } = stripFiles([{ name: 'p.yml', text }], ALL);
    for (const v of ['p4ss', 't0ken', 's3cret', 'b34rer']) expect(files[0]!.text).not.toContain(v);
    expect(files[0]!.text).toContain('username: u');
    expect(report.counts['config-credentials']).toBe(4);
  });

  it('leaves an unreadable YAML file out of the link entirely', () => {
    const { files, report } = stripFiles([{ name: 'bad.yaml', text: 'a: [unclosed\n  password: x' }, { name: 'ok.yaml', text: 'a: 1\n' }], ALL);
    expect(files.map((f) => f.name)).toEqual(['ok.yaml']);
    expect(report.unreadable).toEqual(['bad.yaml']);
  });

  it('no secret value from the e2e fixtures survives, and the engine sees the same targets', () => {
    const inputs = [
      { name: 'kubectl-get-all.json', text: readFileSync(join(FIXTURES, 'kubectl-get-all.json'), 'utf8') },
      { name: 'prometheus.yml', text: readFileSync(join(FIXTURES, 'prometheus.yml'), 'utf8') },
    ];
    const { files } = stripFiles(inputs, ALL);
    const all = files.map((f) => f.text).join('\n');
    for (const s of ['c3VwZXItc2VjcmV0LWRiLXBhc3N3b3Jk', 'YXBp', 'hunter2-env-secret', 'scrape-password-should-not-leak', 'last-applied-configuration": "{']) expect(all).not.toContain(s);
    const count = (r: ReturnType<typeof run>) => r.jobs.map((j) => [j.active.length, j.dropped.length, j.failed.length]);
    expect(count(run(files))).toEqual(count(run(inputs)));
  });

  it('survives deep nesting without recursion limits', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(() => stripFiles([{ name: 'deep.json', text: deep }], ALL)).not.toThrow();
  });
});
