/**
 * FNV-1a over UTF-16 code units, 32-bit unsigned. The model's feature hashing and the gazetteer's
 * fingerprint both use it; passing a previous result as `seed` continues the same hash, so
 * fnv1a(b, fnv1a(a)) === fnv1a(a + b).
 */
export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
