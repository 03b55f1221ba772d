// Every switch on which vmagent-1.79 and vmagent-1.150 differ, with the VictoriaMetrics source function that
// decides it and the table that shows it. The test fails when a switch changes without an entry here.
import { describe, expect, it } from 'vitest';
import { getProfile, listProfiles } from '../../src/engine/profiles/index.ts';
import { V150, V179 } from './helpers.ts';

const COVERED: Record<string, string> = {
  'config.keys': 'promscrape config.go GlobalConfig/ScrapeConfig, kubernetes.go AttachMetadata — config.test.ts',
  'discovery.initContainersInEndpoints': 'endpoints.go getEndpointLabelsForAddressAndPort (v1.106.0) — discovery.test.ts',
  'discovery.initContainerSidecarsOnly': 'endpoints.go getTargetLabels (restartPolicy Always) — discovery.test.ts',
  'discovery.namespaceMetadata': 'pod.go appendCommonLabels, attach_metadata.namespace (v1.130.0) — discovery.test.ts',
  'discovery.servicePortNumber': 'service.go getTargetLabels (v1.81.0) — discovery.test.ts',
  'discovery.podContainerImage': 'pod.go appendContainerLabels (v1.81.0) — discovery.test.ts',
  'discovery.podContainerId': 'pod.go appendPodLabelsInternal / getContainerID (v1.87.0) — discovery.test.ts',
  'discovery.skipFinishedPods': 'pod.go isPodPhaseFinished, isContainerTerminated (v1.97.0) — discovery.test.ts',
  'discovery.bracketPortlessIPv6': 'pod.go appendPodLabelsInternal (v1.110.3) — discovery.test.ts',
  'discovery.extraTargetObjectMeta': 'endpoints.go getTargetLabels, Pod.appendEndpointLabels (VictoriaMetrics#4154) — discovery.test.ts',
  'discovery.endpointSliceConditions': 'endpointslice.go getEndpointSliceLabels — discovery.test.ts',
  'discovery.endpointSliceNodeNameOnly': 'endpointslice.go getEndpointSliceLabels — discovery.test.ts',
  'relabel.angleNamedGroups': 'Go regexp/syntax (Go 1.22) — relabel-config.test.ts',
  'relabel.actionCaseInsensitive': 'config.go parseRelabelConfig strings.ToLower (v1.81.0) — relabel-config.test.ts',
  'relabel.actions': 'config.go parseRelabelConfig (keepequal v1.86.0, keep_if_contains v1.96.0) — relabel-config.test.ts, relabel-actions.test.ts',
  'relabel.ifSelector': 'if_expression.go unmarshalFromInterface, ifExpression.Match (v1.92.0) — relabel-config.test.ts, regex-if.test.ts',
  'relabel.labelReferences': 'relabel.go fillLabelReferences (v1.81.0) — relabel-actions.test.ts',
  'relabel.regexMatch': 'regexutil/promregex.go PromRegex vs relabel.go matchString — relabel-actions.test.ts, regex-if.test.ts',
  'relabel.defaultRegex': 'config.go isDefaultRegex — relabel-actions.test.ts, regex-if.test.ts',
  'relabel.stripAnchors': 'regexutil.RemoveStartEndAnchors — relabel-actions.test.ts, regex-if.test.ts',
  'relabel.strictActionFields': 'config.go parseRelabelConfig — relabel-config.test.ts',
  'targets.addDefaultPort': 'unused by the vmagent path (Prometheus 2.x switch); see defaultPortInUrl',
  'targets.externalLabelsInTargets': 'config.go mergeLabels (v1.82.0) — targets.test.ts',
  'targets.addressSchemePath': 'scrape_url.go GetScrapeURL (v1.83.0) — targets.test.ts',
  'targets.defaultPortInUrl': 'scrape_url.go GetScrapeURL / addMissingPort (v1.103.0) — targets.test.ts',
  'targets.paramsAmpersandAfterQuery': 'scrape_url.go GetScrapeURL — targets.test.ts',
  'targets.scrapePool': 'targetstatus.go (original job_name) — targets.test.ts',
  'targets.targetSettingLabels': 'config.go getScrapeWork (__sample_limit__ v1.103.0, __label_limit__, __max_scrape_size__) — targets.test.ts',
};

function diff(a: unknown, b: unknown, path: string, out: string[]): void {
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && path.split('.').length < 2) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) diff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k, out);
    return;
  }
  out.push(path);
}

describe('vmagent profiles', () => {
  it('are registered (the CLI picks them up)', () => {
    expect(getProfile('vmagent-1.79')).toBe(V179);
    expect(getProfile('vmagent-1.150')).toBe(V150);
    expect(listProfiles().map((p) => p.id)).toEqual(expect.arrayContaining(['vmagent-1.79', 'vmagent-1.150', 'prometheus-3.14', 'prometheus-2.42']));
  });

  it('every 1.79/1.150 difference is listed with its source function and table', () => {
    const out: string[] = [];
    for (const section of ['config', 'discovery', 'relabel', 'targets'] as const) diff(V179[section], V150[section], section, out);
    expect(out.sort()).toEqual(Object.keys(COVERED).sort());
  });
});
