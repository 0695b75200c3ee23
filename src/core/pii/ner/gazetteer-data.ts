/**
 * Hand-written gazetteers (project's own work, see training/LICENSES.md): used to synthesise NER
 * training sentences and, at run time, as a per-token feature of the NER model.
 * Common given names, family names, places and organisation patterns across en, de, pt, da, sv,
 * nl, fr, es plus a broad international spread so the model learns shapes, not a closed list.
 */
export const FIRST_NAMES =
  `James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen Christopher Nancy Daniel Lisa Matthew Betty Anthony Margaret Mark Sandra Donald Ashley Steven Kimberly Paul Emily Andrew Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian Melissa George Deborah Timothy Stephanie Ronald Rebecca Edward Sharon Jason Laura Jeffrey Cynthia Ryan Kathleen Jacob Amy Gary Angela Nicholas Shirley Eric Anna Jonathan Brenda Stephen Pamela Larry Emma Justin Nicole Scott Helen Brandon Samantha Benjamin Katherine Samuel Christine Gregory Debra Alexander Rachel Frank Carolyn Patrick Janet Raymond Catherine Jack Maria Dennis Heather Jerry Diane Tyler Ruth Aaron Julie Jose Olivia Adam Joyce Henry Virginia Nathan Victoria Douglas Kelly Zachary Lauren Peter Christina Kyle Joan Ethan Evelyn Walter Judith Noah Megan Jeremy Andrea Christian Cheryl Keith Hannah Roger Jacqueline Terry Martha Gerald Gloria Harold Teresa Sean Ann Austin Sara Carl Madison Arthur Frances Lawrence Kathryn Dylan Janice Jesse Jean Jordan Abigail Bryan Alice Billy Judy Joe Sophia Bruce Grace Gabriel Denise Logan Amber Albert Doris Willie Marilyn Alan Danielle Juan Beverly Wayne Isabella Elijah Theresa Randy Diana Roy Natalie Vincent Brittany Ralph Charlotte Eugene Marie Russell Kayla Bobby Alexis Mason Lori Philip Liam Chloe Oliver Lucas Mia Harper Aria Leo
Hans Klaus Jürgen Günter Dieter Wolfgang Uwe Stefan Andreas Thomas Michael Frank Jörg Matthias Sebastian Tobias Lukas Felix Jonas Maximilian Leon Paul Finn Elias Ursula Monika Petra Sabine Renate Helga Karin Brigitte Ingrid Gisela Angela Anja Katrin Nicole Stefanie Julia Lena Laura Lea Hannah Sophie Marie Emilia Mila Greta Ida Frieda Annegret Heike Birgit Dörte Jens Sören Björn Kai Knut Gerhard Horst Helmut Heinz Manfred Rüdiger Ulrich Volker Torsten Olaf Sigrid Hildegard Walburga
João José António Francisco Manuel Luís Carlos Pedro Paulo Rui Miguel Tiago Ricardo Nuno Bruno André Gonçalo Diogo Rodrigo Afonso Duarte Maria Ana Joana Beatriz Mariana Inês Catarina Rita Sofia Leonor Matilde Carolina Margarida Francisca Teresa Fernanda Gabriela Luíza Letícia Thiago Gustavo Rafael Felipe Eduardo Vinícius Caio Henrique Luana Larissa Camila Juliana Bruna Amanda Raquel Conceição Graça Fátima
Mads Søren Rasmus Anders Jesper Morten Henrik Lars Niels Jens Mikkel Frederik Magnus Emil Oskar Mette Hanne Susanne Lone Pia Dorthe Kirsten Anne Camilla Maja Freja Ida Signe Astrid Karen Bodil Inger Lise Ole Poul Bent Erik Kristian Torben
Lars Anders Johan Karl Erik Per Nils Mikael Sven Gustav Olof Björn Fredrik Henrik Oskar Axel Hugo Elsa Astrid Ingrid Kerstin Birgitta Margareta Eva Karin Kristina Lena Maja Ebba Alva Saga Linnea Elin Sigrid Agneta Annika Ulla Gunnar Stig Leif Göran Åsa
Jan Pieter Kees Henk Johan Willem Bart Thijs Daan Sem Ruben Joris Koen Sander Bram Lieke Sanne Femke Anouk Lotte Fleur Eva Marieke Annemiek Ingrid Wilma Joke Ineke Geert Gerrit Hendrik Jeroen Maarten Floor Mirjam Saskia
Jean Pierre Michel Philippe Alain Nicolas François Christophe Laurent Julien Olivier Sébastien Antoine Mathieu Guillaume Théo Hugo Louis Gabriel Arthur Raphaël Marie Nathalie Isabelle Sylvie Catherine Françoise Valérie Sandrine Céline Chloé Camille Léa Manon Emma Inès Jade Louise Amélie Aurélie Élodie Hélène Benoît Gérard Thierry Yves Émile Cécile Mathilde Margaux
José Antonio Manuel Francisco Juan David Javier Daniel Carlos Jesús Alejandro Miguel Rafael Pablo Sergio Fernando Jorge Alberto Álvaro Diego Adrián Iván Raúl Rubén Óscar María Carmen Josefa Isabel Ana Dolores Pilar Teresa Rosa Cristina Lucía Paula Laura Marta Elena Sara Andrea Nerea Alba Irene Noelia Rocío Begoña Montserrat Ainhoa Iñaki Xabier Jordi Núria
Mohammed Ahmed Ali Omar Fatima Aisha Yusuf Ibrahim Hassan Hussein Layla Zainab Mustafa Khalid Amina Mehmet Ayşe Emre Elif Murat Zeynep Burak Wei Li Jing Ming Hui Xin Yan Hiroshi Yuki Haruto Sakura Takashi Kenji Aiko Min-jun Ji-woo Seo-yeon Raj Priya Amit Anjali Rahul Deepak Sunita Arjun Kavya Vikram Rajesh Kwame Kofi Ama Chinedu Ngozi Oluwaseun Tunde Amara Olga Ivan Dmitri Natasha Sergei Anastasia Svetlana Igor Piotr Katarzyna Tomasz Agnieszka Marek Magdalena Jiří Šárka Petr Tereza Jana Lukáš Zuzana Ferenc Zsófia László Bence Andrei Ioana Mihai Elena Nikos Eleni Giorgos Dimitra Marco Giulia Luca Francesca Giuseppe Alessandro Chiara Matteo Sofia Lorenzo Valentina Rubija Dragan Milica Stjepan Ivana Goran Tiina Juha Mikko Aino Sigurður Guðrún`
    .split(/\s+/)
    .filter(Boolean);

export const LAST_NAMES =
  `Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez O'Brien O'Connor McDonald McCarthy MacLeod Fitzgerald Sullivan Murray Christiansen Obama Clinton Trump Bush Biden Merkel Johnson Thatcher Churchill Blair Sunak
Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner Schmitz Krause Meier Lehmann Schmid Schulze Maier Köhler Herrmann König Walter Mayer Huber Kaiser Fuchs Peters Lang Scholz Möller Weiß Jung Hahn Vogel Friedrich Günther Keller Berger Frank Steinmeier Scholz Lindner Habeck Baerbock Söder Kohl Adenauer Brandt
Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins Jesus Sousa Fernandes Gonçalves Gomes Lopes Marques Alves Almeida Ribeiro Pinto Carvalho Teixeira Moreira Correia Mendes Nunes Soares Vieira Monteiro Cardoso Rocha Neves Coelho Cunha Pires Ramos Reis Simões Antunes Matos Fonseca Machado Araújo Barbosa Tavares Lourenço Castro Figueiredo Azevedo Freitas Lula Bolsonaro
Jensen Nielsen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen Jørgensen Petersen Madsen Kristensen Olsen Thomsen Poulsen Johansen Møller Mortensen Frederiksen Løkke Kierkegaard
Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson Pettersson Jonsson Jansson Hansson Bengtsson Lindberg Lindström Lindqvist Lundberg Bergström Holm Nyström Sjöberg Åberg Löfven Kristersson
Jansen Bakker Visser Smit Meijer Boer Mulder Groot Bos Vos Peters Hendriks Dekker Dijkstra Brouwer Vermeulen Kok Jacobs Willems Rutte Verhoeven Schouten Hoekstra Koster Prins Huisman Kuipers Postma
Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Lefèvre Mercier Dupont Lambert Bonnet François Martinez Macron Chirac Mitterrand Lemaire Rousseau Blanchard Gauthier Chevalier
García Fernández González Rodríguez López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz Hernández Díaz Moreno Muñoz Álvarez Romero Alonso Gutiérrez Navarro Torres Domínguez Vázquez Ramos Gil Ramírez Serrano Blanco Molina Morales Suárez Ortega Delgado Castro Ortiz Rubio Marín Sanz Iglesias Núñez Medina Garrido Sánchez Echeverría Etxeberria
Khan Ahmed Ali Hussain Rahman Yilmaz Kaya Demir Şahin Çelik Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Park Choi Jung Kang Sharma Singh Kumar Gupta Reddy Iyer Mehta Okafor Mensah Adeyemi Okonkwo Ivanov Petrov Smirnov Volkov Kowalski Nowak Wiśniewski Wójcik Novák Svoboda Dvořák Ottová Horváth Nagy Kovács Popescu Ionescu Papadopoulos Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti Horvat Kovačević Petrović Virtanen Korhonen Nieminen Jónsson`
    .split(/\s+/)
    .filter(Boolean);

export const CITIES =
  `London|Manchester|Birmingham|Leeds|Glasgow|Edinburgh|Liverpool|Bristol|Cardiff|Belfast|Dublin|Cork|Oxford|Cambridge|York|Brighton|Berlin|Hamburg|München|Munich|Köln|Cologne|Frankfurt|Stuttgart|Düsseldorf|Leipzig|Dortmund|Essen|Bremen|Dresden|Hannover|Nürnberg|Duisburg|Bochum|Bonn|Münster|Mannheim|Karlsruhe|Augsburg|Wiesbaden|Freiburg|Heidelberg|Rostock|Kiel|Potsdam|Wien|Vienna|Graz|Salzburg|Innsbruck|Zürich|Zurich|Genf|Geneva|Bern|Basel|Lausanne|Lisboa|Lisbon|Porto|Braga|Coimbra|Faro|Aveiro|Funchal|Setúbal|Évora|København|Copenhagen|Aarhus|Odense|Aalborg|Esbjerg|Randers|Kolding|Horsens|Vejle|Roskilde|Helsingør|Stockholm|Göteborg|Gothenburg|Malmö|Uppsala|Västerås|Örebro|Linköping|Helsingborg|Jönköping|Norrköping|Lund|Umeå|Oslo|Bergen|Trondheim|Stavanger|Helsinki|Tampere|Turku|Reykjavík|Amsterdam|Rotterdam|Utrecht|Eindhoven|Groningen|Tilburg|Almere|Breda|Nijmegen|Haarlem|Arnhem|Leiden|Maastricht|Delft|Zwolle|Antwerpen|Antwerp|Gent|Brugge|Brussel|Brussels|Bruxelles|Liège|Leuven|Luxembourg|Paris|Marseille|Lyon|Toulouse|Nice|Nantes|Strasbourg|Montpellier|Bordeaux|Lille|Rennes|Reims|Toulon|Grenoble|Dijon|Angers|Nîmes|Brest|Limoges|Tours|Amiens|Metz|Besançon|Perpignan|Orléans|Rouen|Caen|Nancy|Madrid|Barcelona|Valencia|Sevilla|Seville|Zaragoza|Málaga|Murcia|Palma|Bilbao|Alicante|Córdoba|Valladolid|Vigo|Gijón|Granada|Oviedo|Pamplona|Salamanca|Toledo|Cádiz|Rome|Roma|Milan|Milano|Naples|Napoli|Turin|Torino|Florence|Firenze|Venice|Venezia|Bologna|Genoa|Palermo|Athens|Istanbul|Ankara|Izmir|Warsaw|Kraków|Prague|Brno|Budapest|Bucharest|Sofia|Belgrade|Zagreb|Ljubljana|Bratislava|Moscow|Kyiv|Kiev|Minsk|Riga|Tallinn|Vilnius|Tokyo|Osaka|Kyoto|Yokohama|Beijing|Shanghai|Shenzhen|Guangzhou|New York|Los Angeles|Chicago|Houston|Phoenix|Philadelphia|San Antonio|San Diego|Dallas|San Jose|Austin|Seattle|Denver|Boston|Detroit|Nashville|Portland|Las Vegas|Miami|Atlanta|San Francisco|Washington|Baltimore|Milwaukee|Albuquerque|Tucson|Fresno|Sacramento|Kansas City|Omaha|Raleigh|Cleveland|Minneapolis|Tampa|New Orleans|Honolulu|Anchorage|Pittsburgh|Cincinnati|St. Louis|Salt Lake City|Toronto|Montreal|Vancouver|Ottawa|Calgary|Mexico City|Guadalajara|Monterrey|São Paulo|Rio de Janeiro|Brasília|Salvador|Fortaleza|Belo Horizonte|Manaus|Curitiba|Recife|Porto Alegre|Belém|Goiânia|Campinas|Luanda|Maputo|Santiago de Compostela|San Sebastián|Las Palmas|Buenos Aires|Bogotá|Lima|Santiago|Caracas|Quito|Montevideo|La Paz|Medellín|Havana|Hong Kong|Seoul|Busan|Taipei|Singapore|Bangkok|Hanoi|Jakarta|Manila|Kuala Lumpur|Mumbai|Delhi|New Delhi|Bangalore|Chennai|Kolkata|Hyderabad|Karachi|Lahore|Dhaka|Tehran|Baghdad|Dubai|Abu Dhabi|Riyadh|Doha|Tel Aviv|Jerusalem|Beirut|Amman|Cairo|Alexandria|Casablanca|Tunis|Algiers|Lagos|Abuja|Accra|Nairobi|Addis Ababa|Johannesburg|Cape Town|Durban|Kinshasa|Dakar|Sydney|Melbourne|Brisbane|Perth|Adelaide|Auckland|Wellington|Iguazu`
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean);

export const REGIONS =
  `United States|United Kingdom|Germany|Deutschland|Portugal|Brasil|Brazil|Denmark|Danmark|Sweden|Sverige|Norway|Norge|Finland|Iceland|Netherlands|Nederland|Holland|Belgium|België|Belgique|France|Spain|España|Italy|Italia|Austria|Österreich|Switzerland|Schweiz|Suisse|Ireland|Scotland|Wales|England|Poland|Polska|Czech Republic|Czechia|Slovakia|Hungary|Romania|Bulgaria|Greece|Turkey|Türkiye|Russia|Ukraine|Belarus|Serbia|Croatia|Slovenia|Bosnia|Albania|Estonia|Latvia|Lithuania|Canada|Mexico|México|Argentina|Chile|Colombia|Peru|Venezuela|Cuba|Jamaica|China|Japan|Korea|South Korea|North Korea|India|Pakistan|Bangladesh|Indonesia|Vietnam|Thailand|Philippines|Malaysia|Australia|New Zealand|Egypt|Morocco|Tunisia|Algeria|Nigeria|Ghana|Kenya|Ethiopia|South Africa|Iran|Iraq|Syria|Israel|Palestine|Lebanon|Saudi Arabia|Qatar|Afghanistan|Europe|Asia|Africa|America|North America|South America|Latin America|Middle East|Scandinavia|Bavaria|Bayern|Saxony|Sachsen|Hessen|Niedersachsen|Brandenburg|Tirol|Jylland|Sjælland|Skåne|Algarve|Alentejo|Minas Gerais|Bahia|Catalonia|Catalunya|Andalucía|Galicia|Provence|Bretagne|Normandy|Normandie|Tuscany|Sicily|California|Texas|Florida|Ohio|Michigan|Georgia|Virginia|Oregon|Nevada|Arizona|Colorado|Alaska|Hawaii|Ontario|Quebec|Siberia|Kashmir|Punjab|Bengal|Rhine|Danube|Thames|Alps|Himalayas|Mississippi|Amazon|Sahara|Mediterranean|Atlantic|Pacific|Baltic|North Sea|Lake Geneva|Mount Everest|Southern Tunisia|Northern Ireland|West Bank|Gaza|Kurdistan|Crimea|Donbas|Gurez`
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean);

export const ORG_SUFFIXES: Record<string, string[]> = {
  en: [
    'Inc.',
    'Inc',
    'Ltd',
    'Ltd.',
    'LLC',
    'Corp.',
    'Corporation',
    'Group',
    'Holdings',
    'plc',
    'Partners',
    'Foundation',
    'Associates',
    'Bank',
    'University',
    'Institute',
    'Labs',
    'Systems',
    'Technologies',
    'Solutions',
    'Consulting',
    'Media',
    'Airlines',
    'Motors',
    'Pharmaceuticals',
    'Insurance',
    'Capital',
    'Ventures',
    'Hospital',
    'Council',
    'Trust',
    'Society',
    'Orchestra',
    'Club',
    'Agency',
    'Company',
    '& Co.',
    'Brothers',
  ],
  de: [
    'GmbH',
    'AG',
    'KG',
    'GmbH & Co. KG',
    'e.V.',
    'Stiftung',
    'Verlag',
    'Werke',
    'Bank',
    'Versicherung',
    'Gruppe',
    'Universität',
    'Klinikum',
    'Stadtwerke',
    'Partei',
  ],
  pt: [
    'Lda.',
    'S.A.',
    'Ltda.',
    'Grupo',
    'Banco',
    'Universidade',
    'Instituto',
    'Fundação',
    'Associação',
    'Companhia',
    'Hospital',
    'Partido',
  ],
  da: ['A/S', 'ApS', 'Gruppen', 'Bank', 'Universitet', 'Fonden', 'Forening', 'Partiet'],
  sv: ['AB', 'Aktiebolag', 'Gruppen', 'Bank', 'Universitet', 'Stiftelsen', 'Förbundet', 'Partiet'],
  nl: ['B.V.', 'N.V.', 'BV', 'Groep', 'Bank', 'Universiteit', 'Stichting', 'Vereniging', 'Partij'],
  fr: [
    'SA',
    'SARL',
    'SAS',
    'Groupe',
    'Banque',
    'Université',
    'Institut',
    'Fondation',
    'Association',
    'Compagnie',
    'Parti',
  ],
  es: [
    'S.A.',
    'S.L.',
    'Grupo',
    'Banco',
    'Universidad',
    'Instituto',
    'Fundación',
    'Asociación',
    'Compañía',
    'Partido',
  ],
};

export const ORG_STEMS =
  `Acme Globex Initech Umbrella Hooli Vandelay Stark Wayne Wonka Cyberdyne Tyrell Soylent Massive Dynamic Aperture Oscorp Gringotts Exversion Nordlicht Blauwal Solberg Vinterhav Kestrel Brightwave Northwind Contoso Fabrikam Tailspin Litware Proseware Adatum Woodgrove Lucerne Margie Alpine Blue Yonder Coho Fourth Coffee Wingtip Trey Humongous Datacorp Ionix Quantix Veridian Altura Helix Zenith Pinnacle Summit Horizon Meridian Sterling Crescent Atlas Orion Apex Vertex Nimbus Polaris Aurora Nexus Vortex Lumen Cobalt Granite Harbor Riverside Oakwood Maple Cedar Redwood Silverline Goldfield Bluestone Greenleaf Ironclad Starlight Sunrise Evergreen Westfield Eastgate Northgate Southport Hansen Müller Schmidt Jensen Silva Dupont Garcia Rossi Novak Andersson Bakker`
    .split(/\s+/)
    .filter(Boolean);

export const KNOWN_ORGS =
  `Google|Microsoft|Apple|Amazon|Facebook|Meta|Twitter|Netflix|IBM|Intel|Oracle|Samsung|Sony|Nokia|Ericsson|Siemens|Bosch|BMW|Volkswagen|Daimler|Mercedes-Benz|Audi|Porsche|Lufthansa|Deutsche Bank|Commerzbank|Allianz|SAP|BASF|Bayer|Adidas|Puma|Aldi|Lidl|Telekom|Deutsche Bahn|Novo Nordisk|Maersk|Carlsberg|Lego|Vestas|Danske Bank|Ørsted|IKEA|Volvo|Spotify|H&M|Ericsson|Scania|Electrolux|Saab|Philips|Shell|Unilever|Heineken|ING|ABN AMRO|Rabobank|KLM|ASML|Renault|Peugeot|Airbus|Total|TotalEnergies|L'Oréal|Danone|Carrefour|Michelin|BNP Paribas|Société Générale|Santander|BBVA|Telefónica|Iberdrola|Inditex|Zara|Repsol|Mapfre|Petrobras|Vale|Itaú|Bradesco|Embraer|Natura|Galp|EDP|Sonae|Millennium BCP|Caixa Geral de Depósitos|Toyota|Honda|Nissan|Huawei|Alibaba|Tencent|Baidu|Infosys|Tata|Reliance|Walmart|Target|Costco|Starbucks|McDonald's|Coca-Cola|PepsiCo|Nike|Boeing|Ford|General Motors|Tesla|Uber|Airbnb|Netflix|Disney|Warner Bros|Paramount|CNN|BBC|Reuters|NBC|CBS|ABC|Fox News|The New York Times|The Guardian|Der Spiegel|Le Monde|El País|Bloomberg|United Nations|UN|NATO|European Union|EU|WHO|UNESCO|UNICEF|Red Cross|Greenpeace|Amnesty International|World Bank|IMF|FBI|CIA|NASA|NSA|Pentagon|Congress|Senate|Parliament|Bundestag|Folketing|Riksdag|European Commission|Supreme Court|Harvard|Harvard University|Stanford|Stanford University|MIT|Yale|Princeton|Oxford University|Cambridge University|Sorbonne|ETH Zürich|Humboldt-Universität|Republican Party|Democratic Party|Labour|Labour Party|Conservative Party|SPD|CDU|CSU|FDP|Die Grünen|AfD|Real Madrid|FC Barcelona|Bayern München|Manchester United|Liverpool FC|Arsenal|Chelsea|Juventus|Ajax|Benfica|Sporting|FC Porto|Enron|Verizon|AT&T|Comcast|Dell|HP|Cisco|Adobe|Salesforce|PayPal|eBay|Yahoo|AOL|LinkedIn|Instagram|YouTube|WhatsApp|TikTok|Reddit|Wikipedia|Mozilla|Linux Foundation|OpenAI|Anthropic|DeepMind|Nvidia|AMD|Qualcomm|ARM`
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean);
