// The founding case, end to end through the CLI (keep it working forever): a VMServiceScrape with
// targetPort 10299 on a Service whose Deployment declares only containerPort 8080. The generated vmagent
// job keeps __meta_kubernetes_pod_container_port_number =~ "10299", so the target silently vanishes.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { getProfile } from '../../src/engine/index.ts';

export const FOUNDING = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: audit
  namespace: default
spec:
  replicas: 1
  selector:
    matchLabels:
      app_id: audit
  template:
    metadata:
      labels:
        app_id: audit
    spec:
      containers:
        - name: audit
          image: example.org/audit:1.0
          ports:
            - name: http
              containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: audit
  namespace: default
  labels:
    app_id: audit
spec:
  selector:
    app_id: audit
  ports:
    - name: http
      port: 10299
      targetPort: 10299
---
apiVersion: operator.victoriametrics.com/v1beta1
kind: VMServiceScrape
metadata:
  name: audit
  namespace: default
spec:
  selector:
    matchLabels:
      app_id: audit
  namespaceSelector:
    matchNames:
      - default
  endpoints:
    - path: /metrics
      targetPort: 10299
`;

function ksd(argv: string[], text: string) {
  let out = '';
  let err = '';
  const code = runCli([...argv, 'founding.yaml'], { readInput: () => [{ name: 'founding.yaml', text }], stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

describe('founding case (vmagent-1.79)', () => {
  it('the profile exists', () => expect(getProfile('vmagent-1.79')).toBeDefined());

  it('zero active targets; :10299 dropped by the keep rule generated from endpoints[0].targetPort', () => {
    const r = ksd(['--engine', 'vmagent-1.79', '--format', 'json'], FOUNDING);
    expect(r.code).toBe(0);
    const api = JSON.parse(r.out);
    expect(api.activeTargets).toEqual([]);
    const d = api.droppedTargets.find((t: any) => t.discoveredLabels.__address__.endsWith(':10299'));
    expect(d, 'the :10299 endpoint target is listed as dropped').toBeDefined();
    expect(d.droppedBy).toMatch(/^relabel_configs\[1\] keep __meta_kubernetes_pod_container_port_number =~ "10299"/);
    const table = ksd(['--engine', 'vmagent-1.79'], FOUNDING).out;
    expect(table).toMatch(/DROP\s+\S+:10299 .*relabel_configs\[1\] keep __meta_kubernetes_pod_container_port_number =~ "10299".* from VMServiceScrape default\/audit, endpoints\[0\]\.targetPort/);
  });

  it('with containerPort 10299 declared: one active target scraping http://<pod ip>:10299/metrics', () => {
    const fixed = FOUNDING.replace('              containerPort: 8080\n', '              containerPort: 8080\n            - name: audit\n              containerPort: 10299\n');
    const api = JSON.parse(ksd(['--engine', 'vmagent-1.79', '--format', 'json'], fixed).out);
    expect(api.activeTargets.length).toBe(1);
    const t = api.activeTargets[0];
    expect(t.scrapeUrl).toBe(`http://${t.discoveredLabels.__meta_kubernetes_pod_ip}:10299/metrics`);
  });

  it('--print-config shows the generated job as the VM operator writes it', () => {
    const r = ksd(['--print-config'], FOUNDING);
    expect(r.out).toMatch(/job_name: serviceScrape\/default\/audit\/0/);
    expect(r.out).toMatch(/- action: keep\n\s+source_labels:\n\s+- __meta_kubernetes_pod_container_port_number\n\s+regex: "10299"/);
  });

  it('--print-objects shows the simulated Pod, Endpoints and EndpointSlice, marked as simulated', () => {
    const r = ksd(['--print-objects'], FOUNDING);
    expect(r.out).toMatch(/# Pod default\/audit-\w+-\w{5} — simulated by replicaset-controller from Deployment default\/audit/);
    expect(r.out).toMatch(/# Endpoints default\/audit — simulated by endpoints-controller from Service default\/audit/);
    expect(r.out).toMatch(/# EndpointSlice default\/audit-\w{5} — simulated by endpointslice-controller from Service default\/audit/);
  });
});
