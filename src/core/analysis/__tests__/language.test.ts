import { describe, expect, it } from 'vitest';
import { plausibleLanguages } from '../language';
import { LANGS } from '../lexicon';

describe('plausibleLanguages', () => {
  it.each([
    ['What are the symptoms of panic attacks?', 'en'],
    ['Ich habe seit Wochen Panikattacken und kann nicht schlafen.', 'de'],
    ['Tenho crises de pânico e não consigo dormir.', 'pt'],
    ['Hvordan fungerer metadonbehandling i Danmark?', 'da'],
    ['Hur fungerar konkurs för företag i Sverige?', 'sv'],
    ['Wat zijn de symptomen van een paniekaanval?', 'nl'],
    ['Je fais des crises de panique depuis mon licenciement.', 'fr'],
    ['¿Cómo funciona la ley de quiebras en Dinamarca?', 'es'],
  ])('%s -> %s', (text, lang) => {
    expect(plausibleLanguages(text)).toContain(lang);
  });

  it('takes each sentence on its own, so a quoted sentence keeps its language', () => {
    const langs = plausibleLanguages(
      'The weather was fine. Das Meeting ist um zehn. Tenho insónia há meses.',
    );
    expect(langs).toEqual(expect.arrayContaining(['en', 'de', 'pt']));
  });

  it('keeps English out of a Danish text, so that Danish "i" (in) is not "I"', () => {
    expect(plausibleLanguages('Hvordan fungerer metadonbehandling i Danmark?')).not.toContain('en');
  });

  it('says nothing when the text has no function word', () => {
    expect(plausibleLanguages('Insomnia?')).toEqual(LANGS);
  });
});
