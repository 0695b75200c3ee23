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
import {
  FAKER_AIRLINES,
  FAKER_CITIES,
  FAKER_COMPANY_NOUNS,
  FAKER_COUNTRIES,
  FAKER_FIRST_NAMES,
  FAKER_LAST_NAMES,
  FAKER_LEGAL_FORMS,
  FAKER_STATES,
  FAKER_TEAM_CREATURES,
} from './faker-data.ts';

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

/**
 * English in the register of the sources (reviews, forum answers, e-mails, news, tweets) with
 * typed organisation slots: {B} local business, {G} agency / party / armed group, {C} company,
 * {U} university / school / hospital, {T} sports team or band, {N} news outlet.
 */
const WEB = [
  'We had dinner at {B} last night and the food was amazing.',
  'I took my car to {B} and they fixed it in an hour.',
  'Stay away from {B}, worst service ever!',
  '{B} is the best pizza place in {L}.',
  'The staff at {B} were friendly and helpful.',
  'I have been going to {B} for years and never had a problem.',
  'Called {B} twice and nobody answered the phone.',
  'Great experience with {B}, highly recommend them.',
  'If you are in {L}, check out {B} on Main Street.',
  'My family has used {B} since we moved to {L}.',
  'Dr. {S} at {B} is very thorough.',
  'Thanks to {F} at {B} for the quick help.',
  'The manager, {F}, gave us a discount.',
  '{F} was our server and she was great.',
  'Ask for {F}, he knows everything about bikes.',
  'I bought my phone at {C} and it broke after a week.',
  'Does anyone know if {C} ships to {L}?',
  'I switched from {C} to {C} and my bill went down.',
  'Has anyone worked for {C}? How is the pay?',
  'My brother works at {C} in {L}.',
  'Flew {C} from {L} to {L}, the seats were tiny.',
  'I think {U} has a good engineering program.',
  'She graduated from {U} in 2009.',
  'He is a professor at {U} in {L}.',
  'My daughter was born at {U}.',
  '{T} won again last night!',
  'Saw {T} live in {L} last week, great show.',
  '{T} beat {T} 3-1 on Sunday.',
  'Is {T} touring {L} this year?',
  'Officials from {G} met in {L} on Tuesday.',
  '{G} said it would not comment on the attack.',
  'A spokesman for {G} denied the report.',
  'Fighters loyal to {G} took control of {L}.',
  'The {G} has opened an investigation.',
  'Talks between {G} and {G} collapsed in {L}.',
  '{P}, a spokesman for {G}, said the talks would continue.',
  'According to {N}, {P} will resign next week.',
  '{N} reported that {C} is cutting jobs in {L}.',
  'I read it in {N} this morning.',
  '{P} told {N} that {G} had no plans to leave {L}.',
  '{S} said in an interview with {N}.',
  'Please send the revised draft to {F} and {F} by Friday.',
  '{F}, can you call {P} at {C} about the contract?',
  'Attached is the agreement with {C}. Let me know if {F} has comments.',
  'I spoke with {F} {S} from {C} this morning.',
  'Per our conversation, {C} will provide the data to {F}.',
  'Thanks, {F}',
  '{F} - see below. {F}',
  'FYI, {P} is leaving {C} at the end of the month.',
  '{P} will be in {L} next week for the {C} meeting.',
  'Can you forward this to {F}?',
  'Hi {F}, hope all is well in {L}.',
  'Any good hotels near {L}?',
  'What language do they speak in {L}?',
  'How far is {L} from {L} by train?',
  'We are moving from {L} to {L} in June.',
  'Are there any Koreans living in {L}?',
  'The best time to visit {L} is in spring.',
  'I lived in {L} for ten years before moving to {L}.',
  'Traffic in {L} is terrible today.',
  'just landed in {L} !!',
  'omg {F} is so funny',
  'happy birthday {F} !!!',
  'watching {T} with {F} tonight',
  'cant wait to see {T} in {L}',
  '{F} and {F} at the {B} lol',
  'RT @user: {P} is coming to {L}',
  'Who is the president of {L}?',
  'Does {P} still play for {T}?',
  'Why did {P} leave {T}?',
  'My name is {F} and I am from {L}.',
  '{P} was elected mayor of {L} in 2010.',
  'The minister, {P}, visited {L} and {L}.',
  'Forces of {G} entered {L} on Monday.',
  '{G} claimed responsibility for the bombing in {L}.',
  '{C} shares fell 5% after the announcement.',
  '{C} agreed to buy {C} for $2 billion.',
  'The lawsuit against {C} was filed in {L}.',
  '{P} of {C} said demand was strong.',
];

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
  'The food was great and the prices were reasonable.',
  'Do not go here, they will rip you off.',
  'I have a question about my bill.',
  'Best Pizza Ever',
  'Friendly Staff And Great Prices',
  'Highly Recommended!',
  'Can anyone recommend a good dentist?',
  'The Department said it would review the policy.',
  'The Company reported higher profits.',
  'Please see the attached file.',
  'Let me know if you have any questions.',
  'Thanks for your help!',
  'The President spoke on Tuesday.',
  'The University is closed on Monday.',
  'Great Service, Will Come Back',
  'lol that was so funny',
  'cant wait for the weekend',
  'Is it worth the money?',
  'I Love This Place',
  'Our Team Won The Game',
];

export interface SynthOptions {
  /** Share of English web-register templates (reviews, forums, e-mails, news, tweets). */
  web?: number;
  /** Share of names and places drawn from @faker-js/faker's locale lists. */
  faker?: number;
}

export function generate(n: number, seed: number, opts: SynthOptions = {}): Sentence[] {
  const webShare = opts.web ?? 0.4;
  const fakerShare = opts.faker ?? 0;
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
  const cap = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);
  const invent = (): string => {
    let w = '';
    const n = 2 + Math.floor(rnd() * 2);
    for (let i = 0; i < n; i++) w += pick(SYL);
    return cap(w);
  };
  const fromLocales = (lists: readonly (readonly string[])[]): string => pick(pick(lists));
  /** An invented name (share `inventShare`), else faker's (share fakerShare) or the hand list's. */
  const nameFrom =
    (inventShare: number, hand: readonly string[], faker: readonly (readonly string[])[]) =>
    (): string => {
      const r = rnd();
      return r < inventShare ? invent() : r < 1 - fakerShare ? pick(hand) : fromLocales(faker);
    };
  const firstName = nameFrom(0.15, FIRST_NAMES, FAKER_FIRST_NAMES);
  const lastName = nameFrom(0.2, LAST_NAMES, FAKER_LAST_NAMES);
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
    if (r < 0.3) return pick(CITIES);
    if (r < 0.5) return fromLocales(FAKER_CITIES);
    if (r < 0.57)
      return `${invent()}${pick(['burg', 'ville', 'stad', 'by', 'holm', 'ton', 'heim', ''])}`;
    if (r < 0.75) return pick(REGIONS);
    if (r < 0.82) return pick(FAKER_COUNTRIES);
    if (r < 0.9) return pick(FAKER_STATES);
    return `${pick(CITIES)}, ${pick(REGIONS)}`;
  };
  const company = (lang: string): string => {
    const r = rnd();
    if (r < 0.25) return pick(KNOWN_ORGS);
    if (r < 0.33) return pick(FAKER_AIRLINES);
    // faker's company-name patterns: "Last - Last", "Last Legal", "Last, Last and Last"
    if (r < 0.43) return `${lastName()}${pick(['-', ' - '])}${lastName()}`;
    if (r < 0.53)
      return `${lastName()} ${rnd() < 0.5 ? pick(FAKER_LEGAL_FORMS) : pick(ORG_SUFFIXES[lang] ?? ORG_SUFFIXES.en ?? [])}`;
    if (r < 0.6)
      return `${lastName()}, ${lastName()} ${pick(['and', '&', 'und', 'et', 'y', 'e', 'og', 'och', 'en'])} ${lastName()}`;
    if (r < 0.7)
      return `${pick(ORG_STEMS)} ${cap(pick(FAKER_COMPANY_NOUNS))}${rnd() < 0.5 ? ` ${pick(ORG_SUFFIXES.en ?? [])}` : ''}`;
    if (r < 0.8)
      return `${invent()}${pick(['tech', 'soft', 'data', 'corp', 'ly', 'ify', 'io', ''])}`;
    if (r < 0.9) return `${pick(ORG_STEMS)} ${pick(ORG_SUFFIXES[lang] ?? ORG_SUFFIXES.en ?? [])}`;
    return `${lastName()} ${pick(['and Sons', '& Co.', 'Brothers', 'Group', 'Partners', 'Associates'])}`;
  };
  const BUSINESS = [
    'Pizza',
    'Pizzeria',
    'Grill',
    'Diner',
    'Cafe',
    'Bakery',
    'Bagels',
    'Auto Repair',
    'Auto Tech',
    'Garage',
    'Plumbing',
    'Dental',
    'Chiropractic',
    'Salon',
    'Spa',
    'Liquor',
    'Market',
    'Deli',
    'Hardware',
    'Motors',
    'Cleaners',
    'Pharmacy',
    'Books',
    'Fabrics',
    'Furniture',
    'Tire',
    'Limos',
    'Pet Hospital',
    'Veterinary Clinic',
    'Fitness',
    'Yoga',
    'Sushi',
    'Thai Kitchen',
    'Steakhouse',
    'Tavern',
    'Pub',
    'Hotel',
    'Inn',
    'Bar & Grill',
    'Movers',
    'Roofing',
    'Electric',
    'Law Office',
  ];
  const ADJ = [
    'Golden',
    'Blue',
    'Red',
    'Green',
    'Happy',
    'Great',
    'Royal',
    'Lucky',
    'Sunny',
    'Urban',
    'Old Town',
    'Main Street',
    'Family',
    'Prime',
    'Best',
    'Quick',
    'City',
    'Village',
    'Harbor',
    'Hilltop',
  ];
  const business = (): string => {
    const r = rnd();
    if (r < 0.35)
      return `${rnd() < 0.5 ? firstName() : lastName()}${pick(["'s", "'s", ' s', " 's"])} ${pick(BUSINESS)}`;
    if (r < 0.6) return `${pick(ADJ)} ${pick(BUSINESS)}`;
    if (r < 0.7) return `${rnd() < 0.5 ? firstName() : lastName()}${pick(["'s", " 's"])}`;
    if (r < 0.8) return `${pick(CITIES)} ${pick(BUSINESS)}`;
    if (r < 0.9) return `${invent()} ${pick(BUSINESS)}`;
    return pick(KNOWN_ORGS);
  };
  const ACRO = 'ABCDEFGHIJKLMNOPRSTUVW';
  const acronym = (): string => {
    let a = '';
    const n = 2 + Math.floor(rnd() * 3);
    for (let i = 0; i < n; i++) a += ACRO.charAt(Math.floor(rnd() * ACRO.length));
    return a;
  };
  const FIELDS = [
    'Defense',
    'State',
    'Justice',
    'Health',
    'Education',
    'Energy',
    'Agriculture',
    'Finance',
    'Interior',
    'Transport',
    'Labor',
    'Foreign Affairs',
    'Homeland Security',
    'Commerce',
  ];
  const agency = (): string => {
    const r = rnd();
    if (r < 0.25) return acronym();
    if (r < 0.45)
      return `${pick(['Department', 'Ministry', 'Office', 'Bureau'])} of ${pick(FIELDS)}`;
    if (r < 0.6)
      return `${pick(['National', 'Democratic', 'Islamic', 'Socialist', "People's", 'Liberal', 'Green', 'Free'])} ${pick(['Party', 'Front', 'Union', 'Army', 'Movement', 'Alliance', 'Council', 'Brigade'])}`;
    if (r < 0.72)
      return `${pick(['United Nations', 'European Union', 'African Union', 'World Bank', 'Red Cross', 'NATO', 'Interpol', 'Pentagon', 'Congress', 'Senate', 'Parliament', 'Supreme Court', 'Hamas', 'Hezbollah', 'Fatah', 'Taliban', 'al-Qaeda', 'FBI', 'CIA', 'NASA', 'EPA', 'FDA', 'WHO', 'UNICEF', 'IMF'])}`;
    if (r < 0.85) return `${invent()} ${pick(['Party', 'Army', 'Brigade', 'Movement', 'Front'])}`;
    return `${pick(['Association', 'Society', 'Council', 'Federation', 'Institute', 'Commission'])} of ${pick(['Scholars', 'Engineers', 'Teachers', 'Nurses', 'Lawyers', 'Physicians', 'Farmers'])}`;
  };
  const university = (): string => {
    const r = rnd();
    const c = rnd() < 0.5 ? pick(CITIES) : fromLocales(FAKER_CITIES);
    if (r < 0.3) return `University of ${c}`;
    if (r < 0.5)
      return `${c} ${pick(['University', 'State University', 'College', 'Community College', 'Institute of Technology'])}`;
    if (r < 0.65)
      return `${lastName()} ${pick(['College', 'University', 'High School', 'Academy'])}`;
    if (r < 0.8)
      return `${pick(['St.', 'Saint', 'Mount Sinai', 'General', 'Memorial', "Children's"])} ${pick(['Hospital', 'Medical Center'])}`;
    if (r < 0.9) return `${c} ${pick(['General Hospital', 'Medical Center', 'Clinic'])}`;
    return pick([
      'Harvard',
      'MIT',
      'Stanford',
      'Oxford',
      'Cambridge',
      'Yale',
      'Georgia Tech',
      'UCLA',
      'NYU',
      'Sorbonne',
      'ETH Zürich',
    ]);
  };
  const team = (): string => {
    const r = rnd();
    const creature = cap(pick(FAKER_TEAM_CREATURES)).replace(
      / (\p{L})/gu,
      (_, x: string) => ` ${x.toUpperCase()}`,
    );
    if (r < 0.45) return `${rnd() < 0.6 ? pick(CITIES) : fromLocales(FAKER_CITIES)} ${creature}`;
    if (r < 0.7) return `The ${creature}`;
    if (r < 0.85) return `${pick(ADJ)} ${creature}`;
    return `${pick(['FC', 'AC', 'Real', 'Sporting', 'Dynamo', 'Olympique'])} ${pick(CITIES)}`;
  };
  const outlet = (): string => {
    const r = rnd();
    if (r < 0.4)
      return pick([
        'Reuters',
        'BBC',
        'CNN',
        'NYT',
        'AP',
        'AFP',
        'Bloomberg',
        'Fox News',
        'Al Jazeera',
        'The Guardian',
        'Washington Post',
        'New York Times',
        'NY Times',
        'Wall Street Journal',
        'Der Spiegel',
        'Le Monde',
        'El País',
      ]);
    if (r < 0.75)
      return `The ${pick(CITIES)} ${pick(['Times', 'Post', 'Herald', 'Tribune', 'Gazette', 'Chronicle', 'Journal'])}`;
    return `${pick(CITIES)} ${pick(['Times', 'Post', 'Daily', 'News', 'Radio'])}`;
  };
  const org = (lang: string): string => {
    const r = rnd();
    if (r < 0.55) return company(lang);
    if (r < 0.7)
      return `${pick(['University of', 'Bank of', 'Museum of', 'Hospital of'])} ${pick(CITIES)}`;
    if (r < 0.8) return agency();
    if (r < 0.9) return university();
    return `${pick(LAST_NAMES)} ${pick(ORG_SUFFIXES[lang] ?? ORG_SUFFIXES.en ?? [])}`;
  };
  /** Tokenised-text look of some sources: "Frisco 's", spaces before punctuation. */
  const splitPossessive = (t: string): string => t.replace(/(\p{L})'s\b/gu, "$1 's");
  const spacePunct = (t: string): string =>
    t.replace(/(\S)([.,!?;:])(?=\s|$)/gu, '$1 $2').replace(/^([.,!?;:])/u, ' $1');
  const out: Sentence[] = [];
  while (out.length < n) {
    if (rnd() < 0.08) {
      out.push({ text: pick(NEG), spans: [] });
      continue;
    }
    const web = rnd() < webShare;
    const lang = web || rnd() < 0.35 ? 'en' : pick(langs);
    const tpl = web ? pick(WEB) : pick(T[lang] ?? []);
    let text = '';
    const spans: Span[] = [];
    const lower = rnd() < (web ? 0.12 : 0.05);
    const tok = web && rnd() < 0.2;
    const frag = (t: string): string => (tok ? spacePunct(t) : t);
    let last = 0;
    const re = /\{([PFSLOBGCUTN])\}/g;
    for (let m = re.exec(tpl); m; m = re.exec(tpl)) {
      text += frag(tpl.slice(last, m.index));
      last = m.index + m[0].length;
      const k = m[1];
      let v: string;
      let label: Span['label'];
      if (k === 'P') [v, label] = [person(), 'PERSON'];
      else if (k === 'F') [v, label] = [firstName(), 'PERSON'];
      else if (k === 'S') [v, label] = [lastName(), 'PERSON'];
      else if (k === 'L') [v, label] = [place(), 'LOCATION'];
      else if (k === 'B') [v, label] = [business(), 'ORGANIZATION'];
      else if (k === 'G') [v, label] = [agency(), 'ORGANIZATION'];
      else if (k === 'C') [v, label] = [company(lang), 'ORGANIZATION'];
      else if (k === 'U') [v, label] = [university(), 'ORGANIZATION'];
      else if (k === 'T') [v, label] = [team(), 'ORGANIZATION'];
      else if (k === 'N') [v, label] = [outlet(), 'ORGANIZATION'];
      else [v, label] = [org(lang), 'ORGANIZATION'];
      if (tok) v = splitPossessive(v);
      if (lower) v = v.toLowerCase();
      else if (rnd() < 0.02) v = v.toUpperCase();
      spans.push({ start: text.length, end: text.length + v.length, label });
      text += v;
    }
    text += frag(tpl.slice(last));
    if (lower) text = text.toLowerCase();
    out.push({ text, spans });
  }
  return out;
}
