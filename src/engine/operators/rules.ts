// A generated job under construction: its ordered relabel rules with, for each rule, the field of the
// custom resource (or of the Prometheus/VMAgent) that produced it.
import type { RuleOrigin } from '../trace.ts';
import type { JobOrigins } from './types.ts';
import { MapSlice } from './yaml-emit.ts';

export class Rules {
  readonly rules: MapSlice[] = [];
  readonly origins: (RuleOrigin | undefined)[] = [];

  push(rule: MapSlice, origin: RuleOrigin | undefined): this {
    this.rules.push(rule);
    this.origins.push(origin);
    return this;
  }

  get length(): number {
    return this.rules.length;
  }

  /** True when some rule has `action: hashmod` (a ScrapeConfig that shards itself). */
  hasAction(action: string): boolean {
    return this.rules.some((r) => r.get('action') === action);
  }
}

export interface BuiltJob {
  name: string;
  cfg: MapSlice;
  origins: JobOrigins;
}

/** A rule from ordered [key, value] pairs. */
export const rule = (...items: [string, string | number | string[]][]): MapSlice => new MapSlice(items);

/** A job's origins from its rule lists. */
export function jobOrigins(job: RuleOrigin, relabel: Rules, metric?: Rules): JobOrigins {
  const o: JobOrigins = { job, relabel: relabel.origins };
  if (metric && metric.length) o.metricRelabel = metric.origins;
  return o;
}
