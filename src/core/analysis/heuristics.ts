/** Difficulty and task-type heuristics (deterministic, multilingual). Pure. */
import type { Difficulty, TaskType } from '../policy/schema';

const W = (alts: readonly string[]): RegExp =>
  new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts.join('|')})`, 'iu');

const TASKS: ReadonlyArray<[TaskType, RegExp]> = [
  [
    'translate',
    W([
      'translat',
      'übersetz',
      'traduz',
      'oversæt',
      'översätt',
      'vertaal',
      'tradui',
      'traduc',
      'tradúc',
    ]),
  ],
  [
    'code',
    /```|(?<![\p{L}])(?:function|const|let|def|class|import|return|public static|SELECT|async)\s+[\w$]+.*[;{(:=]|\b(?:stack ?trace|regex|typescript|javascript|python|compile error|segfault|npm|git)\b/iu,
  ],
  [
    'summarize',
    W([
      'summari[sz]',
      'summary',
      'tl;dr',
      'zusammenfass',
      'fasse [^.]{0,60}zusammen',
      'resum',
      'opsummer',
      'sammanfatta',
      'samenvat',
      'résum',
    ]),
  ],
  [
    'math',
    /(?<![\p{L}])(?:solve|calculate|integral|equation|derivative|berechne|calcul|beregn|beräkna|bereken|calcula)|\d+\s*[-+*/^×÷]\s*\d+\s*[=?]/iu,
  ],
  [
    'verify',
    W([
      'fact-check',
      'fact check',
      'is it true',
      'verify',
      'double-check',
      'stimmt es',
      'é verdade',
      'er det sandt',
      'stämmer det',
      'klopt het',
      'est-ce vrai',
      'es cierto',
      'es verdad',
    ]),
  ],
  [
    'writing',
    W([
      'write',
      'draft',
      'e-?mail',
      'letter',
      'reply to',
      'compose',
      'rewrite',
      'schreib',
      'escrev',
      'skriv',
      'schrijf',
      'écri',
      'rédige',
      'escrib',
      'redact',
      'mail an',
      'message to',
    ]),
  ],
  [
    'analysis',
    W([
      'analy[sz]',
      'compare',
      'evaluat',
      'assess',
      'review',
      'vergleich',
      'bewerte',
      'analis',
      'compar',
      'sammenlign',
      'jämför',
      'vergelijk',
      'évalue',
      'evalú',
      'avali',
    ]),
  ],
];

const QUESTION = W([
  'what',
  'who',
  'when',
  'where',
  'why',
  'how',
  'which',
  'was',
  'wer',
  'wann',
  'wo',
  'warum',
  'wie',
  'o que',
  'quem',
  'quando',
  'onde',
  'porque',
  'como',
  'hvad',
  'hvem',
  'hvornår',
  'hvor',
  'hvorfor',
  'vad',
  'vem',
  'när',
  'var',
  'varför',
  'hur',
  'wat',
  'wanneer',
  'waar',
  'waarom',
  'hoe',
  'que',
  'qui',
  'quand',
  'où',
  'pourquoi',
  'comment',
  'qué',
  'quién',
  'cuándo',
  'dónde',
  'por qué',
  'cómo',
]);

const COMPLEX = W([
  'analy[sz]',
  'compare',
  'evaluat',
  'design (?:a|an|the) ',
  'architect',
  'prove',
  'derive',
  'optimi[sz]',
  'trade-?offs?',
  'step by step',
  'in depth',
  'in-depth',
  'detailed',
  'comprehensive',
  'strategy',
  'pros and cons',
  'analysier',
  'vergleich',
  'bewerte',
  'entwirf',
  'ausführlich',
  'schritt für schritt',
  'analis',
  'avali',
  'detalhad',
  'passo a passo',
  'analyser',
  'sammenlign',
  'vurder',
  'detaljere',
  'analysera',
  'jämför',
  'utvärdera',
  'detaljerad',
  'analyseer',
  'vergelijk',
  'evalueer',
  'gedetailleerd',
  'stap voor stap',
  'analyse',
  'évalue',
  'détaillé',
  'étape par étape',
  'evalú',
  'detallad',
  'paso a paso',
]);

export interface Heuristics {
  taskType: TaskType;
  difficulty: Difficulty;
  /** Why the difficulty is what it is (for the reasons list). */
  difficultyReason: string;
}

/** Task type and difficulty from the text alone. */
export function heuristics(text: string, longRequestChars: number): Heuristics {
  let taskType: TaskType = 'chat';
  for (const [t, re] of TASKS) {
    if (re.test(text)) {
      taskType = t;
      break;
    }
  }
  if (taskType === 'chat' && (text.includes('?') || QUESTION.test(text.slice(0, 40))))
    taskType = 'question';
  if (text.length > longRequestChars) {
    return {
      taskType,
      difficulty: 'complex',
      difficultyReason: `long request (${text.length} characters)`,
    };
  }
  const m = COMPLEX.exec(text);
  if (m)
    return {
      taskType,
      difficulty: 'complex',
      difficultyReason: `asks for "${m[0].toLowerCase()}"`,
    };
  const questions = text.split('?').length - 1;
  if (questions >= 3)
    return { taskType, difficulty: 'complex', difficultyReason: `${questions} questions at once` };
  if (taskType === 'code' && text.split('\n').length > 30) {
    return { taskType, difficulty: 'complex', difficultyReason: 'a long piece of code' };
  }
  return { taskType, difficulty: 'simple', difficultyReason: 'a short, direct request' };
}
