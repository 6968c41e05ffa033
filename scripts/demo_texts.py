"""Original demo texts for the eurocurate demo corpus.

All articles, contact sentences and boilerplate strings below were written specifically for this
project and are released under the Apache-2.0 license together with the rest of the repository.
They describe fictional, unnamed places and contain no personal data. The generator script renders
them into HTML pages inside WARC files; ``CONTACT_SENTENCES`` carry ``{email}``, ``{phone}`` and
``{iban}`` placeholders that the generator fills with synthetic values to exercise PII scrubbing.
"""

from __future__ import annotations

ARTICLES: dict[str, list[dict]] = {
    "en": [
        {
            "title": "The Ferry Crossing of a River Town",
            "paragraphs": [
                (
                    "For more than three centuries, the small market town on the southern bank of the river depended "
                    "on a single ferry to reach the fields, mills and villages on the opposite shore. The first boats "
                    "were flat wooden platforms pulled across the water along a heavy rope, and the ferryman lived in "
                    "a narrow cottage beside the landing stage. Travellers paid a modest toll, while farmers bringing "
                    "livestock to market were charged according to the number of animals they carried."
                ),
                (
                    "The crossing shaped the daily rhythm of the town. Inns and bakeries clustered around the landing, "
                    "because people waiting for the boat needed somewhere to rest and something to eat. During floods "
                    "the ferry could not operate for days at a time, and merchants learned to store their goods in "
                    "cellars well above the usual water line."
                ),
                (
                    "When a stone bridge was finally built a short distance upstream, many residents feared that the "
                    "old quarter would decline. Instead, the riverside became a quiet place for walking, fishing and "
                    "summer festivals. Today a restored ferry runs again at weekends, crewed by volunteers who explain "
                    "the history of the crossing to visitors and school groups."
                ),
                (
                    "Local historians have gathered letters, toll books and photographs that show how important the "
                    "boat once was. Their small museum in the former ferryman's cottage is open throughout the warmer "
                    "months."
                ),
            ],
        },
        {
            "title": "Community Orchards and the Autumn Apple Pressing",
            "paragraphs": [
                (
                    "In many villages, neglected corners of land have been turned into community orchards where anyone "
                    "may help to prune the trees and share the harvest. The idea is simple: old varieties of apples, "
                    "pears and plums are planted together, cared for by volunteers and kept open to the public. Some "
                    "of these orchards contain only a few dozen trees, while others stretch across former pastures at "
                    "the edge of town."
                ),
                (
                    "The busiest day of the year usually comes in early autumn, when the fruit is gathered and brought "
                    "to a shared press. Children wash the apples in large tubs, adults feed them into the mill, and "
                    "the juice flows into buckets before it is poured into clean bottles. Nothing is wasted, since the "
                    "crushed pulp is taken away to feed pigs or to enrich the compost heaps."
                ),
                (
                    "Beyond the food itself, the orchards protect a living record of local heritage. Many traditional "
                    "varieties were bred for particular soils and weather, and some of them had almost disappeared "
                    "before enthusiasts began collecting cuttings from forgotten gardens. Grafting workshops held in "
                    "late winter now attract beginners who want to learn how to keep these trees alive for another "
                    "generation."
                ),
                (
                    "Bees, hedgehogs and many birds also benefit from the long grass and the spring blossom, which "
                    "makes the orchards valuable habitats as well as pleasant places to meet the neighbours."
                ),
            ],
        },
        {
            "title": "Bringing an Old Lighthouse Back to Life",
            "paragraphs": [
                (
                    "The lighthouse on the rocky headland stood empty for many years after its lamp was automated and "
                    "the keepers moved away. Salt wind cracked the paint, rain seeped through the windows, and the "
                    "iron railings around the gallery slowly rusted. For a long time it seemed that the tower would "
                    "simply be abandoned to the weather."
                ),
                (
                    "A group of residents eventually formed a trust to save the building. They raised money through "
                    "concerts, guided walks and small donations, and they persuaded skilled craftsmen to teach "
                    "volunteers how to repair lime mortar and restore old timber frames. Progress was slow, because "
                    "every bag of material had to be carried up the narrow spiral staircase by hand."
                ),
                (
                    "Inside, the keepers' quarters have been furnished as they might have looked a century ago, with a "
                    "simple kitchen, a logbook on the table and oilskin coats hanging by the door. On calm days "
                    "visitors can climb to the lantern room and look out over the bay, where seals often rest on the "
                    "rocks below."
                ),
                (
                    "The restored tower has become a symbol of this stretch of coast. It reminds people of the long "
                    "nights the keepers spent watching over passing ships, and of the patience needed to protect such "
                    "places for the future."
                ),
            ],
        },
    ],
    "de": [
        {
            "title": "Die Erneuerung der Stadtbibliothek",
            "paragraphs": [
                (
                    "Nach fast zwei Jahren Bauzeit hat die Stadtbibliothek ihre Türen wieder geöffnet. Das alte "
                    "Gebäude aus der Nachkriegszeit war dunkel, eng und kaum barrierefrei, sodass viele ältere "
                    "Menschen und Familien mit Kinderwagen den Besuch mieden. Nun führt ein breiter Eingang mit Rampe "
                    "in eine helle Halle, in der große Fenster den Blick auf den Marktplatz freigeben."
                ),
                (
                    "Bei der Planung wurden die Bürgerinnen und Bürger ausdrücklich beteiligt. In mehreren "
                    "Gesprächsrunden äußerten sie den Wunsch nach ruhigen Lesebereichen, nach Räumen für Gruppenarbeit "
                    "und nach einer gemütlichen Ecke für die Kleinsten. Die Architekten haben diese Anregungen "
                    "aufgegriffen und die Räume so gestaltet, dass sich leise und lebhafte Bereiche nicht gegenseitig "
                    "stören."
                ),
                (
                    "Besonders beliebt ist die neue Lernwerkstatt im Obergeschoss. Dort stehen Nähmaschinen, Werkzeug "
                    "und einfache Geräte zum Ausprobieren bereit, und ehrenamtliche Helfer bieten regelmäßig Kurse an. "
                    "Auch der Bestand selbst wurde erweitert, vor allem um Bücher in einfacher Sprache und um "
                    "Hörbücher."
                ),
                (
                    "Die Leiterin der Bibliothek versteht das Haus als offenen Treffpunkt für alle Generationen. Wer "
                    "nur Zeitung lesen oder sich aufwärmen möchte, ist genauso willkommen wie jemand, der für eine "
                    "Prüfung lernt."
                ),
            ],
        },
        {
            "title": "Der Zug der Kraniche",
            "paragraphs": [
                (
                    "Jedes Jahr im Herbst versammeln sich viele Tausend Kraniche auf den abgeernteten Feldern und in "
                    "den flachen Gewässern des Nordostens, bevor sie weiter nach Süden ziehen. Ihre trompetenden Rufe "
                    "sind schon von Weitem zu hören, und bei Sonnenuntergang fliegen sie in langen Keilformationen zu "
                    "ihren Schlafplätzen im seichten Wasser. Dort stehen sie die Nacht über und sind vor Füchsen und "
                    "anderen Räubern geschützt."
                ),
                (
                    "Tagsüber suchen die Vögel auf Maisstoppeln und Wiesen nach Nahrung, um Fettreserven für die lange "
                    "Reise anzulegen. Viele Landwirte dulden die Gäste, obwohl die Tiere gelegentlich frisch gesäte "
                    "Felder plündern. In einigen Gegenden werden deshalb gezielt Ablenkflächen angelegt, auf denen die "
                    "Kraniche ungestört fressen können."
                ),
                (
                    "Für Naturfreunde ist das Schauspiel ein Höhepunkt des Jahres. Von Beobachtungshütten aus lässt "
                    "sich das Treiben mit dem Fernglas verfolgen, ohne die scheuen Vögel zu beunruhigen. "
                    "Naturschutzverbände bitten Besucher jedoch, auf den Wegen zu bleiben und die Rastplätze in der "
                    "Dämmerung nicht zu betreten."
                ),
                (
                    "Dass die Kraniche heute wieder so zahlreich sind, gilt als Erfolg des Naturschutzes. Noch vor "
                    "wenigen Jahrzehnten waren sie selten geworden, weil viele Feuchtgebiete trockengelegt worden "
                    "waren."
                ),
            ],
        },
        {
            "title": "Weinlese an den steilen Hängen",
            "paragraphs": [
                (
                    "Wenn sich im Herbst das Laub der Reben gelb und rot färbt, beginnt in den Weinbaugemeinden "
                    "entlang des Flusses die arbeitsreichste Zeit des Jahres. An den steilen Schieferhängen lassen "
                    "sich keine Maschinen einsetzen, deshalb werden die Trauben dort noch immer von Hand geschnitten. "
                    "Helfer aus der Nachbarschaft, Verwandte und Studenten arbeiten sich Reihe für Reihe den Berg "
                    "hinauf."
                ),
                (
                    "Die Arbeit ist anstrengend, denn die vollen Kiepen werden auf dem Rücken zu den Sammelbehältern "
                    "am Wegrand getragen. Dafür entschädigen die Aussicht über das Tal und die gemeinsame Mittagspause "
                    "zwischen den Rebstöcken, bei der Brot, Käse und Traubensaft geteilt werden. Am Abend wird die "
                    "Ernte zum Keller gebracht, wo die Trauben sofort gepresst werden."
                ),
                (
                    "Der Zeitpunkt der Lese hängt stark vom Wetter ab. Ein warmer Spätsommer lässt die Beeren süß und "
                    "aromatisch werden, während anhaltender Regen die Fäulnis begünstigt. Viele Winzer prüfen deshalb "
                    "täglich den Zuckergehalt und entscheiden oft kurzfristig, welche Lage als nächste geerntet wird."
                ),
                (
                    "Zum Abschluss feiern viele Dörfer ein Winzerfest mit Blasmusik, Federweißem und Zwiebelkuchen, zu "
                    "dem auch zahlreiche Gäste aus der Umgebung anreisen."
                ),
            ],
        },
    ],
    "fr": [
        {
            "title": "La transhumance, une tradition qui perdure",
            "paragraphs": [
                (
                    "Chaque année, au début de l'été, les bergers conduisent leurs troupeaux de moutons des plaines "
                    "vers les pâturages d'altitude. Ce déplacement, appelé transhumance, permet aux bêtes de profiter "
                    "de l'herbe fraîche des montagnes pendant que les prairies du bas sèchent sous la chaleur. Le "
                    "voyage dure souvent plusieurs jours et suit d'anciens chemins tracés depuis des siècles."
                ),
                (
                    "Dans les villages traversés, le passage des troupeaux est attendu comme une fête. Les habitants "
                    "sortent sur le pas de leur porte pour voir défiler les brebis, dont certaines portent de grosses "
                    "cloches au cou, tandis que les chiens veillent à ce qu'aucune bête ne s'écarte du groupe. Des "
                    "marchés, des repas partagés et des concerts accompagnent souvent l'événement."
                ),
                (
                    "Pourtant, ce mode d'élevage demande beaucoup d'efforts. Les bergers vivent tout l'été dans des "
                    "cabanes isolées, surveillent la santé des animaux et doivent composer avec la présence des "
                    "prédateurs. Les éleveurs rappellent que, sans leur travail, de nombreuses pentes seraient "
                    "envahies par les broussailles et davantage exposées aux incendies."
                ),
                (
                    "À l'automne, le chemin se fait dans l'autre sens, et les troupeaux redescendent vers les fermes "
                    "avant les premières neiges."
                ),
            ],
        },
        {
            "title": "Le pain au levain dans les boulangeries de village",
            "paragraphs": [
                (
                    "Dans de nombreux bourgs, la boulangerie reste le dernier commerce ouvert et un lieu de rencontre "
                    "essentiel. Depuis quelques années, plusieurs artisans ont choisi de revenir au pain au levain "
                    "naturel, préparé avec des farines issues de blés cultivés dans la région. Ils y voient une "
                    "manière de retrouver le goût d'autrefois et de soutenir les agriculteurs voisins."
                ),
                (
                    "La fabrication demande du temps et de la patience. Le levain, un mélange de farine et d'eau dans "
                    "lequel se développent des levures sauvages, doit être nourri chaque jour. La pâte repose ensuite "
                    "de longues heures avant d'être façonnée à la main, puis cuite dans un four à bois qui lui donne "
                    "une croûte épaisse et croustillante."
                ),
                (
                    "Les clients apprécient ce pain qui se conserve plusieurs jours sans durcir. Certains boulangers "
                    "proposent même des ateliers le samedi matin, où les enfants apprennent à pétrir la pâte et à "
                    "reconnaître les différentes céréales. Ces rencontres rappellent que le pain est bien plus qu'un "
                    "simple aliment, puisqu'il raconte l'histoire d'un terroir et de ceux qui le travaillent."
                ),
                (
                    "Ce retour aux méthodes anciennes ne va pourtant pas sans difficultés, car le prix de l'énergie et "
                    "des matières premières pèse lourdement sur les petites entreprises."
                ),
            ],
        },
        {
            "title": "Au fil d'un canal et de ses écluses",
            "paragraphs": [
                (
                    "Construit il y a plus de deux siècles pour transporter le bois, le vin et les céréales, le canal "
                    "traverse aujourd'hui une campagne paisible bordée de platanes. Les péniches de marchandises ont "
                    "presque toutes disparu, remplacées par des bateaux de plaisance qui avancent lentement au rythme "
                    "des écluses."
                ),
                (
                    "Chaque écluse possède sa maison d'éclusier, souvent ornée de fleurs et entourée d'un petit "
                    "potager. Autrefois, l'éclusier ouvrait les portes à la main à toute heure du jour, et sa famille "
                    "vendait parfois des œufs ou des légumes aux mariniers de passage. Certaines de ces maisons ont "
                    "été transformées en gîtes ou en cafés pour les promeneurs."
                ),
                (
                    "Le chemin de halage, où les chevaux tiraient jadis les bateaux, est devenu une voie verte très "
                    "fréquentée par les cyclistes et les marcheurs. On peut y parcourir de longues distances sans "
                    "croiser de voiture, en observant les hérons, les martins-pêcheurs et les ragondins qui peuplent "
                    "les berges."
                ),
                (
                    "L'entretien du canal reste pourtant un défi permanent. Il faut curer le fond, consolider les "
                    "rives et réparer les portes des écluses, des travaux coûteux que les collectivités financent avec "
                    "l'aide de bénévoles passionnés."
                ),
            ],
        },
    ],
    "es": [
        {
            "title": "La cosecha de la aceituna",
            "paragraphs": [
                (
                    "Cuando llega el invierno, los olivares del sur se llenan de actividad. Familias enteras, vecinos "
                    "y trabajadores de temporada se reúnen desde muy temprano para recoger la aceituna antes de que "
                    "las heladas o las lluvias dañen el fruto. Es una tarea dura que se repite desde hace siglos y que "
                    "marca el calendario de muchos pueblos."
                ),
                (
                    "El método tradicional consiste en extender grandes mallas bajo cada árbol y sacudir las ramas con "
                    "varas largas hasta que caen las aceitunas. Después se limpian de hojas y pequeñas ramas y se "
                    "llevan en sacos o en cajas hasta la almazara. Hoy en día muchas explotaciones utilizan máquinas "
                    "vibradoras, aunque en los terrenos con mucha pendiente se sigue trabajando a mano."
                ),
                (
                    "En la almazara, las aceitunas se lavan y se muelen, y la pasta resultante se transforma en aceite "
                    "al separar el agua y los restos sólidos. El primer aceite de la temporada tiene un color verde "
                    "intenso y un sabor algo picante que muchos consideran un pequeño lujo. Es costumbre probarlo "
                    "sobre una rebanada de pan tostado recién salido del horno."
                ),
                (
                    "Para los pueblos olivareros, la cosecha no es solo una actividad económica, sino también un "
                    "motivo de encuentro y de orgullo compartido."
                ),
            ],
        },
        {
            "title": "En bicicleta por una vía verde",
            "paragraphs": [
                (
                    "Las antiguas líneas de ferrocarril que dejaron de funcionar hace décadas se han convertido en "
                    "rutas ideales para recorrer en bicicleta. Sobre el trazado de las vías se ha construido un camino "
                    "llano y seguro, apto para todas las edades, que atraviesa túneles, viaductos y paisajes de gran "
                    "belleza."
                ),
                (
                    "Nuestro recorrido comenzó en una pequeña estación restaurada, donde ahora funciona un albergue "
                    "con cafetería. Durante la primera parte del camino pedaleamos entre campos de cereal y encinas, "
                    "acompañados por el canto de las alondras. Más adelante, la ruta se adentra en un valle estrecho y "
                    "cruza varios puentes de hierro que conservan el encanto de la época del tren."
                ),
                (
                    "Lo más emocionante fueron los túneles, algunos tan largos que es imprescindible llevar una buena "
                    "luz. En su interior el aire es fresco incluso en pleno verano, y el eco de las voces provoca las "
                    "risas de los niños. Al salir, la vista sobre el embalse y las montañas compensa cualquier "
                    "esfuerzo."
                ),
                (
                    "Estas rutas también ayudan a los pueblos del interior, ya que los ciclistas se detienen a comer, "
                    "a dormir y a comprar productos locales. Para muchos vecinos, el regreso de los viajeros a las "
                    "viejas estaciones es una pequeña alegría."
                ),
            ],
        },
        {
            "title": "Huertos comunitarios en la ciudad",
            "paragraphs": [
                (
                    "En los últimos años han surgido en muchos barrios huertos urbanos gestionados por los propios "
                    "vecinos. Solares abandonados, patios de colegios y rincones olvidados de los parques se han "
                    "transformado en espacios verdes donde se cultivan tomates, lechugas, pimientos y hierbas "
                    "aromáticas."
                ),
                (
                    "Cada huerto funciona de manera distinta, pero casi todos se organizan mediante asambleas abiertas "
                    "en las que se reparten las parcelas y las tareas comunes. Los más experimentados enseñan a los "
                    "recién llegados a preparar la tierra, a regar sin desperdiciar agua y a combatir las plagas sin "
                    "productos químicos. El abono se elabora con los restos orgánicos que aportan las familias del "
                    "barrio."
                ),
                (
                    "Además de producir alimentos, estos huertos cumplen una importante función social. Las personas "
                    "mayores que viven solas encuentran un lugar donde conversar, y los escolares descubren de dónde "
                    "proceden las verduras que comen cada día. En verano se organizan comidas al aire libre y talleres "
                    "para aprender a preparar conservas."
                ),
                (
                    "Los ayuntamientos valoran cada vez más estas iniciativas, porque mejoran la calidad del aire, "
                    "refrescan las calles durante los meses de calor y fortalecen los lazos entre vecinos."
                ),
            ],
        },
    ],
    "it": [
        {
            "title": "La pasta fresca fatta in casa",
            "paragraphs": [
                (
                    "In molte famiglie italiane la domenica comincia ancora con il rumore del mattarello sulla "
                    "spianatoia. Preparare la pasta fresca a mano è un gesto che si tramanda da una generazione "
                    "all'altra, spesso dalle nonne ai nipoti, e che richiede pochi ingredienti ma molta pratica."
                ),
                (
                    "Per l'impasto classico bastano farina di grano tenero e uova fresche. Si dispone la farina a "
                    "fontana, si rompono le uova al centro e si mescola con una forchetta, poi si lavora con le mani "
                    "finché la pasta diventa liscia ed elastica. Dopo un breve riposo sotto un canovaccio, la sfoglia "
                    "viene stesa sottilissima, tanto che, secondo la tradizione, si dovrebbe quasi vedere attraverso."
                ),
                (
                    "Da questa sfoglia nascono forme diverse a seconda della regione: tagliatelle larghe, piccoli "
                    "quadrati per il brodo, oppure ravioli ripieni di ricotta e spinaci. Ogni famiglia custodisce i "
                    "propri segreti, come la quantità esatta di uova o il modo di chiudere i bordi."
                ),
                (
                    "Negli ultimi anni sono nati corsi e laboratori in cui giovani e turisti imparano queste tecniche. "
                    "Molti partecipanti raccontano che, oltre al piacere del cibo, apprezzano soprattutto il tempo "
                    "trascorso insieme attorno al tavolo."
                ),
            ],
        },
        {
            "title": "Il restauro di un piccolo teatro storico",
            "paragraphs": [
                (
                    "Nel centro del paese sorge un piccolo teatro all'italiana, con la platea a ferro di cavallo e tre "
                    "ordini di palchi decorati. Per decenni l'edificio è rimasto chiuso a causa di problemi "
                    "strutturali, e molti abitanti temevano che non avrebbe mai più ospitato uno spettacolo."
                ),
                (
                    "I lavori di restauro sono durati diversi anni e hanno coinvolto architetti, decoratori ed "
                    "ebanisti. Gli affreschi del soffitto, anneriti dal fumo delle antiche lampade, sono stati puliti "
                    "con pazienza, mentre le poltrone di velluto rosso sono state rifatte seguendo i disegni "
                    "originali. Anche il palcoscenico in legno è stato rinforzato per accogliere scenografie moderne."
                ),
                (
                    "La riapertura è stata una festa per tutta la comunità. Una compagnia locale ha messo in scena una "
                    "commedia dialettale, e la sala era così piena che molti spettatori hanno assistito in piedi dal "
                    "loggione. Da allora il cartellone propone concerti, spettacoli di prosa e rappresentazioni per le "
                    "scuole."
                ),
                (
                    "Secondo gli amministratori, il teatro restituito alla cittadinanza è diventato un luogo di "
                    "incontro e un motivo di orgoglio, capace di attirare visitatori anche dai comuni vicini."
                ),
            ],
        },
        {
            "title": "Le api di montagna",
            "paragraphs": [
                (
                    "Sui pendii delle valli alpine l'apicoltura vanta una lunga tradizione. In primavera gli "
                    "apicoltori trasportano le arnie verso quote sempre più alte, seguendo la fioritura dei prati, dei "
                    "castagni e dei rododendri. Questa pratica, chiamata nomadismo, permette di ottenere mieli dal "
                    "gusto molto diverso a seconda delle piante visitate dalle api."
                ),
                (
                    "Il lavoro richiede un'attenzione costante. Bisogna controllare la salute delle famiglie, "
                    "proteggerle dai parassiti e assicurarsi che abbiano abbastanza provviste per superare l'inverno. "
                    "Negli ultimi anni le primavere fredde e le estati troppo secche hanno reso la produzione più "
                    "incerta, e molti apicoltori lamentano raccolti scarsi."
                ),
                (
                    "Nonostante le difficoltà, cresce l'interesse dei giovani per questa attività. Alcune cooperative "
                    "organizzano corsi per principianti e mettono a disposizione laboratori comuni per la smielatura. "
                    "Le api, ricordano gli esperti, sono fondamentali anche per l'impollinazione dei frutteti e delle "
                    "piante selvatiche."
                ),
                (
                    "Nei mercati di paese è facile trovare vasetti di miele di acacia, di castagno o millefiori, "
                    "insieme a candele di cera d'api e caramelle preparate in modo artigianale."
                ),
            ],
        },
    ],
    "nl": [
        {
            "title": "Schaatsen op natuurijs",
            "paragraphs": [
                (
                    "Wanneer het een paar nachten flink heeft gevroren, kijken veel mensen reikhalzend naar de sloten "
                    "en plassen in hun omgeving. Schaatsen op natuurijs is voor velen een van de mooiste ervaringen "
                    "van de winter, juist omdat het tegenwoordig steeds zeldzamer wordt. Zodra het ijs sterk genoeg "
                    "is, trekken jong en oud met hun schaatsen naar buiten."
                ),
                (
                    "Plaatselijke ijsverenigingen spelen daarbij een belangrijke rol. Vrijwilligers meten de dikte van "
                    "het ijs, vegen de sneeuw weg en zetten wakken af met paaltjes of linten. Op sommige plekken wordt "
                    "een tentje opgezet waar warme chocolademelk en erwtensoep worden verkocht."
                ),
                (
                    "Bij het schaatsen over lange afstanden door het open landschap ontstaat een bijzondere sfeer. Men "
                    "glijdt langs boerderijen, knotwilgen en molens, en onderweg moeten soms bruggetjes of dammen "
                    "worden overgestoken door even over de kant te lopen. Dat heet in de volksmond klunen, en het "
                    "hoort er gewoon bij."
                ),
                (
                    "Toch blijft voorzichtigheid geboden. IJs dat er stevig uitziet, kan bij stromend water of rond "
                    "rietkragen gevaarlijk dun zijn. Daarom raden de verenigingen aan om nooit alleen te gaan en "
                    "altijd eerst de berichten over de ijsdikte te raadplegen."
                ),
            ],
        },
        {
            "title": "Een oude windmolen draait weer",
            "paragraphs": [
                (
                    "Na jaren van stilstand draaien de wieken van de korenmolen aan de rand van het dorp weer. De "
                    "molen werd ooit gebouwd om graan te malen voor de bakkers in de omgeving, maar raakte in verval "
                    "toen elektrische maalderijen het werk overnamen. Het rieten dak lekte en de houten as was zo "
                    "aangetast dat de wieken niet meer veilig konden draaien."
                ),
                (
                    "Een stichting van betrokken dorpsbewoners zette zich in om de molen te redden. Met giften, "
                    "subsidies en veel vrijwillige inzet werd het gebouw stap voor stap hersteld. Ambachtelijke "
                    "molenmakers vervingen de versleten onderdelen en legden nieuwe maalstenen in."
                ),
                (
                    "Tegenwoordig wordt de molen bediend door een vrijwillige molenaar, die daarvoor jarenlang een "
                    "opleiding heeft gevolgd. Hij moet het weer goed kunnen inschatten, want bij een plotselinge "
                    "windvlaag kan de molen op hol slaan. Op zaterdag maalt hij graan tot meel, dat in het winkeltje "
                    "naast de molen wordt verkocht."
                ),
                (
                    "Bezoekers kunnen de steile trappen beklimmen en van dichtbij zien hoe het binnenwerk "
                    "functioneert. Vooral schoolklassen komen graag kijken, omdat de kinderen er leren hoe vroeger met "
                    "de kracht van de wind werd gewerkt."
                ),
            ],
        },
        {
            "title": "De weekmarkt als hart van de stad",
            "paragraphs": [
                (
                    "Elke zaterdag verandert het plein voor het oude stadhuis in een levendige markt. Al vroeg in de "
                    "ochtend zetten de kooplieden hun kramen op, en wanneer de eerste klanten arriveren liggen "
                    "groenten, fruit, kaas, vis en bloemen netjes uitgestald. De markt bestaat al eeuwen en is voor "
                    "veel inwoners een vast onderdeel van het weekend."
                ),
                (
                    "Wie over de markt loopt, hoort de handelaars luidkeels hun waren aanprijzen. Bij de viskraam "
                    "staat meestal een rij voor een bakje gebakken vis, en bij de kaasboer mag men eerst een stukje "
                    "proeven voordat men kiest. Veel kooplieden kennen hun vaste klanten bij naam en weten precies wat "
                    "zij elke week komen halen."
                ),
                (
                    "De laatste jaren is het aanbod veranderd. Naast de traditionele kramen staan er nu ook verkopers "
                    "van biologische producten, streekgerechten en ambachtelijk brood. Toch hebben sommige marktlieden "
                    "het moeilijk, omdat steeds meer mensen hun boodschappen in de supermarkt of via internet doen."
                ),
                (
                    "De gemeente wil de markt daarom aantrekkelijker maken met extra zitplaatsen, muziek en "
                    "activiteiten voor kinderen. Zo moet het plein ook in de toekomst een plek blijven waar de stad "
                    "samenkomt."
                ),
            ],
        },
    ],
    "pl": [
        {
            "title": "Grzybobranie w polskich lasach",
            "paragraphs": [
                (
                    "Wczesną jesienią, gdy poranki stają się chłodne, a w lasach unosi się mgła, tysiące ludzi wyrusza "
                    "na grzybobranie. Dla wielu rodzin to tradycja przekazywana z pokolenia na pokolenie, połączona z "
                    "długim spacerem, rozmową i wspólnym posiłkiem na leśnej polanie. W sezonie na skraju lasu stoją "
                    "samochody zaparkowane już o świcie."
                ),
                (
                    "Najbardziej cenione są borowiki, podgrzybki i kurki, ale doświadczeni grzybiarze potrafią "
                    "rozpoznać także wiele mniej znanych gatunków. Zbiera się je do wiklinowych koszyków, a nie do "
                    "plastikowych toreb, aby się nie zaparzyły. Grzyby należy wykręcać lub ostrożnie odcinać nożem, "
                    "nie niszcząc grzybni ukrytej w ściółce."
                ),
                (
                    "Po powrocie do domu zaczyna się praca w kuchni. Część zbiorów trafia do suszenia na nitkach nad "
                    "piecem lub w suszarce, inne grzyby marynuje się w occie z przyprawami albo przygotowuje się z "
                    "nich zupę i sos. Suszone grzyby są później niezbędnym składnikiem wielu potraw świątecznych."
                ),
                (
                    "Lekarze co roku przypominają jednak o ostrożności. Niektóre trujące gatunki są łudząco podobne do "
                    "jadalnych, dlatego w razie wątpliwości najlepiej pokazać swoje znaleziska w stacji sanitarnej lub "
                    "po prostu zostawić je w lesie."
                ),
            ],
        },
        {
            "title": "Wieczerza wigilijna i jej zwyczaje",
            "paragraphs": [
                (
                    "Wieczór przed Bożym Narodzeniem to dla wielu polskich rodzin najważniejszy moment świąt. Kolację "
                    "zaczyna się tradycyjnie wtedy, gdy na niebie pojawi się pierwsza gwiazda, a wcześniej wszyscy "
                    "dzielą się opłatkiem i składają sobie życzenia. Pod białym obrusem kładzie się odrobinę siana, "
                    "które przypomina o skromnym żłóbku."
                ),
                (
                    "Na stole zwykle pojawia się dwanaście potraw, wszystkie bez mięsa. Podaje się barszcz czerwony z "
                    "uszkami, pierogi z kapustą i grzybami, smażonego karpia, a na deser kompot z suszonych owoców "
                    "oraz makowiec. W każdym regionie, a nawet w każdym domu, menu wygląda nieco inaczej, bo przepisy "
                    "przechowuje się w rodzinnych zeszytach."
                ),
                (
                    "Częstym zwyczajem jest także pozostawienie jednego wolnego nakrycia dla niespodziewanego gościa "
                    "lub wędrowca. Symbolizuje ono gościnność oraz pamięć o bliskich, których zabrakło przy stole. Po "
                    "kolacji śpiewa się kolędy, a o północy wiele osób idzie do kościoła na pasterkę."
                ),
                (
                    "Przygotowania trwają często kilka dni i angażują całą rodzinę. Dzieci pomagają lepić pierogi i "
                    "ubierać choinkę, a starsi opowiadają, jak obchodzono święta w czasach ich młodości. Wspólne "
                    "gotowanie bywa dla wielu równie ważne jak sama kolacja."
                ),
            ],
        },
        {
            "title": "Powrót bocianów",
            "paragraphs": [
                (
                    "Wiosną na wiejskich słupach, dachach stodół i kominach znów pojawiają się bociany białe. Ptaki "
                    "wracają z odległych zimowisk na południu, pokonując tysiące kilometrów, i często zajmują to samo "
                    "gniazdo co w poprzednim roku. W wielu wsiach ich przylot uważany jest za zapowiedź ciepłych dni i "
                    "dobrego urodzaju."
                ),
                (
                    "Bocianie gniazda są ogromne i z roku na rok stają się coraz cięższe, ponieważ ptaki stale "
                    "dokładają do nich gałęzie, słomę i trawę. Zdarza się, że zagrażają one liniom energetycznym, "
                    "dlatego zakłady energetyczne montują specjalne platformy, na których bociany mogą bezpiecznie "
                    "budować swoje domy."
                ),
                (
                    "Latem rodzice na zmianę karmią młode żabami, owadami, dżdżownicami i drobnymi gryzoniami, które "
                    "znajdują na łąkach i podmokłych pastwiskach. Pod koniec sierpnia młode bociany potrafią już latać "
                    "i wraz z dorosłymi zbierają się w stada przed wędrówką na południe."
                ),
                (
                    "Przyrodnicy zwracają uwagę, że liczebność bocianów zależy od stanu łąk i mokradeł. Osuszanie "
                    "terenów podmokłych oraz zanik tradycyjnego rolnictwa sprawiają, że ptakom coraz trudniej znaleźć "
                    "pożywienie. W niektórych gminach mieszkańcy dbają więc o oczka wodne i koszą łąki tak, aby "
                    "bociany miały gdzie polować."
                ),
            ],
        },
    ],
    "pt": [
        {
            "title": "A arte dos azulejos",
            "paragraphs": [
                (
                    "Quem passeia pelas ruas das cidades portuguesas encontra azulejos em fachadas, igrejas, estações "
                    "de comboio e fontes. Estes painéis de cerâmica pintada fazem parte da identidade do país há "
                    "vários séculos e contam, muitas vezes, histórias de santos, batalhas, paisagens e cenas do "
                    "quotidiano."
                ),
                (
                    "A produção tradicional exige grande paciência. O barro é moldado em placas quadradas, que são "
                    "cozidas uma primeira vez e depois cobertas com um esmalte branco. Sobre essa superfície o pintor "
                    "aplica os desenhos com pigmentos minerais, sobretudo o azul de cobalto, antes de uma segunda "
                    "cozedura no forno que fixa as cores."
                ),
                (
                    "Durante muito tempo, os azulejos antigos foram desprezados, e muitos acabaram arrancados de "
                    "edifícios em obras ou vendidos ilegalmente. Hoje existe uma maior consciência do seu valor, e "
                    "várias câmaras municipais proíbem a demolição de fachadas revestidas, incentivando o restauro."
                ),
                (
                    "Em algumas oficinas ainda se pode ver artesãos a trabalhar à mão e até experimentar pintar um "
                    "azulejo. Estas visitas atraem tanto turistas como famílias da região, curiosas por conhecer de "
                    "perto uma arte que continua viva."
                ),
            ],
        },
        {
            "title": "A sardinha e as festas de verão",
            "paragraphs": [
                (
                    "Em junho, os bairros antigos enchem-se de fumo, música e cheiro a sardinha assada. As festas "
                    "populares em honra dos santos reúnem vizinhos e visitantes em ruas decoradas com bandeirinhas de "
                    "papel colorido, arcos de flores e pequenos balões que balançam ao vento."
                ),
                (
                    "A sardinha é a protagonista destas noites. Assada na brasa, em grelhadores improvisados à porta "
                    "das casas, é servida sobre uma fatia de pão que absorve o sabor do peixe, acompanhada de "
                    "pimentos, salada e um copo de vinho. Muitos garantem que é nesta época que o peixe está mais "
                    "gordo e saboroso."
                ),
                (
                    "Por trás da festa está o trabalho duro dos pescadores, que saem para o mar durante a noite em "
                    "traineiras e regressam ao porto ao amanhecer. Nos últimos anos, a pesca tem sido limitada para "
                    "proteger os cardumes, o que levou a uma subida dos preços e a uma maior preocupação com a "
                    "sustentabilidade."
                ),
                (
                    "Mesmo assim, a tradição mantém-se firme. Para muitas famílias, partilhar sardinhas com os "
                    "vizinhos numa noite quente de verão é uma das maneiras mais simples de celebrar a vida do bairro."
                ),
            ],
        },
        {
            "title": "O velho elétrico que sobe a colina",
            "paragraphs": [
                (
                    "Há mais de um século que os elétricos amarelos sobem e descem as colinas da cidade, atravessando "
                    "ruas tão estreitas que quase se pode tocar nas janelas das casas. Embora muitas linhas tenham "
                    "sido encerradas, algumas continuam a funcionar com carruagens antigas de madeira, cuidadosamente "
                    "conservadas."
                ),
                (
                    "Para os moradores, o elétrico é sobretudo um meio de transporte do dia a dia. Leva as compras do "
                    "mercado, as crianças a caminho da escola e os idosos que já não conseguem subir as ladeiras a pé. "
                    "O guarda-freio conhece muitos passageiros pelo nome e cumprimenta os comerciantes ao passar."
                ),
                (
                    "Nos últimos anos, porém, o veículo tornou-se também uma atração turística, e nas horas de maior "
                    "movimento formam-se longas filas nas paragens principais. Alguns moradores queixam-se de que já "
                    "não conseguem lugar, e a empresa de transportes tem procurado soluções, como reforçar o serviço "
                    "em certas horas."
                ),
                (
                    "A manutenção das carruagens é feita numa oficina onde mecânicos e carpinteiros reparam peças que "
                    "já não são fabricadas. Graças a este trabalho, o som característico das rodas nos carris continua "
                    "a fazer parte da paisagem sonora da cidade."
                ),
            ],
        },
    ],
    "sv": [
        {
            "title": "Allemansrätten och friluftslivet",
            "paragraphs": [
                (
                    "I Sverige har alla rätt att röra sig fritt i naturen, även på mark som ägs av någon annan. Denna "
                    "sedvanerätt, som kallas allemansrätten, gör det möjligt att vandra i skogen, plocka bär och "
                    "svamp, bada i sjöar och tälta en natt utan att fråga markägaren om lov. Den är en viktig del av "
                    "den svenska synen på naturen."
                ),
                (
                    "Med rättigheterna följer också skyldigheter. Man får inte störa djurlivet, skada träd eller gå "
                    "över odlad mark, och man ska hålla ett rimligt avstånd till bostadshus. Eldning är ofta förbjuden "
                    "under torra somrar, eftersom risken för skogsbrand då är stor. Principen brukar sammanfattas med "
                    "att man varken ska störa eller förstöra."
                ),
                (
                    "Många barn lär sig tidigt att tycka om livet utomhus. Skolor och föreningar ordnar utflykter där "
                    "man lär sig känna igen växter, göra upp en säker lägereld och laga mat på stormkök. Friluftsliv "
                    "anses främja både den fysiska och den psykiska hälsan."
                ),
                (
                    "På senare år har fler turister upptäckt möjligheterna, vilket ibland leder till nedskräpning och "
                    "slitage på populära platser. Därför informerar kommuner och naturvårdsorganisationer allt mer om "
                    "hur man visar hänsyn i naturen."
                ),
            ],
        },
        {
            "title": "Kräftskivan i augusti",
            "paragraphs": [
                (
                    "När sensommaren kommer samlas många familjer och vänner till kräftskiva. Borden dukas utomhus med "
                    "pappersdukar, lyktor i form av fullmånar hänger i träden och gästerna bär ofta lustiga "
                    "pappershattar. Stämningen är avslappnad och festen kan pågå långt in på natten."
                ),
                (
                    "Huvudrätten är kokta kräftor som smaksatts med salt och rikligt med dill. De serveras kalla och "
                    "äts med händerna, vilket gör att måltiden blir både lång och stökig. Till kräftorna hör bröd, "
                    "ost, paj och ofta en kall dryck. Mellan tuggorna sjunger man snapsvisor, korta sånger som nästan "
                    "alla känner igen."
                ),
                (
                    "Förr var kräftfisket strängt reglerat och fick bara börja vid en viss tidpunkt på sensommaren, "
                    "vilket gjorde premiären till en stor händelse. Numera säljs kräftor året runt, ofta frysta och "
                    "importerade, men traditionen att fira i augusti lever kvar."
                ),
                (
                    "Den inhemska flodkräftan har tyvärr drabbats hårt av en svampsjukdom som spridits i många "
                    "vattendrag. Forskare och fiskevårdsföreningar arbetar därför med att skydda de bestånd som finns "
                    "kvar och att återinföra kräftor i sjöar där de tidigare försvunnit."
                ),
            ],
        },
        {
            "title": "Järnvägen genom skogslandet",
            "paragraphs": [
                (
                    "Den smala järnvägen som slingrar sig genom skogarna i norr byggdes för att frakta timmer och malm "
                    "till kusten. Under många decennier var den livsnerven för små samhällen längs banan, där "
                    "stationen ofta var den viktigaste byggnaden i byn. Där fanns posten, telegrafen och en väntsal "
                    "där människor träffades."
                ),
                (
                    "När lastbilar och bilar tog över transporterna minskade trafiken, och flera stationer stängdes. "
                    "Många befarade att banan skulle läggas ner helt, men en grupp entusiaster bildade en förening för "
                    "att bevara den. De har sedan dess rustat upp gamla vagnar och lok, och varje sommar kör de "
                    "veteranståg för besökare."
                ),
                (
                    "En resa med tåget är som att färdas tillbaka i tiden. Vagnarna har träbänkar och fönster som går "
                    "att öppna, och konduktören klipper biljetterna med en gammal tång. Längs vägen passerar man "
                    "myrar, tjärnar och gles tallskog, och med lite tur kan man se en älg eller en ren nära spåret."
                ),
                (
                    "Föreningen drömmer om att banan i framtiden åter ska användas för godstrafik, eftersom tåg är ett "
                    "mer klimatvänligt alternativ än lastbilar på långa avstånd."
                ),
            ],
        },
    ],
    "cs": [
        {
            "title": "Malý pivovar na náměstí",
            "paragraphs": [
                (
                    "V mnoha českých městech a vesnicích vznikly v posledních letech malé pivovary, které navazují na "
                    "dávnou tradici vaření piva. Dříve měl vlastní pivovar téměř každý statek a každé větší město, ale "
                    "během minulého století většina z nich zanikla. Dnes se do starých sladoven a sklepů znovu vrací "
                    "život."
                ),
                (
                    "Sládek v takovém pivovaru vaří pivo z ječného sladu, chmele, vody a kvasnic. Celý proces trvá "
                    "několik týdnů, protože po uvaření musí pivo kvasit v otevřených kádích a potom dlouho zrát ve "
                    "studeném sklepě. Výsledkem je nefiltrovaný nápoj s plnou chutí, který se čepuje přímo v hospodě "
                    "vedle varny."
                ),
                (
                    "Malé pivovary často spolupracují s místními zemědělci a pekaři. Mláto, které zbude po vaření, "
                    "dostávají chovatelé dobytka jako krmivo, a v kuchyni se z piva připravují omáčky, guláš nebo "
                    "chléb. Návštěvníci mohou absolvovat prohlídku, během níž jim sládek vysvětlí jednotlivé kroky "
                    "výroby."
                ),
                (
                    "Pro obce znamenají tyto podniky nová pracovní místa a také oživení náměstí, kde se lidé znovu "
                    "scházejí u jednoho stolu. Některé obce dokonce obnovily tradiční pivní slavnosti, na které se "
                    "sjíždějí návštěvníci z širokého okolí."
                ),
            ],
        },
        {
            "title": "Turistické značky v lesích a horách",
            "paragraphs": [
                (
                    "Kdo se vydá na výlet do české přírody, téměř jistě narazí na barevné turistické značky namalované "
                    "na stromech, kamenech a sloupech. Pruhy červené, modré, zelené a žluté barvy, orámované bílými "
                    "proužky, vedou poutníky po hustě propojené síti cest, která patří k nejlepším v Evropě."
                ),
                (
                    "O značení se starají dobrovolníci z turistických klubů. Každý úsek pravidelně procházejí, "
                    "obnovují vybledlé značky, opravují rozcestníky a odstraňují spadlé větve. Práce vyžaduje "
                    "pečlivost, protože značka musí být dobře vidět z obou směrů a nesmí poškodit strom."
                ),
                (
                    "Tradice značení sahá více než sto let do minulosti, kdy nadšenci začali vyznačovat cesty na "
                    "vrcholy hor a ke zříceninám hradů. Od té doby se systém změnil jen málo, a proto se v něm snadno "
                    "vyznají i lidé, kteří do lesa nechodí příliš často. Značky navíc doplňují informační tabule, "
                    "které upozorňují na zajímavá místa v okolí."
                ),
                (
                    "Pěší turistika je u nás velmi oblíbená a o víkendech vyrážejí do přírody celé rodiny. Mnozí si "
                    "dávají za cíl navštívit co nejvíce rozhleden a horských chat, kde na ně čeká horká polévka a "
                    "chvíle odpočinku."
                ),
            ],
        },
        {
            "title": "Rybníky a vánoční kapr",
            "paragraphs": [
                (
                    "Krajina na jihu země je poseta stovkami rybníků, které budovali rybníkáři už před mnoha "
                    "staletími. Hráze osázené starými duby, stoky a hladiny odrážející oblohu vytvářejí klidnou a "
                    "typickou podobu tohoto kraje. Rybníky však nesloužily jen k chovu ryb, ale také zadržovaly vodu a "
                    "chránily okolí před povodněmi."
                ),
                (
                    "Vrcholem roku je podzimní výlov. Rybník se postupně vypouští, až ryby zůstanou v malé prohlubni u "
                    "hráze, kde je rybáři v holínkách vybírají sítěmi. Na výlov se chodí dívat davy lidí, kteří si "
                    "kupují čerstvé ryby, pochutnávají si na rybích specialitách a sledují práci rybářů v blátě."
                ),
                (
                    "Největší zájem je o kapry, kteří v mnoha domácnostech patří ke štědrovečerní večeři. Kapr se "
                    "obvykle podává smažený s bramborovým salátem, i když někdo dává přednost pečené rybě nebo rybí "
                    "polévce. Dříve bylo zvykem kupovat živou rybu a nechat ji několik dní plavat ve vaně."
                ),
                (
                    "Ochránci přírody připomínají, že rybníky jsou také domovem mnoha ptáků, obojživelníků a vzácných "
                    "rostlin, a proto je důležité na nich hospodařit šetrně. Některé rybníky proto slouží i jako "
                    "přírodní rezervace s naučnými stezkami."
                ),
            ],
        },
    ],
}

CONTACT_SENTENCES: dict[str, str] = {
    "en": (
        "If you have questions about membership or donations, please write to {email} or call {phone}; contributions "
        "can be transferred to the account {iban}."
    ),
    "de": (
        "Bei Fragen zur Mitgliedschaft schreiben Sie uns bitte an {email} oder rufen Sie uns unter {phone} an; "
        "Beiträge überweisen Sie bitte auf das Konto {iban}."
    ),
    "fr": (
        "Pour toute question sur l'adhésion, écrivez-nous à {email} ou appelez le {phone} ; les cotisations peuvent "
        "être versées sur le compte {iban}."
    ),
    "es": (
        "Si tiene dudas sobre la inscripción, escríbanos a {email} o llame al {phone}; las cuotas se abonan en la "
        "cuenta {iban}."
    ),
    "it": (
        "Per informazioni sull'iscrizione scrivete a {email} oppure chiamate il numero {phone}; le quote associative "
        "si versano sul conto {iban}."
    ),
    "nl": (
        "Voor vragen over het lidmaatschap kunt u schrijven naar {email} of bellen met {phone}; de contributie kunt u "
        "overmaken op rekening {iban}."
    ),
    "pl": (
        "W sprawie składek członkowskich prosimy pisać na adres {email} lub dzwonić pod numer {phone}; wpłaty "
        "przyjmujemy na konto {iban}."
    ),
    "pt": (
        "Para esclarecer dúvidas sobre a inscrição, escreva para {email} ou ligue para o {phone}; as quotas podem ser "
        "transferidas para a conta {iban}."
    ),
    "sv": (
        "Har du frågor om medlemskapet kan du skriva till {email} eller ringa {phone}; avgiften betalas in på kontot "
        "{iban}."
    ),
    "cs": (
        "S dotazy ohledně členství se obracejte na adresu {email} nebo volejte na číslo {phone}; příspěvky zasílejte "
        "na účet {iban}."
    ),
}

BOILERPLATE: dict[str, dict[str, list[str]]] = {
    "en": {
        "nav": ["Home", "News", "Local Life", "Culture", "Food and Drink", "Travel", "Events", "About Us", "Contact"],
        "footer": [
            "This website uses cookies to improve your browsing experience.",
            "© Community Journal. All rights reserved.",
            "Privacy policy",
            "Terms of use",
            "Sign up for our weekly newsletter",
        ],
        "related": [
            "Volunteers restore the old village pump",
            "Ten tips for a quieter garden",
            "Market hall reopens after winter repairs",
            "Why swifts are returning later each spring",
            "Readers share their favourite walking routes",
            "A short guide to seasonal soups",
        ],
    },
    "de": {
        "nav": [
            "Startseite",
            "Nachrichten",
            "Region",
            "Kultur",
            "Essen und Trinken",
            "Freizeit",
            "Veranstaltungen",
            "Über uns",
            "Kontakt",
        ],
        "footer": [
            "Diese Website verwendet Cookies, um Ihnen ein besseres Nutzungserlebnis zu bieten.",
            "© Heimatblatt. Alle Rechte vorbehalten.",
            "Datenschutzerklärung",
            "Impressum",
            "Jetzt unseren Newsletter abonnieren",
        ],
        "related": [
            "Neuer Radweg entlang des Mühlbachs eröffnet",
            "Wie man Tomaten richtig überwintert",
            "Freibad startet mit längeren Öffnungszeiten",
            "Schüler pflanzen eine Hecke für Vögel",
            "Das Geheimnis des perfekten Apfelstrudels",
            "Feuerwehr lädt zum Tag der offenen Tür",
        ],
    },
    "fr": {
        "nav": [
            "Accueil",
            "Actualités",
            "Région",
            "Culture",
            "Gastronomie",
            "Loisirs",
            "Agenda",
            "Qui sommes-nous",
            "Contact",
        ],
        "footer": [
            "Ce site utilise des cookies pour améliorer votre expérience de navigation.",
            "© La Gazette du Village. Tous droits réservés.",
            "Politique de confidentialité",
            "Mentions légales",
            "Abonnez-vous à notre lettre d'information",
        ],
        "related": [
            "Le marché de nuit revient cet été",
            "Comment préparer une soupe de potiron",
            "La médiathèque élargit ses horaires",
            "Les hirondelles de retour sous les toits",
            "Une nouvelle passerelle sur la rivière",
            "Nos conseils pour un potager sans arrosage",
        ],
    },
    "es": {
        "nav": [
            "Inicio",
            "Noticias",
            "Comarca",
            "Cultura",
            "Gastronomía",
            "Viajes",
            "Agenda",
            "Quiénes somos",
            "Contacto",
        ],
        "footer": [
            "Este sitio utiliza cookies para mejorar su experiencia de navegación.",
            "© El Diario del Pueblo. Todos los derechos reservados.",
            "Política de privacidad",
            "Aviso legal",
            "Suscríbase a nuestro boletín semanal",
        ],
        "related": [
            "Reabre la piscina municipal con nuevas instalaciones",
            "Cinco platos de cuchara para el otoño",
            "Los vecinos limpian la ribera del río",
            "Así se elabora el queso de oveja artesanal",
            "La biblioteca amplía su horario en época de exámenes",
            "Rutas a pie para descubrir la sierra",
        ],
    },
    "it": {
        "nav": ["Home", "Notizie", "Territorio", "Cultura", "Cucina", "Viaggi", "Eventi", "Chi siamo", "Contatti"],
        "footer": [
            "Questo sito utilizza i cookie per migliorare la tua esperienza di navigazione.",
            "© Il Giornale della Valle. Tutti i diritti riservati.",
            "Informativa sulla privacy",
            "Note legali",
            "Iscriviti alla nostra newsletter",
        ],
        "related": [
            "Torna la sagra delle castagne in piazza",
            "I segreti di un buon risotto",
            "Nuovo sentiero panoramico sopra il lago",
            "La biblioteca comunale cerca volontari",
            "Come riconoscere le erbe spontanee",
            "Il mercato contadino raddoppia le bancarelle",
        ],
    },
    "nl": {
        "nav": ["Home", "Nieuws", "Regio", "Cultuur", "Eten en drinken", "Uitgaan", "Agenda", "Over ons", "Contact"],
        "footer": [
            "Deze website gebruikt cookies om uw bezoek te verbeteren.",
            "© Dorpskrant. Alle rechten voorbehouden.",
            "Privacyverklaring",
            "Algemene voorwaarden",
            "Meld u aan voor onze nieuwsbrief",
        ],
        "related": [
            "Nieuwe fietsbrug over de vaart geopend",
            "Zo maak je zelf appelstroop",
            "Buurtbewoners planten bomen in het park",
            "Zwembad gaat eerder open dit voorjaar",
            "De mooiste wandelingen langs de dijk",
            "Bibliotheek start met taalcafé",
        ],
    },
    "pl": {
        "nav": [
            "Strona główna",
            "Wiadomości",
            "Region",
            "Kultura",
            "Kuchnia",
            "Podróże",
            "Wydarzenia",
            "O nas",
            "Kontakt",
        ],
        "footer": [
            "Ta strona korzysta z plików cookie, aby ułatwić korzystanie z serwisu.",
            "© Gazeta Lokalna. Wszelkie prawa zastrzeżone.",
            "Polityka prywatności",
            "Regulamin serwisu",
            "Zapisz się do naszego newslettera",
        ],
        "related": [
            "Nowa ścieżka rowerowa wzdłuż rzeki",
            "Jak przygotować domowy zakwas na żurek",
            "Biblioteka zaprasza na wieczory z książką",
            "Mieszkańcy sadzą drzewa przy szkole",
            "Najpiękniejsze szlaki na jesienne spacery",
            "Targ rolny wraca na rynek",
        ],
    },
    "pt": {
        "nav": [
            "Início",
            "Notícias",
            "Região",
            "Cultura",
            "Gastronomia",
            "Viagens",
            "Agenda",
            "Quem somos",
            "Contactos",
        ],
        "footer": [
            "Este sítio utiliza cookies para melhorar a sua experiência de navegação.",
            "© Jornal da Terra. Todos os direitos reservados.",
            "Política de privacidade",
            "Termos e condições",
            "Subscreva a nossa newsletter",
        ],
        "related": [
            "Mercado municipal reabre depois das obras",
            "Como fazer um bom caldo verde",
            "Voluntários limpam a praia antes do verão",
            "Novo percurso pedestre junto ao rio",
            "Biblioteca lança clube de leitura para jovens",
            "As cegonhas voltaram aos telhados da vila",
        ],
    },
    "sv": {
        "nav": ["Hem", "Nyheter", "Lokalt", "Kultur", "Mat och dryck", "Resor", "Evenemang", "Om oss", "Kontakt"],
        "footer": [
            "Vi använder kakor för att förbättra din upplevelse på webbplatsen.",
            "© Bygdebladet. Alla rättigheter förbehållna.",
            "Integritetspolicy",
            "Användarvillkor",
            "Prenumerera på vårt nyhetsbrev",
        ],
        "related": [
            "Ny cykelväg längs sjön invigd",
            "Så bakar du det perfekta knäckebrödet",
            "Biblioteket förlänger sina öppettider",
            "Frivilliga röjer stigar i naturreservatet",
            "Tranorna är tillbaka vid sjön",
            "Sommarens bästa badplatser i länet",
        ],
    },
    "cs": {
        "nav": ["Úvod", "Zprávy", "Region", "Kultura", "Gastronomie", "Cestování", "Akce", "O nás", "Kontakt"],
        "footer": [
            "Tento web používá soubory cookie ke zlepšení vašeho zážitku z prohlížení.",
            "© Místní noviny. Všechna práva vyhrazena.",
            "Zásady ochrany osobních údajů",
            "Podmínky užití",
            "Přihlaste se k odběru našeho zpravodaje",
        ],
        "related": [
            "Nová cyklostezka vede podél řeky",
            "Jak upéct pravé domácí koláče",
            "Knihovna rozšiřuje otevírací dobu",
            "Dobrovolníci uklidili břehy potoka",
            "Nejkrásnější podzimní výlety do lesů",
            "Farmářský trh se vrací na náměstí",
        ],
    },
}
