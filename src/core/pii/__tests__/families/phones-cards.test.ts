/**
 * Phones in "possible" mode with extensions, and payment cards of 12 to 19 digits; with the
 * numbers that must stay (quantities, prices, versions, year ranges, dates, order numbers).
 */
import { describe, it } from 'vitest';
import { expectFound, expectNotFound, type Negative, type Positive } from './helpers';

const phones: Positive[] = [
  // no phone word nearby (the examples)
  ['stop texting 0612 34 56 78', 'PHONE', '0612 34 56 78'],
  ['my registered 415-555-0132', 'PHONE', '415-555-0132'],
  // extensions
  ['reach the desk at 212-555-0147x22 before noon', 'PHONE', '212-555-0147x22'],
  ['(303) 555-0199 ext. 7', 'PHONE', '(303) 555-0199 ext. 7'],
  ['Zentrale 030 1234567 Durchwahl 12', 'PHONE', '030 1234567 Durchwahl 12'],
  // international, several countries and groupings
  ['+44 20 7946 0958', 'PHONE', '+44 20 7946 0958'],
  ['ligue para +351 912 345 678 amanhã', 'PHONE', '+351 912 345 678'],
  ['ring på +45 32 12 34 56', 'PHONE', '+45 32 12 34 56'],
  ['0046 8 123 456 78 (växel)', 'PHONE', '0046 8 123 456 78'],
  ['+1 (415) 555-2671', 'PHONE', '+1 (415) 555-2671'],
  ['+33 1 42 68 53 00', 'PHONE', '+33 1 42 68 53 00'],
  // national formats
  ['mobiel 06-12345678 na zes uur', 'PHONE', '06-12345678'],
  ['Handy 0176 12345678', 'PHONE', '0176 12345678'],
  ['llámame al 612 345 678', 'PHONE', '612 345 678'],
  ['numéro 01 42 68 53 00', 'PHONE', '01 42 68 53 00'],
  ['ring 08-123 456 78', 'PHONE', '08-123 456 78'],
  ['tlf. 32 12 34 56', 'PHONE', '32 12 34 56'],
  // a national mobile typed as one run, with its trunk 0, no phone word
  ['skriv till 0731234567 ikväll', 'PHONE', '0731234567'],
  ['bel me op 0687654321 na vijven', 'PHONE', '0687654321'],
];

const cards: Positive[] = [
  ['4222222222222 is my old 13-digit Visa', 'CREDIT_CARD', '4222222222222'],
  ['Maestro 5012 3456 7896', 'CREDIT_CARD', '5012 3456 7896'],
  ['JCB 3530 1113 3330 0000 001', 'CREDIT_CARD', '3530 1113 3330 0000 001'],
  ['UnionPay 6221 2600 0000 0000 001', 'CREDIT_CARD', '6221 2600 0000 0000 001'],
  ['Amex 3782 822463 10005', 'CREDIT_CARD', '3782 822463 10005'],
  ['cc 4111111111111111', 'CREDIT_CARD', '4111111111111111'],
  ['cc# 5500-0055-5555-5559', 'CREDIT_CARD', '5500-0055-5555-5559'],
  ['card no 6011 1111 1111 1117', 'CREDIT_CARD', '6011 1111 1111 1117'],
  // an unknown issuer range, grouped like a card, no context word
  ['paid with 9000 0000 0000 0001 yesterday', 'CREDIT_CARD', '9000 0000 0000 0001'],
  ['Mir 2200 7000 0000 0009', 'CREDIT_CARD', '2200 7000 0000 0009'],
  // a year right before a card: the window that validates is found
  ['in 2019 4111 1111 1111 1111 was charged', 'CREDIT_CARD', '4111 1111 1111 1111'],
];

const keep: Negative[] = [
  ['the total was 467 3395 units', ['PHONE']],
  ['Revenue grew 2019-2020 and 2020–2021.', ['PHONE', 'CREDIT_CARD', 'NATIONAL_ID']],
  ['Meeting on 12.03.2024 at 10:30', ['PHONE']],
  ['Upgrade to version 10.0.19041.1234 first', ['PHONE', 'CREDIT_CARD', 'IP_ADDRESS']],
  ['It costs 1.299.000 kr or $1,299,000', ['PHONE']],
  ['Price: 612 345 678 € in total', ['PHONE']],
  ['order 4111111111111112 shipped', ['CREDIT_CARD']],
  ['tracking number 1Z999AA10123456784', ['PHONE', 'CREDIT_CARD']],
  ['ISBN 978-3-16-148410-0', ['PHONE', 'CREDIT_CARD']],
  ['pi is 3.14159265358979', ['PHONE', 'CREDIT_CARD']],
  ['Population: 8 336 817 people', ['PHONE']],
];

describe('phones', () => {
  it.each(phones)('%s', (...c) => expectFound(c));
});
describe('cards', () => {
  it.each(cards)('%s', (...c) => expectFound(c));
});
describe('numbers that stay', () => {
  it.each(keep)('%s', (...c) => expectNotFound(c));
});
