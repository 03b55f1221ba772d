// --print-objects and --print-config: the intermediate stages as YAML a person can read and
// paste back (simulated objects and generated configs are marked as such).
import { stringify } from 'yaml';
import type { RunResult } from '../engine/index.ts';

/** Every object the engine sees, grouped by kind, each with a comment saying where it came from. */
export function formatObjects(res: RunResult): string {
  const out: string[] = [];
  for (const o of res.store.all()) {
    const m = o.obj.metadata;
    const id = `${o.obj.kind} ${m.namespace ? m.namespace + '/' : ''}${m.name}`;
    let origin: string;
    if (o.origin.simulated) {
      const s = o.origin.simulated;
      origin = `simulated by ${s.controller} from ${s.kind} ${s.namespace ? s.namespace + '/' : ''}${s.name}`;
    } else if (o.origin.implied) origin = `implied: ${o.origin.implied}`;
    else origin = `from ${o.origin.file}:${o.origin.pos.line}`;
    out.push(`# ${id} — ${origin}\n${stringify(o.obj, { lineWidth: 0 })}`);
  }
  return out.join('---\n');
}

/** The configs the operators would generate, in the operator's order. */
export function formatGeneratedConfigs(res: RunResult): string {
  const gen = res.instances.filter((i) => i.generated);
  if (gen.length === 0) return '# no operator objects in the input: nothing generated\n';
  return gen
    .map((i) => {
      const g = i.generated!;
      const head = [`# generated for ${g.owner.kind} ${g.owner.namespace}/${g.owner.name}${g.owner.assumed ? ' (assumed: the input has none; selects everything)' : ''}`];
      if (g.shards > 1) head.push(`# shard ${g.shard} of ${g.shards}`);
      if (g.unmanaged) head.push('# every selector is nil: the operator does not manage this config');
      return head.join('\n') + '\n' + g.yaml;
    })
    .join('---\n');
}
