import { describe, expect, it } from 'vitest';
import { detectPatterns } from '../../pii';
import { analyze, heuristics, recognizeCategories } from '..';

const cats = (t: string) => recognizeCategories(t, detectPatterns(t)).map((h) => h.category);

describe('regulated content, with context', () => {
  it.each([
    ['the heart of the matter is the budget', []],
    ['What are the symptoms of diabetes?', []],
    ['I have diabetes and my blood pressure is high', ['health']],
    ['He had a heart attack yesterday', ['health']],
    ['Can you diagnose why my build is failing?', []],
    ['Ich bin krankgeschrieben', ['health', 'hr']],
    ['Fui diagnosticado com depressão', ['health']],
    ['Jeg er sygemeldt', ['health', 'hr']],
    ['Jag är sjukskriven', ['health', 'hr']],
    ['Ik ben ziekgemeld door de huisarts', ['health', 'hr']],
    ["J'ai un arrêt maladie", ['health', 'hr']],
    ['Tengo una baja médica', ['health', 'hr']],
    ['Gib mir ein Rezept für Apfelkuchen', []],
    ['Draft a written warning for the warehouse', ['hr']],
    ['How does a disciplinary process work?', []],
    ['Here is my bank statement', ['financial']],
    ['I need balance in my life', []],
    ['Het is mijn schuld', []],
    ['Je suis prêt', []],
    ['My son asked why the sky is blue', []],
    ['My 7-year-old son has bad grades', ['children']],
    ['CONFIDENTIAL: do not distribute', ['internal']],
    ['What kind of gift should I buy for Maria Silva, 7 years old?', []],
    ["Son email est marie.dupont@exemple.fr, c'est une enfant de 7 ans", ['children']],
    ['Minor bug fixes for Anna Berg before Friday', []],
    ['El precio menor para Juan Pérez', []],
    ['Mijn kind van 6 jaar heeft koorts', ['health', 'children']],
    // the examples in docs/policy.md
    ['What are the symptoms of panic attacks?', []],
    ["I've been having panic attacks at work since March", ['health']],
    ['Explain CBT in simple terms', []],
    ['explain CBT to me', []],
    ['Write a short history of the AA movement', []],
    ['How does bankruptcy law work in Denmark?', []],
    ['What is the heart of the matter?', []],
    ['Hvordan fungerer metadonbehandling i Danmark?', []],
    ['Tengo ataques de pánico cada vez que conduzco', ['health']],
    ['Session notes, client 14: reports low mood; continue CBT', ['health']],
    ['What is a written warning?', []],
    ['Mir wurde in der Probezeit gekündigt.', ['hr']],
    ['Meine Ex-Frau will das alleinige Sorgerecht', ['children']],
  ])('%s -> %j', (text, expected) => {
    expect(cats(text)).toEqual(expected);
  });
});

describe('heuristics', () => {
  it('finds task types and difficulty', () => {
    expect(heuristics('Translate "hello" into French', 1200)).toMatchObject({
      taskType: 'translate',
      difficulty: 'simple',
    });
    expect(heuristics('Compare Rust and Go in detail', 1200)).toMatchObject({
      difficulty: 'complex',
    });
    expect(heuristics('x'.repeat(1300), 1200).difficulty).toBe('complex');
    expect(heuristics('Write an email to the team', 1200).taskType).toBe('writing');
    expect(heuristics('Fasse diesen Text zusammen', 1200).taskType).toBe('summarize');
  });

  it('takes the local judgements into account, without lowering anything', () => {
    const detection = { entities: [], modelStage: 'ok' as const };
    const a = analyze('hello', {
      detection,
      localModel: true,
      judgements: {
        sensitivity: {
          kind: 'sensitivity',
          level: 'personal',
          categories: ['family'],
          confidence: 0.8,
        },
        difficulty: { kind: 'difficulty', difficulty: 'complex', confidence: 0.7 },
      },
    });
    expect(a.judgedSensitivity?.level).toBe('personal');
    expect(a.difficulty).toBe('complex');
    const b = analyze('hello', {
      detection,
      localModel: true,
      judgements: { sensitivity: { kind: 'sensitivity', unknown: true, reason: 'timed out' } },
    });
    expect(b.judgedSensitivity).toBeUndefined();
    expect(b.judgementNote).toBe('timed out');
  });
});
