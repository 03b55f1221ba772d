// Generators of YAML text for the fast-path differential test (yaml-fast-path.test.ts): valid documents written by
// `yaml.stringify` from trees of nasty scalars in every style it has (kubectl's and its own sequence indentation,
// folded long lines, quoted and block scalars), decorated with comments, blank lines, trailing spaces, CRLF and a
// BOM; and line soup — random YAML-ish lines at random indentation, mostly broken, for the fall-back decisions.
import fc from 'fast-check';
import { stringify } from 'yaml';

const NASTY = [
  '724e972620', '0755', '1.10', '0x1F', '1e309', '-0', '+1', '.inf', 'NaN', 'a: b', 'a:b', 'a :b', "it's", '"q"', "'s'", '~', 'null', 'Null', 'NULL', '', ' ',
  'true', 'True', 'TRUE', 'false', 'yes', 'no', 'on', '#', 'a #b', 'a#b', '- x', '-x', '- ', '? x', ': x', '[', ']', '{', '}', '{}', '[]', ',x', '%x', '@x', '`x',
  '&a', '*a', '!t', '|', '>', '---', '...', '--- x', 'a\nb', 'a\n\nb', ' lead', 'trail ', 'ünï', '😀', '\u0000', '\u00a0', '\u2028', '\ufeff', '\\', '\\n', '"', "'",
  'x'.repeat(90), 'word '.repeat(30).trim(), 'line one\nline two\n', 'tab\there', 'script:\n\tindented\n\t\ttwice\n', 'cr\rhere', 'a  b', '  ', '\n', 'ends with newline\n', '8080', '-1', '12345678901234567890',
];
const scalarArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<unknown>(...NASTY) },
  { weight: 3, arbitrary: fc.string({ maxLength: 16 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom('a', 'bb', 'c:', '#d', '-', ' ', '\n', "'", '"', 'x'.repeat(30)), { maxLength: 12 }).map((a) => a.join(' ')) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(null, 0, 1, -5, 1.5, true, false) },
);
const keyArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('a', 'b', 'kind', 'items', 'metadata', 'name', 'labels', 'spec', 'ports', 'app.kubernetes.io/name', 'x y', '-x', '?x', ':x', 'a:b', 'a#b', 'null', '~', 'true', '0755', '', ' lead', 'ünï', '😀', 'constructor', '<<', 'k'.repeat(40)) },
  { weight: 2, arbitrary: fc.string({ maxLength: 8 }) },
);
const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 3, arbitrary: scalarArb },
    { weight: 2, arbitrary: fc.array(tie('tree'), { maxLength: 4 }) },
    { weight: 3, arbitrary: fc.dictionary(keyArb, tie('tree'), { maxKeys: 5 }) },
  ),
}));
const docArb = fc.record({
  value: fc.oneof({ weight: 4, arbitrary: fc.dictionary(keyArb, tree, { minKeys: 1, maxKeys: 6 }) }, { weight: 1, arbitrary: tree }),
  indentSeq: fc.boolean(),
  indent: fc.constantFrom(2, 2, 4, 1, 3),
  lineWidth: fc.constantFrom(0, 0, 20, 40, 80),
  minContentWidth: fc.constantFrom(0, 20),
  defaultStringType: fc.constantFrom('PLAIN', 'PLAIN', 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
  defaultKeyType: fc.constantFrom(null, 'PLAIN', 'QUOTE_DOUBLE'),
  doubleQuotedAsJSON: fc.boolean(),
  singleQuote: fc.constantFrom(null, true, false),
});
type DocOpts = typeof docArb extends fc.Arbitrary<infer T> ? T : never;
function writeDoc(d: DocOpts): string {
  try {
    const { value, ...opts } = d;
    return stringify(value, null, { ...(opts as object), collectionStyle: 'block' } as Parameters<typeof stringify>[2]);
  } catch {
    return 'a: 1\n';
  }
}
/** Edits that keep most of the text valid: comment and blank lines, trailing spaces, CRLF, a BOM. */
const decorate = fc.record({
  comments: fc.array(fc.tuple(fc.nat(10_000), fc.nat(6), fc.constantFrom('# c', '#', '# a: b', '#---')), { maxLength: 3 }),
  blanks: fc.array(fc.tuple(fc.nat(10_000), fc.constantFrom('', ' ', '    ')), { maxLength: 3 }),
  trailing: fc.array(fc.nat(10_000), { maxLength: 3 }),
  crlf: fc.constantFrom(false, false, false, false, true),
  bom: fc.constantFrom(false, false, false, false, false, false, false, false, false, true),
});
export const yamlStream = fc
  .tuple(fc.array(fc.tuple(docArb, fc.constantFrom('---\n', '---\n', '--- # doc\n', '---   \n', '---\n\n')), { minLength: 1, maxLength: 4 }), fc.boolean(), decorate)
  .map(([docs, leadingMarker, deco]) => {
    let text = docs.map(([d, marker], i) => (i > 0 || leadingMarker ? marker : '') + writeDoc(d)).join('');
    const lines = text.split('\n');
    const at = (f: number) => f % (lines.length + 1);
    for (const [f, ind, c] of deco.comments) lines.splice(at(f), 0, ' '.repeat(ind) + c);
    for (const [f, b] of deco.blanks) lines.splice(at(f), 0, b);
    for (const f of deco.trailing) {
      const i = f % lines.length;
      lines[i] += '  ';
    }
    text = lines.join('\n');
    if (deco.crlf) text = text.replace(/\n/g, '\r\n');
    if (deco.bom) text = '\ufeff' + text;
    return text;
  });

const SOUP = [
  'a: 1', 'b:', 'kind: List', 'items:', 'name: x', '- x', '-', '- a: 1', '- b:', '- - c', '-   d: 2', 'c: |', 'c: >-', 'c: |+', 'c: |2', 'text line', 'more text',
  '# comment', '', '   ', 'd: "open', "e: 'open", 'close"', "close'", 'f: {}', 'g: []', 'h: a # c', 'i: a#c', 'j: a: b', '---', '--- # c', '...', '? k', ': v',
  'k: &a v', 'l: *a', 'm: !t v', '"qk": v', "'sk': v", 'dup: 1', 'dup: 2', 'n: "x\\"y"', 'o: "a\\', 'p: -', 'r: x\t', 's:\tx', 't: [a, b]', 'u: {a: 1}',
  'v: "\\u00e9"', 'w: "\\q"', 'x: ~', 'y: null', 'z: 0755', '<<: *a', '%YAML 1.2', 'key with space: v', 'a b c', '"quoted line"', "'single'", '- "q": 1',
  'q: "multi', '  line"', 'fl: [a, b', '  c]', 'fm: {a: 1,', '   b: [x]}', '- {k: v}', 'ff: [{a: b}, [c]]', "q: 'it''s'", '\ufeffbom: 1', 'cr: 1\r', 'lit: |-', '  block line', '    deeper block', '  \ttabbed block', '\ttab first', 'tab:\tvalue', 'crlf: 1\r\nnext: 2', '',
];
export const lineSoup = fc
  .array(fc.tuple(fc.constantFrom(0, 0, 0, 1, 2, 2, 2, 3, 4, 4, 6), fc.constantFrom(...SOUP)), { minLength: 1, maxLength: 14 })
  .map((ls) => ls.map(([n, l]) => ' '.repeat(n) + l).join('\n') + '\n');
