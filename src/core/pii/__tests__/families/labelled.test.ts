/**
 * A label beats a validator: the value after "SSN", "passport no.", "Kundennummer", "NIF"... is
 * reported whatever its checksum, in the eight languages. Without a label, the same shapes stay
 * (an order number is not personal).
 */
import { describe, it } from 'vitest';
import { expectFound, expectNotFound, type Negative, type Positive } from './helpers';

const positives: Positive[] = [
  // the examples: known samples and failing checksums, labelled
  ['My SSN is 123-45-6789', 'NATIONAL_ID', '123-45-6789'],
  ['passport no. K8R31Z04', 'NATIONAL_ID', 'K8R31Z04'],
  ['national insurance number QQ 98 76 54 A', 'NATIONAL_ID', 'QQ 98 76 54 A'],
  // en
  ['Social Security Number: 078-05-1120', 'NATIONAL_ID', '078-05-1120'],
  ["driver's licence SMITH 901015 JN9AA", 'NATIONAL_ID', 'SMITH 901015 JN9AA'],
  ['Passport number: 533380006, expires 2031', 'NATIONAL_ID', '533380006'],
  ['NHS number 943 476 5919', 'NATIONAL_ID', '943 476 5919'],
  ['tax ID: 12-3456789', 'NATIONAL_ID', '12-3456789'],
  ['Account number 00123456, sort code 40-47-84', 'ID_NUMBER', '00123456'],
  ['sort code 40-47-84', 'ID_NUMBER', '40-47-84'],
  ['customer ID C-2231-98 asked for a refund', 'ID_NUMBER', 'C-2231-98'],
  ['policy no. POL/2023/55512 was renewed', 'ID_NUMBER', 'POL/2023/55512'],
  ['Patient MRN 00456712 admitted', 'ID_NUMBER', '00456712'],
  ['employee ID: E77821', 'ID_NUMBER', 'E77821'],
  ['card number 1234 5678 9012 3456 (it was declined)', 'CREDIT_CARD', '1234 5678 9012 3456'],
  ['cc# 4000 1234 5678 9010', 'CREDIT_CARD', '4000 1234 5678 9010'],
  ['IBAN: DE00 1234 5678 9012 3456 78', 'IBAN', 'DE00 1234 5678 9012 3456 78'],
  ['his social is 078-05-1120 I think', 'NATIONAL_ID', '078-05-1120'],
  ['soc sec 432-19-8876', 'NATIONAL_ID', '432-19-8876'],
  ['Danske Bank reg.nr. 3409 konto 1234567', 'ID_NUMBER', '3409'],
  // de
  ['Meine Steuer-ID ist 12 345 678 901.', 'NATIONAL_ID', '12 345 678 901'],
  ['Sozialversicherungsnummer 65 170839 J 003', 'NATIONAL_ID', '65 170839 J 003'],
  ['Personalausweisnummer: L01X00T47', 'NATIONAL_ID', 'L01X00T47'],
  ['Kundennummer: 004-55123, bitte angeben', 'ID_NUMBER', '004-55123'],
  ['Kontonummer 1234567890 bei der Sparkasse', 'ID_NUMBER', '1234567890'],
  ['Versichertennummer A123456780', 'ID_NUMBER', 'A123456780'],
  // pt
  ['O meu NIF é 123456780.', 'NATIONAL_ID', '123456780'],
  ['CPF: 111.444.777-00', 'NATIONAL_ID', '111.444.777-00'],
  ['número de utente 123 456 789', 'NATIONAL_ID', '123 456 789'],
  ['Número de cliente 88231-7', 'ID_NUMBER', '88231-7'],
  ['número da apólice 7700-1234', 'ID_NUMBER', '7700-1234'],
  // da
  ['Mit CPR-nummer er 010190-1234', 'NATIONAL_ID', '010190-1234'],
  ['kontonummer 1234 5678901', 'ID_NUMBER', '1234 5678901'],
  ['kundenummer 45-998-12', 'ID_NUMBER', '45-998-12'],
  // sv
  ['mitt personnummer är 19811218-9876', 'NATIONAL_ID', '19811218-9876'],
  ['körkortsnummer 811218 98 76', 'NATIONAL_ID', '811218 98 76'],
  ['kundnummer: 556677-12', 'ID_NUMBER', '556677-12'],
  // nl
  ['BSN: 123456782', 'NATIONAL_ID', '123456782'],
  ['paspoortnummer NXC3F1P20', 'NATIONAL_ID', 'NXC3F1P20'],
  ['klantnummer 20-44-1190', 'ID_NUMBER', '20-44-1190'],
  // fr
  ['numéro de sécurité sociale 1 84 12 76 451 089 46', 'NATIONAL_ID', '1 84 12 76 451 089 46'],
  ['numéro de passeport 15AB12345', 'NATIONAL_ID', '15AB12345'],
  ['n° de sécu 2 69 11 75 123 456 30', 'NATIONAL_ID', '2 69 11 75 123 456 30'],
  // unlabelled, found by its own shape and key
  ['dossier: 2 69 11 75 123 456 30, urgent', 'NATIONAL_ID', '2 69 11 75 123 456 30'],
  ['numéro client : 0045-7781', 'ID_NUMBER', '0045-7781'],
  // es
  ['DNI 12345678A', 'NATIONAL_ID', '12345678A'],
  ['NIE: X-1234567-L', 'NATIONAL_ID', 'X-1234567-L'],
  ['número de la seguridad social 28 12345678 40', 'NATIONAL_ID', '28 12345678 40'],
  ['número de póliza 55-778-2023', 'ID_NUMBER', '55-778-2023'],
];

const negatives: Negative[] = [
  ['order 12345678 shipped on Monday', ['NATIONAL_ID', 'ID_NUMBER', 'PHONE', 'CREDIT_CARD']],
  ['Invoice no. INV-2024-0117 is attached', ['NATIONAL_ID', 'ID_NUMBER', 'PHONE']],
  ['passport photos cost 12 euros', ['NATIONAL_ID', 'ID_NUMBER']],
  ['the account is 25 years old', ['ID_NUMBER']],
  ['cc: jane2024@example.com', ['CREDIT_CARD']],
  ['a passport is needed for 3 of the 12 destinations', ['NATIONAL_ID']],
  ['Bestellnummer 4711-0815 ist unterwegs', ['NATIONAL_ID', 'ID_NUMBER', 'PHONE']],
];

describe('labelled identifiers', () => {
  it.each(positives)('%s', (...c) => expectFound(c));
});
describe('unlabelled look-alikes stay', () => {
  it.each(negatives)('%s', (...c) => expectNotFound(c));
});
