// The Target objects build.ts makes, and the readers of a target's discovered labels that do not build them.
//
// At 10k pods a run makes ~150k targets, ~85% of them dropped, and the page reads the id and the discovered labels of
// a few hundred. So both are computed on first read, by accessors on the class's prototype: an own accessor on each
// target (Object.defineProperty) cost ~30 ms a run, and making every `<job>#<n>` id string ~90 ms (three strings a
// target, with their GC) — measured at 10k pods with the 50-job bench config.
import type { TargetGroup } from '../discovery/types.ts';
import { targetLabels } from '../discovery/common.ts';
import type { Labels } from '../labels.ts';
import { discoveredLabel as discoveredLabelOf, discoveredLabels, discoveredLayers, underValid, type PopulateInput } from './populate.ts';
import { vmDiscoveredLabels } from './populate-vmagent.ts';
import type { DropReason, ObjectRef, Target, TargetState } from './types.ts';
import type { TraceStep } from '../trace.ts';

/** What a target of a job needs besides its group and index to build its discovered labels; one per job. */
export type JobInput = Pick<PopulateInput, 'job' | 'global' | 'profile'>;

type Input = Omit<PopulateInput, 'trace'>;

// Symbol-keyed so that the readers below (module functions, not methods: they also take plain Target objects) reach
// them, and so that nothing enumerating a target sees them.
const GROUP = Symbol('discovered labels: the group (undefined once built)');
const JOB = Symbol('discovered labels: the job');
const BUILT = Symbol('discovered labels, once built or set');
const ID = Symbol('an id set from outside');

/** A target of one job (see Target). `id` is `<job>#<seq>`; `discoveredLabels` is built on first read from the
 * discovery's target and group labels, which the run keeps anyway. JSON sees both (toJSON); enumeration, spreads and
 * structured clones do not: the worker and the API copy the fields they send by name. */
export class TargetRecord implements Target {
  job: string;
  source: string;
  index: number;
  sdIndex: number;
  state: TargetState;
  scrapePool: string;
  /** n of the id `<job>#<n>`: the target's place in its job's discovery order. */
  seq: number;
  [GROUP]: TargetGroup | undefined;
  [JOB]: JobInput | undefined;
  [BUILT]: Labels | undefined;
  // Set on some targets only, in this order (build.ts): declared, so that a target without them has no such property.
  declare labels?: Labels;
  declare internalLabels?: Labels;
  declare scrapeUrl?: string;
  declare reason?: DropReason;
  declare error?: string;
  declare trace?: TraceStep[];
  declare object?: ObjectRef;
  declare address?: string;
  declare crash?: string;
  declare [ID]?: string;

  /** `discovered`: the set when populate built it; else it is built from `group` and `job` on first read. */
  constructor(job: string, seq: number, group: TargetGroup, index: number, sdIndex: number, state: TargetState, discovered: Labels | undefined, jobInput: JobInput) {
    this.job = job;
    this.source = group.source;
    this.index = index;
    this.sdIndex = sdIndex;
    this.state = state;
    this.scrapePool = job;
    this.seq = seq;
    this[GROUP] = discovered === undefined ? group : undefined;
    this[JOB] = discovered === undefined ? jobInput : undefined;
    this[BUILT] = discovered;
  }

  get id(): string {
    return this[ID] ?? `${this.job}#${this.seq}`;
  }
  set id(v: string) {
    this[ID] = v;
  }

  get discoveredLabels(): Labels {
    let l = this[BUILT];
    if (l === undefined) {
      l = buildDiscovered(lazyInput(this, this[GROUP]!, this[JOB]!));
      this.discoveredLabels = l;
    }
    return l;
  }
  set discoveredLabels(l: Labels) {
    this[BUILT] = l;
    this[GROUP] = undefined;
    this[JOB] = undefined;
  }

  /** The target as the Target interface spells it, accessors included (builds the discovered labels). */
  toJSON(): Target {
    const { seq: _seq, ...fields } = this;
    return { id: this.id, ...fields, discoveredLabels: this.discoveredLabels };
  }
}

/** Whether a target's discovered labels are still to be built (the readers below leave them so). */
export function discoveredLabelsUnbuilt(t: Target): boolean {
  return unbuiltGroup(t) !== undefined;
}

/** The group of a target whose discovered labels are not built yet (undefined: built, or a plain Target). */
function unbuiltGroup(t: Target): TargetGroup | undefined {
  return t instanceof TargetRecord ? t[GROUP] : undefined;
}

const isVm = (input: Input): boolean => input.profile.engine === 'vmagent';

/** A lazy target's discovered labels as its engine builds them (vmagent: merged and sorted). */
function buildDiscovered(input: Input): Labels {
  return isVm(input) ? vmDiscoveredLabels(input) : discoveredLabels(input);
}

/** Whether a group's targets go to populate as their own labels with their pod's under them (TargetGroup.under);
 * else each target whole. */
export function layersValid(g: TargetGroup): boolean {
  return g.under === undefined || underValid(g);
}
export function ownLabels(g: TargetGroup, i: number, layered: boolean): Labels {
  return layered ? (g.targets[i] as Labels) : targetLabels(g, i);
}
export function underLabels(g: TargetGroup, i: number, layered: boolean): Labels | undefined {
  return layered ? g.under?.[i] : undefined;
}

/** The populate input of a lazy target, from its group and index (a target holds references, not an input object). */
function lazyInput(t: TargetRecord, g: TargetGroup, j: JobInput): Input {
  const layered = layersValid(g);
  return { target: ownLabels(g, t.index, layered), under: underLabels(g, t.index, layered), group: g.labels, job: j.job, global: j.global, profile: j.profile };
}

/** The populate input of a target whose discovered labels are not built yet; undefined once they are. */
function unbuiltInput(t: Target): Input | undefined {
  const g = unbuiltGroup(t);
  return g === undefined ? undefined : lazyInput(t as TargetRecord, g, (t as TargetRecord)[JOB]!);
}

/** A target's discovered labels without keeping them when they were not built yet. */
export function peekDiscoveredLabels(t: Target): Labels {
  const input = unbuiltInput(t);
  return input ? buildDiscovered(input) : t.discoveredLabels;
}

/** Whether some label of a target's discovered set passes `test`, read without building the set (a filter reads every
 * target; building each set was most of its time). `seen`: the answers for the layers shared by many targets (a pod's,
 * a group's, the job defaults), for this one test. */
export function someDiscoveredLabel(t: Target, test: (name: string, value: string) => boolean, seen?: WeakMap<Labels, boolean>): boolean {
  const g = unbuiltGroup(t);
  const input = g === undefined ? undefined : scratchInput(t as TargetRecord, g);
  const layers = input && !isVm(input) ? discoveredLayers(input) : undefined;
  if (!layers) {
    const l = input ? buildDiscovered(input) : t.discoveredLabels;
    for (const k in l) if (test(k, l[k] as string)) return true;
    return false;
  }
  const skip = layers.skipEmpty;
  if (someLabel(layers.own, skip, test)) return true;
  for (const l of layers.shared) {
    let r = seen?.get(l);
    if (r === undefined) {
      r = someLabel(l, skip, test);
      seen?.set(l, r);
    }
    if (r) return true;
  }
  return false;
}

function someLabel(l: Labels, skipEmpty: boolean, test: (name: string, value: string) => boolean): boolean {
  for (const k in l) {
    const v = l[k] as string;
    if (!(skipEmpty && v === '') && test(k, v)) return true;
  }
  return false;
}

/** A lazy target's populate input in one object reused for every call (lazyInput makes a new one): for readers that
 * keep nothing of it (someDiscoveredLabel, which a filter calls for every target of a run). */
const SCRATCH_INPUT = { target: {}, under: undefined, group: {}, job: undefined, global: undefined, profile: undefined } as unknown as Input;
function scratchInput(t: TargetRecord, g: TargetGroup): Input {
  const layered = layersValid(g);
  const j = t[JOB]!;
  const s = SCRATCH_INPUT;
  s.target = ownLabels(g, t.index, layered);
  s.under = underLabels(g, t.index, layered);
  s.group = g.labels;
  s.job = j.job;
  s.global = j.global;
  s.profile = j.profile;
  return s;
}

/** One label of a target's discovered set (undefined: not in it), read without building the set. */
export function discoveredLabel(t: Target, name: string): string | undefined {
  const input = unbuiltInput(t);
  if (input && !isVm(input)) return discoveredLabelOf(input, name);
  const l = input ? buildDiscovered(input) : t.discoveredLabels;
  return Object.prototype.hasOwnProperty.call(l, name) ? l[name] : undefined;
}
