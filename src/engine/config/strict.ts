// Prometheus loads its config with yaml.UnmarshalStrict: an unknown key is an error
// ("field X not found in type config.plain"). We check keys per section against the
// set each section accepts. Keys for things the simulator does not model (HTTP client
// settings, other SD mechanisms) are accepted and ignored.
import { diag, type Diagnostic } from '../diagnostics.ts';
import { mapPairs, pairKey, rangeOf, type YamlSource } from './yaml-nodes.ts';
import type { Node } from 'yaml';

/** HTTP client settings (prometheus/common config.HTTPClientConfig), inlined in scrape and SD configs. */
export const HTTP_CLIENT_KEYS = [
  'basic_auth',
  'authorization',
  'oauth2',
  'bearer_token',
  'bearer_token_file',
  'tls_config',
  'proxy_url',
  'no_proxy',
  'proxy_from_environment',
  'proxy_connect_header',
  'follow_redirects',
  'enable_http2',
  'http_headers',
];

export interface StrictCheck {
  /** Go type name yaml.v2 prints, e.g. "config.plain". */
  typeName: string;
  known: ReadonlySet<string>;
  /** Keys accepted with a warning (not modelled). */
  accept?: (key: string) => boolean;
}

/** Reports unknown keys of a map node. `severity` is 'error' for strict engines (Prometheus). */
export function checkKeys(node: unknown, src: YamlSource, check: StrictCheck, severity: 'error' | 'warning', out: Diagnostic[]): void {
  for (const p of mapPairs(node)) {
    const k = pairKey(p);
    if (check.known.has(k)) continue;
    if (check.accept?.(k)) continue;
    const pos = rangeOf(src, p.key as Node);
    out.push(
      diag(
        severity === 'error' ? 'CONFIG_UNKNOWN_FIELD' : 'CONFIG_WARNING',
        severity,
        `line ${pos.line}: field ${k} not found in type ${check.typeName}`,
        pos,
      ),
    );
  }
}
