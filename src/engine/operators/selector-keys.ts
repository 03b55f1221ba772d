// Which fields of a Prometheus/PrometheusAgent or VMAgent select each monitor kind (object selector,
// namespace selector). One table for selection (prometheus-selection.ts, vmagent-selection.ts) and for the
// diagnosis that suggests changing them (diagnose/selection.ts).
export const OWNER_SELECTOR_KEYS = {
  ServiceMonitor: ['serviceMonitorSelector', 'serviceMonitorNamespaceSelector'],
  PodMonitor: ['podMonitorSelector', 'podMonitorNamespaceSelector'],
  Probe: ['probeSelector', 'probeNamespaceSelector'],
  ScrapeConfig: ['scrapeConfigSelector', 'scrapeConfigNamespaceSelector'],
  VMServiceScrape: ['serviceScrapeSelector', 'serviceScrapeNamespaceSelector'],
  VMPodScrape: ['podScrapeSelector', 'podScrapeNamespaceSelector'],
  VMProbe: ['probeSelector', 'probeNamespaceSelector'],
  VMNodeScrape: ['nodeScrapeSelector', 'nodeScrapeNamespaceSelector'],
  VMStaticScrape: ['staticScrapeSelector', 'staticScrapeNamespaceSelector'],
  VMScrapeConfig: ['scrapeConfigSelector', 'scrapeConfigNamespaceSelector'],
} as const satisfies Record<string, readonly [sel: string, nsSel: string]>;

export type SelectedKind = keyof typeof OWNER_SELECTOR_KEYS;
