/** Dates (weekdays, bare years after a cue) and address tails, postcodes in prose, units, corners. */
import { describe, it } from 'vitest';
import {
  expectCovered,
  expectFound,
  expectNotFound,
  type Negative,
  type Positive,
} from './helpers';

const dates: Positive[] = [
  ["we'll meet Wednesday", 'DATE', 'Wednesday'],
  ['During 1998, she lived abroad', 'DATE', '1998'],
  ['the summer of 2004 was hot', 'DATE', '2004'],
  ['wir sehen uns am Donnerstag', 'DATE', 'Donnerstag'],
  ['vi ses på fredag', 'DATE', 'fredag'],
  ['até sexta-feira, então', 'DATE', 'sexta-feira'],
  ['rendez-vous mardi matin', 'DATE', 'mardi'],
  ['nos vemos el miércoles', 'DATE', 'miércoles'],
  ['tot zaterdag!', 'DATE', 'zaterdag'],
  ['vi hörs på söndag', 'DATE', 'söndag'],
  ['während 1989 zog sie um', 'DATE', '1989'],
  ['durante 2015 trabalhou em Lisboa', 'DATE', '2015'],
  ['the appointment is on 12 March', 'DATE', '12 March'],
  ['born on 4 July 1976 in Ohio', 'DATE_OF_BIRTH', '4 July 1976'],
  ['DOB: 1990-02-14', 'DATE_OF_BIRTH', '1990-02-14'],
  ['fødselsdato 03.05.1988', 'DATE_OF_BIRTH', '03.05.1988'],
  // a year of birth, with or without a cue before it
  ['I was born in 1984.', 'DATE_OF_BIRTH', '1984'],
  ['Ich bin 1984 geboren.', 'DATE_OF_BIRTH', '1984'],
  ['Jag är född 1984.', 'DATE_OF_BIRTH', '1984'],
  ['Je suis né en 1984.', 'DATE_OF_BIRTH', '1984'],
  // "since" with a full date is a date
  ['Seit dem 12. März 2019 wohne ich hier.', 'DATE', '12. März 2019'],
  ['since March 3, 2021 the office is closed', 'DATE', 'March 3, 2021'],
];

/** A bare year after "since" starts a lasting state: not reported on its own (8 languages). */
const sinceYears: Negative[] = [
  ['Python has been popular since 2019.', ['DATE', 'DATE_OF_BIRTH']],
  ['Python ist seit 2019 beliebt.', ['DATE', 'DATE_OF_BIRTH']],
  ['Python es popular desde 2019.', ['DATE', 'DATE_OF_BIRTH']],
  ['O Python é popular desde 2019.', ['DATE', 'DATE_OF_BIRTH']],
  ['Python est populaire depuis 2019.', ['DATE', 'DATE_OF_BIRTH']],
  ['Python is sinds 2019 populair.', ['DATE', 'DATE_OF_BIRTH']],
  ['Python har varit populärt sedan 2019.', ['DATE', 'DATE_OF_BIRTH']],
  ['Python har været populært siden 2019.', ['DATE', 'DATE_OF_BIRTH']],
];

const addresses: Array<[string, string]> = [
  // the tail continues over a blank line to a line with a postcode
  ['Send it to Rüütli 12, Tartu\n\nEstonia 51003 please', 'Estonia 51003'],
  // city and postcode in prose
  ['Acme in Aarhus 8000 called', 'Aarhus 8000'],
  ['the office in Porto 4000-123 closes', 'Porto 4000-123'],
  ['she moved to 8000 Aarhus, Denmark', '8000 Aarhus'],
  ['Lieferung: D-10115 Berlin', 'D-10115 Berlin'],
  ['adres: 1011 AB Amsterdam', '1011 AB Amsterdam'],
  // unit lines
  ['lives at 221 Baker Street, Flat 2B, London', 'Flat 2B'],
  ['Hauptstraße 5, Wohnung 12, 80331 München', 'Wohnung 12'],
  ['Storgatan 4, lgh 1102, 114 55 Stockholm', 'lgh 1102'],
  ['Rua Augusta 12, 3º andar, Lisboa', '3º andar'],
  ['Vesterbrogade 10, 2. tv., 1620 København V', '2. tv.'],
  // corners
  ['meet me at the corner of Elm Street and 5th Avenue', 'Elm Street and 5th Avenue'],
  ['wir treffen uns Ecke Torstraße und Rosenthaler Straße', 'Torstraße und Rosenthaler Straße'],
  ['en la esquina de Gran Vía con Alcalá', 'Gran Vía con Alcalá'],
];

const keep: Negative[] = [
  ['In 2019 Berlin hosted the fair', ['ADDRESS']],
  ['Windows 2000 and Office 2019 are old', ['ADDRESS']],
  ['Es kamen 2500 Menschen zum Konzert', ['ADDRESS']],
  ['we need 5000 Euro by Friday', ['ADDRESS']],
];

describe('dates', () => {
  it.each(dates)('%s', (...c) => expectFound(c));
  it.each(sinceYears)('no date on its own: %s', (...c) => expectNotFound(c));
});
describe('addresses', () => {
  it.each(addresses)('%s', (text, value) => expectCovered(text, value));
});
describe('not addresses', () => {
  it.each(keep)('%s', (...c) => expectNotFound(c));
});
