// Turns a fixture's scrape.yaml into the -promscrape.config vmagent runs with: every kubernetes_sd_configs
// entry gets `api_server: <the fake API server>` (set in place when present, else appended as the entry's last
// key) and loses every setting that could make it talk to anything else. Everything else — comments, key
// order, other sections — is kept, so the line numbers vmagent prints in config errors stay meaningful
// (they only shift below an inserted api_server line).
import YAML, { isMap, isSeq } from 'yaml';

/** kubernetes_sd_configs keys that point discovery elsewhere or bring credentials. */
export const SD_KEYS_REMOVED = [
  'kubeconfig_file',
  'tls_config',
  'bearer_token',
  'bearer_token_file',
  'authorization',
  'basic_auth',
  'oauth2',
  'proxy_url',
  'proxy_from_environment',
  'proxy_connect_header',
  'no_proxy',
];

export interface EngineConfig {
  text: string;
  /** number of kubernetes_sd_configs entries (0: nothing will ever call the API server) */
  sdCount: number;
  /** "job: kubernetes_sd_configs[i].key" for every removed key */
  removed: string[];
}

export function engineConfig(scrapeText: string, apiServerUrl: string): EngineConfig {
  const doc = YAML.parseDocument(scrapeText, { keepSourceTokens: false });
  // A config the YAML library cannot read is passed through untouched: vmagent reports it.
  if (doc.errors.length || !isMap(doc.contents)) return { text: scrapeText, sdCount: 0, removed: [] };
  const removed: string[] = [];
  let sdCount = 0;
  const scs = doc.get('scrape_configs');
  if (isSeq(scs)) {
    for (const sc of scs.items) {
      if (!isMap(sc)) continue;
      const sds = sc.get('kubernetes_sd_configs');
      if (!isSeq(sds)) continue;
      sds.items.forEach((sd, i) => {
        if (!isMap(sd)) return;
        for (const k of SD_KEYS_REMOVED) {
          if (sd.has(k)) {
            sd.delete(k);
            removed.push(`${String(sc.get('job_name'))}: kubernetes_sd_configs[${i}].${k}`);
          }
        }
        sd.set('api_server', apiServerUrl);
        sdCount++;
      });
    }
  }
  return { text: doc.toString({ lineWidth: 0 }), sdCount, removed };
}
