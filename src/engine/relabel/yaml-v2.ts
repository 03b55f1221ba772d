// The bits of gopkg.in/yaml.v2 (v2.4.0 decode.go / resolve.go) whose behaviour shows in
// relabel config errors: how a plain scalar resolves to a tag, how a uint64 field accepts
// it, and the text of a type error ("cannot unmarshal !!str `abc` into uint64").
import { isMap, isScalar, isSeq } from 'yaml';

export type V2Tag = '!!str' | '!!int' | '!!float' | '!!bool' | '!!null' | '!!timestamp' | '!!merge' | '!!map' | '!!seq';

const BOOLS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const FLOAT_SPECIAL = new Set(['.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF']);
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** Go strconv.ParseInt/ParseUint with base 0 (sign, 0x / 0o / 0b / leading-0 octal); bigint or null. */
function parseGoInt(s: string): bigint | null {
  let neg = false;
  let t = s;
  if (t[0] === '+' || t[0] === '-') {
    neg = t[0] === '-';
    t = t.slice(1);
  }
  let digits: RegExp;
  let prefix = '';
  if (/^0[xX]/.test(t)) { prefix = '0x'; t = t.slice(2); digits = /^[0-9a-fA-F]+$/; }
  else if (/^0[oO]/.test(t)) { prefix = '0o'; t = t.slice(2); digits = /^[0-7]+$/; }
  else if (/^0[bB]/.test(t)) { prefix = '0b'; t = t.slice(2); digits = /^[01]+$/; }
  else if (/^0[0-9]/.test(t)) { prefix = '0o'; t = t.slice(1); digits = /^[0-7]+$/; }
  else digits = /^[0-9]+$/;
  if (!digits.test(t)) return null;
  const v = BigInt(prefix + t);
  return neg ? -v : v;
}

/** yaml.v2 resolve() for an untagged plain scalar: its tag and (for numbers) its value. */
export function resolvePlain(text: string): { tag: V2Tag; num?: bigint | number } {
  if (NULLS.has(text)) return { tag: '!!null' };
  if (BOOLS.has(text)) return { tag: '!!bool' };
  if (text === '<<') return { tag: '!!merge' };
  if (FLOAT_SPECIAL.has(text)) return { tag: '!!float', num: text.includes('nan') || text.includes('NaN') || text.includes('NAN') ? NaN : text[0] === '-' ? -Infinity : Infinity };
  const c = text[0] ?? '';
  if (c === '.') {
    const f = Number(text);
    return Number.isNaN(f) || !YAML_FLOAT.test(text) ? { tag: '!!str' } : { tag: '!!float', num: f };
  }
  if (!/[-+0-9]/.test(c)) return { tag: '!!str' };
  if (/^\d{4}-/.test(text) && /^\d{4}-\d{1,2}-\d{1,2}([Tt ]\d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?(Z|[-+]\d{2}:\d{2})?)?$/.test(text)) return { tag: '!!timestamp' };
  const plain = text.split('_').join('');
  const i = parseGoInt(plain);
  if (i !== null && i >= -(2n ** 63n) && i < 2n ** 64n) return { tag: '!!int', num: i };
  if (YAML_FLOAT.test(plain)) return { tag: '!!float', num: Number(plain) };
  return { tag: '!!str' };
}

/** The tag yaml.v2 reports for a node in a type error. */
export function tagOf(n: unknown): V2Tag {
  if (isMap(n)) return '!!map';
  if (isSeq(n)) return '!!seq';
  if (isScalar(n) && n.type === 'PLAIN') return resolvePlain(String(n.value ?? '')).tag;
  return '!!str';
}

/** yaml.v2 decoder.terror text (without the "line N: " prefix). Scalars show their value,
 * cut to 7 bytes + "..." when longer than 10. */
export function typeErrorText(n: unknown, into: string): string {
  const tag = tagOf(n);
  let value = '';
  if (tag !== '!!map' && tag !== '!!seq') {
    const v = isScalar(n) ? String(n.value ?? '') : '';
    value = ' `' + (v.length > 10 ? v.slice(0, 7) + '...' : v) + '`';
  }
  return `cannot unmarshal ${tag}${value} into ${into}`;
}

/** Decodes a uint64 field (yaml.v2 scalar(), reflect.Uint64 case). null = type error. */
export function decodeUint64(n: unknown): bigint | null {
  if (!isScalar(n)) return null;
  if (n.type !== 'PLAIN') return null; // quoted: a !!str, which a uint field refuses
  const r = resolvePlain(String(n.value ?? ''));
  if (r.tag === '!!null') return 0n;
  if (r.tag === '!!int' && typeof r.num === 'bigint') return r.num >= 0n ? r.num : null;
  if (r.tag === '!!float' && typeof r.num === 'number') {
    // Go: resolved <= math.MaxUint64, then uint64(f) truncates toward zero.
    if (!(r.num <= 18446744073709551615) || r.num <= -1) return null;
    return r.num < 0 ? 0n : BigInt(Math.trunc(r.num));
  }
  return null;
}
