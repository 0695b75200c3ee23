/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, `undefined` members
 * dropped, numbers in ECMAScript shortest form (the JCS / RFC 8785 rules for the values we store).
 * The same bytes come out in the page, the worker and Node, which is what makes a hash portable.
 */
export function canonicalize(value: unknown): string {
  return canonicalizeWithout(value, NONE);
}

const NONE: ReadonlySet<string> = new Set();

/**
 * `canonicalize` of an object as if the top-level members named in `omit` were absent, without
 * copying it (the verifier serialises every entry minus its hash and signature).
 */
export function canonicalizeWithout(value: unknown, omit: ReadonlySet<string>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalize: non-finite number');
      return JSON.stringify(value);
    case 'object': {
      // String building rather than map/join: this runs for every entry of a 100k-entry log.
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          const v: unknown = value[i];
          if (i > 0) out += ',';
          out += v === undefined ? 'null' : canonicalizeWithout(v, NONE);
        }
        return out + ']';
      }
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).sort();
      let out = '{';
      for (const k of keys) {
        const v = obj[k];
        if (v === undefined || omit.has(k)) continue;
        if (out.length > 1) out += ',';
        out += JSON.stringify(k) + ':' + canonicalizeWithout(v, NONE);
      }
      return out + '}';
    }
    default:
      throw new TypeError(`canonicalize: unsupported ${typeof value}`);
  }
}
