// Selection edge cases (nil vs {}, namespace selectors, unmanaged, assumed owners, daemonSetMode) and
// the schema/secret behaviour of the operator layer.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ingest } from '../../src/engine/ingest/ingest.ts';
import { generateOperatorConfigs } from '../../src/engine/operators/generate.ts';

const gen = (text: string, opts = {}) => {
  const { store, secretValues } = ingest([{ name: 'in.yaml', text }]);
  return generateOperatorConfigs(store, secretValues, opts);
};
const jobs = (yaml: string) => ((parse(yaml) as { scrape_configs: { job_name: string }[] }).scrape_configs ?? []).map((j) => j.job_name);
const verdict = (r: ReturnType<typeof gen>, ns: string, name: string) => r.selection.find((s) => s.monitor.namespace === ns && s.monitor.name === name);

const sm = (ns: string, name: string, labels = 'group: a') => `---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: ${name}, namespace: ${ns}, labels: {${labels}}}
spec:
  selector: {matchLabels: {app: x}}
  endpoints: [{port: web}]
`;
const prom = (spec: string) => `---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: p, namespace: mon}
spec:
${spec}
`;
const ns = (name: string, labels = '') => `---
apiVersion: v1
kind: Namespace
metadata: {name: ${name}, labels: {${labels}}}
`;

describe('prometheus-operator selection', () => {
  it('no operator objects: no config, no diagnostics', () => {
    const r = gen('apiVersion: v1\nkind: Service\nmetadata: {name: s}\n');
    expect(r).toEqual({ configs: [], selection: [], diagnostics: [] });
  });

  it('nil serviceMonitorSelector selects nothing while {} selects all (in the own namespace)', () => {
    const nil = gen(prom('  podMonitorSelector: {}') + sm('mon', 'a'));
    expect(jobs(nil.configs[0]!.yaml)).toEqual([]);
    expect(verdict(nil, 'mon', 'a')).toMatchObject({ outcome: 'not-selected', field: { path: 'spec.serviceMonitorSelector' } });
    expect(verdict(nil, 'mon', 'a')!.reason).toMatch(/nil, which selects no ServiceMonitor/);
    const all = gen(prom('  serviceMonitorSelector: {}') + sm('mon', 'a') + sm('other', 'b'));
    expect(jobs(all.configs[0]!.yaml)).toEqual(['serviceMonitor/mon/a/0']);
    expect(verdict(all, 'other', 'b')!.reason).toMatch(/serviceMonitorNamespaceSelector is nil, which selects only .* own namespace mon/);
  });

  it('namespace selector {} = every namespace; with labels = Namespaces by label', () => {
    const all = gen(prom('  serviceMonitorSelector: {}\n  serviceMonitorNamespaceSelector: {}') + sm('mon', 'a') + sm('other', 'b'));
    expect(jobs(all.configs[0]!.yaml)).toEqual(['serviceMonitor/mon/a/0', 'serviceMonitor/other/b/0']);
    const byLabel = gen(prom('  serviceMonitorSelector: {}\n  serviceMonitorNamespaceSelector: {matchLabels: {team: x}}') + ns('t1', 'team: x') + ns('t2', 'team: y') + sm('t1', 'a') + sm('t2', 'b') + sm('mon', 'c'));
    expect(jobs(byLabel.configs[0]!.yaml)).toEqual(['serviceMonitor/t1/a/0']);
    expect(verdict(byLabel, 't2', 'b')!.reason).toMatch(/Namespace t2 .*team: y.* does not match serviceMonitorNamespaceSelector \{team: x\}/);
    // The Prometheus' own namespace is not special once a namespace selector is set.
    expect(verdict(byLabel, 'mon', 'c')!.outcome).toBe('not-selected');
  });

  it('label selector mismatch points at the monitor labels', () => {
    const r = gen(prom('  serviceMonitorSelector: {matchLabels: {release: prom}}') + sm('mon', 'a', 'release: other'));
    expect(verdict(r, 'mon', 'a')).toMatchObject({ outcome: 'not-selected', field: { kind: 'ServiceMonitor', path: 'metadata.labels' } });
  });

  it('every selector nil: the configuration is unmanaged (no job at all)', () => {
    const r = gen(prom('  version: v3.13.2') + sm('mon', 'a'));
    expect(r.configs[0]!.unmanaged).toBe(true);
    expect(jobs(r.configs[0]!.yaml)).toEqual([]);
    expect(verdict(r, 'mon', 'a')!.reason).toMatch(/does not manage/);
  });

  it('ignoreNamespaceSelectors: the monitor discovers in its own namespace only', () => {
    const text = prom('  serviceMonitorSelector: {}\n  ignoreNamespaceSelectors: true') + sm('mon', 'a').replace('endpoints:', 'namespaceSelector: {any: true}\n  endpoints:');
    const y = parse(gen(text).configs[0]!.yaml) as { scrape_configs: { kubernetes_sd_configs: unknown[] }[] };
    expect(y.scrape_configs[0]!.kubernetes_sd_configs).toEqual([{ role: 'endpoints', namespaces: { names: ['mon'] } }]);
  });

  it('a numeric port is rejected the way the API server rejects it', () => {
    const r = gen(prom('  serviceMonitorSelector: {}') + sm('mon', 'a').replace('{port: web}', '{port: 8080}'));
    expect(verdict(r, 'mon', 'a')).toMatchObject({ outcome: 'rejected', field: { path: 'spec.endpoints[0].port' } });
    expect(verdict(r, 'mon', 'a')!.reason).toMatch(/must be of type string/);
  });

  it('warns about fields the API server prunes (the other operator\'s field names, matchNames in a label selector)', () => {
    const r = gen(prom('  serviceMonitorSelector: {}\n  serviceMonitorNamespaceSelector: {matchNames: [other]}') + sm('other', 'a').replace('{port: web}', '{port: web, relabelConfigs: [{action: drop}]}'));
    const msgs = r.diagnostics.filter((d) => d.code === 'INVALID_FIELD').map((d) => d.message);
    expect(msgs.some((m) => /serviceMonitorNamespaceSelector\.matchNames is not a field of a label selector/.test(m))).toBe(true);
    expect(msgs.some((m) => /endpoints\[0\]\.relabelConfigs .*here it is relabelings/.test(m))).toBe(true);
    // Pruned to {}: every namespace.
    expect(jobs(r.configs[0]!.yaml)).toEqual(['serviceMonitor/other/a/0']);
  });

  it('assumes a permissive Prometheus when none is given, and says so', () => {
    const r = gen(sm('a', 'x') + sm('b', 'y'));
    expect(r.configs[0]!.owner).toEqual({ kind: 'Prometheus', namespace: 'default', name: 'prometheus', assumed: true });
    expect(jobs(r.configs[0]!.yaml)).toEqual(['serviceMonitor/a/x/0', 'serviceMonitor/b/y/0']);
    expect(r.diagnostics.some((d) => d.code === 'OPERATOR_ASSUMED' && d.severity === 'info')).toBe(true);
  });

  it('shard retention rules (gate on by default) and $(SHARD) expanded in the runtime config', () => {
    const r = gen(prom('  serviceMonitorSelector: {}\n  shards: 2') + sm('mon', 'a'), { shard: 1 });
    const c = r.configs[0]!;
    expect(c.yaml).toContain('replacement: $(SHARD)');
    expect(c.yaml).toContain('regex: 0|1');
    expect(c.runtimeYaml).not.toContain('$(SHARD)');
    expect(c.runtimeYaml).toContain('regex: 1;|.+;.+');
    expect(c.runtimeYaml).toContain('replacement: "1"');
    expect(c.shards).toBe(2);
    const off = gen(prom('  serviceMonitorSelector: {}') + sm('mon', 'a'), { shardRetention: false });
    expect(off.configs[0]!.yaml).not.toContain('__tmp_current_shard');
  });
});

describe('VictoriaMetrics operator selection', () => {
  const vmss = (nsName: string, name: string, labels = 'app: a') => `---
apiVersion: operator.victoriametrics.com/v1beta1
kind: VMServiceScrape
metadata: {name: ${name}, namespace: ${nsName}, labels: {${labels}}}
spec:
  selector: {}
  endpoints: [{port: http}]
`;
  const agent = (spec: string) => `---
apiVersion: operator.victoriametrics.com/v1beta1
kind: VMAgent
metadata: {name: va, namespace: mon}
spec:
${spec}
`;

  it('selectAllByDefault with nil selectors selects everything; without it nothing', () => {
    expect(jobs(gen(agent('  selectAllByDefault: true') + vmss('a', 'x') + vmss('b', 'y')).configs[0]!.yaml)).toEqual(['serviceScrape/a/x/0', 'serviceScrape/b/y/0']);
    const none = gen(agent('  remoteWrite: []') + vmss('a', 'x'));
    expect(jobs(none.configs[0]!.yaml)).toEqual([]);
    expect(verdict(none, 'a', 'x')!.reason).toMatch(/both nil and selectAllByDefault is false/);
  });

  it('object selector alone = the VMAgent namespace only, even with selectAllByDefault', () => {
    const r = gen(agent('  selectAllByDefault: true\n  serviceScrapeSelector: {}') + vmss('mon', 'x') + vmss('b', 'y'));
    expect(jobs(r.configs[0]!.yaml)).toEqual(['serviceScrape/mon/x/0']);
    expect(verdict(r, 'b', 'y')!.reason).toMatch(/own namespace mon/);
  });

  it('a namespace selector matching no Namespace selects nothing', () => {
    const r = gen(agent('  serviceScrapeNamespaceSelector: {matchLabels: {x: y}}') + vmss('a', 'x'));
    expect(jobs(r.configs[0]!.yaml)).toEqual([]);
    expect(verdict(r, 'a', 'x')!.reason).toMatch(/matches no Namespace/);
  });

  it('daemonSetMode selects only VMPodScrape', () => {
    const r = gen(agent('  selectAllByDefault: true\n  daemonSetMode: true') + vmss('a', 'x'));
    expect(verdict(r, 'a', 'x')).toMatchObject({ outcome: 'not-selected', field: { path: 'spec.daemonSetMode' } });
  });

  it('assumes a VMAgent with selectAllByDefault when none is given', () => {
    const r = gen(vmss('a', 'x'));
    expect(r.configs[0]).toMatchObject({ family: 'vmagent', owner: { kind: 'VMAgent', assumed: true } });
    expect(jobs(r.configs[0]!.yaml)).toEqual(['serviceScrape/a/x/0']);
  });

  it('a missing Secret skips the whole object; Secret values are masked unless revealed', () => {
    const withAuth = (secret: string) =>
      agent('  selectAllByDefault: true') +
      vmss('a', 'x').replace('{port: http}', `{port: http, basicAuth: {username: {name: ${secret}, key: u}, password: {name: ${secret}, key: p}}}`) +
      `---\napiVersion: v1\nkind: Secret\nmetadata: {name: creds, namespace: a}\nstringData: {u: admin, p: hunter2}\n`;
    const missing = gen(withAuth('nope'));
    expect(verdict(missing, 'a', 'x')).toMatchObject({ outcome: 'rejected' });
    expect(jobs(missing.configs[0]!.yaml)).toEqual([]);
    const masked = gen(withAuth('creds'));
    expect(masked.configs[0]!.yaml).toContain('password: <secret>');
    expect(masked.configs[0]!.yaml).not.toContain('hunter2');
    expect(gen(withAuth('creds'), { revealSecrets: true }).configs[0]!.yaml).toContain('password: hunter2');
  });

  it('converts ServiceMonitors for a VMAgent (the VM operator converter, on by default)', () => {
    const r = gen(agent('  selectAllByDefault: true') + sm('a', 'x'));
    expect(r.configs).toHaveLength(1);
    expect(jobs(r.configs[0]!.yaml)).toEqual(['serviceScrape/a/x/0']);
    const s = verdict(r, 'a', 'x')!;
    expect(s).toMatchObject({ monitor: { kind: 'VMServiceScrape' }, outcome: 'selected', convertedFrom: { kind: 'ServiceMonitor', namespace: 'a', name: 'x' } });
    // VM semantics after conversion: no labelpresent pairing.
    expect(r.configs[0]!.yaml).toContain('- __meta_kubernetes_service_label_app\n    regex: x');
    const off = gen(agent('  selectAllByDefault: true') + sm('a', 'x'), { vmOperatorEnv: { VM_ENABLEDPROMETHEUSCONVERTER_SERVICESCRAPE: 'false' } });
    expect(jobs(off.configs[0]!.yaml)).toEqual([]);
  });
});
