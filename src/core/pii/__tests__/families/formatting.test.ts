/**
 * Values written to dodge a pattern: other digits, other separators, one character at a time,
 * invisible characters, look-alike letters, written-out "@". Every one must still be found, with
 * offsets into the original text.
 */
import { describe, it } from 'vitest';
import { expectCovered, expectFound, type Positive } from './helpers';

const FULLWIDTH = (s: string) =>
  s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
const ARABIC_INDIC = (s: string) =>
  s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d)));
const DEVANAGARI = (s: string) =>
  s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0966 + Number(d)));
const PERSIAN = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
const MATH_BOLD = (s: string) =>
  s.replace(/[0-9]/g, (d) => String.fromCodePoint(0x1d7ce + Number(d)));

describe('other digits', () => {
  const card = '4111 1111 1111 1111';
  const cases: Positive[] = [
    [`Kartennummer ${FULLWIDTH(card)} bitte belasten`, 'CREDIT_CARD', FULLWIDTH(card)],
    [`card: ${ARABIC_INDIC(card)}`, 'CREDIT_CARD', ARABIC_INDIC(card)],
    [
      `pay with ${PERSIAN('5500 0055 5555 5559')} today`,
      'CREDIT_CARD',
      PERSIAN('5500 0055 5555 5559'),
    ],
    [`मेरा नंबर ${DEVANAGARI('+91 98765 43210')} है`, 'PHONE', DEVANAGARI('+91 98765 43210')],
    [`SSN ${MATH_BOLD('853-37-1694')}`, 'NATIONAL_ID', MATH_BOLD('853-37-1694')],
    [
      `IBAN ＤＥ８９ ３７０４ ００４４ ０５３２ ０１３０ ００.`,
      'IBAN',
      'ＤＥ８９ ３７０４ ００４４ ０５３２ ０１３０ ００',
    ],
    ['mail ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ now', 'EMAIL', 'ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ'],
  ];
  it.each(cases)('%s', (...c) => expectFound(c));
});

describe('a short IBAN next to a word that also suggests a phone', () => {
  // The digits after the check digits read as a phone number too. Context boosts added in
  // floating point once ranked that reading above the IBAN, which then kept only its country code.
  const cases: Positive[] = [
    ['number DK25 0038 0300 0000 00 ', 'IBAN', 'DK25 0038 0300 0000 00'],
    ['Kontonummer DK50 0040 0440 1162 43.', 'IBAN', 'DK50 0040 0440 1162 43'],
    ['tlf. og konto: DK50 0040 0440 1162 43', 'IBAN', 'DK50 0040 0440 1162 43'],
    ['número NO93 8601 1117 947 por favor', 'IBAN', 'NO93 8601 1117 947'],
    ['Nummer BE68 5390 0754 7034', 'IBAN', 'BE68 5390 0754 7034'],
    ['numero FI21 1234 5600 0007 85', 'IBAN', 'FI21 1234 5600 0007 85'],
  ];
  it.each(cases)('%s', (...c) => expectFound(c));
});

describe('other separators between groups', () => {
  const cases: Positive[] = [
    ['IBAN DE89.3704.0044.0532.0130.00 please', 'IBAN', 'DE89.3704.0044.0532.0130.00'],
    ['Konto: DE89/3704/0044/0532/0130/00', 'IBAN', 'DE89/3704/0044/0532/0130/00'],
    ['iban: nl91_abna_0417_1643_00', 'IBAN', 'nl91_abna_0417_1643_00'],
    ['GB82 WEST\n1234 5698 7654 32 is mine', 'IBAN', 'GB82 WEST\n1234 5698 7654 32'],
    ['card\t4111\t1111\t1111\t1111\tVisa', 'CREDIT_CARD', '4111\t1111\t1111\t1111'],
    ['pasted from the sheet:\n4111\n1111\n1111\n1111\n', 'CREDIT_CARD', '4111\n1111\n1111\n1111'],
    ['num 4111.1111.1111.1111 ok', 'CREDIT_CARD', '4111.1111.1111.1111'],
    ['num 4111/1111/1111/1111 ok', 'CREDIT_CARD', '4111/1111/1111/1111'],
    ['num 4111_1111_1111_1111 ok', 'CREDIT_CARD', '4111_1111_1111_1111'],
    ['num 4111 - 1111 - 1111 - 1111 ok', 'CREDIT_CARD', '4111 - 1111 - 1111 - 1111'],
    ['ring 06.12.34.56.78 après 18h', 'PHONE', '06.12.34.56.78'],
    ['ring 06/12/34/56/78 après 18h', 'PHONE', '06/12/34/56/78'],
    ['tel +45\t32 12 34 56', 'PHONE', '+45\t32 12 34 56'],
    ['SSN 853.37.1694', 'NATIONAL_ID', '853.37.1694'],
    ['SSN 853_37_1694', 'NATIONAL_ID', '853_37_1694'],
    ['CPF 529 982 247 25', 'NATIONAL_ID', '529 982 247 25'],
  ];
  it.each(cases)('%s', (...c) => expectFound(c));
});

describe('one character at a time', () => {
  const cases: Array<[string, string]> = [
    ['card 4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 thanks', '4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1'],
    ['card 4-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1 thanks', '4-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1'],
    ['4 1 1 1 - 1 1 1 1 - 1 1 1 1 - 1 1 1 1', '4 1 1 1 - 1 1 1 1 - 1 1 1 1 - 1 1 1 1'],
    [
      'IBAN D E 8 9 3 7 0 4 0 0 4 4 0 5 3 2 0 1 3 0 0 0',
      'D E 8 9 3 7 0 4 0 0 4 4 0 5 3 2 0 1 3 0 0 0',
    ],
    ['my ssn: 8 5 3 3 7 1 6 9 4', '8 5 3 3 7 1 6 9 4'],
    ['Ruf an: 0 1 7 6 1 2 3 4 5 6 7 8', '0 1 7 6 1 2 3 4 5 6 7 8'],
  ];
  it.each(cases)('%s', (text, value) => expectCovered(text, value));
});

describe('invisible characters', () => {
  const invisibles: Array<[string, string]> = [
    ['variation selector', '\ufe0f'],
    ['combining grapheme joiner', '\u034f'],
    ['Arabic letter mark', '\u061c'],
    ['Mongolian free variation selector', '\u180b'],
    ['tag character', '\u{e0041}'],
    ['interlinear annotation', '\ufff9'],
    ['annotation terminator', '\ufffb'],
    ['lone surrogate', '\ud800'],
    ['zero width space', '\u200b'],
    ['word joiner', '\u2060'],
    ['soft hyphen', '\u00ad'],
    ['Hangul filler', '\u3164'],
  ];
  it.each(invisibles)('%s inside an email, a card and a phone', (_name, ch) => {
    const mail = `jo${ch}hn@exa${ch}mple.com`;
    expectFound([`write to ${mail} today`, 'EMAIL', mail]);
    const card = `4111 11${ch}11 1111 1111`;
    expectFound([`card ${card}`, 'CREDIT_CARD', card]);
    const tel = `+44 20 79${ch}46 0958`;
    expectFound([`call ${tel}`, 'PHONE', tel]);
  });

  it('a byte-order mark and other scripts before the value keep its offsets', () => {
    expectFound([
      '\ufeffΚάρτα: ４１１１ 1111 1111 1111 — Σ',
      'CREDIT_CARD',
      '４１１１ 1111 1111 1111',
    ]);
  });

  it('a line separator between groups', () => {
    expectFound([
      'card 4111\u20281111\u20281111\u20281111',
      'CREDIT_CARD',
      '4111\u20281111\u20281111\u20281111',
    ]);
  });
});

describe('look-alike letters and written-out @', () => {
  const cases: Positive[] = [
    ['mail jane@example.\u0441om please', 'EMAIL', 'jane@example.\u0441om'],
    ['mail j\u0430ne@ex\u0430mple.com please', 'EMAIL', 'j\u0430ne@ex\u0430mple.com'],
    ['mail jane\uff20example.com please', 'EMAIL', 'jane\uff20example.com'],
    ['mail jane\ufe6bexample.com please', 'EMAIL', 'jane\ufe6bexample.com'],
    ['mail jane[at]example.com please', 'EMAIL', 'jane[at]example.com'],
    ['mail jane [at] example [dot] com please', 'EMAIL', 'jane [at] example [dot] com'],
    ['mail jane(at)example(dot)org please', 'EMAIL', 'jane(at)example(dot)org'],
    ['schreib an jane.doe at example dot de bitte', 'EMAIL', 'jane.doe at example dot de'],
    ['contact: kai at nordlys.dk', 'EMAIL', 'kai at nordlys.dk'],
    ['e-mail: andré@société.fr', 'EMAIL', 'andré@société.fr'],
    ['почта иван@пример.рф', 'EMAIL', 'иван@пример.рф'],
  ];
  it.each(cases)('%s', (...c) => expectFound(c));
});
