/**
 * For every identifier family: a valid value, written with random allowed formatting (grouping,
 * separators, other digit scripts, invisible characters) and embedded in random text, is found,
 * and its redacted form contains none of its digits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import examples from 'libphonenumber-js/mobile/examples';
import { getCountryCallingCode, type CountryCode } from 'libphonenumber-js';
import { Vault, detectPatterns, redact } from '../../index';
import { PLACEHOLDER_RE } from '../../placeholders';

const WORDS = [
  'please',
  'charge',
  'bitte',
  'überweisen',
  'por favor',
  'obrigado',
  'tak',
  'hej',
  'merci',
  'alstublieft',
  'the',
  'to',
  'on',
  'och',
  'og',
  'für',
  'el',
  'my',
  'number',
];
const around = fc
  .array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 6 })
  .map((w) => w.join(' '));

const SEPARATORS = [' ', '-', '.', '/', '_', '\t', '  ', ' - '];
const INVISIBLE = ['\u200b', '\u00ad', '\u2060', '\ufeff', '\u034f', '\u180b', '\ufe0f'];

/** Rewrites ASCII digits in another script (or leaves them). */
const script = fc.constantFrom(
  (s: string) => s,
  (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))), // fullwidth
  (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d))), // Arabic-Indic
  (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0x0966 + Number(d))), // Devanagari
);

/** Groups a value: the given sizes joined by one separator, or one character at a time. */
function group(value: string, sizes: readonly number[], sep: string): string {
  const out: string[] = [];
  let i = 0;
  for (const s of sizes) {
    if (i >= value.length) break;
    out.push(value.slice(i, i + s));
    i += s;
  }
  if (i < value.length) out.push(value.slice(i));
  return out.join(sep);
}

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));

function luhnComplete(body: string): string {
  for (let d = 0; d < 10; d++) {
    const s = body + d;
    let sum = 0;
    let dbl = false;
    for (let i = s.length - 1; i >= 0; i--) {
      let v = s.charCodeAt(i) - 48;
      if (dbl) {
        v *= 2;
        if (v > 9) v -= 9;
      }
      sum += v;
      dbl = !dbl;
    }
    if (sum % 10 === 0) return s;
  }
  throw new Error('unreachable');
}

/** Card numbers of known issuers (Visa 16, Mastercard 16, Amex 15, Discover 16, JCB 16). */
const card = fc
  .tuple(
    fc.constantFrom(['4', 16], ['51', 16], ['55', 16], ['37', 15], ['6011', 16], ['3530', 16]),
    digits(18),
  )
  .map(([[prefix, len], fill]) =>
    luhnComplete(
      (prefix as string) + fill.slice(0, (len as number) - (prefix as string).length - 1),
    ),
  );

function ibanOf(cc: string, bban: string): string {
  const r = (bban + cc + '00').replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let m = 0;
  for (const ch of r) m = (m * 10 + Number(ch)) % 97;
  return `${cc}${String(98 - m).padStart(2, '0')}${bban}`;
}
/** Countries whose BBAN is all digits with no national check inside (so random digits are valid). */
const iban = fc
  .tuple(
    fc.constantFrom(['DE', 18], ['DK', 14], ['SE', 20], ['AT', 16], ['CH', 17], ['FI', 14]),
    digits(20),
  )
  .map(([[cc, n], d]) => ibanOf(cc as string, d.slice(0, n as number)));

/** A valid US SSN: area 001-665/667-899, group 01-99, serial 0001-9999, no known sample. */
const ssn = fc
  .tuple(
    fc.integer({ min: 1, max: 899 }),
    fc.integer({ min: 1, max: 99 }),
    fc.integer({ min: 1, max: 9999 }),
  )
  .filter(([a]) => a !== 666)
  .map(
    ([a, g, s]) =>
      `${String(a).padStart(3, '0')}${String(g).padStart(2, '0')}${String(s).padStart(4, '0')}`,
  )
  .filter((v) => !['123456789', '078051120', '219099999'].includes(v));

/** An international mobile number from libphonenumber's examples. */
const countries = Object.keys(examples).filter((c) =>
  ['DE', 'FR', 'GB', 'US', 'DK', 'SE', 'NL', 'PT', 'ES', 'BR', 'IT', 'NO', 'PL', 'IN'].includes(c),
) as CountryCode[];
const phone = fc
  .constantFrom(...countries)
  .map((c) => `${getCountryCallingCode(c)}|${(examples as Record<string, string>)[c] ?? ''}`);

/** No digit may survive redaction: the surrounding text has none, placeholders are removed. */
function digitsLeft(redacted: string): string {
  return redacted.replace(PLACEHOLDER_RE, '').replace(/\D/g, '');
}

function check(text: string, value: string): void {
  const ents = detectPatterns(text);
  const at = text.indexOf(value);
  const covered = ents.some((e) => e.start <= at && e.end >= at + value.length);
  expect(
    covered,
    `${JSON.stringify(value)} in ${JSON.stringify(text)}: ${JSON.stringify(ents)}`,
  ).toBe(true);
  const out = redact(text, ents, new Vault()).text;
  expect(digitsLeft(out.normalize('NFKC')), out).toBe('');
}

describe('every identifier family survives random formatting', () => {
  it('cards: any grouping of 4s, 4-6-5 or digit by digit, any separator and digit script', () => {
    fc.assert(
      fc.property(
        around,
        card,
        fc.constantFrom([4, 4, 4, 4], [4, 6, 5], [16], Array(19).fill(1)),
        fc.constantFrom(...SEPARATORS),
        script,
        around,
        (pre, value, sizes, sep, inScript, post) => {
          const v = inScript(group(value, sizes, sizes.length > 4 ? sep.trim() || ' ' : sep));
          check(`${pre} card ${v} ${post}`, v);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('IBANs: groups of 4, any separator, upper or lower case, invisible characters', () => {
    fc.assert(
      fc.property(
        around,
        iban,
        fc.constantFrom(...SEPARATORS.filter((s) => s.length === 1)),
        fc.boolean(),
        fc.constantFrom('', ...INVISIBLE),
        around,
        (pre, value, sep, lower, inv, post) => {
          const grouped = group(value, [4, 4, 4, 4, 4, 4, 4, 4], sep);
          const v = (lower ? grouped.toLowerCase() : grouped).replace(/(\d)(\d)/, `$1${inv}$2`);
          check(`${pre} ${v} ${post}`, v);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('SSNs: 3-2-4 with any one separator, or labelled in one run', () => {
    fc.assert(
      fc.property(
        around,
        ssn,
        fc.constantFrom('-', ' ', '.', '/', '_'),
        fc.boolean(),
        around,
        (pre, value, sep, labelled, post) => {
          const v = labelled ? value : group(value, [3, 2, 4], sep);
          check(`${pre} ${labelled ? 'SSN: ' : 'ssn '}${v} ${post}`, v);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('international phones: groups of 2-4, any separator and digit script', () => {
    fc.assert(
      fc.property(
        around,
        phone,
        fc.constantFrom([3, 3, 4], [2, 2, 2, 2, 2], [4, 3, 3], [3, 4, 4]),
        fc.constantFrom(' ', '-', '.'),
        script,
        around,
        (pre, ccAndNumber, sizes, sep, inScript, post) => {
          const [cc, national] = ccAndNumber.split('|') as [string, string];
          const v = inScript(`+${cc} ${group(national, sizes, sep)}`);
          check(`${pre} ${v} ${post}`, v);
        },
      ),
      { numRuns: 150 },
    );
  });
});
