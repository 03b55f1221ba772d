// The VMAgent context every VM scrape generator reads, and the error that makes the VM operator skip
// an object whose Secret/ConfigMap reference is missing.
import type { StoredObject } from '../ingest/kinds.ts';
import type { RuleOrigin } from '../trace.ts';
import type { Assets, Lookup } from './assets.ts';
import type { OperatorOwner } from './types.ts';
import { originOf, type Obj, type Path } from './values.ts';

export interface VMCtx {
  owner: OperatorOwner;
  so: StoredObject | undefined;
  /** VMAgent spec (CommonScrapeParams and the rest). */
  spec: Obj;
  assets: Assets;
  tlsDir: string;
  /** ParsedObjects.IgnoreNamespaceSelectors: set only when the operator lacks cluster-wide access — the
   * VMAgent's own spec.ignoreNamespaceSelectors is not read by the generators. */
  ignoreNamespaceSelectors: boolean;
  /** spec.daemonSetMode. */
  mustUseNodeSelector: boolean;
  /** VM_VMSERVICESCRAPEDEFAULT_ENFORCEENDPOINTSLICES: VMServiceScrapes without discoveryRole default to
   * endpointslice (build/defaults.go addVMServiceScrapeDefaults). */
  enforceEndpointSlices: boolean;
}

/** A referenced Secret/ConfigMap (or key) does not exist: the VM operator skips the whole object
 * (build.IsNotFound → ForEachCollectSkipNotFound). */
export class VMNotFound extends Error {
  constructor(
    message: string,
    readonly path: Path,
  ) {
    super(message);
  }
}

export const vmOrigin = (ctx: VMCtx, path: Path): RuleOrigin => originOf(ctx.so, ctx.owner.kind, ctx.owner.namespace, ctx.owner.name, path);

export const need = (l: Lookup | undefined, path: Path): string => {
  if (!l) return '';
  if (!l.ok) throw new VMNotFound(l.error, path);
  return l.value;
};

