/**
 * Invisible-character normalisation with an offset map back to the original text.
 * Zero-width and format characters (ZWSP, ZWNJ, ZWJ, WJ, BOM, soft hyphen, bidi marks) are removed
 * before matching so "jo\u200bhn@example.com" is still an email; NBSP and other spaces become ' '.
 */

const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
const INVISIBLE_G = new RegExp(INVISIBLE.source, 'g');
const SPACES_G = /[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g;

export interface Normalized {
  text: string;
  /** map[i] = offset in the original of normalized index i; map[text.length] = original length. null when identical offsets. */
  map: Int32Array | null;
}

export function normalize(original: string): Normalized {
  const spaced = original.replace(SPACES_G, ' ');
  if (!INVISIBLE.test(spaced)) return { text: spaced, map: null };
  const map = new Int32Array(spaced.length + 1);
  let out = '';
  let j = 0;
  let last = 0;
  INVISIBLE_G.lastIndex = 0;
  for (let m = INVISIBLE_G.exec(spaced); m !== null; m = INVISIBLE_G.exec(spaced)) {
    const chunk = spaced.slice(last, m.index);
    for (let k = 0; k < chunk.length; k++) map[j + k] = last + k;
    out += chunk;
    j += chunk.length;
    last = m.index + m[0].length;
  }
  const chunk = spaced.slice(last);
  for (let k = 0; k < chunk.length; k++) map[j + k] = last + k;
  out += chunk;
  j += chunk.length;
  map[j] = original.length;
  return { text: out, map: map.subarray(0, j + 1) };
}

/** Maps a [start, end) range of the normalized text back to the original text. */
export function mapRange(n: Normalized, start: number, end: number): [number, number] {
  if (!n.map) return [start, end];
  const s = n.map[start] ?? 0;
  // end is exclusive: map the last included char and step past it
  const e = end > start ? (n.map[end - 1] ?? 0) + 1 : s;
  return [s, e];
}
