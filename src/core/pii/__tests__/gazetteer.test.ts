import { describe, expect, it } from 'vitest';
import { gazetteerClass, gazetteerFingerprint } from '../ner/gazetteer';
import FAKER from '../ner/gazetteer-faker.json';

const GIVEN = 1;
const FAMILY = 2;
const PLACE = 3;
const ORG = 4;

describe('gazetteer feature', () => {
  it('knows common given names the hand-written list lacks (from the generated list)', () => {
    for (const name of ['Tom', 'Seth', 'Pam', 'Vernon', 'Marlon']) {
      expect(gazetteerClass(name)).toBe(GIVEN);
    }
    expect(gazetteerClass('Schneider')).toBe(FAMILY);
  });

  it('lets the hand-written lists decide ambiguous words and ignores case', () => {
    // "Paris" is a given name in the generated lists but a place in the hand-written one
    expect(FAKER.first).toContain('paris');
    expect(gazetteerClass('Paris')).toBe(PLACE);
    expect(gazetteerClass('PARIS')).toBe(PLACE);
    expect(gazetteerClass('GmbH')).toBe(ORG);
    expect(gazetteerClass('the')).toBe(0);
    expect(gazetteerClass('')).toBe(0);
  });

  it('carries the licence of the data it was generated from', () => {
    expect(FAKER.source).toMatch(/@faker-js\/faker/);
    expect(FAKER.license).toMatch(/Permission is hereby granted/);
  });

  it('fingerprints the whole table, so any change to it is visible', () => {
    const fp = gazetteerFingerprint();
    expect(fp).toMatch(/^\d+:[0-9a-f]{8}$/);
    expect(Number(fp.split(':')[0])).toBeGreaterThan(30000);
    expect(gazetteerFingerprint()).toBe(fp);
  });
});
