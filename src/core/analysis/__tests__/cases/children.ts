import type { CaseSets } from './types';

/** Children: a named or identified child's school record, custody, protection case or health. */
export const CHILDREN: CaseSets = {
  dev: [
    // en
    ['en', 'My son Leo (8) got a terrible school report, how do I talk to him?', 'children'],
    ['en', 'Write to the judge about the custody of our daughter Mia.', 'children'],
    ['en', 'Social services opened a child protection case on my nephew.', 'children'],
    ['en', 'Our 12-year-old has ADHD and the school wants an IEP.', 'health+children'],
    ['en', "My daughter's grades dropped after she was bullied at school.", 'children'],
    ['en', 'How is custody of children decided in Spain?', ''],
    ['en', 'Write a bedtime story for a 7-year-old.', ''],
    ['en', 'What are the signs of ADHD in children?', ''],
    ['en', 'How does child protection work in Sweden?', ''],
    ['en', 'My son asked why the sky is blue.', ''],
    // de
    ['de', 'Mein Sohn Paul (9) hat ein schlechtes Zeugnis bekommen.', 'children'],
    [
      'de',
      'Das Jugendamt hat wegen unserer Tochter eine Kindeswohlgefährdung gemeldet.',
      'children',
    ],
    ['de', 'Wir streiten um das Sorgerecht für unsere Kinder.', 'children'],
    ['de', 'Meine 14-jährige Tochter wird in der Schule gemobbt.', 'children'],
    ['de', 'Wie wird das Sorgerecht nach einer Scheidung geregelt?', ''],
    ['de', 'Schreibe eine Geschichte für Kinder ab 6 Jahren.', ''],
    ['de', 'Was macht das Jugendamt?', ''],
    // pt
    ['pt', 'O meu filho de 10 anos tem notas muito baixas a matemática.', 'children'],
    ['pt', 'Estamos a discutir a guarda da nossa filha no tribunal.', 'children'],
    ['pt', 'A CPCJ abriu um processo de promoção e proteção sobre a minha filha.', 'children'],
    ['pt', 'A minha filha de 13 anos sofre bullying na escola.', 'children'],
    ['pt', 'Como é decidida a guarda dos filhos em Portugal?', ''],
    ['pt', 'Escreve uma história para crianças de 5 anos.', ''],
    ['pt', 'O que faz o Conselho Tutelar?', ''],
    // da
    ['da', 'Min søn på 11 år har fået dårlige karakterer.', 'children'],
    ['da', 'Vi er uenige om forældremyndigheden over vores datter.', 'children'],
    ['da', 'Kommunen har lavet en underretning om vores barn.', 'children'],
    ['da', 'Min datter bliver mobbet i skolen.', 'children'],
    ['da', 'Hvordan fungerer forældremyndighed efter en skilsmisse?', ''],
    ['da', 'Skriv en godnathistorie til et barn på 5 år.', ''],
    ['da', 'Hvad er en underretning?', ''],
    // sv
    ['sv', 'Min dotter på 12 år har fått dåliga betyg i matte.', 'children'],
    ['sv', 'Vi bråkar om vårdnaden av vår son.', 'children'],
    ['sv', 'Socialtjänsten har fått en orosanmälan om mitt barn.', 'children'],
    ['sv', 'Min son blir mobbad i skolan.', 'children'],
    ['sv', 'Hur fungerar gemensam vårdnad i Sverige?', ''],
    ['sv', 'Skriv en saga för barn i 6-årsåldern.', ''],
    ['sv', 'Vad är en orosanmälan?', ''],
    // nl
    ['nl', 'Mijn zoon van 10 heeft slechte cijfers op zijn rapport.', 'children'],
    ['nl', 'We hebben ruzie over de voogdij van onze dochter.', 'children'],
    ['nl', 'Jeugdzorg heeft een melding gedaan over mijn kind.', 'children'],
    ['nl', 'Mijn dochter wordt gepest op school.', 'children'],
    ['nl', 'Hoe werkt de voogdij na een scheiding?', ''],
    ['nl', 'Schrijf een verhaaltje voor kinderen van 6 jaar.', ''],
    ['nl', 'Wat doet Jeugdzorg?', ''],
    // fr
    ['fr', 'Mon fils de 11 ans a un très mauvais bulletin.', 'children'],
    ['fr', 'Nous sommes en conflit sur la garde de notre fille.', 'children'],
    ['fr', "L'aide sociale à l'enfance a ouvert un dossier sur mon enfant.", 'children'],
    ['fr', "Ma fille est harcelée à l'école.", 'children'],
    ['fr', 'Comment est décidée la garde des enfants en France ?', ''],
    ['fr', 'Écris une histoire pour des enfants de 6 ans.', ''],
    ['fr', "Que fait l'aide sociale à l'enfance ?", ''],
    // es
    ['es', 'Mi hijo de 12 años ha sacado malas notas.', 'children'],
    ['es', 'Estamos peleando por la custodia de nuestra hija.', 'children'],
    ['es', 'Servicios sociales abrió un expediente de protección sobre mi hijo.', 'children'],
    ['es', 'Mi hija sufre acoso escolar.', 'children'],
    ['es', '¿Cómo se decide la custodia de los hijos en España?', ''],
    ['es', 'Escribe un cuento para niños de 5 años.', ''],
    ['es', '¿Qué hacen los servicios sociales de protección de menores?', ''],
  ],
  fresh: [
    // en
    ['en', 'My 14-year-old was caught vaping at school and is now suspended.', 'children'],
    ['en', "Help me write to the school about my son's dyslexia assessment.", 'health+children'],
    ['en', 'The court gave my ex full custody of our kids.', 'children'],
    ['en', 'Our foster daughter has contact with her birth mother on Sundays.', 'children'],
    ['en', 'My daughter Ella, 9, has been referred to CAMHS.', 'health+children', 'Ella'],
    ['en', 'What age can children stay home alone in the UK?', ''],
    ['en', 'Write a story about a boy who finds a dragon.', ''],
    ['en', 'How are school grades calculated in Finland?', ''],
    ['en', "Tips for a 5-year-old's birthday party.", ''],
    // de
    [
      'de',
      'Unser Sohn hat eine Fünf in Mathe und muss vielleicht die Klasse wiederholen.',
      'children',
    ],
    ['de', 'Meine Ex-Frau will das alleinige Sorgerecht für Lena.', 'children', 'Lena'],
    ['de', 'Das Jugendamt hat unsere Tochter in Obhut genommen.', 'children'],
    ['de', 'Mein Kind wird in der Kita von anderen Kindern gebissen.', 'children'],
    ['de', 'Ab wann dürfen Kinder allein Bus fahren?', ''],
    ['de', 'Schreibe ein Märchen für Kinder.', ''],
    ['de', 'Wie funktioniert das Notensystem in Bayern?', ''],
    // pt
    ['pt', 'O meu filho tem dislexia e as notas estão a piorar.', 'health+children'],
    ['pt', 'A mãe do meu filho não me deixa vê-lo, apesar do regime de visitas.', 'children'],
    ['pt', 'A escola chamou a CPCJ por causa das faltas do meu sobrinho de 12 anos.', 'children'],
    ['pt', 'A minha filha de 8 anos foi diagnosticada com autismo.', 'health+children'],
    ['pt', 'Com que idade as crianças começam a escola em Portugal?', ''],
    ['pt', 'Escreve uma canção de embalar para bebés.', ''],
    ['pt', 'Como funciona a guarda partilhada em Portugal?', ''],
    // da
    ['da', 'Min søn skal i specialklasse efter sommerferien.', 'children'],
    ['da', 'Kommunen vil anbringe vores datter uden for hjemmet.', 'children'],
    ['da', 'Min ekskone nægter mig samvær med børnene.', 'children'],
    ['da', 'Vores barn på 4 år er blevet diagnosticeret med autisme.', 'health+children'],
    ['da', 'Hvornår må børn være alene hjemme?', ''],
    ['da', 'Skriv en historie om en dreng og hans hund.', ''],
    ['da', 'Hvordan fungerer karaktersystemet i Danmark?', ''],
    // sv
    ['sv', 'Min son har fått underkänt i tre ämnen.', 'children'],
    ['sv', 'Socialtjänsten har gjort en utredning om vår dotter.', 'children'],
    ['sv', 'Pappan vill ha ensam vårdnad om vårt barn.', 'children'],
    ['sv', 'Vår 10-åring blir retad och slagen på rasterna.', 'children'],
    ['sv', 'Hur gammal måste man vara för att få ett eget bankkonto?', ''],
    ['sv', 'Skriv en godnattsaga om en björn.', ''],
    ['sv', 'Hur fungerar betygssystemet i Sverige?', ''],
    // nl
    ['nl', 'Mijn dochter van 13 is geschorst van school.', 'children'],
    ['nl', 'Veilig Thuis heeft een melding gekregen over ons gezin en onze kinderen.', 'children'],
    ['nl', 'Mijn ex wil de omgangsregeling met onze zoon stopzetten.', 'children'],
    ['nl', 'Ons kind heeft een diagnose autisme gekregen.', 'health+children'],
    ['nl', 'Vanaf welke leeftijd mogen kinderen alleen naar school fietsen?', ''],
    ['nl', 'Schrijf een verhaal over een meisje en een draak.', ''],
    ['nl', 'Hoe werkt het rapportcijfer op de middelbare school?', ''],
    // fr
    ['fr', 'Ma fille de 12 ans est harcelée sur les réseaux sociaux.', 'children'],
    ['fr', 'Le juge des enfants a ordonné le placement de mon neveu.', 'children'],
    ['fr', 'Mon ex refuse de respecter le droit de visite pour notre fils.', 'children'],
    ['fr', 'Mon fils a été renvoyé de son collège.', 'children'],
    ['fr', 'À quel âge un enfant peut-il rester seul à la maison ?', ''],
    ['fr', 'Écris une histoire pour endormir un enfant.', ''],
    ['fr', 'Comment fonctionne la garde alternée en France ?', ''],
    // es
    ['es', 'A mi hijo le han expulsado del instituto tres días.', 'children'],
    ['es', 'Los servicios sociales quieren retirarnos la custodia de nuestra hija.', 'children'],
    [
      'es',
      'Mi hija de 6 años tiene asma y el colegio no quiere darle la medicación.',
      'health+children',
    ],
    ['es', 'Mi exmujer no cumple el régimen de visitas con los niños.', 'children'],
    ['es', '¿A qué edad pueden los niños ir solos al colegio?', ''],
    ['es', 'Escribe un cuento sobre un niño y su perro.', ''],
    ['es', '¿Cómo funciona la custodia compartida en España?', ''],
  ],
  fresh2: [
    // en
    ['en', 'My daughter (11) has been excluded from school for fighting.', 'children'],
    ['en', "Our son's teacher says he needs an assessment for autism.", 'health+children'],
    ['en', "Write to the social worker about my nephew's foster placement.", 'children'],
    ['en', 'How many children are in foster care in England?', ''],
    ['en', "Ideas for a 10-year-old's science project.", ''],
    // de
    ['de', 'Unser Sohn ist sitzengeblieben, wie reden wir mit ihm?', 'children'],
    [
      'de',
      'Das Familiengericht entscheidet nächste Woche über das Umgangsrecht für meine Tochter.',
      'children',
    ],
    ['de', 'Wie funktioniert das Wechselmodell nach einer Trennung?', ''],
    // pt
    ['pt', 'O meu filho de 9 anos reprovou no terceiro ano.', 'children'],
    [
      'pt',
      'Tenho a guarda partilhada do meu filho e o pai não paga a pensão de alimentos.',
      'children',
    ],
    ['pt', 'Como funciona a adoção em Portugal?', ''],
    // da
    ['da', 'Min søn på 13 har fået en advarsel i skolen for mobning.', 'children'],
    ['da', 'Vi er ved at få anbragt vores barnebarn i en plejefamilie.', 'children'],
    ['da', 'Hvordan fungerer fælles forældremyndighed?', ''],
    // sv
    ['sv', 'Min dotter är avstängd från skolan i en vecka.', 'children'],
    ['sv', 'Socialtjänsten har gjort en orosanmälan om min systers barn.', 'children'],
    ['sv', 'Hur fungerar betyg i grundskolan?', ''],
    // nl
    ['nl', 'Mijn zoon van 14 is gepest en wil niet meer naar school.', 'children'],
    [
      'nl',
      'De rechter heeft een ondertoezichtstelling uitgesproken voor onze dochter.',
      'children',
    ],
    ['nl', 'Wanneer krijgen kinderen hun eerste rapport?', ''],
    // fr
    ['fr', 'Mon fils de 15 ans va redoubler sa seconde.', 'children'],
    [
      'fr',
      'Le juge aux affaires familiales a fixé la garde alternée pour nos enfants.',
      'children',
    ],
    ['fr', "Comment fonctionne l'aide sociale à l'enfance ?", ''],
    // es
    ['es', 'Mi hija de 10 años tiene muy malas notas en matemáticas.', 'children'],
    ['es', 'Los servicios sociales han retirado la custodia a mi vecina.', 'children'],
    ['es', '¿Cómo se tramita la custodia compartida?', ''],
  ],
  gaps: {
    'Min søn på 13 har fået en advarsel i skolen for mobning.':
      '"advarsel" (a warning) is an hr word; a warning at school is not',
    'Mein Kind wird in der Kita von anderen Kindern gebissen.':
      'an injury at day care is not in the lexicon; no record, age or health word',
  },
};
