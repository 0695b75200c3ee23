import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectPatterns, type Entity } from '../../pii';
import { foldForLexicon, recognizeCategories } from '..';

const cats = (t: string, entities: Entity[] = detectPatterns(t)) =>
  recognizeCategories(t, entities).map((h) => h.category);

const person = (text: string, name: string): Entity => {
  const start = text.indexOf(name);
  return { start, end: start + name.length, type: 'PERSON', score: 0.9, source: 'ner', text: name };
};

describe('what the lexicon sees', () => {
  it('folds invisible characters, compatibility forms and curly apostrophes', () => {
    expect(foldForLexicon('pa\u00adnic \u200battacks')).toBe('panic attacks');
    expect(foldForLexicon('ｉｎｓｏｍｎｉａ')).toBe('insomnia');
    expect(foldForLexicon('I’ve d’angoisse')).toBe("I've d'angoisse");
  });

  it.each([
    'I have pa\u00adnic attacks every night',
    'My ｉｎｓｏｍｎｉａ is back',
    'I’ve been on methadone since May',
  ])('still recognises %s', (t) => {
    expect(cats(t)).toEqual(['health']);
  });
});

describe('anchors', () => {
  it('a possessive reaches three words forward and two back, in its sentence', () => {
    expect(cats('My recent severe panic attacks')).toEqual(['health']);
    expect(cats('The bank garnished my wages')).toEqual(['financial']);
    expect(cats('The bankruptcy rules changed in the year my café opened')).toEqual([]);
  });

  it('a possessive followed by an artefact is about a topic, not a person', () => {
    expect(cats('Panic attacks: a chapter for my book')).toEqual([]);
    expect(cats('Our company runs a mental health week')).toEqual([]);
    expect(cats('Mi ensayo sobre la depresión necesita una conclusión')).toEqual([]);
  });

  it('a person noun after a possessive acts as a subject, also with "ex"', () => {
    expect(cats('My sister has been struggling for months with depression')).toEqual(['health']);
    expect(cats('Mi exmujer no cumple el régimen de visitas con los niños')).toEqual(['children']);
    expect(cats('Meine Ex-Frau will das alleinige Sorgerecht')).toEqual(['children']);
  });

  it('a role counts, unless an indefinite article makes it generic', () => {
    expect(cats('The patient reports panic attacks at night')).toEqual(['health']);
    expect(cats('Can a patient with panic attacks drive?')).toEqual([]);
    expect(cats('Der Mitarbeiter ist seit Montag krankgeschrieben')).toEqual(['health', 'hr']);
    expect(cats('Darf ein Mitarbeiter krankgeschrieben in den Urlaub fahren?')).toEqual([]);
  });

  it('a name the NER stage found anchors the whole text', () => {
    const t = 'Notes on Jonas Berg.\nReports panic attacks and early waking.';
    expect(cats(t, [person(t, 'Jonas Berg')])).toEqual(['health']);
    expect(cats(t, [])).toEqual([]);
  });

  it('"we" is generic in a general question and personal otherwise', () => {
    expect(cats('Why do we get insomnia when we travel?')).toEqual([]);
    expect(cats('We are both in rehab this month')).toEqual(['health']);
  });

  it('an anchor only counts in its own sentence', () => {
    expect(cats('I liked the lecture. What are the symptoms of insomnia?')).toEqual([]);
    // an abbreviation's full stop does not end the sentence
    expect(cats('Jeg har 60.000 kr. i gæld')).toEqual(['financial']);
  });

  it('asking to learn about a topic is not having it', () => {
    expect(cats('I want to understand how methadone works')).toEqual([]);
    expect(cats('Ich frage mich, wie eine Verhaltenstherapie abläuft')).toEqual([]);
  });
});

describe('children', () => {
  it('a child word needs a tie to a real child and a record, an age or a health word', () => {
    expect(cats('My son asked why the sky is blue')).toEqual([]);
    expect(cats('My son was suspended for a week')).toEqual(['children']);
    expect(cats('Write a story for a 7-year-old child')).toEqual([]);
  });

  it('a case about a child by nature counts when tied to a person, without a child word', () => {
    expect(cats('My ex wants sole custody')).toEqual(['children']);
    expect(cats('He was held in police custody overnight')).toEqual([]);
    expect(cats('How does joint custody work in Spain?')).toEqual([]);
  });
});

describe('strong phrases and general questions', () => {
  it('a strong phrase counts on its own', () => {
    expect(cats('Draft a written warning for the warehouse')).toEqual(['hr']);
  });

  it('a phrase that names its person is strong ("hat mir gekündigt", "me despidieron")', () => {
    expect(cats('Mir wurde in der Probezeit gekündigt.')).toEqual(['hr']);
    expect(cats('Ich habe meinen Handyvertrag gekündigt.')).toEqual([]);
    expect(cats('Me despidieron ayer.')).toEqual(['hr']);
  });

  it('but not in a general question with nothing personal in it', () => {
    expect(cats('What is a written warning?')).toEqual([]);
    expect(cats('What does my written warning mean?')).toEqual(['hr']);
    expect(cats('What do these lab results mean?')).toEqual(['health']);
    expect(cats('What does the written warning for anna@example.org say?')).toEqual(['hr']);
  });
});

describe('languages', () => {
  it('applies only the text’s languages, so short words do not collide', () => {
    // Danish/Swedish "i" is "in", Danish "er" is "is", Portuguese "a" is "the".
    expect(cats('Hvad er symptomerne på et angstanfald?')).toEqual([]);
    expect(cats('Hur fungerar metadonbehandling i Sverige?')).toEqual([]);
    expect(cats('A colaboradora está de baixa médica.')).toEqual(['health', 'hr']);
    // German "Angst" is fear; Danish "angst" is anxiety
    expect(cats('Ich habe Angst, dass der Zug zu spät kommt.')).toEqual([]);
    expect(cats('Jeg har angst og kan ikke sove.')).toEqual(['health']);
  });

  it('a lower-case "i" is "in" when Danish or Swedish is plausible, "I" otherwise', () => {
    expect(cats('Forklar reglerne for opsigelse i prøvetiden.')).toEqual([]);
    expect(cats('i have panic attacks every night')).toEqual(['health']);
  });

  it('medicine names and doses are shared by all languages', () => {
    expect(cats('Jeg tager 50 mg sertralin')).toEqual(['health']);
    expect(cats('Estoy tomando sertralina')).toEqual(['health']);
  });
});

describe('terms', () => {
  it('reports the words that triggered a category, compounds whole', () => {
    const [hit] = recognizeCategories('Ich mache eine Verhaltenstherapie', []);
    expect(hit).toEqual({ category: 'health', terms: ['verhaltenstherapie'] });
  });
});

describe('properties', () => {
  const filler = fc.constantFrom(
    'The weather was fine.',
    'Das Meeting ist um zehn.',
    'O comboio chegou atrasado.',
    'Vi ses i morgen.',
    'Het regent vandaag.',
    'Le train est en retard.',
    'La reunión es mañana.',
  );
  const personal = fc.constantFrom(
    'I have panic attacks at night.',
    'Ich habe Panikattacken.',
    'Tenho insónia há meses.',
    'Min søn har fået dårlige karakterer.',
    'Jag har skulder hos Kronofogden.',
    'Ik ben op staande voet ontslagen.',
    "J'ai des dettes.",
    'Tengo deudas con el banco.',
  );

  it('a personal sentence is recognised wherever it stands among public ones', () => {
    fc.assert(
      fc.property(
        fc.array(filler, { maxLength: 4 }),
        personal,
        fc.array(filler, { maxLength: 4 }),
        (before, p, after) => {
          const alone = cats(p);
          expect(alone.length).toBeGreaterThan(0);
          expect(cats([...before, p, ...after].join(' '))).toEqual(alone);
        },
      ),
    );
  });

  it('public sentences stay public together', () => {
    fc.assert(
      fc.property(fc.array(filler, { minLength: 1, maxLength: 8 }), (xs) => {
        expect(cats(xs.join(' '))).toEqual([]);
      }),
    );
  });
});
