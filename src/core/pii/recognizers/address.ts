/**
 * Postal addresses: a street with a number in the forms of many languages, then the unit, city,
 * region, country and postcode lines that follow it; PO boxes, military addresses, unit lines,
 * UK postcodes, US state + ZIP, and postcodes after a cue.
 */
import { digitRunEnd, isLowerCode, isUpperCode, nextDigit } from '../char-codes';
import { CTX } from './labels';
import { isWordAt, matches, type Recognizer } from './shared';

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
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const letterCache = new Map<number, boolean>();
/** A word token: a letter, mark or digit, then those or ' ’ . - / (the hot path: no regex per token). */
function isWordToken(w: string): boolean {
  if (w.length === 0 || w.length > 41) return false;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) continue;
    if (i > 0 && (c === 39 || c === 0x2019 || c === 46 || c === 45 || c === 47)) continue;
    if (c < 0x80) return false;
    let ok = letterCache.get(c);
    if (ok === undefined) {
      ok = LETTER_OR_MARK.test(String.fromCharCode(c)) || (c >= 0xd800 && c <= 0xdfff);
      if (letterCache.size < 4096) letterCache.set(c, ok);
    }
    if (!ok) return false;
  }
  return true;
}
const CAP = /^[\p{Lu}\d]/u;
/** A word in lower case without trailing dots and commas (by code: this runs per token). */
function bare(w: string): string {
  let e = w.length;
  while (e > 0 && (w.charCodeAt(e - 1) === 46 || w.charCodeAt(e - 1) === 44)) e--;
  return (e === w.length ? w : w.slice(0, e)).toLowerCase();
}

/** Characters that end a word token here: whitespace and , ; : ( ) [ ] " < > (and ? ! after). */
function isTokenEnd(c: number, after: boolean): boolean {
  return (
    c === 32 ||
    c === 9 ||
    c === 10 ||
    c === 13 ||
    c === 44 ||
    c === 59 ||
    c === 58 ||
    c === 40 ||
    c === 41 ||
    c === 91 ||
    c === 93 ||
    c === 34 ||
    c === 60 ||
    c === 62 ||
    c === 0xa0 ||
    (after && (c === 63 || c === 33))
  );
}

/** Up to n space-separated word tokens ending right before position i (same line). */
function wordsBefore(t: string, i: number, n: number): Tok[] {
  const out: Tok[] = [];
  let e = i;
  while (out.length < n) {
    let k = e;
    while (k > 0 && t.charCodeAt(k - 1) === 32 && e - k < 3) k--;
    if (k === e || k === 0) break;
    let s = k;
    while (s > 0 && k - s < 40 && !isTokenEnd(t.charCodeAt(s - 1), false)) s--;
    const w = t.slice(s, k);
    if (!isWordToken(w)) break;
    out.push({ s, e: k, w });
    e = s;
  }
  return out.reverse();
}

/** Up to n space-separated word tokens starting right after position i (same line). */
function wordsAfter(t: string, i: number, n: number): Tok[] {
  const out: Tok[] = [];
  let s = i;
  while (out.length < n) {
    let k = s;
    while (k < t.length && t.charCodeAt(k) === 32 && k - s < 3) k++;
    if (k === s || k >= t.length) break;
    let e = k;
    while (e < t.length && e - k < 40 && !isTokenEnd(t.charCodeAt(e), true)) e++;
    const w = t.slice(k, e);
    if (!isWordToken(w)) break;
    out.push({ s: k, e, w });
    s = e;
  }
  return out;
}

/** A capitalised word without digits ("Hoog", "Rüütli", "St."). */
const CAP_WORD = /^\p{Lu}[\p{L}\p{M}'’.-]*$/u;
const UPPER = /\p{Lu}/u;

/** The end of the word token starting at i (scanning forward), or i if there is none. */
function tokenEnd(t: string, i: number): number {
  let e = i;
  while (e < t.length && e - i < 40 && !isTokenEnd(t.charCodeAt(e), true)) e++;
  return e;
}

/** Past up to three spaces from i, forward. */
function skipSpaces(t: string, i: number): number {
  let k = i;
  while (k < t.length && k - i < 3 && t.charCodeAt(k) === 32) k++;
  return k;
}

/** Whether the word at [s, e) is capitalised (no digits) or a street prefix ("rua", "calle"). */
function streetish(t: string, s: number, e: number): boolean {
  if (e <= s) return false;
  const c = t.charAt(s);
  if (c >= '0' && c <= '9') return false;
  const w = t.slice(s, e);
  if (UPPER.test(c)) return CAP_WORD.test(w);
  return STREET_PREFIXES.has(bare(w));
}

/**
 * A cheap look at the words next to a number before any real work: an address needs a
 * capitalised word or a street word next to the number, or one more number and then such a
 * word ("1987 74 Diakou Street"), or a street word or capitalised word before it, or an
 * address cue shortly before; "amet 12 lorem" and "3704 0044 0532" have none.
 */
function mayBeAddress(t: string, ns: number, ne: number, cues: CueFinder): boolean {
  const a = skipSpaces(t, ne);
  if (a > ne) {
    const ae = tokenEnd(t, a);
    if (streetish(t, a, ae)) return true;
    const c = t.charCodeAt(a);
    if (c >= 48 && c <= 57 && ae - a <= 6) {
      const b = skipSpaces(t, ae);
      if (b > ae && streetish(t, b, tokenEnd(t, b))) return true;
    }
  }
  // the word before: capitalised, or a street word ("Hauptstraße 5", "Main St 5")
  let k = ns;
  while (k > 0 && ns - k < 3 && t.charCodeAt(k - 1) === 32) k--;
  if (k < ns) {
    let s = k;
    while (s > 0 && k - s < 40 && !isTokenEnd(t.charCodeAt(s - 1), false)) s--;
    const c0 = t.charCodeAt(s);
    // (a number before a number is not a street word: the commonest case in digit-dense text)
    if (s < k && !(c0 >= 48 && c0 <= 57)) {
      const w = t.slice(s, k);
      if (CAP_WORD.test(w)) return true;
      const b = bare(w);
      if (STREET_TYPES.has(b) || STREET_PREFIXES.has(b) || STREET_SUFFIX_RE.test(b)) return true;
    }
  }
  // after "address:" even a lower-case street counts ("address:\n947 trg revolucije 17")
  return cues.near(ns);
}
const CUE_WORDS =
  /address|adresse|anschrift|morada|endereço|dirección|adres|lives? at|living at|sent to|deliver|ship|located at|wohnt|bor på|woont/gi;

/**
 * Whether an address cue ends within 80 characters before a position. The cues are found in one
 * pass; positions are asked in increasing order, so each question is O(1) amortised.
 */
class CueFinder {
  private readonly ends: number[] = [];
  private k = 0;
  constructor(t: string) {
    CUE_WORDS.lastIndex = 0;
    for (let m = CUE_WORDS.exec(t); m !== null; m = CUE_WORDS.exec(t))
      this.ends.push(m.index + m[0].length);
  }
  near(pos: number): boolean {
    while (this.k < this.ends.length && (this.ends[this.k] ?? 0) < pos - 80) this.k++;
    const e = this.ends[this.k];
    return e !== undefined && e <= pos;
  }
}

// tail segments after a street: "Apt. 868", "Suite 741", "Tallinn", "Belgium 18431", "75008 Paris", "QC 54256"
const TAIL_WORD = "[\\p{L}\\p{M}][\\p{L}\\p{M}'’.\\-]{0,30}";
/** Unit words of many languages before a number ("Apt. 4", "Wohnung 3", "lgh 1102", "Piso 2"). */
/** A case-insensitive alternative without the 'i' flag (which would make \\p{Lu} match lower case). */
const anyCase = (words: string): string =>
  words.replace(/\p{L}/gu, (ch) =>
    ch.toLowerCase() === ch.toUpperCase() ? ch : `[${ch.toLowerCase()}${ch.toUpperCase()}]`,
  );
const UNIT_WORDS = anyCase(
  'apartment|apartamento|appartement|apto|apt|suite|ste|unit|flat|box|floor|fl|piso|andar|etage|étage|wohnung|whg|lejlighed|lejl|lgh|lägenhet|room|rm|building|bldg|block|haus|gebäude|bloco|bloque|bâtiment|bat|escalera|esc|porta|dept|department',
).concat('|[Pp]\\.?[Oo]\\.? [Bb]ox');
/** Postcode shapes: 4-5 digits (+4), "114 55", "1011 AB", "SE-114 55", "4000-123", UK, Canada. */
const POSTCODE =
  '(?:[A-Z]{1,2}-)?(?:\\d{3} \\d{2}|\\d{4,5}(?:-\\d{3,4})?|\\d{4} ?[A-Z]{2})|[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}|[A-Z]\\d[A-Z] ?\\d[A-Z]\\d';
const TAIL_SEG = new RegExp(
  `^(?:,?[ \\t]{0,3}\\r?\\n[ \\t]{0,3}[^\\p{L}\\p{N}\\n]{0,4}[ \\t]{0,3}|[,>][ \\t]{0,3}|[ \\t]{1,3})(?:(?:${UNIT_WORDS})\\.? ?(?:no\\.? ?|nr\\.? ?)?#?\\d{1,5}[A-Za-z]?|\\d{1,2}(?:st|nd|rd|th|\\.|º|ª|o|a)? ?(?:${anyCase('floor|fl|etage|stock|og|sal|tv|th|mf|andar|piso|étage|esq|dto|dcha|izq')})\\.?|c\\/o [\\p{Lu}][\\p{L}\\p{M}'’.\\-]{1,30}(?: [\\p{Lu}][\\p{L}\\p{M}'’.\\-]{1,30}){0,3}|(?:${POSTCODE})(?: ${TAIL_WORD}){0,3}|\\p{Lu}[\\p{L}\\p{M}'’.\\-]{0,30}(?: \\(?${TAIL_WORD}\\)?){0,3}(?: (?:${POSTCODE}))?|[A-Z]{2} \\d{4,5}|\\d{4,5})(?=[,\\n\\r.?!;]|[ \\t]*$|[ \\t]{1,3}(?:[Aa]pt|[Ss]uite|[Uu]nit|\\d{4,5}\\b))`,
  'u',
);

/** After a blank line only a line with a postcode still belongs to the address ("Estonia 51003"). */
const BLANK_LINE_SEG = new RegExp(
  `^,?[ \\t]{0,3}(?:\\r?\\n[ \\t]{0,3}){2}(?:\\p{Lu}[\\p{L}\\p{M}'’.\\-]{0,30}(?: ${TAIL_WORD}){0,2},? (?:${POSTCODE})(?![\\p{L}\\p{N}])|(?:${POSTCODE})(?: ${TAIL_WORD}){1,3}(?=[,\\n\\r.?!;]|[ \\t]*$))`,
  'u',
);

function extendAddress(t: string, end: number): number {
  let e = end;
  for (let k = 0; k < 5; k++) {
    const ahead = t.slice(e, e + 90);
    const m = TAIL_SEG.exec(ahead) ?? BLANK_LINE_SEG.exec(ahead);
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
const PO_BOX =
  /(?<![\p{L}])(?:\d{1,5} )?(?:P\.? ?O\.? ?Box|PO Box|Post Office Box|Postfach|Postbus|Postboks|Caixa Postal|Apartado(?: de [Cc]orreos)?|Bo[iî]te [Pp]ostale|Casella [Pp]ostale) ?\d{1,6}/gu;
const PO_BOX_HINT = /box|post|caixa|apartado|bo[iî]te|casella/i;
const MILITARY_HINT = /[AFD]PO A[AEP]/i;
const MILITARY =
  /(?<![\w])(?:(?:Unit|PSC|CMR) \d{3,4},? Box \d{3,4}|USNS [A-Z][a-z]+|USNV [A-Z][a-z]+|USS [A-Z][a-z]+|USCGC [A-Z][a-z]+),?\s{1,3}[AFD]PO A[AEP] \d{5}(?!\w)/gi;
const UNIT_LINE =
  /(?<![\p{L}])(?:Apt\.?|Apartment|Apto\.?|Appartement|Suite|Ste\.|Unit|Flat|Wohnung|Whg\.|Lejlighed|Lgh\.?|lgh|Piso|Andar|Bldg\.?|Building) (?:[Nn]o\.? ?|[Nn]r\.? ?)?#?\d{1,5}[A-Za-z]?(?![\p{L}\d])/gu;
/** "at the corner of Elm Street and 5th Avenue", "Ecke Torstraße und Rosenthaler Straße". */
const STREET_NAME =
  "(?:\\d{1,3}(?:st|nd|rd|th|\\.)? |\\p{Lu}[\\p{L}\\p{M}'’.\\-]{1,30} ?)(?:\\p{Lu}[\\p{L}\\p{M}'’.\\-]{1,30} ?|(?:St|Ave|Rd|Blvd|Dr)\\.? ?|(?:de|da|do|del|la|van|von|der) ){0,3}";
const CORNER = new RegExp(
  `(?<![\\p{L}])(?:${anyCase('corner of|intersection of|ecke|hjørnet af|hjørnet ved|hörnet av|hörnet på|coin de|coin de la|hoek van|hoek')}|${anyCase('esquina')} (?:de|da|do|con|entre))[ \\t]{1,2}(?:the |la |der |die )?(${STREET_NAME})[ \\t]{0,2}(?:and|&|und|og|och|con|com|e|y|et|en|\\/)[ \\t]{1,2}(${STREET_NAME})`,
  'gu',
);
/** A city and its postcode in prose after a locative word: "Acme in Aarhus 8000". */
const CITY_POSTCODE = new RegExp(
  `(?<![\\p{L}])(?:in|at|near|from|i|em|en|à|a|bei|nach|aus|zu|til|till|fra|från|te|van|de|uit)[ \\t]{1,2}(\\p{Lu}[\\p{Ll}\\p{M}'’\\-]{1,30}(?:[ \\-]\\p{Lu}[\\p{Ll}\\p{M}'’\\-]{1,30}){0,2}),?[ \\t]{1,2}((?:[A-Z]{1,2}-)?(?:\\d{3} \\d{2}|\\d{4,5}(?:-\\d{3,4})?|\\d{4} ?[A-Z]{2}))(?![\\p{L}\\p{N}])`,
  'gu',
);
/** A postcode then a city: "8000 Aarhus", "D-10115 Berlin", "1011 AB Amsterdam", after a comma, line start or locative word. */
const POSTCODE_CITY = new RegExp(
  `(?:^|(?<=[,;:\\n][ \\t]{0,2})|(?<=(?<![\\p{L}])(?:in|i|em|en|à|bei|nach|til|till|te|to|at|from|naar|para|pour|vers|aus|von|fra|från) ))((?:[A-Z]{1,2}-)?(?:\\d{3} \\d{2}|\\d{4,5}(?:-\\d{3})?|\\d{4} [A-Z]{2})[ \\t]{1,2}\\p{Lu}[\\p{Ll}\\p{M}'’\\-]{2,30}(?:[ \\-]\\p{Lu}[\\p{Ll}\\p{M}'’\\-]{2,30}){0,2})(?=[ \\t]*(?:[,.;\\n]|$))`,
  'ymu',
);
/**
 * POSTCODE_CITY matches found by trying the sticky regex only where a postcode can start (a
 * digit run, or one or two capitals and a dash before it), leftmost first and without overlap,
 * as a global search would: its lookbehinds would otherwise run at every position of the text.
 */
function* postcodeCities(t: string): Generator<RegExpExecArray> {
  let after = 0;
  for (let p = nextDigit(t, 0); p < t.length;) {
    const s = p;
    p = digitRunEnd(t, p);
    const starts = [s];
    if (t.charCodeAt(s - 1) === 45 && isUpperCode(t.charCodeAt(s - 2))) {
      starts.unshift(s - 2);
      if (isUpperCode(t.charCodeAt(s - 3))) starts.unshift(s - 3);
    }
    for (const at of starts) {
      if (at < after) continue;
      POSTCODE_CITY.lastIndex = at;
      const m = POSTCODE_CITY.exec(t);
      if (m) {
        after = at + m[0].length;
        yield m;
        break;
      }
    }
    p = nextDigit(t, p);
  }
}
const COUNTRY_PREFIXED =
  /(?<![\p{L}\p{N}])(?:[A-Z]{1,2}-\d{4,5}|[A-Z]{2}-\d{3} \d{2}) \p{Lu}[\p{Ll}\p{M}'’-]{2,30}/gu;
const YEARISH = /^(?:19|20)\d\d$/;
const NOT_A_CITY =
  /^(?:Windows|Office|Version|Model|Type|Series|Class|Level|Phase|Room|Page|Chapter|Section|Figure|Table|Article|Volume|Issue|Item|Order|Invoice|Ticket|Account|Flight|Route|Highway|Gate|Platform|Terminal|Euro|Euros|Dollar|Dollars|Kroner|Kronor|Kronen|Franken|Pesos|Reais|Pfund|Mark|Yen|Stück|Mitarbeiter|Menschen|Einwohner|Besucher|Teilnehmer|Personen)$/;
const UK_POSTCODE = /(?<![\w])[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}(?!\w)/g;
const US_STATE_ZIP =
  /(?<![\w])(?:AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC) \d{5}(?:-\d{4})?(?!\w)/g;
const ZIP_CUE =
  /(?:zip|postal code|postcode|post code|plz|postleitzahl|cep|code postal|código postal|postnummer)(?: code)?(?: is|:)?\s{0,3}(?=\d)/gi;

export const address: Recognizer = (t, out) => {
  const push = (s: number, e: number, score: number, rec: string) =>
    out.push({ start: s, end: e, type: 'ADDRESS', score, recognizer: rec, context: CTX.address });
  let covered = -1;
  const cues = new CueFinder(t);
  for (let p = nextDigit(t, 0); p < t.length; p = nextDigit(t, p)) {
    // a house number: 1-5 digits and an optional letter ("12", "12b"), not inside a word
    const ns = p;
    p = digitRunEnd(t, p);
    if (p - ns > 5 || ns < covered || isWordAt(t, ns - 1)) continue;
    let ne = p;
    const letter = t.charCodeAt(ne);
    if ((isUpperCode(letter) || isLowerCode(letter)) && !isWordAt(t, ne + 1)) ne++;
    else if (isWordAt(t, ne)) continue;
    // every street form has letters next to the number: skip digit runs in digit-only stretches
    if (!mayBeAddress(t, ns, ne, cues)) continue;
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
  // the rare shapes run only when a word they need is in the text at all
  for (const m of PO_BOX_HINT.test(t) ? matches(PO_BOX, t) : []) {
    if (m.index < covered) continue;
    push(m.index, extendAddress(t, m.index + m[0].length), 0.7, 'po-box');
  }
  for (const m of MILITARY_HINT.test(t) ? matches(MILITARY, t) : [])
    push(m.index, m.index + m[0].length, 0.8, 'us-military-address');
  for (const m of matches(UNIT_LINE, t))
    push(m.index, extendAddress(t, m.index + m[0].length), 0.5, 'unit');
  for (const m of matches(UK_POSTCODE, t))
    push(m.index, m.index + m[0].length, 0.55, 'uk-postcode');
  for (const m of matches(US_STATE_ZIP, t))
    push(m.index, m.index + m[0].length, 0.55, 'us-state-zip');
  for (const m of matches(CITY_POSTCODE, t)) {
    const city = m[1] ?? '';
    const code = m[2] ?? '';
    if (
      NOT_A_CITY.test(city) ||
      (YEARISH.test(code) && !ADDRESS_CUE_RE.test(t.slice(Math.max(0, m.index - 40), m.index + 1)))
    )
      continue;
    const s0 = m.index + m[0].indexOf(city);
    push(s0, extendAddress(t, m.index + m[0].length), 0.65, 'city-postcode');
  }
  for (const m of postcodeCities(t)) {
    const v = m[1] ?? '';
    const code = /^\S+/.exec(v)?.[0] ?? '';
    const city = v.slice(v.lastIndexOf(' ') + 1);
    if (NOT_A_CITY.test(city) || YEARISH.test(code)) continue;
    const s0 = m.index + m[0].indexOf(v);
    push(s0, extendAddress(t, s0 + v.length), 0.65, 'postcode-city');
  }
  for (const m of matches(COUNTRY_PREFIXED, t))
    push(m.index, extendAddress(t, m.index + m[0].length), 0.65, 'postcode-city');
  for (const m of matches(ZIP_CUE, t)) {
    const z = /^\d{3,5}(?:-\d{3,4})?(?!\w)/.exec(
      t.slice(m.index + m[0].length, m.index + m[0].length + 12),
    );
    if (z) push(m.index + m[0].length, m.index + m[0].length + z[0].length, 0.75, 'zip-cued');
  }
};

/** "at the corner of Elm Street and 5th Avenue": street names without a number. Whole text. */
export const corner: Recognizer = (t, out) => {
  for (const m of matches(CORNER, t)) {
    const a = m[1] ?? '';
    const b = m[2] ?? '';
    const s0 = m.index + m[0].indexOf(a);
    out.push({
      start: s0,
      end: m.index + m[0].length - (b.length - b.trimEnd().length),
      type: 'ADDRESS',
      score: 0.65,
      recognizer: 'corner',
      context: CTX.address,
    });
  }
};
