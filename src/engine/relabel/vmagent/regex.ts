// vmagent's three views of one relabel regex (lib/promrelabel config.go parseRelabelConfig):
//   * the anchored regex `^(?:…)$` (Go RE2, `.` does not match "\n"): capture expansion, and matching in 1.79;
//   * regexOriginal, the regex as written, unanchored: its Go LiteralPrefix() drives 1.79's shortcuts
//     (relabel.go matchString, replaceFullString, replaceStringSubmatches), and replace_all/labelmap_all use it;
//   * newer versions match through regexutil.PromRegex (regexutil/promregex.go).
// Which one decides a match is profile.relabel.regexMatch.
import { RE2JS } from 're2js';
import type { Profile } from '../../profiles/types.ts';
import { readLiteral } from '../regex-fast.ts';
import { compileRegex, mustCompile, type RegexProfile } from '../regex.ts';
import type { CompiledRegex } from '../types.ts';
import type { VmMatcher } from './types.ts';

const ANCHORED: RegexProfile['relabel'] = { regexWrap: { prefix: '^(?:', suffix: ')$' }, angleNamedGroups: false } as RegexProfile['relabel'];
const PLAIN_WRAP = { prefix: '', suffix: '' };

function wrapProfile(profile: Profile, anchored: boolean): RegexProfile {
  return { relabel: { ...ANCHORED, regexWrap: anchored ? ANCHORED.regexWrap : PLAIN_WRAP, angleNamedGroups: profile.relabel.angleNamedGroups } };
}

/** regexutil.RemoveStartEndAnchors: every leading `^`, every trailing `$` that is not escaped. */
export function removeStartEndAnchors(expr: string): string {
  let e = expr;
  while (e.startsWith('^')) e = e.slice(1);
  while (e.endsWith('$') && !e.endsWith('\\$')) e = e.slice(0, -1);
  return e;
}

/** Go Regexp.LiteralPrefix() of the unanchored regex (prog.Prefix: the literal runes every match starts with,
 * and whether nothing follows them). re2js compiles the same program; a pattern it cannot take (a Go/re2js
 * syntax difference) gets no prefix, which only turns the shortcuts off. */
export function literalPrefix(text: string): { prefix: string; complete: boolean } {
  const hit = prefixCache.get(text);
  if (hit) return hit;
  let r = { prefix: '', complete: false };
  try {
    const re2 = RE2JS.compile(text).re2() as unknown as { prefix: string; prefixComplete: boolean };
    r = { prefix: re2.prefix ?? '', complete: re2.prefixComplete === true };
  } catch {
    // keep the safe default
  }
  if (prefixCache.size > 4096) prefixCache.clear();
  prefixCache.set(text, r);
  return r;
}
const prefixCache = new Map<string, { prefix: string; complete: boolean }>();

/** Strips groups that wrap the whole text: `(x)`, `(?:x)`, `(?s:x)`, `(?P<n>x)`, when the parens pair up. */
function unwrapGroup(t: string): string | null {
  const m = /^\((?:\?:|\?s:|\?P<\w+>|\?<\w+>)?/.exec(t);
  if (!m || !t.endsWith(')')) return null;
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') return null; // a class inside: not worth lexing here
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0 && i !== t.length - 1) return null;
  }
  return t.slice(m[0].length, -1);
}

/** `.*` / `.+` possibly inside one group, as regexutil's simplification sees them (captures become plain groups). */
function dotOp(t: string): '*' | '+' | null {
  let e = t;
  for (let i = 0; i < 3; i++) {
    if (e === '.*') return '*';
    if (e === '.+') return '+';
    const u = unwrapGroup(e);
    if (u === null) return null;
    e = u;
  }
  return null;
}

/** config.go isDefaultRegex (newest): the regex simplifies to `.*` (`.*`, `(.*)`, `^.*$`, `(?:.*)`, `(?s).*`). */
export function isDefaultRegexNewest(expr: string): boolean {
  let e = removeStartEndAnchors(expr);
  if (e.startsWith('(?s)')) e = e.slice(4);
  return dotOp(e) === '*';
}

/** The shapes regexutil.PromRegex answers without a regex: a literal prefix followed by nothing, `.*`, `.+`,
 * `.*LIT.*` or `.+LIT.+` (parsed with DotNL, so `.` matches "\n" here). Anything else matches through the
 * anchored regex without DotNL, as PromRegex's reSuffix does. This covers every shape PromRegex short-cuts; it
 * does not reproduce every rewrite regexutil's simplifier makes (e.g. char classes expanded into alternatives),
 * which only matters for values holding "\n". */
class PromRegexLite implements VmMatcher {
  private readonly kind: 'eq' | 'star' | 'plus' | 'contains' | 'between' | 're';
  private readonly prefix: string;
  private readonly lit: string;
  constructor(expr: string, private readonly anchored: CompiledRegex) {
    const { lit: prefix, end } = readLiteral(expr, 0);
    const next = expr[end];
    const quantified = next === '*' || next === '+' || next === '?' || next === '{';
    const rest = expr.slice(end);
    this.prefix = prefix;
    this.lit = '';
    if (quantified) {
      this.kind = 're';
      return;
    }
    if (rest === '') {
      this.kind = 'eq';
      return;
    }
    const op = dotOp(rest);
    if (op) {
      this.kind = op === '*' ? 'star' : 'plus';
      return;
    }
    // `.*LIT.*` / `.+LIT.+` (each dot-op possibly grouped).
    const m = /^(\(\?:\.\*\)|\(\.\*\)|\.\*|\(\?:\.\+\)|\(\.\+\)|\.\+)(.*?)(\(\?:\.\*\)|\(\.\*\)|\.\*|\(\?:\.\+\)|\(\.\+\)|\.\+)$/s.exec(rest);
    if (m) {
      const a = dotOp(m[1] as string);
      const b = dotOp(m[3] as string);
      const mid = readLiteral(m[2] as string, 0);
      if (a === b && mid.end === (m[2] as string).length && mid.lit !== '') {
        this.kind = a === '*' ? 'contains' : 'between';
        this.lit = mid.lit;
        return;
      }
    }
    this.kind = 're';
  }

  test(s: string): boolean {
    switch (this.kind) {
      case 'eq':
        return s === this.prefix;
      case 're':
        return this.anchored.test(s);
      default:
    }
    if (!s.startsWith(this.prefix)) return false;
    const r = s.slice(this.prefix.length);
    switch (this.kind) {
      case 'star':
        return true;
      case 'plus':
        return r.length > 0;
      case 'contains':
        return r.includes(this.lit);
      default: {
        const n = r.indexOf(this.lit);
        return n > 0 && n + this.lit.length < r.length;
      }
    }
  }
}

/** relabel.go matchString (1.79): the regexOriginal literal-prefix shortcuts, then the anchored regex. */
class LiteralPrefixMatcher implements VmMatcher {
  private readonly suffix: '' | '*' | '+';
  constructor(
    private readonly prefix: string,
    private readonly complete: boolean,
    originalText: string,
    private readonly anchored: CompiledRegex,
  ) {
    const s = originalText.startsWith(prefix) ? originalText.slice(prefix.length) : null;
    this.suffix = s === '.*' || s === '(.*)' ? '*' : s === '.+' || s === '(.+)' ? '+' : '';
  }

  test(s: string): boolean {
    if (this.complete) return s === this.prefix;
    if (!s.startsWith(this.prefix)) return false;
    if (this.suffix === '*') return true;
    if (this.suffix === '+') return s.length > this.prefix.length;
    return this.anchored.test(s);
  }
}

export interface VmRegex {
  anchored: CompiledRegex;
  original: CompiledRegex;
  prefix: string;
  prefixComplete: boolean;
  originalText: string;
  matcher: VmMatcher;
  defaultObject: boolean;
}

const defaults = new Map<string, VmRegex>();

/** The default regex objects (defaultRegexForRelabelConfig `^(.*)$`, defaultOriginalRegexForRelabelConfig `.*`). */
export function defaultVmRegex(profile: Profile): VmRegex {
  const key = `${profile.relabel.regexMatch}\u0000${profile.relabel.angleNamedGroups}`;
  let d = defaults.get(key);
  if (!d) {
    const anchored = mustCompile('(.*)', wrapProfile(profile, true));
    const original = mustCompile('.*', wrapProfile(profile, false));
    d = { anchored, original, prefix: '', prefixComplete: false, originalText: '.*', matcher: { test: () => true }, defaultObject: true };
    defaults.set(key, d);
  }
  return d;
}

/** parseRelabelConfig's regex handling for this profile. `actionAsWritten` decides anchoring (newest compares
 * the raw `action` with "replace_all"/"labelmap_all", so `Replace_All` is anchored). */
export function compileVmRegex(text: string | undefined, actionAsWritten: string, profile: Profile): { ok: true; re: VmRegex } | { ok: false; message: string } {
  const rp = profile.relabel;
  if (text === undefined || (rp.defaultRegex === 'simplified' && isDefaultRegexNewest(text))) return { ok: true, re: defaultVmRegex(profile) };
  const unanchored = actionAsWritten === 'replace_all' || actionAsWritten === 'labelmap_all';
  const orig = !unanchored && rp.stripAnchors ? removeStartEndAnchors(text) : text;
  const a = compileRegex(orig, wrapProfile(profile, !unanchored));
  if (!a.ok) return { ok: false, message: `cannot parse \`regex\` ${JSON.stringify(unanchored ? orig : `^(?:${orig})$`)}: ${a.message}` };
  const o = unanchored ? a : compileRegex(orig, wrapProfile(profile, false));
  if (!o.ok) return { ok: false, message: `cannot parse \`regex\` ${JSON.stringify(orig)}: ${o.message}` };
  const { prefix, complete } = literalPrefix(orig);
  const anchored = a.re;
  let matcher: VmMatcher;
  if (rp.regexMatch === 'vm-promregex') matcher = promRegex(orig, profile);
  else if (rp.regexMatch === 'vm-literal-prefix') matcher = new LiteralPrefixMatcher(prefix, complete, orig, anchored);
  else matcher = anchored;
  return { ok: true, re: { anchored, original: o.re, prefix, prefixComplete: complete, originalText: orig, matcher, defaultObject: false } };
}

/** regexutil.NewPromRegex(expr) (anchors removed by its simplifier); undefined when the regex does not compile. */
export function promRegex(expr: string, profile: Profile): VmMatcher {
  const e = removeStartEndAnchors(expr);
  const c = compileRegex(e, wrapProfile(profile, true));
  if (!c.ok) return { test: () => false };
  return new PromRegexLite(e, c.re);
}

/** A Go regexp compiled `^(?:expr)$` (the 1.79 `if` filters, if_expression.go newLabelFilter). */
export function anchoredGo(expr: string, profile: Profile): { ok: true; re: CompiledRegex } | { ok: false; message: string } {
  return compileRegex(expr, wrapProfile(profile, true));
}
