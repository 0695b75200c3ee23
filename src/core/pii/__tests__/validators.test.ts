import { describe, expect, it } from 'vitest';
import {
  cardIssuer,
  isValidBsn,
  isValidCard,
  isValidCodiceFiscale,
  isValidCpf,
  isValidDniNie,
  isValidIban,
  isValidIpv6,
  isValidNif,
  isValidNir,
  isValidNino,
  isValidPersonnummer,
  isValidSsn,
  isValidSteuerId,
  luhnValid,
} from '../validators';

describe('validators', () => {
  it('Luhn accepts real test card numbers and rejects one-digit changes', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(isValidCard('4111 1111 1111 1111')).toBe(true);
    expect(isValidCard('4111 1111 1111 1112')).toBe(false);
  });

  it('knows issuer ranges', () => {
    expect(cardIssuer('378282246310005')).toBe('amex');
    expect(cardIssuer('5555555555554444')).toBe('mastercard');
    expect(cardIssuer('6011111111111117')).toBe('discover');
    expect(cardIssuer('9111111111111111')).toBeNull();
  });

  it('US SSN invalid ranges', () => {
    expect(isValidSsn('853-37-1694')).toBe(true);
    expect(isValidSsn('000-12-3456')).toBe(false);
    expect(isValidSsn('666-12-3456')).toBe(false);
    expect(isValidSsn('912-12-3456')).toBe(false);
    expect(isValidSsn('123-00-4567')).toBe(false);
    expect(isValidSsn('123-45-0000')).toBe(false);
    expect(isValidSsn('123-45-6789')).toBe(false);
  });

  it('IBAN checksum and country length', () => {
    expect(isValidIban('DE89370400440532013000')).toBe(true);
    expect(isValidIban('DE89 3704 0044 0532 0130 00')).toBe(true);
    expect(isValidIban('gb82west12345698765432')).toBe(true);
    expect(isValidIban('DE88370400440532013000')).toBe(false);
    expect(isValidIban('DE8937040044053201300')).toBe(false);
  });

  it('national ids with checksums', () => {
    expect(isValidNino('AB123456C')).toBe(true);
    expect(isValidNino('GB123456A')).toBe(false);
    expect(isValidSteuerId('86095742719')).toBe(true);
    expect(isValidSteuerId('86095742718')).toBe(false);
    expect(isValidBsn('111222333')).toBe(true);
    expect(isValidBsn('111222334')).toBe(false);
    expect(isValidDniNie('12345678Z')).toBe(true);
    expect(isValidDniNie('12345678A')).toBe(false);
    expect(isValidDniNie('X1234567L')).toBe(true);
    expect(isValidCodiceFiscale('RSSMRA85T10A562S')).toBe(true);
    expect(isValidCodiceFiscale('RSSMRA85T10A562T')).toBe(false);
    expect(isValidPersonnummer('811218-9876')).toBe(true);
    expect(isValidPersonnummer('811218-9877')).toBe(false);
    expect(isValidCpf('529.982.247-25')).toBe(true);
    expect(isValidCpf('529.982.247-26')).toBe(false);
    expect(isValidCpf('111.111.111-11')).toBe(false);
    expect(isValidNif('123456789')).toBe(true);
    expect(isValidNif('123456788')).toBe(false);
  });

  it('IPv6', () => {
    expect(isValidIpv6('2001:db8::1')).toBe(true);
    expect(isValidIpv6('fe80::1ff:fe23:4567:890a')).toBe(true);
    expect(isValidIpv6('::ffff:192.168.1.1')).toBe(true);
    expect(isValidIpv6('12:30:45')).toBe(false);
    expect(isValidIpv6('1::2::3')).toBe(false);
  });

  it('French NIR: key is 97 minus the first 13 digits mod 97, Corsica counts as 19/18', () => {
    expect(isValidNir('2 69 11 75 123 456 30')).toBe(true);
    expect(isValidNir('2691175123456 31')).toBe(false);
    expect(isValidNir('1 85 05 78 006 084 91')).toBe(true);
    expect(isValidNir('1 85 05 78 006 084 36')).toBe(false);
    // 2A (Corsica) replaced by 19 for the key
    const body = 1850519006084; // "1 85 05 2A 006 084"
    const key = String(97 - (body % 97)).padStart(2, '0');
    expect(isValidNir(`1 85 05 2A 006 084 ${key}`)).toBe(true);
  });
});
