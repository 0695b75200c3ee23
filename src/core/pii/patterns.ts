/**
 * Pattern recognizers with validators and a context enhancer.
 *
 * Every regular expression here uses bounded quantifiers and mandatory separators between
 * repeated groups, so matching is linear in the input (no catastrophic backtracking); the
 * email and PEM scanners are hand-written around indexOf for the same reason.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { EntityType } from './types';
import {
  cardIssuer,
  digitsOnly,
  ibanLength,
  isValidBsn,
  isValidCodiceFiscale,
  isValidCpf,
  isValidCpr,
  isValidDniNie,
  isValidIban,
  isValidIpv4,
  isValidIpv6,
  isValidNif,
  isValidNino,
  isValidPersonnummer,
  isValidSsn,
  isValidSteuerId,
  luhnValid,
  shannonEntropy,
  validDate,
} from './validators';

export interface Candidate {
  start: number;
  end: number;
  type: EntityType;
  score: number;
  recognizer: string;
  /** Context words that raise the score when found near the match (lowercase, word-prefix match). */
  context?: readonly string[];
  /** Context words that lower the score. */
  negative?: readonly string[];
}

type Recognizer = (t: string, out: Candidate[]) => void;

/** How much a context word nearby adds, and how far around the match we look (chars). */
export const CONTEXT_BOOST = 0.35;
export const NEGATIVE_PENALTY = 0.25;
const CONTEXT_BEFORE = 48;
const CONTEXT_AFTER = 24;

function* matches(re: RegExp, t: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(t); m !== null; m = re.exec(t)) {
    yield m;
    if (m[0].length === 0) re.lastIndex++;
  }
}

/**
 * Regions of the text around anchor matches (e.g. digits), merged when they overlap. Recognizers
 * whose matches must contain an anchor only scan these regions: prose without digits costs nothing.
 */
export interface Region {
  start: number;
  text: string;
}
export function regionsAround(t: string, anchor: RegExp, before: number, after: number): Region[] {
  const out: Region[] = [];
  let rs = -1;
  let re = -1;
  anchor.lastIndex = 0;
  for (let m = anchor.exec(t); m !== null; m = anchor.exec(t)) {
    let s = Math.max(0, m.index - before);
    // start regions on a whitespace boundary so look-behinds see a clean left edge
    const ws = t.lastIndexOf(' ', s);
    if (ws !== -1 && s - ws < 32) s = ws;
    const e = Math.min(t.length, m.index + m[0].length + after);
    if (rs !== -1 && s <= re) re = Math.max(re, e);
    else {
      if (rs !== -1) out.push({ start: rs, text: t.slice(rs, re) });
      rs = s;
      re = e;
    }
    if (m[0].length === 0) anchor.lastIndex++;
  }
  if (rs !== -1) out.push({ start: rs, text: t.slice(rs, re) });
  return out;
}

/** Runs a recognizer on regions and shifts its candidates back to text offsets. */
function inRegions(regions: readonly Region[], r: Recognizer, out: Candidate[]): void {
  for (const reg of regions) {
    const local: Candidate[] = [];
    r(reg.text, local);
    for (const c of local) {
      c.start += reg.start;
      c.end += reg.start;
      out.push(c);
    }
  }
}

// ---------------------------------------------------------------- context words

const CTX = {
  phone: [
    'phone',
    'telephone',
    'tel',
    'mobile',
    'cell',
    'fax',
    'call',
    'calling',
    'ring',
    'whatsapp',
    'sms',
    'contact',
    'office',
    'answering',
    'reach',
    'dial',
    'number',
    'telefon',
    'handy',
    'rufnummer',
    'telefone',
    'telemóvel',
    'celular',
    'ligar',
    'téléphone',
    'portable',
    'appeler',
    'teléfono',
    'móvil',
    'llamar',
    'mobil',
    'nummer',
    'numéro',
    'número',
    'bel',
    'ringe',
    'ring',
  ],
  card: [
    'card',
    'credit',
    'debit',
    'visa',
    'mastercard',
    'amex',
    'american express',
    'maestro',
    'discover',
    'jcb',
    'diners',
    'cvv',
    'expir',
    'payment',
    'pay',
    'kreditkarte',
    'karte',
    'cartão',
    'crédito',
    'carte',
    'tarjeta',
    'kort',
    'creditcard',
    'betaalkaart',
  ],
  iban: [
    'iban',
    'bank',
    'account',
    'konto',
    'conta',
    'compte',
    'cuenta',
    'rekening',
    'transfer',
    'bic',
    'swift',
  ],
  dob: [
    'born',
    'birth',
    'dob',
    'd.o.b',
    'birthday',
    'date of birth',
    'geboren',
    'geburtsdatum',
    'geb.',
    'nascido',
    'nascida',
    'nascimento',
    'født',
    'fødselsdato',
    'fødselsdag',
    'född',
    'födelsedatum',
    'geboortedatum',
    'né',
    'née',
    'naissance',
    'nacido',
    'nacida',
    'nacimiento',
    'fecha de nacimiento',
  ],
  ssn: ['ssn', 'social security', 'social sec', 'ss#', 'ss #', 'tax id', 'taxpayer'],
  nino: ['national insurance', 'nino', 'ni number', 'ni no'],
  steuer: [
    'steuer',
    'steuer-id',
    'steueridentifikationsnummer',
    'idnr',
    'identifikationsnummer',
    'tax id',
    'tin',
  ],
  bsn: ['bsn', 'burgerservicenummer', 'sofinummer', 'sofi'],
  dni: ['dni', 'nie', 'documento', 'identidad', 'nif', 'id'],
  cf: ['codice fiscale', 'cf', 'fiscale'],
  pnr: ['personnummer', 'person number', 'samordningsnummer', 'personnr'],
  cpr: ['cpr', 'cpr-nummer', 'cpr-nr', 'personnummer'],
  cpf: ['cpf', 'contribuinte'],
  nif: ['nif', 'contribuinte', 'número fiscal', 'numero fiscal', 'nipc'],
  dl: [
    "driver's license",
    'driver license',
    'drivers license',
    "driver's licence",
    'driving licence',
    'dl',
  ],
  zip: [
    'zip',
    'postal',
    'postcode',
    'post code',
    'plz',
    'postleitzahl',
    'cep',
    'code postal',
    'código postal',
    'postnummer',
    'postnr',
  ],
  address: [
    'address',
    'lives at',
    'live at',
    'living at',
    'sent to',
    'send',
    'deliver',
    'ship',
    'located at',
    'billing',
    'mailing',
    'street',
    'adresse',
    'anschrift',
    'wohnt',
    'morada',
    'endereço',
    'mora',
    'dirección',
    'adres',
    'adress',
    'bor på',
    'woont',
  ],
  secret: [
    'key',
    'token',
    'secret',
    'password',
    'passwd',
    'pwd',
    'api',
    'auth',
    'credential',
    'bearer',
  ],
} as const;

const NUMBER_NEGATIVE = [
  'order',
  'invoice',
  'tracking',
  'ticket',
  'isbn',
  'serial',
  'ref',
  'reference',
  'bestell',
  'rechnung',
  'pedido',
  'factura',
  'fatura',
  'sku',
];

// ---------------------------------------------------------------- EMAIL (hand-written scanner)

const LOCAL_CHAR = /[A-Za-z0-9._%+\-'!#$&*=?^`{|}~]/;
const DOMAIN_CHAR = /[A-Za-z0-9\-.]/;

const email: Recognizer = (t, out) => {
  let from = 0;
  let lastEnd = 0;
  for (let at = t.indexOf('@', from); at !== -1; at = t.indexOf('@', from)) {
    from = at + 1;
    let s = at;
    while (s > lastEnd && at - s < 64 && LOCAL_CHAR.test(t.charAt(s - 1))) s--;
    while (s < at && (t[s] === '.' || t[s] === "'")) s++;
    if (s === at) continue;
    let e = at + 1;
    while (e < t.length && e - at <= 253 && DOMAIN_CHAR.test(t.charAt(e))) e++;
    // trim trailing dots/hyphens
    while (e > at + 1 && (t[e - 1] === '.' || t[e - 1] === '-')) e--;
    const domain = t.slice(at + 1, e);
    const labels = domain.split('.');
    const tld = labels[labels.length - 1] ?? '';
    if (
      labels.length < 2 ||
      !/^[A-Za-z]{2,24}$/.test(tld) ||
      labels.some((l) => l.length === 0 || l.length > 63)
    )
      continue;
    out.push({ start: s, end: e, type: 'EMAIL', score: 0.95, recognizer: 'email' });
    lastEnd = e;
    from = e;
  }
};

// ---------------------------------------------------------------- URL

const URL_RE = /\b(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>"'`{}|\\^[\]]{1,2048}/gi;
const TLD_RE =
  /\.(?:com|org|net|edu|gov|io|ai|app|dev|co|info|biz|de|uk|nl|fr|es|pt|br|dk|se|no|fi|it|be|at|ch|pl|cz|eu|us|ca|au|nz|jp|cn|in|ru|hu|gr|ie|lu|me|tv)(?![\w@-]|\.\w)/g;

const url: Recognizer = (t, out) => {
  for (const m of matches(URL_RE, t)) {
    let e = m.index + m[0].length;
    while (e > m.index && /[.,;:!?)'"]/.test(t.charAt(e - 1))) {
      if (t.charAt(e - 1) === ')' && m[0].includes('(')) break;
      e--;
    }
    if (e - m.index < 8) continue;
    out.push({ start: m.index, end: e, type: 'URL', score: 0.85, recognizer: 'url' });
  }
  // bare domains ("example.com/path"): anchor on ".tld", then expand left over host characters
  for (const m of matches(TLD_RE, t)) {
    let s = m.index;
    let steps = 0;
    while (s > 0 && steps < 253 && /[A-Za-z0-9.-]/.test(t.charAt(s - 1))) {
      s--;
      steps++;
    }
    if (s > 0 && /[@/\w]/.test(t.charAt(s - 1))) continue; // part of an email/URL/word
    while (s < m.index && (t[s] === '.' || t[s] === '-')) s++;
    if (s === m.index) continue;
    let e = m.index + m[0].length;
    if (t.charAt(e) === '/') {
      while (e < t.length && e - m.index < 2048 && /[^\s<>"'`{}|\\^[\]]/.test(t.charAt(e))) e++;
      while (e > m.index && /[.,;:!?)'"]/.test(t.charAt(e - 1))) e--;
    }
    out.push({ start: s, end: e, type: 'URL', score: 0.6, recognizer: 'domain' });
  }
};

// ---------------------------------------------------------------- IP addresses

const IPV4_RE = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?!\.?\d)/g;
const IPV6_RE =
  /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])/g;

const ip: Recognizer = (t, out) => {
  for (const m of matches(IPV4_RE, t)) {
    if (!isValidIpv4(m[0])) continue;
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      type: 'IP_ADDRESS',
      score: 0.8,
      recognizer: 'ipv4',
      context: ['ip', 'address', 'host', 'server', 'client', 'addr'],
      negative: ['version', 'v.'],
    });
  }
  for (const m of matches(IPV6_RE, t)) {
    const s = m[0];
    if (s.length < 3 || !isValidIpv6(s)) continue;
    if ((s.match(/:/g) ?? []).length < 2 || !/[0-9a-fA-F]/.test(s)) continue;
    out.push({
      start: m.index,
      end: m.index + s.length,
      type: 'IP_ADDRESS',
      score: 0.8,
      recognizer: 'ipv6',
    });
  }
};

// ---------------------------------------------------------------- CREDIT_CARD

const CARD_RE = /(?<![\w.,-])\d(?:[ -]?\d){11,18}(?![\w-]|[.,]\d)/g;

const creditCard: Recognizer = (t, out) => {
  for (const m of matches(CARD_RE, t)) {
    const raw = m[0];
    const d = digitsOnly(raw);
    // separators, if any, must be consistent groups of 4-6 (4-4-4-4, 4-6-5, ...)
    if (/[ -]/.test(raw) && !/^\d{4,6}(?:[ -]\d{4,6}){1,4}$/.test(raw)) continue;
    if (!luhnValid(d)) continue;
    const issuer = cardIssuer(d);
    // short numbers and unknown issuer ranges collide with other numbers: they need context words
    const score = issuer && d.length >= 14 ? 0.85 : 0.4;
    out.push({
      start: m.index,
      end: m.index + raw.length,
      type: 'CREDIT_CARD',
      score,
      recognizer: `card-${issuer ?? 'unknown'}`,
      context: CTX.card,
      negative: NUMBER_NEGATIVE,
    });
  }
};

// ---------------------------------------------------------------- IBAN

const IBAN_RE = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]){10,32}/g;

const iban: Recognizer = (t, out) => {
  for (const m of matches(IBAN_RE, t)) {
    const len = ibanLength(m[0].slice(0, 2));
    if (!len) continue;
    // walk the match taking exactly `len` alphanumerics
    let n = 0;
    let e = m.index;
    const stop = m.index + m[0].length;
    while (e < stop && n < len) {
      if (/[A-Za-z0-9]/.test(t.charAt(e))) n++;
      e++;
    }
    if (n !== len) continue;
    if (/[A-Za-z0-9]/.test(t.charAt(e)) && !/[ -]/.test(t.charAt(e - 1))) continue;
    const cand = t.slice(m.index, e);
    if (!isValidIban(cand.replace(/[ -]/g, ''))) continue;
    out.push({
      start: m.index,
      end: e,
      type: 'IBAN',
      score: 0.95,
      recognizer: 'iban',
      context: CTX.iban,
    });
  }
};

// ---------------------------------------------------------------- PHONE

const PHONE_RE =
  /(?<![\w+@.\-/:])(?:(?:\+|00)\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{1,10}(?:(?:[ .\-/]|\)[ ]?| ?\()\d{1,8}){0,6}(?![\w@]|[.\-/]\d)/g;

const DEFAULT_REGIONS: readonly CountryCode[] = [
  'US',
  'GB',
  'DE',
  'FR',
  'NL',
  'BE',
  'ES',
  'PT',
  'IT',
  'DK',
  'SE',
  'NO',
  'FI',
  'AT',
  'CH',
  'IE',
  'PL',
  'CZ',
  'BR',
  'AU',
  'NZ',
  'CA',
  'IN',
  'ZA',
  'HU',
  'GR',
];

const validityCache = new Map<string, number>();

function phoneValidity(raw: string): number {
  const intl = /^\s*(?:\+|00)/.test(raw);
  const s = raw.replace(/^00/, '+');
  const key = (intl ? '+' : '') + digitsOnly(raw);
  const cached = validityCache.get(key);
  if (cached !== undefined) return cached;
  let v = 0.2;
  try {
    if (intl) {
      const p = parsePhoneNumberFromString(s);
      v = p?.isValid() ? 0.75 : p?.isPossible() ? 0.55 : 0.3;
    } else {
      for (const c of DEFAULT_REGIONS) {
        if (parsePhoneNumberFromString(s, c)?.isValid()) {
          v = 0.45;
          break;
        }
      }
    }
  } catch {
    v = 0;
  }
  if (validityCache.size > 5000) validityCache.clear();
  validityCache.set(key, v);
  return v;
}

const DATE_LIKE = /^(?:\d{4}[.\-/]\d{1,2}[.\-/]\d{1,2}|\d{1,2}[.\-/]\d{1,2}[.\-/]\d{2,4})$/;

const phone: Recognizer = (t, out) => {
  for (const m of matches(PHONE_RE, t)) {
    const raw = m[0];
    const d = digitsOnly(raw);
    if (d.length < 7 || d.length > 15) continue;
    if (DATE_LIKE.test(raw) || isValidIpv4(raw)) continue;
    const groups = raw.split(/[^\d]+/).filter(Boolean);
    // a plain digit run (no separators, no +) is phone-like only with context
    const plain = groups.length === 1 && !raw.startsWith('+');
    // national-format numbers only reach the threshold with context words; skip the costly
    // validation for those without any (score stays below every sensible threshold)
    const intl = /^(?:\+|00)/.test(raw);
    const win =
      t.slice(Math.max(0, m.index - CONTEXT_BEFORE), m.index).toLowerCase() +
      ' ' +
      t.slice(m.index + raw.length, m.index + raw.length + CONTEXT_AFTER).toLowerCase();
    let score = intl || hasContext(win, CTX.phone) ? phoneValidity(raw) : 0.15;
    if (plain) score = Math.min(score, 0.3);
    out.push({
      start: m.index,
      end: m.index + raw.length,
      type: 'PHONE',
      score,
      recognizer: 'phone',
      context: CTX.phone,
      negative: NUMBER_NEGATIVE,
    });
  }
};

// ---------------------------------------------------------------- NATIONAL_ID

const SSN_RE = /(?<![\w\-.])(\d{3})([ -]?)(\d{2})\2(\d{4})(?![\w-]|\.\d)/g;
const NINO_RE = /(?<![\w])[A-Za-z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-Da-d](?!\w)/g;
const DIGITS_RE = /(?<![\w\-.,/])\d{9,12}(?![\w-]|[.,/]\d)/g;
const DNI_RE = /(?<![\w])(?:\d{8}|[XYZxyz][ -]?\d{7})[ -]?[A-Za-z](?!\w)/g;
const CF_RE =
  /(?<![\w])[A-Za-z]{6}[\dLMNPQRSTUV]{2}[A-Za-z][\dLMNPQRSTUV]{2}[A-Za-z][\dLMNPQRSTUV]{3}[A-Za-z](?!\w)/g;
const PNR_RE = /(?<![\w-])(?:19|20)?\d{6}[-+]\d{4}(?![\w-])/g;
const CPF_RE = /(?<![\w.-])\d{3}\.\d{3}\.\d{3}-\d{2}(?![\w-]|\.\d)/g;
const DL_RE = /(?<![\w])[A-Za-z]{0,2}\d{5,14}(?!\w)|(?<![\w])[A-Za-z]\d{3}-\d{4}-\d{4}(?!\w)/g;

const nationalId: Recognizer = (t, out) => {
  const push = (
    start: number,
    end: number,
    score: number,
    recognizer: string,
    context: readonly string[],
  ) =>
    out.push({
      start,
      end,
      type: 'NATIONAL_ID',
      score,
      recognizer,
      context,
      negative: NUMBER_NEGATIVE,
    });
  for (const m of matches(SSN_RE, t)) {
    if (!isValidSsn(m[0])) continue;
    push(m.index, m.index + m[0].length, m[2] ? 0.55 : 0.25, 'us-ssn', CTX.ssn);
  }
  for (const m of matches(NINO_RE, t)) {
    if (!isValidNino(m[0])) continue;
    const upper = m[0] === m[0].toUpperCase();
    push(m.index, m.index + m[0].length, upper ? 0.7 : 0.4, 'uk-nino', CTX.nino);
  }
  for (const m of matches(DNI_RE, t)) {
    if (!isValidDniNie(m[0])) continue;
    push(m.index, m.index + m[0].length, 0.75, 'es-dni', CTX.dni);
  }
  for (const m of matches(CF_RE, t)) {
    if (!isValidCodiceFiscale(m[0])) continue;
    push(m.index, m.index + m[0].length, 0.8, 'it-cf', CTX.cf);
  }
  for (const m of matches(PNR_RE, t)) {
    if (isValidPersonnummer(m[0]))
      push(m.index, m.index + m[0].length, 0.6, 'se-personnummer', CTX.pnr);
    else if (isValidCpr(m[0]) && /^\d{6}-\d{4}$/.test(m[0]))
      push(m.index, m.index + m[0].length, 0.3, 'dk-cpr', CTX.cpr);
  }
  for (const m of matches(CPF_RE, t)) {
    if (isValidCpf(m[0])) push(m.index, m.index + m[0].length, 0.8, 'br-cpf', CTX.cpf);
  }
  for (const m of matches(DIGITS_RE, t)) {
    const d = m[0];
    const s = m.index;
    const e = s + d.length;
    if (d.length === 11 && isValidSteuerId(d)) push(s, e, 0.3, 'de-steuer-id', CTX.steuer);
    if (d.length === 11 && isValidCpf(d)) push(s, e, 0.3, 'br-cpf', CTX.cpf);
    if (d.length === 9 && isValidBsn(d)) push(s, e, 0.25, 'nl-bsn', CTX.bsn);
    if (d.length === 9 && isValidNif(d)) push(s, e, 0.25, 'pt-nif', CTX.nif);
    if (d.length === 10 && isValidPersonnummer(d)) push(s, e, 0.25, 'se-personnummer', CTX.pnr);
    if (d.length === 10 && isValidCpr(d)) push(s, e, 0.2, 'dk-cpr', CTX.cpr);
  }
  // US driver licence: formats vary by state; only with explicit context (score too low otherwise)
  if (!/licen[cs]e|\bdl\b/i.test(t)) return;
  for (const m of matches(DL_RE, t)) {
    if (!/\d/.test(m[0])) continue;
    push(m.index, m.index + m[0].length, 0.15, 'us-driver-license', CTX.dl);
  }
};

// ---------------------------------------------------------------- DATE / DATE_OF_BIRTH

const MONTHS =
  'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|januar|februar|märz|maerz|mai|juni|juli|oktober|dezember|janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro|marts|april|maj|august|januari|februari|mars|augusti|maart|mei|augustus|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|mayo|junio|julio|septiembre|octubre|noviembre|diciembre';

const ISO_DATE_RE =
  /(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\w-])/g;
const NUM_DATE_RE = /(?<![\w.\-/])(\d{1,2})([.\-/])(\d{1,2})\2(\d{4}|\d{2})(?![\w\-/]|\.\d)/g;
const TEXT_DATE_BEFORE_YEAR = new RegExp(
  `(?:(?<![\\p{L}\\d])(\\d{1,2})(?:st|nd|rd|th|\\.|º)?(?: de| of)? (?:${MONTHS})\\.?,?(?: de)? |(?<![\\p{L}\\d])(?:${MONTHS})\\.? \\d{1,2}(?:st|nd|rd|th)?,? |(?<![\\p{L}\\d])(?:${MONTHS})\\.? )$`,
  'iu',
);
const YEAR_CUE_BEFORE =
  /(?<![\p{L}])(?:in|since|from|until|till|by|year|im jahr|seit|em|desde|en|depuis|sedan|siden|sinds|i|år|jahr|année|año|ano|founded|established|gegründet|fundada|fundado|fondée) $/iu;
const YEAR_RE = /(?<![\w\-/.])(?:1[6-9]\d\d|20\d\d)(?![\w\-/]|[.,]\d)/g;
const DOB_RE = new RegExp(`(?:${CTX.dob.map((w) => w.replace(/[.]/g, '\\.')).join('|')})`, 'i');

const date: Recognizer = (t, out) => {
  const push = (s: number, e: number, score: number, rec: string) =>
    out.push({ start: s, end: e, type: 'DATE', score, recognizer: rec });
  for (const m of matches(ISO_DATE_RE, t)) {
    if (!validDate(Number(m[1]), Number(m[2]), Number(m[3]))) continue;
    push(m.index, m.index + m[0].length, 0.85, 'date-iso');
  }
  for (const m of matches(NUM_DATE_RE, t)) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const y = Number(m[4]);
    const yy = (m[4] ?? '').length === 2 ? 2000 + y : y;
    if (!(validDate(yy, b, a) || validDate(yy, a, b))) continue;
    // 2-digit-year dates with '.' look like versions/decimals: lower score
    push(m.index, m.index + m[0].length, (m[4] ?? '').length === 4 ? 0.8 : 0.5, 'date-numeric');
  }
  for (const m of matches(YEAR_RE, t)) {
    const pre = t.slice(Math.max(0, m.index - 32), m.index);
    const td = TEXT_DATE_BEFORE_YEAR.exec(pre);
    if (td) {
      push(m.index - pre.length + td.index, m.index + 4, 0.8, 'date-text');
      continue;
    }
    if (YEAR_CUE_BEFORE.test(pre)) push(m.index, m.index + 4, 0.55, 'date-year');
    // attributive year: "a 1996 film", "the 2017 election"
    else if (
      /(?<![\p{L}])(?:a|an|the) $/iu.test(pre) &&
      /^ \p{L}/u.test(t.slice(m.index + 4, m.index + 6))
    ) {
      push(m.index, m.index + 4, 0.55, 'date-year');
    }
  }
};

/** Turns DATE candidates into DATE_OF_BIRTH when a birth word is close before (or just after) them. */
function dateOfBirth(t: string, cands: Candidate[]): void {
  for (const c of cands) {
    if (c.type !== 'DATE') continue;
    const before = t.slice(Math.max(0, c.start - 40), c.start);
    const after = t.slice(c.end, Math.min(t.length, c.end + 16));
    if (DOB_RE.test(before) || /^\s*\(?\s*(?:dob|d\.o\.b)/i.test(after)) {
      c.type = 'DATE_OF_BIRTH';
      c.score = Math.max(c.score, 0.85);
    }
  }
}

// ---------------------------------------------------------------- SECRET

interface SecretRule {
  re: RegExp;
  /** Literal substrings of which at least one must occur for the rule to run (cheap prefilter). */
  hint?: readonly string[];
  name: string;
  score: number;
  group?: number;
}

const SECRET_RULES: SecretRule[] = [
  {
    name: 'aws-access-key',
    hint: ['A3T', 'AKIA', 'ASIA', 'AGPA', 'AIDA', 'AROA', 'AIPA', 'ANPA', 'ANVA', 'ABIA', 'ACCA'],
    re: /(?<![A-Za-z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
    score: 0.95,
  },
  {
    name: 'github-token',
    hint: ['gh'],
    re: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,255}(?![A-Za-z0-9_])/g,
    score: 0.95,
  },
  {
    name: 'github-pat',
    hint: ['github_pat_'],
    re: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{22,255}/g,
    score: 0.95,
  },
  {
    name: 'gitlab-token',
    hint: ['gl'],
    re: /(?<![A-Za-z0-9_-])(?:glpat|gldt|glrt|glcbt|glptt|glft|glimt|glagent|gloas|glsoat)-[A-Za-z0-9_-]{20,64}(?![A-Za-z0-9_-])/g,
    score: 0.9,
  },
  {
    name: 'slack-token',
    hint: ['xox'],
    re: /(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,250}/g,
    score: 0.95,
  },
  {
    name: 'slack-webhook',
    hint: ['hooks.slack.com'],
    re: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9_/]{20,120}/g,
    score: 0.95,
  },
  {
    name: 'stripe-key',
    hint: ['_live_', '_test_'],
    re: /(?<![A-Za-z0-9])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,99}(?![A-Za-z0-9])/g,
    score: 0.95,
  },
  {
    name: 'google-api-key',
    hint: ['AIza'],
    re: /(?<![A-Za-z0-9])AIza[0-9A-Za-z\-_]{35}(?![A-Za-z0-9\-_])/g,
    score: 0.95,
  },
  {
    name: 'openai-key',
    hint: ['sk-'],
    re: /(?<![A-Za-z0-9-])sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,200}(?![A-Za-z0-9_-])/g,
    score: 0.8,
  },
  {
    name: 'anthropic-key',
    hint: ['sk-ant-'],
    re: /(?<![A-Za-z0-9])sk-ant-[A-Za-z0-9_-]{20,200}/g,
    score: 0.95,
  },
  {
    name: 'jwt',
    hint: ['eyJ'],
    re: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,2000}\.eyJ[A-Za-z0-9_-]{8,4000}(?:\.[A-Za-z0-9_-]{0,2000})?/g,
    score: 0.9,
  },
  {
    name: 'sendgrid-key',
    hint: ['SG.'],
    re: /(?<![A-Za-z0-9])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
    score: 0.95,
  },
  {
    name: 'twilio-key',
    hint: ['AC', 'SK'],
    re: /(?<![A-Za-z0-9])(?:AC|SK)[a-z0-9]{32}(?![A-Za-z0-9])/g,
    score: 0.7,
  },
  {
    name: 'mailchimp-key',
    hint: ['-us'],
    re: /(?<![A-Za-z0-9])[0-9a-f]{32}-us\d{1,2}(?![A-Za-z0-9])/g,
    score: 0.9,
  },
  {
    name: 'npm-token',
    hint: ['npm_'],
    re: /(?<![A-Za-z0-9])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/g,
    score: 0.95,
  },
  {
    name: 'npmrc-auth',
    hint: ['_authToken='],
    re: /\/\/[^\s]{1,200}\/:_authToken=([A-Za-z0-9\-_]{20,200})/g,
    score: 0.9,
    group: 1,
  },
  {
    name: 'pypi-token',
    hint: ['pypi-'],
    re: /(?<![A-Za-z0-9])pypi-AgE[A-Za-z0-9_-]{50,1000}/g,
    score: 0.95,
  },
  {
    name: 'telegram-bot-token',
    hint: [':AA'],
    re: /(?<![\w:])\d{8,10}:AA[0-9A-Za-z_-]{32,33}(?![\w-])/g,
    score: 0.9,
  },
  {
    name: 'discord-bot-token',
    re: /(?<![A-Za-z0-9])[MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}(?![A-Za-z0-9_-])/g,
    score: 0.85,
  },
  {
    name: 'square-oauth',
    hint: ['sq0'],
    re: /(?<![A-Za-z0-9])sq0(?:csp|atp)-[0-9A-Za-z\\\-_]{22,60}/g,
    score: 0.9,
  },
  {
    name: 'artifactory',
    hint: ['AKC', 'AP'],
    re: /(?<![A-Za-z0-9])(?:AKC[a-zA-Z0-9]{10,}|AP[\dABCDEF][a-zA-Z0-9]{8,})(?![A-Za-z0-9])/g,
    score: 0.6,
  },
  {
    name: 'azure-storage-key',
    hint: ['AccountKey='],
    re: /AccountKey=[A-Za-z0-9+/=]{40,100}/g,
    score: 0.9,
  },
  {
    name: 'basic-auth-url',
    hint: ['://'],
    re: /(?<=[a-z][a-z0-9+.-]{1,20}:\/\/[^:\s/@]{1,100}:)[^\s/@]{3,100}(?=@)/gi,
    score: 0.85,
  },
];

const KEYWORDS =
  '(?:[A-Za-z0-9_\\-]{0,40}[_\\-.])?(?:password|passwd|passwort|pass|pwd|secrete?|token|api_?key|apikey|access_?key|private_?key|client_?secret|auth_?key|credentials?|senha|adgangskode|lösenord|wachtwoord|contraseña)(?:[_\\-.][A-Za-z0-9_\\-]{0,40})?(?:\\[\\d{0,4}\\])?';
const OP = '(?::=|=>|===|!==|==|!=|=|:)';

// keyword <op> value (value quoted or bare), or keyword "quoted value"
const KW_ASSIGN_RE = new RegExp(
  `(?<![A-Za-z0-9_])${KEYWORDS}["']?[ \\t]{0,4}(?:${OP}[ \\t]{0,4}@?(?:"([^"\\n]{1,200})"|'([^'\\n]{1,200})'|\`([^\`\\n]{1,200})\`|([^\\s"'\`,;]{1,200}))|@?"([^"\\n]{1,200})")`,
  'gi',
);
// "value" <op> keyword
const KW_REVERSED_RE = new RegExp(
  `"([^"\\n]{1,200})"[ \\t]{0,4}(?:===|!==|==|!=)[ \\t]{0,4}${KEYWORDS}(?![A-Za-z0-9_])`,
  'gi',
);

function plausibleSecretValue(v: string): boolean {
  if (v.length < 6) return false;
  if (/^\$\{[^}]*\}$|^\{\{[^}]*\}\}$|^%s$|^<[^>]*>$/.test(v)) return false;
  if (/^[A-Z_]{3,}$/.test(v)) return false; // a constant name, not a value
  if (/^[a-z]+$/.test(v) && v.length < 12) return false; // a plain word
  if (!/[A-Za-z0-9]/.test(v)) return false;
  return true;
}

const secret: Recognizer = (t, out) => {
  for (const r of SECRET_RULES) {
    if (r.hint && !r.hint.some((h) => t.includes(h))) continue;
    for (const m of matches(r.re, t)) {
      if (r.group) {
        const g = m[r.group];
        if (!g) continue;
        const s = m.index + m[0].lastIndexOf(g);
        out.push({
          start: s,
          end: s + g.length,
          type: 'SECRET',
          score: r.score,
          recognizer: r.name,
        });
      } else {
        let score = r.score;
        if (r.name === 'artifactory' || r.name === 'twilio-key')
          score = shannonEntropy(m[0]) > 2.5 ? score : score - 0.2;
        out.push({
          start: m.index,
          end: m.index + m[0].length,
          type: 'SECRET',
          score,
          recognizer: r.name,
          context: CTX.secret,
        });
      }
    }
  }
  // PEM private-key blocks: indexOf scan, bounded length
  const BEGIN = '-----BEGIN ';
  for (let i = t.indexOf(BEGIN); i !== -1; i = t.indexOf(BEGIN, i + 1)) {
    const head = t.slice(i, i + 60);
    const hm = /^-----BEGIN ([A-Z0-9 ]{0,30}PRIVATE KEY(?: BLOCK)?)-----/.exec(head);
    if (!hm) continue;
    const endMarker = `-----END ${hm[1]}-----`;
    const j = t.indexOf(endMarker, i);
    const end =
      j !== -1 && j - i < 20000
        ? j + endMarker.length
        : Math.min(t.length, i + hm[0].length + 4000);
    out.push({ start: i, end, type: 'SECRET', score: 0.99, recognizer: 'pem-private-key' });
  }
  inRegions(regionsAround(t, KW_ANCHOR, 250, 300), keywordSecrets, out);
};

const KW_ANCHOR =
  /pass|pwd|secret|token|key|credential|senha|adgangskode|lösenord|wachtwoord|contraseña/gi;

const keywordSecrets: Recognizer = (t, out) => {
  for (const re of [KW_ASSIGN_RE, KW_REVERSED_RE]) {
    for (const m of matches(re, t)) {
      const v = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5];
      if (!v || !plausibleSecretValue(v)) continue;
      const off =
        re === KW_REVERSED_RE ? m.index + 1 : m.index + m[0].length - v.length - (m[4] ? 0 : 1);
      const ent = shannonEntropy(v);
      const score = ent >= 3 || v.length >= 16 ? 0.75 : 0.55;
      out.push({
        start: off,
        end: off + v.length,
        type: 'SECRET',
        score,
        recognizer: 'keyword-secret',
      });
    }
  }
};

// ---------------------------------------------------------------- ADDRESS

const STREET_TYPES = new Set(
  (
    'street st road rd avenue ave av boulevard blvd lane ln drive dr way court ct place pl square sq terrace ter crescent ' +
    'cres close parkway pkwy highway hwy circle cir row route trail trl alley grove gardens mews walk hill park point pike ' +
    'plaza extension extensions rapids courts cove coves squares streets junction crossing heights loop run view ridge path ' +
    'manor ferry bridge common green strasse straße str weg gasse platz allee ring damm ufer chaussee laan straat gracht ' +
    'plein kade dijk singel vej gade stræde plads allé gatan gata vägen väg gränd torg veien veg gate tér u utca út rkp körút ' +
    'ulica ul terrasse'
  ).split(' '),
);
const STREET_SUFFIX_RE =
  /^[\p{L}\p{M}-]{3,40}(?:straße|strasse|str\.?|weg|gasse|platz|allee|ring|damm|ufer|chaussee|steig|pfad|brücke|laan|straat|gracht|plein|kade|dijk|singel|vej|vænget|gade|stræde|plads|allé|gatan|gata|vägen|väg|gränd|torg|veien|veg|gate|stræti|straeti|braut|kuja|katu|polku|utca|út|tér|ulica)$/iu;
const STREET_PREFIXES = new Set(
  (
    'rua avenida avda av travessa largo praça alameda estrada calle c/ carrer paseo plaza camino ronda rue avenue boulevard ' +
    'bd chemin impasse allée quai place via viale piazza corso vicolo ul ulica aleja al λεωφόρος οδός'
  ).split(' '),
);
const ADDRESS_CUE_RE =
  /(?:address|lives at|live at|living at|sent to|send (?:it|this|them) to|deliver(?:ed)? to|ship(?:ped)? to|located at|adresse|anschrift|wohnt in der|morada|endereço|dirección|adres|adress|corner of)\s{0,3}:?\s{0,3}$/i;

interface Tok {
  s: number;
  e: number;
  w: string;
}
const WORD_TOKEN = /^[\p{L}\p{M}\d][\p{L}\p{M}\d'’.\-/]{0,40}$/u;
const CAP = /^[\p{Lu}\d]/u;
const bare = (w: string) => w.toLowerCase().replace(/[.,]+$/, '');

/** Up to n space-separated word tokens ending right before position i (same line). */
function wordsBefore(t: string, i: number, n: number): Tok[] {
  const out: Tok[] = [];
  let e = i;
  while (out.length < n) {
    let k = e;
    while (k > 0 && t.charAt(k - 1) === ' ' && e - k < 3) k--;
    if (k === e || k === 0) break;
    let s = k;
    while (s > 0 && k - s < 40 && !/[\s,;:()[\]"<>]/.test(t.charAt(s - 1))) s--;
    const w = t.slice(s, k);
    if (!WORD_TOKEN.test(w)) break;
    out.unshift({ s, e: k, w });
    e = s;
  }
  return out;
}

/** Up to n space-separated word tokens starting right after position i (same line). */
function wordsAfter(t: string, i: number, n: number): Tok[] {
  const out: Tok[] = [];
  let s = i;
  while (out.length < n) {
    let k = s;
    while (k < t.length && t.charAt(k) === ' ' && k - s < 3) k++;
    if (k === s || k >= t.length) break;
    let e = k;
    while (e < t.length && e - k < 40 && !/[\s,;:()[\]"<>?!]/.test(t.charAt(e))) e++;
    const w = t.slice(k, e);
    if (!WORD_TOKEN.test(w)) break;
    out.push({ s: k, e, w });
    s = e;
  }
  return out;
}

// tail segments after a street: "Apt. 868", "Suite 741", "Tallinn", "Belgium 18431", "75008 Paris", "QC 54256"
const TAIL_WORD = "[\\p{L}\\p{M}][\\p{L}\\p{M}'’.\\-]{0,30}";
const TAIL_SEG = new RegExp(
  `^(?:,?[ \\t]{0,3}\\n[^\\p{L}\\p{N}\\n]{0,4}[ \\t]{0,3}|[,>][ \\t]{0,3}|[ \\t]{1,3})(?:(?:[Aa][Pp][Aa][Rr][Tt][Mm][Ee][Nn][Tt]|[Aa][Pp][Tt]|[Ss][Uu][Ii][Tt][Ee]|[Ss][Tt][Ee]|[Uu][Nn][Ii][Tt]|[Ff][Ll][Aa][Tt]|[Bb][Oo][Xx]|[Pp]\\.?[Oo]\\.? [Bb]ox|[Ff][Ll][Oo][Oo][Rr]|[Ff][Ll]|[Pp][Ii][Ss][Oo]|[Aa][Nn][Dd][Aa][Rr]|[Ee][Tt][Aa][Gg][Ee]|[Ww][Oo][Hh][Nn][Uu][Nn][Gg])\\.? ?#?\\d{1,5}[A-Za-z]?|\\d{4,5}(?:-\\d{3,4})?(?: ${TAIL_WORD}){0,3}|\\p{Lu}[\\p{L}\\p{M}'’.\\-]{0,30}(?: \\(?${TAIL_WORD}\\)?){0,3}(?: \\d{4,5}(?:-\\d{3,4})?)?|[A-Z]{2} \\d{4,5}|\\d{4,5})(?=[,\\n.?!;]|[ \\t]*$|[ \\t]{1,3}(?:[Aa]pt|[Ss]uite|[Uu]nit|\\d{4,5}\\b))`,
  'u',
);

function extendAddress(t: string, end: number): number {
  let e = end;
  for (let k = 0; k < 5; k++) {
    const m = TAIL_SEG.exec(t.slice(e, e + 90));
    if (!m) break;
    e += m[0].length;
  }
  while (e > end && /[.,\s]/.test(t.charAt(e - 1))) e--;
  return e;
}

const UNIT_AFTER = /^,?\s{1,3}(?:apt|apartment|suite|ste|unit|flat)\.?\s?#?\d/i;
const PARTICLES = new Set([
  'de',
  'do',
  'da',
  'dos',
  'das',
  'des',
  'du',
  'la',
  'le',
  'les',
  'del',
  'der',
  'van',
  'von',
  'di',
  'della',
  'e',
  'y',
  'et',
]);
/** English street words that are also common words need a capital ("Great place 5" is not an address). */
const AMBIGUOUS_STREET_WORDS = new Set(
  'place way row run view park hill green common point walk path loop court close drive grove ring av al via bd plaza boulevard avenue'.split(
    ' ',
  ),
);
function isStreetType(w: string): boolean {
  const b = bare(w);
  if (!STREET_TYPES.has(b)) return false;
  if (b === 'u' && !w.endsWith('.')) return false;
  return !AMBIGUOUS_STREET_WORDS.has(b) || CAP.test(w);
}
const HAS_LETTER = /\p{L}/u;
const DIGIT_RUN = /\d{1,5}[A-Za-z]?(?![\p{L}\d])/gu;
const PO_BOX =
  /(?<![\p{L}])(?:\d{1,5} )?(?:P\.? ?O\.? ?Box|PO Box|Post Office Box|Postfach|Postbus|Postboks|Caixa Postal|Apartado(?: de [Cc]orreos)?|Bo[iî]te [Pp]ostale|Casella [Pp]ostale) ?\d{1,6}/gu;
const MILITARY =
  /(?<![\w])(?:(?:Unit|PSC|CMR) \d{3,4},? Box \d{3,4}|USNS [A-Z][a-z]+|USNV [A-Z][a-z]+|USS [A-Z][a-z]+|USCGC [A-Z][a-z]+),?\s{1,3}[AFD]PO A[AEP] \d{5}(?!\w)/gi;
const UNIT_LINE =
  /(?<![\p{L}])(?:Apt\.?|Apartment|Suite|Ste\.|Unit|Flat) #?\d{1,5}[A-Za-z]?(?![\p{L}\d])/gu;
const UK_POSTCODE = /(?<![\w])[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}(?!\w)/g;
const US_STATE_ZIP =
  /(?<![\w])(?:AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC) \d{5}(?:-\d{4})?(?!\w)/g;
const ZIP_CUE =
  /(?:zip|postal code|postcode|post code|plz|postleitzahl|cep|code postal|código postal|postnummer)(?: code)?(?: is|:)?\s{0,3}(?=\d)/gi;

const address: Recognizer = (t, out) => {
  const push = (s: number, e: number, score: number, rec: string) =>
    out.push({ start: s, end: e, type: 'ADDRESS', score, recognizer: rec, context: CTX.address });
  let covered = -1;
  for (const m of matches(DIGIT_RUN, t)) {
    const ns = m.index;
    const ne = ns + m[0].length;
    if (ns > 0 && /[\p{L}\d]/u.test(t.charAt(ns - 1))) continue;
    if (ns < covered) continue;
    // every street form has letters next to the number: skip digit runs in digit-only stretches
    if (!HAS_LETTER.test(t.slice(Math.max(0, ns - 40), ne + 40))) continue;
    // (a) number first: "1659 Hoog St", "1987 74 Diakou Street", "137 Avenue Teboulbi"
    const after = wordsAfter(t, ne, 6);
    let found: [number, number, string] | null = null;
    for (let k = 0; k < after.length; k++) {
      const tok = after[k] as Tok;
      const b = bare(tok.w);
      if (
        !CAP.test(tok.w) &&
        !/^\d/.test(tok.w) &&
        !(STREET_PREFIXES.has(b) && !AMBIGUOUS_STREET_WORDS.has(b))
      )
        break;
      if (k >= 1 && isStreetType(tok.w)) {
        found = [ns, tok.e, 'address-number-first'];
        break;
      }
      if (STREET_PREFIXES.has(b) && k + 1 < after.length) {
        // "137 Avenue Teboulbi": prefix word after the number, then the name
        // the name runs over capitalised words and particles ("Rue de Tanger"), or over the rest of
        // the line when the whole address is lower-case ("26 rue des lieutemants thomazo")
        let last: Tok | undefined;
        for (const x of after.slice(k + 1)) {
          if (CAP.test(x.w) || !CAP.test(tok.w)) last = x;
          else if (!PARTICLES.has(x.w.toLowerCase())) break;
        }
        if (last && last.e > tok.e) found = [ns, last.e, 'address-number-first'];
        break;
      }
    }
    // (b) number last: "Villacher Strasse 89", "Harjukuja 54", "Rua do Arenque 1634"
    if (!found) {
      const before = wordsBefore(t, ns, 6);
      const lastW = before[before.length - 1];
      if (lastW && /\p{L}/u.test(lastW.w)) {
        let start = -1;
        const lb = bare(lastW.w);
        if (
          isStreetType(lastW.w) &&
          before.length >= 2 &&
          CAP.test(before[before.length - 2]?.w ?? '')
        ) {
          start = (before[before.length - 2] as Tok).s;
        } else if (STREET_SUFFIX_RE.test(lb) && CAP.test(lastW.w)) start = lastW.s;
        for (let k = before.length - 1; k >= 0; k--) {
          const pw = (before[k] as Tok).w;
          if (STREET_PREFIXES.has(bare(pw))) {
            // "Rua do Arenque 1634": the prefix and some word of the name are capitalised
            if (CAP.test(pw) && before.slice(k + 1).some((x) => /^\p{Lu}/u.test(x.w)))
              start = (before[k] as Tok).s;
            break;
          }
        }
        if (start === -1) {
          // after an address cue anything shaped "Word(s) 12" is an address
          const firstIdx = Math.max(0, before.length - 3);
          const cueAt = (before[firstIdx] as Tok).s;
          const lead = before.slice(firstIdx).findIndex((x) => CAP.test(x.w) || /^\d/.test(x.w));
          if (
            lead !== -1 &&
            ADDRESS_CUE_RE.test(
              t.slice(Math.max(0, cueAt - 40), (before[firstIdx + lead] as Tok).s),
            )
          ) {
            start = (before[firstIdx + lead] as Tok).s;
          }
        }
        let weak = false;
        if (
          start === -1 &&
          before.length >= 2 &&
          CAP.test(lastW.w) &&
          /^\d{1,5}[A-Za-z]?$/.test((before[before.length - 2] as Tok).w)
        ) {
          // "353 Buerlia 227": building number, name, number: only an address if a unit/city/zip tail follows
          start = (before[before.length - 1] as Tok).s;
          weak = true;
        }
        if (start !== -1) {
          // a house/building number before the street name belongs to it
          const prev = wordsBefore(t, start, 1)[0];
          if (prev && /^\d{1,5}[A-Za-z]?$/.test(prev.w)) start = prev.s;
          let e = ne;
          if (t.charAt(e) === '.' && /\d/.test(t.charAt(e - 1))) e++;
          if (!weak || UNIT_AFTER.test(t.slice(e, e + 24)) || extendAddress(t, e) > e + 3) {
            found = [start, e, weak ? 'address-number-name-number' : 'address-street-number'];
          }
        }
      }
    }
    if (found) {
      const cued = ADDRESS_CUE_RE.test(t.slice(Math.max(0, found[0] - 40), found[0]));
      const e = extendAddress(t, found[1]);
      push(found[0], e, cued ? 0.7 : 0.55, found[2]);
      covered = e;
    }
  }
  for (const m of matches(PO_BOX, t)) {
    if (m.index < covered) continue;
    push(m.index, extendAddress(t, m.index + m[0].length), 0.7, 'po-box');
  }
  for (const m of matches(MILITARY, t))
    push(m.index, m.index + m[0].length, 0.8, 'us-military-address');
  for (const m of matches(UNIT_LINE, t))
    push(m.index, extendAddress(t, m.index + m[0].length), 0.5, 'unit');
  for (const m of matches(UK_POSTCODE, t))
    push(m.index, m.index + m[0].length, 0.55, 'uk-postcode');
  for (const m of matches(US_STATE_ZIP, t))
    push(m.index, m.index + m[0].length, 0.55, 'us-state-zip');
  for (const m of matches(ZIP_CUE, t)) {
    const z = /^\d{3,5}(?:-\d{3,4})?(?!\w)/.exec(
      t.slice(m.index + m[0].length, m.index + m[0].length + 12),
    );
    if (z) push(m.index + m[0].length, m.index + m[0].length + z[0].length, 0.75, 'zip-cued');
  }
};

// ---------------------------------------------------------------- rules for names/orgs (complement the model)

const HONORIFIC_RE =
  /(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Herr|Frau|Sr|Sra|Srta|Dom|Dona|Mme|Mlle|Hr|Fru|Dhr|Mevr)\.? (?=\p{Lu})/gu;
const NAME_AFTER_HONORIFIC =
  /(?:\p{Lu}[\p{Ll}\p{M}'’-]{1,30}|\p{Lu}\.)(?: (?:van der |van den |van |von |de la |de |da |dos |del |di |le |la )?\p{Lu}[\p{Ll}\p{M}'’-]{1,30}){0,2}/uy;
const ORG_SUFFIX_RE =
  / (?:Inc\.?|Ltd\.?|LLC|L\.L\.C\.|Corp\.?|Corporation|plc|PLC|GmbH(?: & Co\. KG)?|AG|KG|e\.V\.|S\.A\.|SA|S\.L\.|SARL|SAS|B\.V\.|BV|N\.V\.|NV|A\/S|ApS|AB|Oy|Lda\.?|Ltda\.?|S\.p\.A\.|SpA|S\.r\.l\.|Pty Ltd)(?![\p{L}\p{N}])/gu;
const CAP_WORD_BEFORE = /(?:^|[^\p{L}\p{M}&'’-])(\p{Lu}[\p{L}\p{M}&'’-]{0,30})$/u;

const names: Recognizer = (t, out) => {
  for (const m of matches(HONORIFIC_RE, t)) {
    if (m.index > 0 && /[\p{L}\p{N}]/u.test(t.charAt(m.index - 1))) continue;
    const s = m.index + m[0].length;
    NAME_AFTER_HONORIFIC.lastIndex = s;
    const n = NAME_AFTER_HONORIFIC.exec(t);
    if (!n) continue;
    out.push({
      start: s,
      end: s + n[0].length,
      type: 'PERSON',
      score: 0.7,
      recognizer: 'honorific',
    });
  }
  for (const m of matches(ORG_SUFFIX_RE, t)) {
    // expand left over up to 4 capitalised words
    let s = m.index;
    for (let k = 0; k < 4; k++) {
      const w = CAP_WORD_BEFORE.exec(t.slice(Math.max(0, s - 32), s));
      if (!w || !w[1]) break;
      s -= w[1].length;
      if (s > 0 && t.charAt(s - 1) === ' ' && /\p{Lu}/u.test(t.charAt(s - 2) || '')) s--;
      else break;
    }
    if (t.charAt(s) === ' ') s++;
    if (s >= m.index) continue;
    out.push({
      start: s,
      end: m.index + m[0].length,
      type: 'ORGANIZATION',
      score: 0.65,
      recognizer: 'org-suffix',
    });
  }
};

// ---------------------------------------------------------------- driver

/** Recognizers whose every match contains a digit: they only scan regions around digits. */
const DIGIT_RECOGNIZERS: ReadonlyArray<[string, Recognizer]> = [
  ['ip', ip],
  ['credit-card', creditCard],
  ['iban', iban],
  ['phone', phone],
  ['national-id', nationalId],
  ['date', date],
  ['address', address],
];
const TEXT_RECOGNIZERS: ReadonlyArray<[string, Recognizer]> = [
  ['email', email],
  ['url', url],
  ['secret', secret],
  ['names', names],
];
export const RECOGNIZERS: ReadonlyArray<[string, Recognizer]> = [
  ...TEXT_RECOGNIZERS,
  ...DIGIT_RECOGNIZERS,
];

const DIGIT_ANCHOR = /\d{1,64}/g;

function hasContext(window: string, words: readonly string[]): boolean {
  for (const w of words) {
    let i = window.indexOf(w);
    while (i !== -1) {
      const before = i === 0 ? ' ' : window.charAt(i - 1);
      if (!/[\p{L}\p{N}]/u.test(before)) return true;
      i = window.indexOf(w, i + 1);
    }
  }
  return false;
}

/** Presidio-style context enhancement: context words near a match raise (or lower) its score. */
export function applyContext(t: string, cands: Candidate[]): void {
  for (const c of cands) {
    if (!c.context && !c.negative) continue;
    const win =
      t.slice(Math.max(0, c.start - CONTEXT_BEFORE), c.start).toLowerCase() +
      ' ' +
      t.slice(c.end, c.end + CONTEXT_AFTER).toLowerCase();
    if (c.context && hasContext(win, c.context)) c.score = Math.min(1, c.score + CONTEXT_BOOST);
    else if (c.negative && hasContext(win, c.negative))
      c.score = Math.max(0, c.score - NEGATIVE_PENALTY);
  }
}

/** Runs every recognizer on already-normalised text; returns raw scored candidates (overlapping). */
export function runRecognizers(t: string, types?: ReadonlySet<EntityType>): Candidate[] {
  const out: Candidate[] = [];
  for (const [, r] of TEXT_RECOGNIZERS) r(t, out);
  const regions = regionsAround(t, DIGIT_ANCHOR, 120, 200);
  for (const [, r] of DIGIT_RECOGNIZERS) inRegions(regions, r, out);
  dateOfBirth(t, out);
  applyContext(t, out);
  return types ? out.filter((c) => types.has(c.type)) : out;
}
