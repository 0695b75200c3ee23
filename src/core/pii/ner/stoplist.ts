/**
 * Words that a model span must not consist of alone: they look like names (capitalised, or in
 * capitals) but name no one. Checked case-insensitively, per word; a span is dropped only when
 * every word in it is listed ("General Questions", "ASAP", "Peruvian"), so "Bank of Peru" stays.
 */
const words = (s: string) => s.split(/\s+/).filter(Boolean);

/** Month and weekday names (en, de, pt, da, sv, nl, fr, es). */
const CALENDAR = new Set(
  words(`january february march april may june july august september october november december
  monday tuesday wednesday thursday friday saturday sunday jan feb mar apr jun jul aug sep sept oct nov dec
  januar februar märz juni juli oktober dezember montag dienstag mittwoch donnerstag freitag samstag sonntag
  janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro
  segunda terça quarta quinta sexta sábado domingo marts maj mandag tirsdag onsdag torsdag fredag lørdag søndag
  januari februari mars augusti måndag tisdag lördag söndag maart mei augustus maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
  janvier février avril mai juin juillet août septembre octobre novembre décembre lundi mardi mercredi jeudi vendredi samedi dimanche
  enero febrero marzo mayo junio julio septiembre octubre noviembre diciembre lunes martes miércoles jueves viernes sábado`),
);

const STOP = new Set(
  words(`
  american americans british english french german germans italian spanish portuguese dutch danish swedish
  norwegian finnish icelandic polish russian ukrainian chinese japanese korean vietnamese thai indian
  pakistani african nigerian kenyan ghanaian european asian latin latino latina arab arabic persian
  turkish greek mexican brazilian peruvian chilean argentinian colombian canadian australian irish
  scottish welsh western eastern northern southern western-style
  muslim muslims christian christians catholic catholics protestant protestants jewish jew jews hindu
  hindus buddhist buddhists sikh sikhs islamic islamist orthodox evangelical atheist
  democrat democrats republican republicans democratic socialist socialists communist communists
  liberal liberals conservative conservatives marxist fascist nationalist leftist
  deutsch deutsche deutscher deutschen dänisch schwedisch englisch französisch amerikanisch
  christlich katholisch evangelisch muslimisch jüdisch
  dansk danske svensk svenska svenske norsk engelsk tysk tyske
  português portuguesa portugueses brasileiro brasileira brasileiros inglês alemão alemã francês
  católico católica católicos evangélico evangélicos muçulmano judeu
  nederlands nederlandse duits frans engels français française anglais allemand espagnol
  catholique protestant musulman juif español española inglés alemán francés católico musulmán judío
  ceo cfo cto coo vp svp evp hr it pr qa ui ux asap eta fyi faq tbd tba rsvp aka diy
  usd eur gbp chf sek dkk nok brl jpy cny inr aud cad ok okay lol omg btw imo imho thx pls
  ssn sin nino iban bic swift pin puk cvv cvc vat tin ein itin nif nie dni cpf cnpj cpr bsn nir
  dob otp mfa
  manager director president chairman chairwoman chair secretary treasurer engineer developer
  consultant analyst assistant intern officer head lead senior junior principal associate partner
  professor doctor nurse lawyer accountant
  general project meeting notes agenda summary update updates minutes report questions question
  answers faq introduction conclusion overview background attendees apologies subject regards
  team department finance sales legal operations marketing support customer service
  welcome hello hi hey thanks thank dear best kind cheers
  what when where who whom whose why how which explain describe tell summarise summarize write
  was wann wo wer wen wem warum wieso weshalb wie welche welcher welches erkläre erzähle beschreibe schreib schreibe
  que quando onde quem porque porquê como qual quais quantos quantas quanto explica descreve escreve conta
  hvad hvornår hvor hvem hvorfor hvordan hvilken hvilke fortæl forklar beskriv skriv
  vad när vem varför hur vilken vilket vilka berätta förklara beskriv skriv
  wat wanneer waar wie waarom hoe welke hoeveel vertel leg beschrijf schrijf
  quoi quand où qui pourquoi comment quel quelle quels quelles combien raconte explique décris écris
  qué cuál cuáles cuándo dónde quién quiénes cómo cuánto cuánta cuántos cuántas explícame cuéntame describe escribe resume
  `),
);

/** Common words that are also given names: a name only when something says so. */
const AMBIGUOUS = new Set(
  words(`will hope mark may june april august bill rose grace faith joy sunny summer
  dawn holly ivy lily daisy heather violet iris jack frank drew chase gene art
  rich penny sandy miles max page lane bob pat sue ray rob guy`),
);

export function isCalendarWord(w: string): boolean {
  return CALENDAR.has(w.toLowerCase());
}
export function isStopWord(w: string): boolean {
  return STOP.has(w.toLowerCase()) || CALENDAR.has(w.toLowerCase());
}
export function isAmbiguousName(w: string): boolean {
  return AMBIGUOUS.has(w.toLowerCase());
}
