// Go strings.ToLower / strings.ToUpper: per-code-point *simple* case mapping
// (unicode.ToLower/ToUpper). JS toLowerCase/toUpperCase use the full mappings of
// SpecialCasing.txt (one code point may become several, and Σ depends on context). We map
// one code point at a time, which removes the context rules, and where JS still yields
// several code points we use the simple mapping from UnicodeData.txt instead.

/** Simple uppercase for the code points whose full uppercase has several code points but whose
 * simple uppercase exists: Greek letters with ypogegrammeni map to their titlecase forms. */
function simpleUpperOfMulti(cp: number): number {
  if ((cp >= 0x1f80 && cp <= 0x1f87) || (cp >= 0x1f90 && cp <= 0x1f97) || (cp >= 0x1fa0 && cp <= 0x1fa7)) return cp + 8;
  if (cp === 0x1fb3) return 0x1fbc;
  if (cp === 0x1fc3) return 0x1fcc;
  if (cp === 0x1ff3) return 0x1ffc;
  return cp; // ß, ŉ, ǰ, ΐ, ΰ, և, ẖ…ẚ, ὐ…, ligatures ﬀ…: no simple uppercase.
}

function mapEach(s: string, upper: boolean): string {
  let out = '';
  for (const ch of s) {
    const m = upper ? ch.toUpperCase() : ch.toLowerCase();
    if (String.fromCodePoint(m.codePointAt(0) as number) === m) {
      out += m;
      continue;
    }
    const cp = ch.codePointAt(0) as number;
    // Only U+0130 İ has a multi-code-point lowercase; its simple lowercase is "i".
    out += upper ? String.fromCodePoint(simpleUpperOfMulti(cp)) : cp === 0x130 ? 'i' : ch;
  }
  return out;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

export function goToLower(s: string): string {
  return isAscii(s) ? s.toLowerCase() : mapEach(s, false);
}

export function goToUpper(s: string): string {
  return isAscii(s) ? s.toUpperCase() : mapEach(s, true);
}
