/** Secrets under any key name, vendor formats, placeholders next to secrets, and user handles. */
import { describe, expect, it } from 'vitest';
import { detectPatterns } from '../../detect';
import { expectFound, expectNotFound, type Negative, type Positive } from './helpers';

const secrets: Positive[] = [
  // key names outside a fixed keyword list
  ['billing-api-key: "9f8e7d6c5b4a39281706"', 'SECRET', '9f8e7d6c5b4a39281706'],
  ['ACMEAPIKEY=AbC123dEf456GhI789', 'SECRET', 'AbC123dEf456GhI789'],
  ['svc_key = "k3y-v4lu3-xyz-2024"', 'SECRET', 'k3y-v4lu3-xyz-2024'],
  ["db_pw='Sommer2024!'", 'SECRET', 'Sommer2024!'],
  ['dbPassword: hunter22x', 'SECRET', 'hunter22x'],
  ['export STRIPE_WEBHOOK_SECRET=whsec_abcdefghijklmnop', 'SECRET', 'whsec_abcdefghijklmnop'],
  ['"x-auth-token": "a1b2c3d4e5f6a7b8c9d0"', 'SECRET', 'a1b2c3d4e5f6a7b8c9d0'],
  ['Passwort = Geheim#2023', 'SECRET', 'Geheim#2023'],
  ['senha: Lisboa@2022', 'SECRET', 'Lisboa@2022'],
  ['adgangskode=Rødgrød2021', 'SECRET', 'Rødgrød2021'],
  ['mysql --password=S3cr3tPass! -u root', 'SECRET', 'S3cr3tPass!'],
  [
    'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9abcdefghij',
    'SECRET',
    'eyJhbGciOiJIUzI1NiJ9abcdefghij',
  ],
  ['my PIN is 4821', 'SECRET', '4821'],
  ['CVV 123', 'SECRET', '123'],
  // vendor formats
  ['runner token GR1348941aBcDeFgHiJkLmNoPqRsT', 'SECRET', 'GR1348941aBcDeFgHiJkLmNoPqRsT'],
  [
    '//registry.npmjs.org/:_authToken= 5f3c0a1e-9b7d-4c2e-8a6f-1d2b3c4d5e6f',
    'SECRET',
    '5f3c0a1e-9b7d-4c2e-8a6f-1d2b3c4d5e6f',
  ],
  ['token npm_AbCdEfGhIjKlMnOpQrSt12', 'SECRET', 'npm_AbCdEfGhIjKlMnOpQrSt12'],
  // said in prose
  ['fyi my password is Gr33nTea!42', 'SECRET', 'Gr33nTea!42'],
  ['the wifi pass is cafe-2291-latte', 'SECRET', 'cafe-2291-latte'],
  ['a senha do email é Lisboa#1987', 'SECRET', 'Lisboa#1987'],
  ['mot de passe : Chaton_1975', 'SECRET', 'Chaton_1975'],
  ['mein Kennwort ist BlauerHimmel88', 'SECRET', 'BlauerHimmel88'],
  // a placeholder typed next to a secret does not hide it
  ['password=Tr0ub4dor&3xyz[EMAIL_1]', 'SECRET', 'Tr0ub4dor&3xyz'],
  ['[PERSON_1]:api_key=sk_live_51HabcdefghijKLMNOP', 'SECRET', 'sk_live_51HabcdefghijKLMNOP'],
];

const notSecrets: Negative[] = [
  ['primary_key = "user_id"', ['SECRET']],
  ['public_key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA', ['SECRET']],
  ['password = process.env.DB_PASSWORD', ['SECRET']],
  ['token: ${GITHUB_TOKEN}', ['SECRET']],
  ['The key: remember to water the plants', ['SECRET']],
  ['monkey = banana', ['SECRET']],
  ['keyboard=qwerty', ['SECRET']],
  ['password: changeme', ['SECRET']],
  ['my password is secret, obviously', ['SECRET']],
  ['the mountain pass is closed in winter', ['SECRET']],
];

const handles: Positive[] = [
  ['thanks @kai_rivers for the tip', 'USERNAME', '@kai_rivers'],
  ['as u/dmsl said on the thread', 'USERNAME', 'u/dmsl'],
  ['see /u/Freya_88 above', 'USERNAME', '/u/Freya_88'],
  ['@ana.souza, podes ver?', 'USERNAME', '@ana.souza'],
];
const notHandles: Negative[] = [
  ['write to jane@example.com', ['USERNAME']],
  ['@Override public void run()', ['USERNAME']],
  ['/** @param name the name */', ['USERNAME']],
  ['use icon@2x.png', ['USERNAME']],
];

describe('secrets', () => {
  it.each(secrets)('%s', (...c) => expectFound(c));
  it.each(notSecrets)('not a secret: %s', (...c) => expectNotFound(c));
  it('a redacted text with a placeholder next to a secret still fails the re-scan', () => {
    const ents = detectPatterns('login as [PERSON_1] with password=Tr0ub4dor&3xyz[EMAIL_1] ok');
    expect(ents.map((e) => e.type)).toEqual(['SECRET']);
  });
});
describe('user handles', () => {
  it.each(handles)('%s', (...c) => expectFound(c));
  it.each(notHandles)('not a handle: %s', (...c) => expectNotFound(c));
});
