// Compiling relabel regexes like Prometheus' NewRegexp: the user's text is wrapped
// textually (`^(?s:` … `)$` in 3.x, `^(?:` … `)$` in 2.42) and compiled with Go RE2
// semantics. re2js implements Go's syntax, error texts and leftmost-first matching; we
// bridge its two differences from the Go versions we emulate (see regex-scan.ts).
// Matching uses search (Go MatchString / FindStringSubmatchIndex), never a full-match
// API: with unbalanced input like `foo)|(bar` the wrap no longer anchors everything.
import { RE2JS } from 're2js';
import type { Profile } from '../profiles/types.ts';
import type { CompiledRegex } from './types.ts';
import { fastExec, fastShape, fastTest, requiredPrefix, type FastShape } from './regex-fast.ts';
import { closesWrapGroup, scanGroups } from './regex-scan.ts';

export type CompileResult = { ok: true; re: CompiledRegex } | { ok: false; message: string };
export type RegexProfile = Pick<Profile, 'relabel'>;

class Re2Regex implements CompiledRegex {
  readonly numSubexp: number;
  constructor(
    readonly text: string,
    readonly source: string,
    private readonly re: RE2JS,
    readonly subexpNames: readonly string[],
    /** Set when the whole wrapped pattern is one of the shapes in regex-fast.ts. */
    private readonly fast: FastShape | null,
    private readonly prefix: string,
    private readonly dotNL: boolean,
  ) {
    this.numSubexp = subexpNames.length - 1;
  }

  test(s: string): boolean {
    if (this.fast) return fastTest(this.fast, s, this.dotNL);
    if (this.prefix && !s.startsWith(this.prefix)) return false;
    return this.re.test(s);
  }

  exec(s: string): (string | undefined)[] | null {
    if (this.fast) return fastExec(this.fast, s, this.dotNL);
    if (this.prefix && !s.startsWith(this.prefix)) return null;
    const idx = this.execIndex(s, 0);
    if (idx === null) return null;
    const out: (string | undefined)[] = new Array(this.numSubexp + 1);
    for (let i = 0; i <= this.numSubexp; i++) {
      const a = idx[2 * i] as number;
      out[i] = a < 0 ? undefined : s.slice(a, idx[2 * i + 1] as number);
    }
    return out;
  }

  execIndex(s: string, from: number): number[] | null {
    // An unanchored search from `from` (Go doExecute at a position; `^` still means offset 0), as
    // Matcher.find does, but asking for every group in one pass (UTF-16 offsets, -1 = unset).
    const r = this.re.re2().matchWithGroup(s, from, s.length, UNANCHORED, this.numSubexp + 1) as [boolean, number[] | null];
    return r[0] && r[1] ? r[1] : null;
  }

  /** True when every match spans the whole input, so ReplaceAll equals one Expand. */
  get wholeInputOnly(): boolean {
    return this.fast !== null;
  }
}

const UNANCHORED = 0; // RE2Flags.UNANCHORED
const CACHE_MAX = 4096;
const cache = new Map<string, CompileResult>();
const dotNLByWrap = new Map<string, boolean>();

/** Wraps we can reason about for the fast shapes: a full anchor around one flag group. */
function knownWrap(prefix: string, suffix: string): boolean {
  return (prefix === '^(?s:' || prefix === '^(?:') && suffix === ')$';
}

/** Whether `.` matches "\n" under this wrap, asked of the engine rather than guessed from the text. */
function dotMatchesNewline(prefix: string, suffix: string): boolean {
  const key = prefix + '\u0000' + suffix;
  let v = dotNLByWrap.get(key);
  if (v === undefined) {
    v = RE2JS.compile(prefix + '.' + suffix).test('\n');
    dotNLByWrap.set(key, v);
  }
  return v;
}

/** Compiles `text` the way the profile's Prometheus does. Results (including errors) are cached. */
export function compileRegex(text: string, profile: RegexProfile): CompileResult {
  const { regexWrap, angleNamedGroups } = profile.relabel;
  const key = `${regexWrap.prefix}\u0000${regexWrap.suffix}\u0000${angleNamedGroups ? 1 : 0}\u0000${text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const res = compileUncached(text, regexWrap.prefix, regexWrap.suffix, angleNamedGroups);
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
  cache.set(key, res);
  return res;
}

// Go 1.19 stops at the first real `(?<` with "invalid or unsupported Perl syntax: `(?<`". We put a
// private-use rune there, which re2js rejects at the same point with the same message shape.
const PERL_MARK = '(?\uE000';

function compileUncached(text: string, prefix: string, suffix: string, angle: boolean): CompileResult {
  let t = text;
  let marked = false;
  const groups = scanGroups(text);
  if (!angle) {
    const g = groups.find((x) => (x.kind === 'named' && x.angle) || (x.kind === 'other' && x.next === '<'));
    if (g) {
      t = t.slice(0, g.pos) + PERL_MARK + t.slice(g.pos + 3);
      marked = true;
    }
  }
  // Go allows duplicate group names; re2js does not. Rename the later ones and map them back.
  const synthetic = new Map<string, string>();
  const seen = new Set<string>();
  const all = new Set(scanGroups(t).flatMap((x) => (x.name !== undefined ? [x.name] : [])));
  const renames: { at: number; len: number; name: string }[] = [];
  for (const x of scanGroups(t)) {
    if (x.kind !== 'named' || x.name === undefined || x.nameStart === undefined) continue;
    if (!seen.has(x.name)) {
      seen.add(x.name);
      continue;
    }
    let n = 1;
    let fresh = `${x.name}_dup${n}`;
    while (all.has(fresh)) fresh = `${x.name}_dup${++n}`;
    all.add(fresh);
    synthetic.set(fresh, x.name);
    renames.push({ at: x.nameStart, len: x.name.length, name: fresh });
  }
  for (let i = renames.length - 1; i >= 0; i--) {
    const r = renames[i] as (typeof renames)[number];
    t = t.slice(0, r.at) + r.name + t.slice(r.at + r.len);
  }

  const source = prefix + text + suffix;
  let re: RE2JS;
  try {
    re = RE2JS.compile(prefix + t + suffix);
  } catch (e) {
    let message = e instanceof Error ? e.message : String(e);
    if (marked) message = message.split(PERL_MARK).join('(?<');
    for (const [fresh, orig] of synthetic) message = message.split(fresh).join(orig);
    return { ok: false, message };
  }
  const names: string[] = new Array(re.groupCount() + 1).fill('');
  const named = re.namedGroups() as Record<string, number>;
  for (const name of Object.keys(named)) {
    const idx = named[name];
    if (idx !== undefined) names[idx] = synthetic.get(name) ?? name;
  }
  const known = knownWrap(prefix, suffix);
  const fast = known ? fastShape(text) : null;
  const req = known && !fast && !closesWrapGroup(text) ? requiredPrefix(text) : '';
  return { ok: true, re: new Re2Regex(text, source, re, names, fast, req, dotMatchesNewline(prefix, suffix)) };
}

/** True when every match of `re` spans its whole input (so Go ReplaceAllString is one Expand). */
export function matchesWholeInputOnly(re: CompiledRegex): boolean {
  return re instanceof Re2Regex && re.wholeInputOnly;
}

/** Compiles a regex that is known to be valid (defaults); throws on a programming error. */
export function mustCompile(text: string, profile: RegexProfile): CompiledRegex {
  const r = compileRegex(text, profile);
  if (!r.ok) throw new Error(`relabel: default regex ${JSON.stringify(text)} does not compile: ${r.message}`);
  return r.re;
}
