/**
 * Synthetic training text in the registers people type into a chat assistant: chat transcripts
 * with speaker labels, e-mails with greetings and signatures, lists and tables, forum posts with
 * @handles and notes, in en, de, pt, da, sv, nl, fr, es; some lower-cased, some in capitals.
 * Names come from training/names.ts (many naming traditions, plus invented spellings) in the
 * forms people write them: given name alone, surname alone, initials, particles, hyphens,
 * possessives (English "'s" is not part of the name), genitive -s (de/da/sv/nl: part of it).
 * Deterministic for a given seed. Written for this project (training/LICENSES.md).
 */
import LISTS from '../src/core/pii/ner/gazetteer-lists.json';
import { CITIES, REGIONS } from './gazetteers.ts';
import { FAKER_CITIES, FAKER_LEGAL_FORMS } from './faker-data.ts';
import { ANY_NAME, FAMILY, GIVEN, evaluationWords, nameInventor } from './names.ts';
import { mulberry32, type Sentence, type Span } from './synth.ts';

type Lang = 'en' | 'de' | 'pt' | 'da' | 'sv' | 'nl' | 'fr' | 'es';
const LANGS: Lang[] = ['en', 'de', 'pt', 'da', 'sv', 'nl', 'fr', 'es'];

/**
 * Slots: {P} full name, {F} given name, {S} surname, {N} any person mention, {G} genitive of a
 * person (language's own form), {L} place, {O} organisation, {H} @handle (not a label).
 */
const SAY: Record<Lang, string[]> = {
  en: [
    'did {N} send the report?',
    'ask {N}, he was there',
    '{N} says the {L} office is closed today',
    'i talked to {N} and {N} about it',
    'can u forward this to {N} at {O}?',
    '{G} flight lands in {L} at 6',
    'says {S}.',
    '{S} and {S} were already gone by then',
    'ok, {F} will call {O} tomorrow',
    'meeting w/ {N} @ the {L} office',
    'thx {F}!!',
    'no that was {S} not me',
    '{N} got the job at {O}',
    'spoke to {N}; {S} wants the numbers before friday',
    'the invoice from {O} is in the shared drive',
    'is {N} still in {L}?',
  ],
  de: [
    'hat {N} den Bericht schon geschickt?',
    'frag mal {N}, der war dabei',
    '{N} sagt, das Büro in {L} ist heute zu',
    'ich habe mit {N} und {N} gesprochen',
    'kannst du das an {N} bei der {O} weiterleiten?',
    '{G} Zug kommt um 18 Uhr in {L} an',
    '{S} und {S} waren schon weg',
    'ok, {F} ruft morgen bei {O} an',
    'Termin mit {N} im Büro in {L}',
    'danke {F}!',
    'das war {S}, nicht ich',
    '{N} hat die Stelle bei {O} bekommen',
    'Die Rechnung von {O} liegt im Ordner.',
    'ist {N} noch in {L}?',
  ],
  pt: [
    'o {N} já mandou o relatório?',
    'pergunta à {N}, ela estava lá',
    '{N} diz que o escritório de {L} está fechado hoje',
    'falei com o {N} e com a {N}',
    'podes reencaminhar isto para a {N} da {O}?',
    'o voo da {N} chega a {L} às 6',
    'o {S} e o {S} já tinham saído',
    'ok, o {F} liga amanhã para a {O}',
    'reunião com {N} no escritório de {L}',
    'obrigado {F}!',
    'a fatura da {O} está na pasta',
    'a {N} conseguiu o emprego na {O}',
    'o {N} ainda está em {L}?',
  ],
  da: [
    'har {N} sendt rapporten?',
    'spørg {N}, han var der',
    '{N} siger at kontoret i {L} er lukket i dag',
    'jeg har talt med {N} og {N}',
    'kan du sende det videre til {N} hos {O}?',
    '{G} fly lander i {L} klokken 6',
    '{S} og {S} var allerede gået',
    'ok, {F} ringer til {O} i morgen',
    'møde med {N} på kontoret i {L}',
    'tak {F}!',
    'det var {S}, ikke mig',
    '{N} har fået jobbet hos {O}',
    'Fakturaen fra {O} ligger i mappen.',
    'er {N} stadig i {L}?',
  ],
  sv: [
    'har {N} skickat rapporten?',
    'fråga {N}, han var där',
    '{N} säger att kontoret i {L} är stängt i dag',
    'jag har pratat med {N} och {N}',
    'kan du skicka det vidare till {N} på {O}?',
    '{G} flyg landar i {L} klockan 6',
    '{S} och {S} hade redan gått',
    'ok, {F} ringer {O} i morgon',
    'möte med {N} på kontoret i {L}',
    'tack {F}!',
    'det var {S}, inte jag',
    '{N} har fått jobbet på {O}',
    'Fakturan från {O} ligger i mappen.',
    'är {N} fortfarande i {L}?',
  ],
  nl: [
    'heeft {N} het rapport al gestuurd?',
    'vraag het {N}, hij was erbij',
    '{N} zegt dat het kantoor in {L} vandaag dicht is',
    'ik heb met {N} en {N} gesproken',
    'kun je dit doorsturen naar {N} van {O}?',
    '{S} en {S} waren al weg',
    'ok, {F} belt morgen met {O}',
    'afspraak met {N} op het kantoor in {L}',
    'bedankt {F}!',
    '{N} is begonnen bij {O}',
    'is {N} nog in {L}?',
  ],
  fr: [
    '{N} a envoyé le rapport ?',
    'demande à {N}, il était là',
    '{N} dit que le bureau de {L} est fermé aujourd’hui',
    "j'ai parlé avec {N} et {N}",
    'tu peux transférer ça à {N} chez {O} ?',
    '{S} et {S} étaient déjà partis',
    'ok, {F} appelle {O} demain',
    'réunion avec {N} au bureau de {L}',
    'merci {F} !',
    '{N} travaille maintenant chez {O}',
    '{N} est toujours à {L} ?',
  ],
  es: [
    '¿{N} ya mandó el informe?',
    'pregúntale a {N}, estaba allí',
    '{N} dice que la oficina de {L} está cerrada hoy',
    'hablé con {N} y con {N}',
    '¿puedes reenviar esto a {N} de {O}?',
    '{S} y {S} ya se habían ido',
    'vale, {F} llama mañana a {O}',
    'reunión con {N} en la oficina de {L}',
    '¡gracias {F}!',
    '{N} trabaja ahora en {O}',
    '¿{N} sigue en {L}?',
  ],
};

/** Lines without names: capitalised common nouns, titles, nationality words, acronyms, headings. */
const PLAIN: Record<Lang, string[]> = {
  en: [
    'The General Manager approved the budget.',
    'Will post the full protocol tomorrow. Hope that helps!',
    'Amounts in USD or EUR only, ASAP please.',
    'The Peruvian and Korean teams had the same issue.',
    'Mark the thread as solved please.',
    'Western markets fell on Monday.',
    'Project Update',
    'Meeting Notes',
    'The Catholic and Protestant churches held a joint service.',
    'Happy Friday everyone!',
    'See the FAQ under General Questions.',
    'Our Head of Sales will join the call.',
  ],
  de: [
    'Die Geschäftsführung hat das Budget genehmigt.',
    'Bitte die Fahrräder nicht im Treppenhaus abstellen.',
    'Der Bürgermeister lehnt die Steuer ab.',
    'Die Grünen und die Sozialdemokraten sind dagegen.',
    'Protokoll der Sitzung',
    'Die Rechnung ist bis Freitag fällig.',
    'Das Wetter in der Stadt war schlecht.',
    'Die Abteilungsleiterin kommt später.',
  ],
  pt: [
    'A direção aprovou o orçamento.',
    'Os católicos e os evangélicos discordam.',
    'Ata da Reunião',
    'O prazo termina na sexta-feira.',
    'O Governo Federal ainda não comentou.',
  ],
  da: [
    'Kantinen er lukket på fredag.',
    'Socialdemokratiet og Venstre er uenige om skatten.',
    'Referat fra Mødet',
    'Statsministeren udtaler sig i morgen.',
    'Husk at aflevere timesedlerne.',
  ],
  sv: [
    'Fakturorna ska in senast den sista.',
    'Moderaterna och Socialdemokraterna bråkar om budgeten.',
    'Protokoll från Mötet',
    'Riksdagen röstar på onsdag.',
    'Ekonomiavdelningen svarar på frågor.',
  ],
  nl: [
    'Vergeet de urenstaten niet.',
    'Notulen van de Vergadering',
    'De Tweede Kamer stemt dinsdag.',
  ],
  fr: [
    'Merci de rendre vos notes de frais.',
    'Compte Rendu de Réunion',
    'Le Gouvernement a réagi.',
  ],
  es: ['Recordad el plazo del viernes.', 'Acta de la Reunión', 'El Gobierno no ha comentado.'],
};

const GREET: Record<Lang, string[]> = {
  en: ['Hi {F},', 'Dear {P},', 'Dear Mr {S},', 'Dear Ms {S},', 'Hey {F}', 'Hello {F},'],
  de: [
    'Hallo {F},',
    'Sehr geehrte Frau {S},',
    'Sehr geehrter Herr {S},',
    'Liebe {F},',
    'Moin {F},',
  ],
  pt: ['Olá {F},', 'Prezada Sra. {S},', 'Caro {F},', 'Bom dia {F},'],
  da: ['Hej {F}', 'Kære {F},', 'Hej {F},'],
  sv: ['Hej {F},', 'Hej {F}!', 'Bästa {F},'],
  nl: ['Beste {F},', 'Hoi {F},', 'Beste mevrouw {S},', 'Geachte heer {S},'],
  fr: ['Bonjour {F},', 'Bonjour Madame {S},', 'Cher {F},'],
  es: ['Hola {F}:', 'Estimada Sra. {S}:', 'Estimado {F}:'],
};
const CLOSE: Record<Lang, string[]> = {
  en: ['Best,', 'Kind regards,', 'Thanks,', 'Cheers,'],
  de: ['Viele Grüße', 'Mit freundlichen Grüßen', 'Beste Grüße'],
  pt: ['Abraço,', 'Com os melhores cumprimentos,', 'Obrigado,'],
  da: ['Venlig hilsen', 'Mvh.', 'Hilsen'],
  sv: ['Med vänliga hälsningar', 'Hälsningar', 'Mvh'],
  nl: ['Met vriendelijke groet,', 'Groet,', 'Groetjes,'],
  fr: ['Cordialement,', 'Bien à vous,', 'Merci,'],
  es: ['Atentamente,', 'Saludos,', 'Un abrazo,'],
};
const ROLE = [
  'Senior Account Manager',
  'Head of Procurement',
  'Projektleiterin',
  'Kundenservice',
  'Gerente de Vendas',
  'Salgschef',
  'Ekonomichef',
  'Office Manager',
  'Directeur commercial',
  'Jefa de Compras',
];
const LIST_HEAD: Record<Lang, string[]> = {
  en: ['Attendees:', 'Apologies:', 'Team:', 'Vendors to call back:', 'Name | Team | Office'],
  de: ['Teilnehmende:', 'Entschuldigt:', 'Ansprechpartner:'],
  pt: ['Presentes:', 'Participantes:', 'Contactos:'],
  da: ['Deltagere:', 'Afbud:', 'Kontaktpersoner:'],
  sv: ['Närvarande:', 'Deltagare:', 'Kontaktpersoner:'],
  nl: ['Aanwezig:', 'Afwezig:', 'Contactpersonen:'],
  fr: ['Présents :', 'Excusés :', 'Contacts :'],
  es: ['Asistentes:', 'Ausentes:', 'Contactos:'],
};
const PLACE_WORD: Record<Lang, string> = {
  en: 'Location:',
  de: 'Ort:',
  pt: 'Local:',
  da: 'Sted:',
  sv: 'Plats:',
  nl: 'Locatie:',
  fr: 'Lieu :',
  es: 'Lugar:',
};
const PARTICLES: Record<Lang, string[]> = {
  en: ['de la', 'van', "O'", 'Mc', 'al-'],
  de: ['von', 'von der', 'zu', 'van'],
  pt: ['da', 'de', 'dos', 'das', 'do'],
  da: ['von', 'de'],
  sv: ['af', 'von', 'de'],
  nl: ['van', 'van der', 'de', 'ter', 'van den', 'den'],
  fr: ['de', 'du', 'de la', 'Le'],
  es: ['de', 'de la', 'del', 'y'],
};
const BUSINESS: Record<Lang, string[]> = {
  en: [
    'Roofing',
    'Plumbing & Heat',
    'Dental',
    'Capital',
    'Logistics',
    'Foods Ltd',
    'Insurance',
    'Legal',
    'Tours',
    'Marine',
    'Trading',
  ],
  de: [
    'Logistik GmbH',
    'Autohaus',
    'Bau GmbH',
    'Praxis',
    'Versicherung AG',
    'Steuerberatung',
    'Elektrotechnik',
  ],
  pt: ['Seguros', 'Transportes Lda', 'Marcenaria', 'Clínica', 'Padaria', 'Construções'],
  da: ['ApS', 'A/S', 'Byg', 'Revision', 'Tømrer', 'VVS'],
  sv: ['AB', 'Fastigheter AB', 'Bygg', 'Elteknik', 'Måleri', 'Redovisning'],
  nl: ['B.V.', 'Verzekeringen', 'Klussenbedrijf', 'Bouw', 'Advocaten'],
  fr: ['SARL', 'Menuiserie', 'Assurances', 'Transports', 'Boulangerie'],
  es: ['S.L.', 'Reformas', 'Seguros', 'Transportes', 'Asesoría'],
};
const PREFIX_ORG = new Set([
  'Autohaus',
  'Praxis',
  'Marcenaria',
  'Clínica',
  'Padaria',
  'Klussenbedrijf',
  'Menuiserie',
  'Boulangerie',
  'Reformas',
  'Transportes',
  'Asesoría',
]);
const ORG_OF: Record<Lang, string[]> = {
  en: ['Bank of', 'University of', 'Port of', 'Museum of'],
  de: ['Sparkasse', 'Volksbank', 'Stadtwerke', 'Universität'],
  pt: ['Caixa Agrícola de', 'Universidade de', 'Banco de', 'Câmara Municipal de'],
  da: ['Region', 'Kommune', 'Universitet'],
  sv: ['Region', 'Kommun', 'Universitet'],
  nl: ['Gemeente', 'Universiteit van', 'Rabobank'],
  fr: ['Crédit Agricole de', 'Université de', 'Mairie de'],
  es: ['Caja Rural de', 'Universidad de', 'Ayuntamiento de'],
};
const ACR = 'ABCDEFGHIJKLMNOPRSTUVWXYZ';
const DA_COMPOUND = ['-chefen', '-direktøren', '-sagen', '-aftalen'];

export function generateRegisters(n: number, seed: number): Sentence[] {
  const rnd = mulberry32(seed ^ 0x5eed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)] as T;
  const invent = nameInventor(rnd);
  const evalWords = evaluationWords();
  const placePool = [
    ...CITIES,
    ...REGIONS,
    ...FAKER_CITIES.flat(),
    ...LISTS.cities,
    ...LISTS.places,
  ]
    .filter((p) => p.length > 2 && !evalWords.has(p.toLowerCase()))
    .map((p) =>
      /\p{Lu}/u.test(p)
        ? p
        : p.replace(/(^|[\s-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase()),
    );
  const given = () => (rnd() < 0.25 ? invent() : rnd() < 0.7 ? pick(GIVEN) : pick(ANY_NAME));
  const family = () => (rnd() < 0.3 ? invent() : rnd() < 0.55 ? pick(FAMILY) : pick(ANY_NAME));
  const surname = (lang: Lang) => {
    const r = rnd();
    if (r < 0.1) return `${pick(PARTICLES[lang])} ${family()}`.replace(/(O'|Mc|al-) /, '$1');
    if (r < 0.18) return `${family()}-${family()}`;
    return family();
  };
  const fullName = (lang: Lang) => {
    const r = rnd();
    if (r < 0.6) return `${given()} ${surname(lang)}`;
    if (r < 0.7) return `${given()} ${pick([...ACR])}. ${surname(lang)}`;
    if (r < 0.8) return `${pick([...ACR])}. ${surname(lang)}`;
    if (r < 0.88) return `${given()} ${given()} ${surname(lang)}`;
    if (r < 0.94) return `${given()}-${given()} ${surname(lang)}`;
    return `${surname(lang)} ${given()}`; // family name first (East Asian, Hungarian order)
  };
  const place = () => pick(placePool);
  const org = (lang: Lang) => {
    const r = rnd();
    if (r < 0.3) {
      const b = pick(BUSINESS[lang]);
      const name = rnd() < 0.5 ? family() : invent();
      return PREFIX_ORG.has(b) ? `${b} ${name}` : `${name} ${b}`;
    }
    if (r < 0.45) return `${pick(ORG_OF[lang])} ${place()}`;
    if (r < 0.58)
      return `${family()} ${pick(['&', 'og', 'und', 'e', 'och', 'en', 'et', 'y'])} ${family()}`;
    if (r < 0.7) {
      let a = '';
      for (let i = 0, k = 2 + Math.floor(rnd() * 3); i < k; i++) a += pick([...ACR]);
      return a;
    }
    if (r < 0.82) return `${invent()}${pick(['', 'wave', 'tech', 'mart', 'ly', 'data', 'soft'])}`;
    if (r < 0.92) return `${place()} ${pick(BUSINESS[lang])}`;
    return `${invent()} ${pick(FAKER_LEGAL_FORMS)}`;
  };
  const genitiveOf = (lang: Lang, name: string) => {
    if (lang === 'en') return `${name}'s`;
    if (lang === 'de' || lang === 'da' || lang === 'sv' || lang === 'nl')
      return /[sxz]$/.test(name) ? `${name}'` : `${name}s`;
    return name;
  };

  /** Renders one template; spans accumulate with offsets relative to `base`. */
  const fill = (
    tpl: string,
    lang: Lang,
    base: number,
    spans: Span[],
    speakers?: string[],
  ): string => {
    let text = '';
    let last = 0;
    for (const m of tpl.matchAll(/\{([PFSNGLOH])\}/g)) {
      text += tpl.slice(last, m.index);
      last = (m.index ?? 0) + m[0].length;
      const k = m[1];
      let v = '';
      let label: Span['label'] | null = 'PERSON';
      let suffix = '';
      if (k === 'P') v = fullName(lang);
      else if (k === 'F') v = speakers && rnd() < 0.3 ? pick(speakers) : given();
      else if (k === 'S') v = surname(lang);
      else if (k === 'N') {
        const r = rnd();
        v =
          speakers && r < 0.2
            ? pick(speakers)
            : r < 0.45
              ? given()
              : r < 0.7
                ? surname(lang)
                : fullName(lang);
      } else if (k === 'G') {
        const name = rnd() < 0.5 ? given() : fullName(lang);
        const g = genitiveOf(lang, name);
        // English "'s" and a bare apostrophe are not part of the name; the genitive -s is
        if (lang === 'en' || g.endsWith("'")) [v, suffix] = [name, g.slice(name.length)];
        else v = g;
      } else if (k === 'L') [v, label] = [place(), 'LOCATION'];
      else if (k === 'O') {
        label = 'ORGANIZATION';
        v = org(lang);
        if (lang === 'da' && /^[A-Z]{2,4}$/.test(v) && rnd() < 0.3) suffix = pick(DA_COMPOUND);
      } else {
        [v, label] = [
          `@${given().toLowerCase()}${pick(['_', '', '.'])}${family().toLowerCase().slice(0, 6)}`,
          null,
        ];
      }
      if (label)
        spans.push({ start: base + text.length, end: base + text.length + v.length, label });
      text += v + suffix;
    }
    return text + tpl.slice(last);
  };

  const doc = (lang: Lang): Sentence => {
    const spans: Span[] = [];
    let text = '';
    const line = (tpl: string, speakers?: string[]) => {
      text += fill(tpl, lang, text.length, spans, speakers) + '\n';
    };
    const kind = rnd();
    if (kind < 0.35) {
      // chat transcript: speaker labels, sometimes timestamps
      const speakers = Array.from({ length: 2 + Math.floor(rnd() * 2) }, () =>
        rnd() < 0.75 ? given() : surname(lang),
      );
      const stamp = rnd() < 0.3;
      for (let i = 0, k = 2 + Math.floor(rnd() * 4); i < k; i++) {
        const who = pick(speakers);
        if (stamp)
          text += `[${10 + Math.floor(rnd() * 9)}:${String(Math.floor(rnd() * 60)).padStart(2, '0')}] `;
        spans.push({ start: text.length, end: text.length + who.length, label: 'PERSON' });
        text += `${who}: `;
        line(rnd() < 0.15 ? pick(PLAIN[lang]) : pick(SAY[lang]), speakers);
      }
    } else if (kind < 0.6) {
      // e-mail: greeting, body, closing, signature
      line(pick(GREET[lang]));
      text += '\n';
      for (let i = 0, k = 1 + Math.floor(rnd() * 3); i < k; i++)
        line(
          rnd() < 0.2
            ? pick(PLAIN[lang])
            : pick(SAY[lang]).replace(/^\p{Ll}/u, (c) => c.toUpperCase()),
        );
      text += '\n';
      line(pick(CLOSE[lang]));
      line(rnd() < 0.5 ? '{P}' : '{F}');
      if (rnd() < 0.6) text += `${pick(ROLE)}\n`;
      if (rnd() < 0.6) line(rnd() < 0.5 ? '{O} | {L}' : '{O}');
    } else if (kind < 0.78) {
      // list or table
      const head = pick(LIST_HEAD[lang]);
      text += head + '\n';
      const table = head.includes('|');
      for (let i = 0, k = 2 + Math.floor(rnd() * 4); i < k; i++) {
        if (table) line(`{P} | ${pick(['Data', 'Sales', 'Legal', 'Ops', 'HR'])} | {L}`);
        else if (rnd() < 0.2) line(`${i + 1}. {O}${rnd() < 0.5 ? ' - {F}' : ''}`);
        else line(`${pick(['- ', '* ', '• ', ''])}{P}${rnd() < 0.2 ? ' ({O})' : ''}`);
      }
      if (rnd() < 0.5) line(`${PLACE_WORD[lang]} {L}`);
    } else {
      // forum post / note, with a handle now and then
      if (rnd() < 0.3) text += `Re: ${pick(PLAIN[lang]).replace(/[.!]$/, '')}\n`;
      for (let i = 0, k = 1 + Math.floor(rnd() * 3); i < k; i++) {
        const tpl = rnd() < 0.2 ? pick(PLAIN[lang]) : pick(SAY[lang]);
        line(rnd() < 0.2 ? `{H} ${tpl}` : tpl);
      }
    }
    text = text.replace(/\n+$/, '');
    // registers people type: all lower case, or all capitals (only where the case mapping keeps
    // every offset: "ß" becomes "SS")
    const c = rnd();
    const mapped = c < 0.15 ? text.toLowerCase() : c < 0.2 ? text.toUpperCase() : text;
    return { text: mapped.length === text.length ? mapped : text, spans };
  };

  const out: Sentence[] = [];
  while (out.length < n) out.push(doc(rnd() < 0.3 ? 'en' : pick(LANGS)));
  return out;
}
