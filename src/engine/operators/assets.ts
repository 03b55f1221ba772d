// Secret and ConfigMap lookups the operators do while validating and rendering monitors. Both
// operators inline some credentials into the config they write (basic auth, bearer tokens, OAuth2
// client id/secret); we show them masked as `<secret>` unless asked to reveal them.
import type { SecretValues } from '../ingest/ingest.ts';
import type { ObjectStore } from '../ingest/store.ts';
import { isObj, str, type Obj } from './values.ts';

export const MASK = '<secret>';

export type Lookup = { ok: true; value: string } | { ok: false; error: string; missing: { kind: 'Secret' | 'ConfigMap'; namespace: string; name: string; key: string } };

export class Assets {
  constructor(
    private readonly store: ObjectStore,
    private readonly secretValues: SecretValues,
    private readonly reveal: boolean,
  ) {}

  /** A key of a Secret in `ns`; `sel` is a SecretKeySelector ({name, key}). */
  secret(ns: string, sel: Obj | undefined, style: 'po' | 'vm'): Lookup {
    const name = str(sel, 'name') ?? '';
    const key = str(sel, 'key') ?? '';
    const missing = { kind: 'Secret' as const, namespace: ns, name, key };
    const so = this.store.get('Secret', ns, name);
    if (!so) {
      return {
        ok: false,
        missing,
        error: style === 'po' ? `unable to get secret "${name}": secrets "${name}" not found` : `unable to fetch secret="${name}", ns="${ns}": secrets "${name}" not found`,
      };
    }
    const keys = (so.obj as { dataKeys?: string[] }).dataKeys ?? [];
    const values = this.secretValues.get(`${ns}/${name}`) ?? {};
    if (!keys.includes(key) && values[key] === undefined) {
      return { ok: false, missing, error: style === 'po' ? `key "${key}" in secret "${name}" not found` : `expected key="${key}" was not found at object="secret/${ns}/${name}"` };
    }
    let v = values[key] ?? '';
    // The VM operator trims trailing whitespace from Secret/ConfigMap values (build/cache.go maybeTrimSpace).
    if (style === 'vm') v = v.replace(/\s+$/, '');
    return { ok: true, value: this.reveal ? v : MASK };
  }

  /** A Secret value that is configuration, not a credential (additional scrape configs): never masked. */
  raw(ns: string, sel: Obj | undefined): Lookup {
    const r = this.secret(ns, sel, 'po');
    if (!r.ok) return r;
    return { ok: true, value: this.secretValues.get(`${ns}/${str(sel, 'name') ?? ''}`)?.[str(sel, 'key') ?? ''] ?? '' };
  }

  /** A key of a ConfigMap in `ns` (not secret: shown as is). */
  configMap(ns: string, sel: Obj | undefined, style: 'po' | 'vm'): Lookup {
    const name = str(sel, 'name') ?? '';
    const key = str(sel, 'key') ?? '';
    const missing = { kind: 'ConfigMap' as const, namespace: ns, name, key };
    const so = this.store.get('ConfigMap', ns, name);
    if (!so) {
      return {
        ok: false,
        missing,
        error: style === 'po' ? `unable to get configmap "${name}": configmaps "${name}" not found` : `unable to fetch configmap="${name}", ns="${ns}": configmaps "${name}" not found`,
      };
    }
    const data = isObj(so.obj.data) ? so.obj.data : {};
    const raw = data[key];
    if (raw === undefined) {
      return { ok: false, missing, error: style === 'po' ? `key "${key}" in configmap "${name}" not found` : `expected key="${key}" was not found at object="configmap/${ns}/${name}"` };
    }
    let v = typeof raw === 'string' ? raw : String(raw);
    if (style === 'vm') v = v.replace(/\s+$/, '');
    return { ok: true, value: v };
  }

  /** SecretOrConfigMap ({secret: {...}} | {configMap: {...}}). */
  secretOrConfigMap(ns: string, soc: Obj | undefined, style: 'po' | 'vm'): Lookup | undefined {
    if (isObj(soc?.secret)) return this.secret(ns, soc.secret, style);
    if (isObj(soc?.configMap)) return this.configMap(ns, soc.configMap, style);
    return undefined;
  }
}
