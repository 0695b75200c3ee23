/**
 * Synthetic NER sentences: templates in en, de, pt, da, sv, nl, fr, es with slots
 * {P} full person name, {F} first name, {S} surname, {L} place, {O} organisation.
 * Values come from training/gazetteers.ts. Deterministic for a given seed.
 */
import {
  CITIES,
  FIRST_NAMES,
  KNOWN_ORGS,
  LAST_NAMES,
  ORG_STEMS,
  ORG_SUFFIXES,
  REGIONS,
} from './gazetteers.ts';

export interface Span {
  start: number;
  end: number;
  label: 'PERSON' | 'LOCATION' | 'ORGANIZATION';
}
export interface Sentence {
  text: string;
  spans: Span[];
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const T: Record<string, string[]> = {
  en: [
    'My name is {P}.',
    'Hi, I am {F} and I live in {L}.',
    '{P} works for {O} in {L}.',
    'Please forward this to {P} at {O}.',
    'Yesterday {P} met executives of {O} in {L}.',
    '{F} said the meeting with {O} went well.',
    'Dear {P}, thank you for your order.',
    'I flew from {L} to {L} with {F}.',
    'The contract between {O} and {O} was signed in {L}.',
    'Ask {F} {S} about the invoice.',
    'Mr. {S} joined {O} last year.',
    'Dr. {P} will see you on Monday.',
    'Ms. {S} moved to {L} in March.',
    '{O} opened a new office in {L}.',
    'According to {P}, {O} will cut 200 jobs.',
    'Call {F} when you land in {L}.',
    'We visited {L} and {L} last summer.',
    'The CEO of {O}, {P}, resigned on Friday.',
    '{P} ( {O} ) commented on the report.',
    'Thanks {F}!',
    'Regards, {P}',
    'Bot: What is your name? User: {P}',
    'Who is {P}?',
    'Is {O} hiring in {L}?',
    'I bought it from {O}.',
    '{F}, can you review this?',
    'My sister {F} studies at {O}.',
    'The weather in {L} is great today.',
    'He was born in {L} and grew up in {L}.',
    'Best restaurant in {L}? Try the one near {O}.',
    '{P} and {P} are getting married in {L}.',
    'cc: {P}, {P}',
    'The {O} report was written by {P}.',
    'From: {P} To: {P} Subject: meeting in {L}',
    '{S} scored twice for {O}.',
    'I would not recommend {O} to anyone.',
    'Visit us at our {L} store.',
    'President {P} arrived in {L} on Tuesday.',
    'Professor {P} of {O} published the study.',
    '{F} {S} is a great doctor.',
    'lol {F} is hilarious',
    'going to {L} with {F} tomorrow',
    'This morning I spoke with my lawyer, {P}, about the case.',
    'Send the package to {P}, {L}.',
    'Unlike the {S} novel, it is not about love.',
  ],
  de: [
    'Mein Name ist {P}.',
    'Ich heiße {F} und wohne in {L}.',
    '{P} arbeitet bei der {O} in {L}.',
    'Gestern traf {P} Vertreter von {O} in {L}.',
    'Sehr geehrte Frau {S}, vielen Dank für Ihre Nachricht.',
    'Sehr geehrter Herr {S},',
    'Bitte leiten Sie das an {P} weiter.',
    'Die {O} hat ihren Sitz in {L}.',
    'Laut {P} plant {O} eine Übernahme.',
    '{F} fährt morgen nach {L}.',
    'Mit freundlichen Grüßen, {P}',
    'Der Vertrag zwischen {O} und {O} wurde in {L} unterzeichnet.',
    'Frau Dr. {P} ist Ärztin in {L}.',
    'Kanzler {P} besuchte {L}.',
    'Ich habe bei {O} bestellt.',
    'Wir waren im Urlaub in {L} und {L}.',
    'Hallo {F}, wie geht es dir?',
    '{P} wurde in {L} geboren.',
  ],
  pt: [
    'O meu nome é {P}.',
    'Chamo-me {F} e moro em {L}.',
    '{P} trabalha na {O} em {L}.',
    'Ontem {P} reuniu-se com a {O} em {L}.',
    'Caro {P}, obrigado pela sua encomenda.',
    'A {O} abriu uma nova loja em {L}.',
    'Segundo {P}, a {O} vai contratar.',
    'Fui de {L} para {L} com {F}.',
    'Atenciosamente, {P}',
    'O presidente {P} chegou a {L}.',
    'Olá {F}, tudo bem?',
    '{P} nasceu em {L}.',
    'O contrato entre a {O} e o {O} foi assinado em {L}.',
    'A Dra. {P} atende em {L}.',
  ],
  da: [
    'Mit navn er {P}.',
    'Jeg hedder {F} og bor i {L}.',
    '{P} arbejder hos {O} i {L}.',
    'I går mødte {P} ledelsen fra {O} i {L}.',
    'Kære {F}, tak for din besked.',
    '{O} har åbnet et nyt kontor i {L}.',
    'Ifølge {P} vil {O} fyre 100 ansatte.',
    'Venlig hilsen {P}',
    'Statsminister {P} besøgte {L}.',
    'Vi var på ferie i {L} og {L}.',
    '{P} er født i {L}.',
  ],
  sv: [
    'Jag heter {P}.',
    'Mitt namn är {F} och jag bor i {L}.',
    '{P} jobbar på {O} i {L}.',
    'Igår träffade {P} representanter för {O} i {L}.',
    'Hej {F}, tack för ditt mejl.',
    '{O} öppnar ett nytt kontor i {L}.',
    'Enligt {P} ska {O} anställa fler.',
    'Med vänliga hälsningar, {P}',
    'Statsminister {P} besökte {L}.',
    'Vi åkte från {L} till {L} med {F}.',
    '{P} föddes i {L}.',
  ],
  nl: [
    'Mijn naam is {P}.',
    'Ik heet {F} en ik woon in {L}.',
    '{P} werkt bij {O} in {L}.',
    'Gisteren sprak {P} met de directie van {O} in {L}.',
    'Beste {F}, bedankt voor je bericht.',
    '{O} opent een nieuw kantoor in {L}.',
    'Volgens {P} gaat {O} reorganiseren.',
    'Met vriendelijke groet, {P}',
    'Premier {P} bezocht {L}.',
    'We reden van {L} naar {L} met {F}.',
    '{P} is geboren in {L}.',
  ],
  fr: [
    'Je m’appelle {P}.',
    'Je suis {F} et j’habite à {L}.',
    '{P} travaille chez {O} à {L}.',
    'Hier, {P} a rencontré les dirigeants de {O} à {L}.',
    'Cher {F}, merci pour votre message.',
    '{O} ouvre un bureau à {L}.',
    'Selon {P}, {O} va recruter.',
    'Cordialement, {P}',
    'Le président {P} est arrivé à {L}.',
    'Madame {S} habite à {L}.',
    'Monsieur {P} est né à {L}.',
  ],
  es: [
    'Me llamo {P}.',
    'Soy {F} y vivo en {L}.',
    '{P} trabaja en {O} en {L}.',
    'Ayer {P} se reunió con directivos de {O} en {L}.',
    'Estimado {P}, gracias por su pedido.',
    '{O} abrió una oficina en {L}.',
    'Según {P}, {O} contratará a 50 personas.',
    'Saludos, {P}',
    'El presidente {P} llegó a {L}.',
    'Viajé de {L} a {L} con {F}.',
    'La señora {S} nació en {L}.',
  ],
};

/** Sentences without names (negatives with capitalised common words, products, dates). */
const NEG = [
  'Green Tea Or White Tea?',
  'The meeting is on Monday at 10 AM.',
  'Please Read The Instructions Carefully.',
  'Happy New Year!',
  'I ordered the Large Pizza With Extra Cheese.',
  'Thank You So Much For Your Help',
  'The Service Was Excellent And The Food Delicious.',
  'Der Termin ist am Dienstag.',
  'Vielen Dank für Ihre Hilfe!',
  'A reunião é na Quarta-feira.',
  'Mødet er på torsdag.',
  'Mötet är på fredag.',
  'De vergadering is op maandag.',
  'La réunion aura lieu jeudi.',
  'La reunión es el Martes.',
  'WARNING: DO NOT OPEN THIS FILE',
  'Best Chinese Food In Town',
  'Excellent Customer Service',
  'The Best Dentist Ever!',
  'Click Here To Unsubscribe',
  'Terms And Conditions Apply',
  'My iPhone battery died again.',
  'Windows Update failed.',
  'Is it safe to drink the water?',
  'How do I reset my password?',
  'Good morning, everyone.',
  'This Is A Test',
];

export function generate(n: number, seed: number): Sentence[] {
  const rnd = mulberry32(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)] as T;
  const langs = Object.keys(T);
  // invented names (not in any list) so the model also learns from context and shape
  const SYL = [
    'ka',
    'lo',
    'mir',
    'an',
    'de',
    'vi',
    'tor',
    'sen',
    'ba',
    'ri',
    'el',
    'ko',
    'na',
    'ste',
    'gu',
    'lin',
    'ber',
    'ho',
    'za',
    'ul',
  ];
  const invent = (): string => {
    let w = '';
    const n = 2 + Math.floor(rnd() * 2);
    for (let i = 0; i < n; i++) w += pick(SYL);
    return w.charAt(0).toUpperCase() + w.slice(1);
  };
  const firstName = (): string => (rnd() < 0.2 ? invent() : pick(FIRST_NAMES));
  const lastName = (): string => (rnd() < 0.25 ? invent() : pick(LAST_NAMES));
  const person = (): string => {
    const r = rnd();
    const f = firstName();
    const l = lastName();
    if (r < 0.6) return `${f} ${l}`;
    if (r < 0.7) return `${f} ${firstName()} ${l}`;
    if (r < 0.8) return `${f} ${String.fromCharCode(65 + Math.floor(rnd() * 26))}. ${l}`;
    if (r < 0.88) return `${f} ${l}-${lastName()}`;
    if (r < 0.94) return `${f} ${pick(['van', 'de', 'von', 'da', 'dos', 'van der', 'del'])} ${l}`;
    return l;
  };
  const place = (): string => {
    const r = rnd();
    if (r < 0.5) return pick(CITIES);
    if (r < 0.6)
      return `${invent()}${pick(['burg', 'ville', 'stad', 'by', 'holm', 'ton', 'heim', ''])}`;
    if (r < 0.9) return pick(REGIONS);
    return `${pick(CITIES)}, ${pick(REGIONS)}`;
  };
  const org = (lang: string): string => {
    const r = rnd();
    if (r < 0.4) return pick(KNOWN_ORGS);
    const suf = pick(ORG_SUFFIXES[lang] ?? ORG_SUFFIXES.en ?? []);
    if (r < 0.65) return `${pick(ORG_STEMS)} ${suf}`;
    if (r < 0.75) return `${invent()}${pick(['tech', 'soft', 'data', 'corp', ''])} ${suf}`;
    if (r < 0.85) return `${pick(ORG_STEMS)} ${pick(ORG_STEMS)} ${suf}`;
    if (r < 0.93)
      return `${pick(['University of', 'Bank of', 'Museum of', 'Hospital of'])} ${pick(CITIES)}`;
    return `${pick(LAST_NAMES)} ${suf}`;
  };
  const out: Sentence[] = [];
  while (out.length < n) {
    if (rnd() < 0.08) {
      out.push({ text: pick(NEG), spans: [] });
      continue;
    }
    const lang = rnd() < 0.45 ? 'en' : pick(langs);
    const tpl = pick(T[lang] ?? []);
    let text = '';
    const spans: Span[] = [];
    const lower = rnd() < 0.05;
    let last = 0;
    const re = /\{([PFSLO])\}/g;
    for (let m = re.exec(tpl); m; m = re.exec(tpl)) {
      text += tpl.slice(last, m.index);
      last = m.index + m[0].length;
      const k = m[1];
      let v: string;
      let label: Span['label'];
      if (k === 'P') [v, label] = [person(), 'PERSON'];
      else if (k === 'F') [v, label] = [firstName(), 'PERSON'];
      else if (k === 'S') [v, label] = [lastName(), 'PERSON'];
      else if (k === 'L') [v, label] = [place(), 'LOCATION'];
      else [v, label] = [org(lang), 'ORGANIZATION'];
      if (lower) v = v.toLowerCase();
      else if (rnd() < 0.02) v = v.toUpperCase();
      spans.push({ start: text.length, end: text.length + v.length, label });
      text += v;
    }
    text += tpl.slice(last);
    if (lower) text = text.toLowerCase();
    out.push({ text, spans });
  }
  return out;
}
