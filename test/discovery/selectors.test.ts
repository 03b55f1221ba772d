// Kubernetes selectors (apimachinery labels.Parse / fields.ParseSelector and the API server's
// selectable fields), as applied to kubernetes_sd_configs[].selectors.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/engine/ingest/kinds.ts';
import { matchFieldSelector, matchLabelSelector, parseFieldSelector, parseLabelSelector, validateFieldSelector } from '../../src/engine/discovery/selectors.ts';

const lmatch = (text: string, labels: Record<string, string>) => {
  const r = parseLabelSelector(text);
  if (!r.ok) throw new Error(r.message);
  return matchLabelSelector(r.sel, labels);
};

describe('labels.Parse + Requirement.Matches', () => {
  it('operators: =, ==, !=, in, notin, exists, !exists, gt, lt; comma is AND; empty matches all', () => {
    const L = { app: 'web', tier: 'fe', n: '5', 'app.kubernetes.io/name': 'x' };
    const table: [string, boolean][] = [
      ['', true],
      ['app=web', true],
      ['app==web', true],
      ['app=db', false],
      ['app!=db', true],
      ['missing!=x', true], // != matches an absent label
      ['app in (web, db)', true],
      ['app in (db)', false],
      ['missing in (x)', false],
      ['app notin (db)', true],
      ['missing notin (x)', true],
      ['app', true],
      ['missing', false],
      ['!missing', true],
      ['!app', false],
      ['n>4', true],
      ['n<4', false],
      ['app>1', false], // non-integer label value never compares
      ['app=web,tier=fe', true],
      ['app=web, tier=be', false],
      ['app.kubernetes.io/name=x', true],
      ['  app = web  ', true],
      ['missing=', false],
      ['tier in (fe,)', true],
    ];
    for (const [sel, want] of table) expect([sel, lmatch(sel, L)]).toEqual([sel, want]);
    expect(lmatch('empty=', { empty: '' })).toBe(true);
  });

  it('rejects what the API server rejects', () => {
    for (const bad of ['app=web=x', 'app in web', 'app in (a b)', '=web', 'a,', '!a=b', 'n>x', 'Bad_Prefix.com/x=1', '-x=1', 'a=' + 'v'.repeat(64), 'a/b/c=1', 'app notin']) {
      const r = parseLabelSelector(bad);
      expect([bad, r.ok]).toEqual([bad, false]);
    }
  });
});

describe('fields.ParseSelector + selectable fields', () => {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'ns' },
    spec: { nodeName: 'n1', hostNetwork: true },
    status: { phase: 'Running', podIP: '10.0.0.1' },
  } as KubeObject;
  const fmatch = (text: string, o: KubeObject) => {
    const r = parseFieldSelector(text);
    if (!r.ok) throw new Error(r.message);
    return matchFieldSelector(r.sel, o);
  };

  it('=, ==, != with the API server defaults (restartPolicy Always, schedulerName default-scheduler, serviceAccountName default)', () => {
    const table: [string, boolean][] = [
      ['', true],
      ['metadata.name=p', true],
      ['metadata.namespace==ns', true],
      ['metadata.namespace!=ns', false],
      ['spec.nodeName=n1,status.phase=Running', true],
      ['status.podIP=10.0.0.1', true],
      ['spec.hostNetwork=true', true],
      ['spec.restartPolicy=Always', true],
      ['spec.schedulerName=default-scheduler', true],
      ['spec.serviceAccountName=default', true],
      ['status.nominatedNodeName=', true],
    ];
    for (const [sel, want] of table) expect([sel, fmatch(sel, pod)]).toEqual([sel, want]);
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: {} } as KubeObject;
    expect(fmatch('spec.unschedulable!=true', node)).toBe(true);
    expect(fmatch('spec.unschedulable=true', node)).toBe(false);
  });

  it('escapes \\, \\= \\\\ in values; no whitespace trimming; malformed terms rejected', () => {
    const r = parseFieldSelector('metadata.name=a\\,b\\=c\\\\d');
    expect(r.ok && r.sel.terms).toEqual([{ field: 'metadata.name', op: '=', value: 'a,b=c\\d' }]);
    const sp = parseFieldSelector('metadata.name = p');
    expect(sp.ok && sp.sel.terms[0]!.field).toBe('metadata.name ');
    for (const bad of ['metadata.name', 'metadata.name=a=b', 'metadata.name=a\\x', 'metadata.name=a\\']) expect([bad, parseFieldSelector(bad).ok]).toEqual([bad, false]);
  });

  it('validateFieldSelector: per-kind supported fields and the API server messages', () => {
    const sel = (t: string) => (parseFieldSelector(t) as { ok: true; sel: any }).sel;
    expect(validateFieldSelector(sel('status.phase=Running,spec.nodeName=a'), 'Pod')).toEqual([]);
    expect(validateFieldSelector(sel('status.hostIP=1'), 'Pod')).toEqual(['field label not supported: status.hostIP']);
    expect(validateFieldSelector(sel('metadata.namespace=x'), 'Node')).toEqual(['field label not supported: metadata.namespace']);
    expect(validateFieldSelector(sel('spec.type=ClusterIP'), 'Service')).toEqual([]);
    expect(validateFieldSelector(sel('spec.rules=1'), 'Ingress')).toEqual(['"spec.rules" is not a known field selector: only "metadata.name", "metadata.namespace"']);
  });
});
