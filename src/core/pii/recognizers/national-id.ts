/**
 * National identifiers by their own shape and checksum: US SSN, UK NINO, ES DNI/NIE, IT codice
 * fiscale, SE personnummer, DK CPR, BR CPF, DE Steuer-ID, NL BSN, PT NIF, US driver licence.
 * Separators between groups may be any of space, tab, '.', '/', '_' or '-'. A checksum only moves
 * the score: a value that fails it scores low and is reported when a context word is near (and
 * always when a label sits right before it: labelled-id.ts).
 */
import {
  isValidBsn,
  isValidCodiceFiscale,
  isValidCpf,
  isValidCpr,
  isValidDniNie,
  isValidNif,
  isValidNir,
  isValidNino,
  isValidPersonnummer,
  isValidSsn,
  isValidSteuerId,
} from '../validators';
import { CTX } from './labels';
import { NUMBER_NEGATIVE, matches, type Candidate, type Recognizer } from './shared';

const S = '[ \\t.\\/_-]';
const SSN_RE = new RegExp(`(?<![\\w\\-.])(\\d{3})(${S}?)(\\d{2})\\2(\\d{4})(?![\\w-]|\\.\\d)`, 'g');
const NINO_RE = new RegExp(
  `(?<![\\w])[A-Za-z]{2}${S}?\\d{2}${S}?\\d{2}${S}?\\d{2}${S}?[A-Da-d](?!\\w)`,
  'g',
);
const DIGITS_RE = /(?<![\w\-.,/])\d{9,12}(?![\w-]|[.,/]\d)/g;
const DNI_RE = new RegExp(`(?<![\\w])(?:\\d{8}|[XYZxyz]${S}?\\d{7})${S}?[A-Za-z](?!\\w)`, 'g');
const CF_RE =
  /(?<![\w])[A-Za-z]{6}[\dLMNPQRSTUV]{2}[A-Za-z][\dLMNPQRSTUV]{2}[A-Za-z][\dLMNPQRSTUV]{3}[A-Za-z](?!\w)/g;
const PNR_RE = /(?<![\w-])(?:19|20)?\d{6}[-+ ]\d{4}(?![\w-])/g;
const CPF_RE = new RegExp(`(?<![\\w.-])\\d{3}${S}\\d{3}${S}\\d{3}${S}\\d{2}(?![\\w-]|\\.\\d)`, 'g');
/** France: "1 85 05 78 006 084 36", with any separators between the groups. */
const NIR_RE = new RegExp(
  `(?<![\\w])[12378]${S}?\\d{2}${S}?\\d{2}${S}?(?:\\d{2}|2[AaBb])${S}?\\d{3}${S}?\\d{3}${S}?\\d{2}(?![\\w])`,
  'g',
);
const DL_RE = /(?<![\w])[A-Za-z]{0,2}\d{5,14}(?!\w)|(?<![\w])[A-Za-z]\d{3}-\d{4}-\d{4}(?!\w)/g;

export const nationalId: Recognizer = (t, out: Candidate[]) => {
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
    // a well-formed separated SSN scores 0.55; a known sample or invalid range only with context
    const valid = isValidSsn(m[0]);
    const separated = m[2] !== '';
    push(
      m.index,
      m.index + m[0].length,
      valid ? (separated ? 0.55 : 0.25) : 0.2,
      'us-ssn',
      CTX.ssn,
    );
  }
  for (const m of matches(NINO_RE, t)) {
    const valid = isValidNino(m[0]);
    const upper = m[0] === m[0].toUpperCase();
    push(m.index, m.index + m[0].length, valid ? (upper ? 0.7 : 0.4) : 0.2, 'uk-nino', CTX.nino);
  }
  for (const m of matches(DNI_RE, t)) {
    push(m.index, m.index + m[0].length, isValidDniNie(m[0]) ? 0.75 : 0.2, 'es-dni', CTX.dni);
  }
  for (const m of matches(CF_RE, t)) {
    if (!isValidCodiceFiscale(m[0])) continue;
    push(m.index, m.index + m[0].length, 0.8, 'it-cf', CTX.cf);
  }
  for (const m of matches(PNR_RE, t)) {
    if (isValidPersonnummer(m[0]))
      push(m.index, m.index + m[0].length, 0.6, 'se-personnummer', CTX.pnr);
    else if (isValidCpr(m[0]) && /^\d{6}[- ]\d{4}$/.test(m[0]))
      push(m.index, m.index + m[0].length, 0.3, 'dk-cpr', CTX.cpr);
  }
  for (const m of matches(NIR_RE, t)) {
    push(m.index, m.index + m[0].length, isValidNir(m[0]) ? 0.85 : 0.2, 'fr-nir', CTX.nir);
  }
  for (const m of matches(CPF_RE, t)) {
    push(m.index, m.index + m[0].length, isValidCpf(m[0]) ? 0.8 : 0.2, 'br-cpf', CTX.cpf);
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
