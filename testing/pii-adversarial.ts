/**
 * Hostile inputs for the detector's worst case: one MiB (or any size) of a short unit repeated,
 * each unit chosen to make some recognizer work hard (dense matches, long digit runs, nested
 * brackets, values next to placeholders). Used by `npm run bench:pii` and the linear-time test in properties.test.ts.
 */
export const ADVERSARIAL_UNITS: Readonly<Record<string, string>> = {
  'prose with numbers': 'lorem ipsum dolor sit amet 12 ',
  'bare domains': 'a.com ',
  honorifics: 'Mr. Abc ',
  'one digit': '1',
  'spaced digits': '1 ',
  'digit pairs': '12 34 ',
  'phone numbers': '+1 415 555 0132, ',
  brackets: '[[[(',
  'key=value': 'key=abcdef123456 ',
  'at signs': '@a ',
  emails: 'a@b.co ',
  dates: '12.03.1985 ',
  'places and postcodes': 'In 2019 Acme in Aarhus 8000 said ',
  cards: '4111 1111 1111 1111 ',
  IBANs: 'DE89 3704 0044 0532 0130 00 ',
  'labelled ids': 'SSN 123-45-6789 passport no. K8R31Z04 ',
  addresses: '12 Main St, Apt 4, Springfield\n',
  placeholders: '[PERSON_1] ',
  'fullwidth digits': '４１１１ ',
  'capitalised words': 'Aaa Bbb Ccc ',
  'zero-width': 'a\u200b1\u200b',
  newlines: '1\n',
};

/** `size` characters of `unit` repeated. */
export function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}
