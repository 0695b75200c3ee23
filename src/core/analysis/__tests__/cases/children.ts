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
  fresh: [],
};
