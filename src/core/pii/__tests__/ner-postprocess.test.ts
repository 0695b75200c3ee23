import { describe, expect, it } from 'vitest';
import { tokenize } from '../ner/features';
import { postprocess, propagate, type RawSpan, type TypeProbs } from '../ner/postprocess';
import { CUTOFFS } from '../ner/cutoffs';
import type { Entity, EntityType } from '../types';

/**
 * A fake model output: the listed words are spans of the given type and score; every other token
 * has the given background PERSON probability (0 unless set).
 */
function run(
  text: string,
  marks: Array<[string, EntityType, number]>,
  personProb: Record<string, number> = {},
  cut = CUTOFFS,
): string[] {
  const tokens = tokenize(text);
  const probs: TypeProbs = {
    PERSON: new Float32Array(tokens.length),
    LOCATION: new Float32Array(tokens.length),
    ORGANIZATION: new Float32Array(tokens.length),
  };
  tokens.forEach((t, i) => (probs.PERSON[i] = personProb[t.text] ?? 0));
  const spans: RawSpan[] = [];
  let from = 0;
  for (const [value, type, score] of marks) {
    const start = text.indexOf(value, from);
    if (start < 0) throw new Error(`no ${value}`);
    from = start + value.length;
    const first = tokens.findIndex((t) => t.start === start);
    const last = tokens.findIndex((t) => t.end === start + value.length);
    if (first < 0 || last < 0) throw new Error(`${value} is not on token boundaries`);
    for (let i = first; i <= last; i++) probs[type as keyof TypeProbs][i] = score;
    spans.push({ type, first, last, score });
  }
  return postprocess(text, tokens, spans, probs, cut).map((e) => `${e.type[0]}:${e.text}`);
}

describe('span completion', () => {
  it('takes a following capitalised surname the model was unsure of', () => {
    expect(run('Ines Valkonen called.', [['Ines', 'PERSON', 0.9]], { Valkonen: 0.35 })).toEqual([
      'P:Ines Valkonen',
    ]);
    // ... but not a capitalised word the model gives no PERSON probability and no list knows
    expect(run('Ines Report is due.', [['Ines', 'PERSON', 0.9]])).toEqual(['P:Ines']);
  });

  it('takes a middle initial and a leading initial', () => {
    expect(run('ask Tomas J. Brekke today', [['Tomas', 'PERSON', 0.9]])).toEqual([
      'P:Tomas J. Brekke',
    ]);
    expect(run('- S. Rautio', [['Rautio', 'PERSON', 0.8]])).toEqual(['P:S. Rautio']);
  });

  it('takes particles and connectors inside a name', () => {
    expect(run('talked to Marguerite de la Haye', [['Marguerite', 'PERSON', 0.9]])).toEqual([
      'P:Marguerite de la Haye',
    ]);
    expect(run('Pieter van den Broecke wrote', [['Pieter', 'PERSON', 0.9]])).toEqual([
      'P:Pieter van den Broecke',
    ]);
    // a particle followed by a lower-case word is not a name
    expect(run('Anna de facto agreed', [['Anna', 'PERSON', 0.9]])).toEqual(['P:Anna']);
  });

  it('redacts a possessive without its "s and looks the name up without it', () => {
    expect(run("Kenji Watanabe's report", [["Kenji Watanabe's", 'PERSON', 0.9]])).toEqual([
      'P:Kenji Watanabe',
    ]);
    const toks = tokenize("Watanabe's");
    expect(toks.map((t) => t.text)).toEqual(['Watanabe', "'s"]);
  });

  it('takes the head of an organisation name', () => {
    expect(run('applied to Bank of Aldmoor today', [['Aldmoor', 'LOCATION', 0.8]])).toEqual([
      'O:Bank of Aldmoor',
    ]);
    expect(run('bei der Sparkasse Ostholstein', [['Ostholstein', 'LOCATION', 0.8]])).toEqual([
      'O:Sparkasse Ostholstein',
    ]);
  });

  it('splits spans at line breaks', () => {
    expect(run('Aurelia\nZbigniew Nowak', [['Aurelia\nZbigniew Nowak', 'PERSON', 0.9]])).toEqual([
      'P:Aurelia',
      'P:Zbigniew Nowak',
    ]);
  });

  it('splits spans at the end of a sentence, not at an initial or an abbreviation', () => {
    expect(
      run('Cerrad el Archivo. La Dirección agradece.', [
        ['Archivo. La Dirección', 'ORGANIZATION', 0.9],
      ]),
    ).toEqual(['O:Archivo', 'O:La Dirección']);
    expect(run('I met Tomas J. Brekke.', [['Tomas J. Brekke', 'PERSON', 0.9]])).toEqual([
      'P:Tomas J. Brekke',
    ]);
    expect(run('Ask Dr. Nakashima', [['Dr. Nakashima', 'PERSON', 0.9]])).toEqual([
      'P:Dr. Nakashima',
    ]);
  });

  it('trims the lower-case words a span opens with, but not a particle before a name', () => {
    expect(
      run('la livraison de Leroy Merlin est arrivée', [
        ['la livraison de Leroy Merlin', 'ORGANIZATION', 0.9],
      ]),
    ).toEqual(['O:Leroy Merlin']);
    expect(
      run('ist die Lieferung von Möbel Kraft da', [['von Möbel Kraft', 'ORGANIZATION', 0.9]]),
    ).toEqual(['O:Möbel Kraft']);
    expect(run('bel van Dijk morgen', [['van Dijk', 'PERSON', 0.9]])).toEqual(['P:van Dijk']);
    expect(run('ask marta today', [['marta', 'PERSON', 0.9]])).toEqual(['P:marta']);
  });

  it('never completes across a line break', () => {
    expect(
      run('Best,\nPriya\nSenior Manager', [['Priya', 'PERSON', 0.9]], { Senior: 0.9 }),
    ).toEqual(['P:Priya']);
  });
});

describe('cut-offs and stop-list', () => {
  it('drops spans under the type cut-off and keeps those above', () => {
    const low = CUTOFFS.PERSON - 0.05;
    expect(run('met Okafor', [['Okafor', 'PERSON', low]])).toEqual([]);
    expect(run('met Okafor', [['Okafor', 'PERSON', CUTOFFS.PERSON + 0.01]])).toEqual(['P:Okafor']);
  });

  it('drops nationality, religion and ideology words, titles, headings and acronyms', () => {
    for (const [text, word] of [
      ['The Peruvian users agreed.', 'Peruvian'],
      ['Western markets fell.', 'Western'],
      ['Please reply ASAP.', 'ASAP'],
      ['Amounts in USD only.', 'USD'],
      // the labels of identifiers: "my [ORGANIZATION_1] is [NATIONAL_ID_1]" helps no one
      ['my SSN is 078-05-1120', 'SSN'],
      ['Mein IBAN lautet DE89 3704 0044 0532 0130 00', 'IBAN'],
      ['o meu CPF é 529.982.247-25', 'CPF'],
      ['mi DNI es 12345678Z', 'DNI'],
      ['Hvad er dit CPR nummer?', 'CPR'],
      ['General Questions', 'General Questions'],
      ['The Catholic church', 'Catholic'],
    ] as const) {
      expect(run(text, [[word, 'ORGANIZATION', 0.9]])).toEqual([]);
    }
    // a listed word inside a longer name does not drop it
    expect(run('General Motors', [['General Motors', 'ORGANIZATION', 0.9]])).toEqual([
      'O:General Motors',
    ]);
  });

  it('drops a person that is only a programming language; keeps given names and full names', () => {
    for (const [text, word] of [
      ['Is Python still popular?', 'Python'],
      ['Warum ist Kotlin besser als Java?', 'Kotlin'],
      ['¿TypeScript o JavaScript para el backend?', 'TypeScript'],
      ['Rust is loved by developers.', 'Rust'],
    ] as const) {
      expect(run(text, [[word, 'PERSON', 0.9]])).toEqual([]);
    }
    expect(run('Julia will call you.', [['Julia', 'PERSON', 0.9]])).toEqual(['P:Julia']);
    expect(run('Ask Anna Rust today.', [['Anna Rust', 'PERSON', 0.9]])).toEqual(['P:Anna Rust']);
    expect(run('The Rust Foundation', [['Rust Foundation', 'ORGANIZATION', 0.9]])).toEqual([
      'O:Rust Foundation',
    ]);
  });

  it('drops a person that is one frequent word no name list knows, in any of the 8 languages', () => {
    for (const [text, word] of [
      ['Die Küche ist zu klein.', 'Küche'],
      ['Gracias al Equipo por todo.', 'Equipo'],
      ['ja, kein Problem', 'ja'],
    ] as const) {
      expect(run(text, [[word, 'PERSON', 0.99]])).toEqual([]);
    }
    // frequent words that are also names (the gazetteer knows them), and rare words, stay
    expect(run('Frag Klein und Berg.', [['Klein', 'PERSON', 0.9]])).toEqual(['P:Klein']);
    expect(run('I asked Mark yesterday.', [['Mark', 'PERSON', 0.9]])).toEqual(['P:Mark']);
    expect(run('says Okonkwo.', [['Okonkwo', 'PERSON', 0.9]])).toEqual(['P:Okonkwo']);
    // places and organisations are often frequent words ("Afrika", "Polizei"), and acronyms
    // are not judged by their lower-case twin
    expect(run('Die Polizei kam aus Afrika.', [['Polizei', 'ORGANIZATION', 0.9]])).toEqual([
      'O:Polizei',
    ]);
    expect(run('in Afrika', [['Afrika', 'LOCATION', 0.9]])).toEqual(['L:Afrika']);
    expect(run('voted PP', [['PP', 'PERSON', 0.9]])).toEqual(['P:PP']);
    // the rule is a cut-off: off, or a score at or above it, keeps the span
    expect(
      run(
        'Die Küche ist zu klein.',
        [['Küche', 'PERSON', 0.99]],
        {},
        { ...CUTOFFS, commonBand: 0 },
      ),
    ).toEqual(['P:Küche']);
    expect(
      run('Die Küche ist zu klein.', [['Küche', 'PERSON', 0.99]], {}, { ...CUTOFFS, common: 0.9 }),
    ).toEqual(['P:Küche']);
  });

  it('drops question words and imperatives that open a request (8 languages)', () => {
    for (const [text, word] of [
      ['Wat is de hoofdstad van Australië?', 'Wat'],
      ['¿Cuál es la capital de Australia?', 'Cuál'],
      ['Quantos habitantes tem o Porto?', 'Quantos'],
      ['Fortæl kort om København.', 'Fortæl'],
      ['Berätta kort om Stockholm.', 'Berätta'],
      ['Wanneer is Philips opgericht?', 'Wanneer'],
    ] as const) {
      expect(run(text, [[word, 'PERSON', 0.9]])).toEqual([]);
    }
  });

  it('drops a common word that is also a name when it opens a sentence, keeps it when cued', () => {
    expect(run('Will post it tomorrow.', [['Will', 'PERSON', 0.8]])).toEqual([]);
    expect(run('Hope that helps!', [['Hope', 'PERSON', 0.8]])).toEqual([]);
    expect(run('I asked Will yesterday.', [['Will', 'PERSON', 0.8]])).toEqual(['P:Will']);
  });
});

describe('lone lower-case given names', () => {
  // the model scores lower-case names in chat low; the name lists and a spelling dictionary decide
  it.each([
    ['tell priya to start without me', 'priya'],
    ['treffe gleich malte am Bahnhof', 'malte'],
    ['pablo me recoge en la estación', 'pablo'],
    ['a júlia vai me buscar na rodoviária', 'júlia'],
    ['daan haalt me op bij het station', 'daan'],
    ['fråga ingrid om nyckeln', 'ingrid'],
    ['spørg mette om nøglen', 'mette'],
    ['demande à margaux pour la clé', 'margaux'],
  ])('%s', (text, name) => {
    expect(run(text, [], { [name]: 0.05 })).toEqual([`P:${name}`]);
    // under the cut-off, the word stays
    expect(run(text, [], { [name]: 0.01 })).toEqual([]);
  });

  it('not a given name that is an ordinary word, a frequent word or a weekday', () => {
    for (const [text, word] of [
      ['the tone was odd', 'tone'],
      ['we ran for charity', 'charity'],
      ['the server is down again', 'server'],
      ['i promise it works', 'promise'],
      ['ja, kein Problem', 'ja'],
      ['we will see', 'will'],
      ['see you monday', 'monday'],
    ] as const) {
      expect(run(text, [], { [word]: 0.3 })).toEqual([]);
    }
  });
});

describe('a capitalised word opening a sentence', () => {
  // the frequent-word rule off: "Depois" is a frequent Portuguese word, and this is about position
  const strict = { ...CUTOFFS, PERSON: 0.3, initial: 0.9, commonBand: 0 };
  it('needs the initial cut-off unless a list knows it as a name or place', () => {
    expect(run('Depois disso fomos embora.', [['Depois', 'PERSON', 0.6]], {}, strict)).toEqual([]);
    expect(run('Schneider said no.', [['Schneider', 'PERSON', 0.6]], {}, strict)).toEqual([
      'P:Schneider',
    ]);
    expect(run('Depois disso fomos embora.', [['Depois', 'PERSON', 0.95]], {}, strict)).toEqual([
      'P:Depois',
    ]);
    // not at a sentence start: the type cut-off alone decides
    expect(run('we saw Okonkwo there', [['Okonkwo', 'PERSON', 0.6]], {}, strict)).toEqual([
      'P:Okonkwo',
    ]);
  });
});

describe('consistency within one text', () => {
  const ent = (text: string, value: string, type: EntityType = 'PERSON'): Entity => {
    const start = text.indexOf(value);
    return { start, end: start + value.length, type, score: 0.9, source: 'ner', text: value };
  };

  it('tags later mentions, parts in capitals and genitives of a tagged name', () => {
    const text = 'Rüdiger Thalmayr came. Later THALMAYR left and Rüdigers car stayed.';
    const out = propagate(text, tokenize(text), [ent(text, 'Rüdiger Thalmayr')]);
    expect(out.map((e) => e.text)).toEqual(['Rüdiger Thalmayr', 'THALMAYR', 'Rüdigers']);
  });

  it('is linear in the input: 1 MB of dense names', () => {
    const names = Array.from(
      { length: 500 },
      (_, i) => `Name${String.fromCharCode(65 + (i % 26))}x${i} Surname${i}`,
    );
    const text = Array.from(
      { length: 22000 },
      (_, i) => `${names[i % 500]} met ${names[(i * 7) % 500]}.`,
    ).join(' ');
    expect(text.length).toBeGreaterThan(1_000_000);
    const toks = tokenize(text);
    const ents = names.map((n) => ent(text, n));
    const out = propagate(text, toks, ents);
    expect(out.length).toBe(44000);
  });
});
