/** Checksums and validity rules for structured identifiers. Pure functions on strings. */
import { isValidIBAN, electronicFormatIBAN, getCountrySpecifications } from 'ibantools';

export function digitsOnly(s: string): string {
  return s.replace(/\D/g, '');
}

export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  let dbl = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return sum % 10 === 0;
}

/** Card issuer by IIN prefix and length, or null when no known scheme uses that prefix/length. */
export function cardIssuer(digits: string): string | null {
  return cardIssuerOf(Number(digits.slice(0, 6).padEnd(6, '0')), digits.length);
}

/** The same from the first six digits as a number and the length (no string work: hot path). */
export function cardIssuerOf(p6: number, n: number): string | null {
  const p4 = Math.floor(p6 / 100);
  const p3 = Math.floor(p6 / 1000);
  const p2 = Math.floor(p6 / 10000);
  const first = Math.floor(p6 / 100000);
  if (first === 4 && n >= 13 && n <= 19) return 'visa';
  if (((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) && n === 16) return 'mastercard';
  if ((p2 === 34 || p2 === 37) && n === 15) return 'amex';
  if (
    (p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649) || (p6 >= 622126 && p6 <= 622925)) &&
    n >= 16 &&
    n <= 19
  )
    return 'discover';
  if (p4 >= 3528 && p4 <= 3589 && n >= 16 && n <= 19) return 'jcb';
  if ((p4 === 2131 || p4 === 1800) && n === 15) return 'jcb';
  if (
    ((p3 >= 300 && p3 <= 305) || p2 === 36 || p2 === 38 || p2 === 39 || p4 === 3095) &&
    n >= 14 &&
    n <= 19
  )
    return 'diners';
  if (p2 === 62 && n >= 16 && n <= 19) return 'unionpay';
  if (
    (p2 === 50 || (p2 >= 56 && p2 <= 69) || p4 === 6304 || p4 === 6759 || p4 === 6390) &&
    n >= 12 &&
    n <= 19
  )
    return 'maestro';
  if (p4 >= 2200 && p4 <= 2204 && n >= 16 && n <= 19) return 'mir';
  if (first === 1 && n === 15) return 'uatp';
  if ((p2 === 81 || p2 === 82) && n === 16) return 'rupay';
  if (p4 === 9792 && n === 16) return 'troy';
  return null;
}

export function isValidCard(raw: string): boolean {
  const d = digitsOnly(raw);
  return d.length >= 12 && d.length <= 19 && luhnValid(d) && cardIssuer(d) !== null;
}

let ibanLengths: Map<string, number> | null = null;

/** Returns the IBAN's expected length for its country prefix, or 0 when unknown. */
export function ibanLength(country: string): number {
  // ibantools builds a fresh table on every call: build ours once
  if (!ibanLengths) {
    ibanLengths = new Map();
    for (const [code, spec] of Object.entries(getCountrySpecifications()))
      if (spec.chars) ibanLengths.set(code, spec.chars);
  }
  return ibanLengths.get(country.toUpperCase()) ?? 0;
}

/** ISO 7064 mod 97-10 of letters and digits (country code and check digits moved to the end). */
function ibanRemainder(s: string): number {
  let r = 0;
  const n = s.length;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt((k + 4) % n);
    if (c >= 48 && c <= 57) r = (r * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) r = (r * 100 + (c - 55)) % 97;
    else if (c >= 97 && c <= 122) r = (r * 100 + (c - 87)) % 97;
    else return -1;
  }
  return r;
}

const ibanVerdicts = new Map<string, boolean>();

/**
 * Whether `written` is a valid IBAN (spaces and dashes allowed): mod 97 first, by character code,
 * then ibantools for the country's format. Verdicts are cached: a hostile text repeating one
 * valid IBAN costs one library call.
 */
export function isValidIban(written: string): boolean {
  const raw = /[^A-Za-z0-9]/.test(written) ? written.replace(/[-\s]/g, '') : written;
  if (raw.length < 5 || ibanRemainder(raw) !== 1) return false;
  const hit = ibanVerdicts.get(raw);
  if (hit !== undefined) return hit;
  const e = electronicFormatIBAN(raw.toUpperCase());
  const ok = !!e && isValidIBAN(e);
  if (ibanVerdicts.size > 5000) ibanVerdicts.clear();
  ibanVerdicts.set(raw, ok);
  return ok;
}

/** US SSN: area 001-899 except 666, group 01-99, serial 0001-9999; rejects well-known samples. */
export function isValidSsn(raw: string): boolean {
  const d = digitsOnly(raw);
  if (d.length !== 9) return false;
  const area = Number(d.slice(0, 3));
  const group = Number(d.slice(3, 5));
  const serial = Number(d.slice(5));
  if (area === 0 || area === 666 || area >= 900) return false;
  if (group === 0 || serial === 0) return false;
  if (d === '123456789' || d === '078051120' || d === '219099999') return false;
  if (/^(\d)\1{8}$/.test(d)) return false;
  return true;
}

/** UK National Insurance number. */
export function isValidNino(raw: string): boolean {
  const s = raw.replace(/\s/g, '').toUpperCase();
  if (!/^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/.test(s)) return false;
  return !['BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ'].includes(s.slice(0, 2));
}

/** German Steuerliche Identifikationsnummer (11 digits, ISO 7064 MOD 11,10 check digit). */
export function isValidSteuerId(raw: string): boolean {
  const d = digitsOnly(raw);
  if (d.length !== 11 || d[0] === '0') return false;
  const counts = new Map<string, number>();
  for (const c of d.slice(0, 10)) counts.set(c, (counts.get(c) ?? 0) + 1);
  const repeated = [...counts.values()].filter((v) => v > 1);
  if (repeated.length !== 1 || (repeated[0] ?? 0) > 3) return false;
  let product = 10;
  for (let i = 0; i < 10; i++) {
    let sum = (Number(d[i]) + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  let check = 11 - product;
  if (check === 10) check = 0;
  return check === Number(d[10]);
}

/** Dutch BSN (11-proef). */
export function isValidBsn(raw: string): boolean {
  const d = digitsOnly(raw);
  if (d.length !== 9 || /^(\d)\1{8}$/.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(d[i]) * (9 - i);
  sum -= Number(d[8]);
  return sum % 11 === 0 && sum !== 0;
}

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
/** Spanish DNI (8 digits + letter) and NIE (X/Y/Z + 7 digits + letter). */
export function isValidDniNie(raw: string): boolean {
  const s = raw.replace(/[\s-]/g, '').toUpperCase();
  let num: string;
  if (/^\d{8}[A-Z]$/.test(s)) num = s.slice(0, 8);
  else if (/^[XYZ]\d{7}[A-Z]$/.test(s)) num = String('XYZ'.indexOf(s[0] ?? '')) + s.slice(1, 8);
  else return false;
  return DNI_LETTERS[Number(num) % 23] === s[8];
}

const CF_ODD: Record<string, number> = {};
'1,0,5,7,9,13,15,17,19,21,2,4,18,20,11,3,6,8,12,14,16,10,22,25,24,23'.split(',').forEach((v, i) => {
  CF_ODD[String.fromCharCode(65 + i)] = Number(v);
  if (i < 10) CF_ODD[String(i)] = Number(v);
});
/** Italian codice fiscale (16 chars, check character). */
export function isValidCodiceFiscale(raw: string): boolean {
  const s = raw.toUpperCase();
  if (
    !/^[A-Z]{6}[\dLMNPQRSTUV]{2}[A-EHLMPR-T][\dLMNPQRSTUV]{2}[A-Z][\dLMNPQRSTUV]{3}[A-Z]$/.test(s)
  )
    return false;
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = s[i] ?? '';
    if (i % 2 === 0) sum += CF_ODD[c] ?? 0;
    else sum += /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 65;
  }
  return String.fromCharCode(65 + (sum % 26)) === s[15];
}

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dim = [
    31,
    y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  return d <= (dim[m - 1] ?? 0);
}

/** Swedish personnummer / samordningsnummer: YYMMDD-NNNC (optionally with century), Luhn on 10 digits. */
export function isValidPersonnummer(raw: string): boolean {
  let d = digitsOnly(raw);
  if (d.length === 12) d = d.slice(2);
  if (d.length !== 10) return false;
  const m = Number(d.slice(2, 4));
  let day = Number(d.slice(4, 6));
  if (day > 60) day -= 60; // samordningsnummer
  if (!validDate(2000 + Number(d.slice(0, 2)), m, day)) return false;
  return luhnValid(d);
}

/** Danish CPR: DDMMYY-SSSS with a valid date (the mod-11 rule was dropped in 2007). */
export function isValidCpr(raw: string): boolean {
  const d = digitsOnly(raw);
  if (d.length !== 10) return false;
  return validDate(2000 + Number(d.slice(4, 6)), Number(d.slice(2, 4)), Number(d.slice(0, 2)));
}

/** Brazilian CPF (two mod-11 check digits). */
export function isValidCpf(raw: string): boolean {
  const d = digitsOnly(raw);
  if (d.length !== 11 || /^(\d)\1{10}$/.test(d)) return false;
  const check = (len: number): number => {
    let sum = 0;
    for (let i = 0; i < len; i++) sum += Number(d[i]) * (len + 1 - i);
    const r = (sum * 10) % 11;
    return r === 10 ? 0 : r;
  };
  return check(9) === Number(d[9]) && check(10) === Number(d[10]);
}

/** Portuguese NIF (9 digits, mod-11 check digit). */
export function isValidNif(raw: string): boolean {
  const d = digitsOnly(raw);
  if (d.length !== 9 || !'1235689'.includes(d[0] ?? '')) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(d[i]) * (9 - i);
  const r = 11 - (sum % 11);
  return (r >= 10 ? 0 : r) === Number(d[8]);
}

/**
 * French social security number (NIR): sex, year, month, département (2A/2B for Corsica),
 * commune, order, then a key = 97 - (the 13 digits mod 97).
 */
export function isValidNir(raw: string): boolean {
  const s = raw.replace(/[\s.\-_/]/g, '').toUpperCase();
  if (!/^[12378]\d{4}(?:\d{2}|2A|2B)\d{6}\d{2}$/.test(s)) return false;
  // Corsica: 2A and 2B are 19 and 18 for the key
  const body = s.slice(0, 13).replace('2A', '19').replace('2B', '18');
  const key = Number(s.slice(13));
  let mod = 0;
  for (const ch of body) mod = (mod * 10 + (ch.charCodeAt(0) - 48)) % 97;
  return 97 - mod === key;
}

export function isValidIpv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/.test(p));
}

export function isValidIpv6(s: string): boolean {
  if (s.length < 2 || s.length > 45) return false;
  let head = s;
  let v4Groups = 0;
  const lastColon = s.lastIndexOf(':');
  const tail = s.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!isValidIpv4(tail)) return false;
    head = s.slice(0, lastColon + 1) + '0:0';
    v4Groups = 2;
  }
  void v4Groups;
  const dbl = head.split('::');
  if (dbl.length > 2) return false;
  const groups = (x: string): string[] | null => {
    if (x === '') return [];
    const g = x.split(':');
    return g.every((p) => /^[0-9a-fA-F]{1,4}$/.test(p)) ? g : null;
  };
  if (dbl.length === 2) {
    const a = groups(dbl[0] ?? '');
    const b = groups(dbl[1] ?? '');
    return !!a && !!b && a.length + b.length <= 7;
  }
  const g = groups(head);
  return !!g && g.length === 8;
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  if (!s) return 0;
  // ASCII by code into a reused table (the common case, and every value a hostile text repeats)
  let ascii = true;
  for (let i = 0; i < s.length && ascii; i++) if (s.charCodeAt(i) >= 128) ascii = false;
  if (ascii) {
    ASCII_COUNTS.fill(0);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      ASCII_COUNTS[c] = (ASCII_COUNTS[c] ?? 0) + 1;
    }
    let h = 0;
    for (let c = 0; c < 128; c++) {
      const v = ASCII_COUNTS[c] ?? 0;
      if (v === 0) continue;
      const p = v / s.length;
      h -= p * Math.log2(p);
    }
    return h;
  }
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  const n = [...s].length;
  for (const v of counts.values()) {
    const p = v / n;
    h -= p * Math.log2(p);
  }
  return h;
}
const ASCII_COUNTS = new Int32Array(128);

export { validDate };
