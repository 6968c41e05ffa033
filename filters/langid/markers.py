"""Frequent words that tell close languages apart, and which languages are each other's usual confusers.

A word listed under a language is common in it and absent (or rare) in at least one of its confusers. A word
two confusers share is listed under both, so it cancels out between them and only counts against the others
(Danish and Bokmål both write "ikke", Nynorsk writes "ikkje"). Written for this project from the standard
grammars and spelling of each language: function words, the Croatian/Bosnian/Serbian differences in vocabulary
and in the reflex of old jat (ijekavian "vrijeme, mjesto" against ekavian "vreme, mesto"), Danish against
Norwegian spelling (af/av, efter/etter, hvad/hva), Galician against Portuguese (unha/uma, non/não), and so on.
"""

from __future__ import annotations

import unicodedata

# Croatian/Bosnian share the ijekavian reflex; Bosnian/Serbian share much vocabulary Croatian replaces.
_IJEKAVIAN = """
vrijeme prije poslije gdje ovdje mjesto mjesta mjestu mjesec mjeseca mjeseci mjesecu vijest vijesti svijet svijeta
svijetu cijena cijene cijeli cijela cijelo cijelog lijepo lijepa lijep rijeka rijeke riječ riječi dijete djeca djece
djecu djevojka tijelo tijela bijeli bijela pjesma pjesme ljeto ljeta ljetu predsjednik predsjednika predsjednica
vidjeti htjeti voljeti željeti uvijek nedjelja nedjelje djelo djela dio dijela dijelu mjera mjere mjeru vjera vjere
primjer sjednica sjednici odjel odjela savjet vijeće vijeća vijeću rješenje rješenja mlijeko snijeg lijek lijekovi
zvijezda smjer smjeru sjever sjevera sjeveru dvije živjeti vrijedi vrijednost vrijednosti promjena promjene promjenu
namjera posjet posjeta obavijest obavijesti zahtjev zahtjeva stoljeće stoljeća razumjeti sjećanje mjesni
"""
_EKAVIAN = """
vreme pre posle gde ovde mesto mesta mestu mesec meseca meseci mesecu vest vesti cena cene ceo cela celo celog lepo
lepa lep reka reke reč reči dete deca dece decu devojka telo tela beli bela pesma pesme predsednik predsednika
predsednica videti hteti voleti želeti uvek nedelja nedelje delo deo dela delu mera mere meru vera vere primer
sednica sednici odeljenje savet veće veća rešenje rešenja mleko sneg lek lekovi zvezda smer smeru sever severa
severu dve živeti vredi vrednost vrednosti promena promene promenu namera poseta obaveštenje zahtev zahteva vek
veka razumeti sećanje
"""
_BOSNIAN_SERBIAN = """
ko šta hiljada hiljade hiljadu tokom tačno tačka uslov uslovi uslova fudbal fudbalski fudbalera voz voza porodica
porodice porodici univerzitet univerziteta ambasada ambasade evropa evrope evropi evropski evropska evropske evropskoj
evropskog veoma milion miliona hemija hemijski sedmice takmičenje takmičenja
"""

# Function and everyday words the three standards share: they tell them from Slovenian, not from each other.
_SERBO_CROATIAN = """
i u su sam kao što koji koja koje kojeg kojem kojim kojih ili nego još već jer kad kada sve svi će ćemo ćete
hoće neće može mogu mnogo puno jako vrlo ovaj ova ovo ove ovog ovom ovim taj onaj sada danas sutra godina
godine godini nakon prema kroz bez kod između protiv zbog dakle naime međutim iako ako nije nisu nema imaju ja
ih joj kuća grad posao novac sat molim
"""

_CROATIAN = """
jučer tko tjedan tjedna tjednu kruh vlak vlaka sveučilište sveučilišta glazba glazbe glazbu kazalište kazališta nogomet
nogometni nogometaša povijest povijesti tisuća tisuće tisuću siječanj siječnja veljača veljače ožujak ožujka travanj
travnja svibanj svibnja lipanj lipnja srpanj srpnja kolovoz kolovoza rujan rujna listopad listopada studeni studenoga
studenog prosinac prosinca tijekom također primjerice sudjelovati sudjeluje sudjelovanje obitelj obitelji izvješće
izvješća priopćenje veleposlanstvo ravnatelj ravnateljica milijun milijuna uvjet uvjeti uvjeta čimbenik zrakoplov
zračna zračne zračni zračnoj tvrtka tvrtke tvrtki gospodarstvo gospodarstva gospodarski znanost znanosti europa
europe europi europski europska europske europskoj europskog unatoč skupina skupine ozljeda ozljede
natjecanje natjecanja momčad momčadi izbornik zastupnik zastupnika zastupnici tisak kemijski vjerojatno točno točka
hrvatska hrvatske hrvatskoj hrvatski hrvatskog zagreb zagreba zagrebu sabor sabora saboru županija županije
županiji postotak postotaka kuna kuna plaća plaće glede dakako
"""

_SLOVENIAN = """
bom boš
v z jo tem nimam nima nimajo nimamo nimate nisem sva vidva
ni niso zaradi skozi proti čeprav ko naj jim prosim denar ura kateri katera katero katere ki
jaz jih ji njej njega nje tega temu tej teh vsega vseh vsem svoje svojo moje zdaj sedaj tukaj tam
včeraj jutri nato ali kako kdaj kam koliko nekaj nič nihče morda mogoče približno oziroma sicer skupaj še
imam imajo gre grem pride smo ste so bi bil bila bilo bili pa le dobro veliko malo mesta otrok ljudi hiša

in ki tudi zelo lahko bo bodo sem bil ter kot vendar danes lani če so še že kje kaj zakaj kdo ker niso bomo
boste vsi vse vsak vseh več med brez potem torej dejal dejala povedal povedala ljudje otroci slovenija slovenije
sloveniji slovenski slovenska ljubljana ljubljani evrov odstotkov občina občine leta letos sta ampak saj naj
vreme lepo mesto mesta svet predsednik sever mleko sneg zvezda lek reka telo cena cene vest delo mera mere vera
beli bela vredi vrednost zahteva smer dve želeti videti živeti razumeti nedelja primer
"""

MARKERS: dict[str, str] = {
    "hr": _SERBO_CROATIAN + _IJEKAVIAN + _CROATIAN,
    "bs": _SERBO_CROATIAN + _IJEKAVIAN + _BOSNIAN_SERBIAN + """
historija historije historiji historijski sedmica hljeb lahko mehko kahva kahve sahat saopćenje saopćio saopćila
federacija federacije federaciji sarajevo sarajeva sarajevu bosna bosne bosni bosanski bosanskog hercegovina
hercegovine hercegovini kanton kantona kantonu entitet entiteta bošnjaci bošnjaka bošnjački izvještaj izvještaja
bezbjednost bezbjednosti vjerovatno uopće općina općine općini
""",
    "sr": _SERBO_CROATIAN + _EKAVIAN + _BOSNIAN_SERBIAN + """
opština opštine opštini opšti opšte uopšte takođe istorija istorije istoriji istorijski bezbednost bezbednosti
saopštenje saopštio saopštila izveštaj izveštaja hleb srbija srbije srbiji srpski srpska srpske srpskoj beograd
beograda beogradu dinara odsto verovatno
је су са од има нема који која које ће био била било смо али када још према између после године србије србија
београд београду српске српски рекао јер у
""",
    "sl": _SLOVENIAN,
    "cs": """
této tomto tímto
jsi mohou musí musíme pouze jenž jež již pokud proč tady zde zítra děkuji prosím mně bych bychom ke nebo
nejsou velký přes před řekla chci vím nevím hodně moc jenom všechno pořád dále více méně taky vždycky těm něj
jestli já až takže bude budu budeme však jiný jiná jiné jiným jiných jinak téměř tohle tenhle tímto musíte vše
apod

se jsem jsme jste jsou byl byla bylo byli který která které kteří nebo když protože velmi ještě jen pro podle mezi
není může také co jako ve ze ke jim jejich její tato tyto měl měla mají budou před přes let procent česká české
český česko praha praze řekl říká při již tedy proto jak teď hodně nic něco všechno všichni člověk lidé lidi
děti město země první těchto těch tohoto dne den týden hodin uvedl policie chtějí jde mohou můžeme třeba dobře
hlavně právě zatím přitom své svůj jí mě tím čím lze pouze českého českých prahy brno brně
""",
    "sk": """
ste sú nie aj alebo ešte iba tiež preto podľa môžem chcem viem neviem bol bola bolo boli ako ďalej viac menej
najmä len tá tej ktorých ktoré ktorá ktorý ich im sme som sa zo vo ku pre cez pri ktorým iným iná iné inak

sa ako aj som sme ste sú bol bola bolo boli ktorý ktorá ktoré ktorí alebo keď lebo veľmi ešte len pre podľa medzi
nie môže tiež čo vo zo ku im ich jej táto tieto mal mala majú budú pred cez rokov percent slovensko slovenska
slovensku slovenský bratislava bratislave povedal hovorí pri teda preto iba ktorú ktorej ktorom ktorého ktorým
okrem teraz môžu treba roka dobre veľa hlavne práve zatiaľ približne nič niečo všetko všetci človek ľudia deti mesto
krajina štát prvý keďže pretože musia chcú ide idú týchto tých rokoch mesiaca dňa deň týždeň hodín tohto uviedol
polícia slovenskej slovenských košice košiciach
""",
    "pl": """
się jest nie że jak przez przy dla który która które może tylko już także oraz został została było były będzie
roku polska polski polskiej warszawa co ze jako ich jej im
""",
    # Danish and Bokmål share most function words; Nynorsk, Swedish differ in them. Their articles and "de" are
# left out: Spanish, Dutch and Romanian write the same words.
    "da": """
ind foruden tager
af mig dig sig os jer vores jeres noget nogle nogen endnu lidt mere blot dog hvorfor hvornår
havde været sagde gik fik sådan måske hjem hjemme udvalg øjeblik bedste anden andet intet ned lave købe
tak hej kr heller meget efter igennem omkring

af hvad meget efter nu mig dig sig noget nogle nogen igen mellem gennem sidste næste blev bliver vores ud op lige
sige siger gøre gør end næsten taget danmark dansk danske københavn selvom hende
ikke jeg hun hvordan hvorfor hvem fra være
""",
    "nb": """
å inn
meg deg seg oss dere vår våre noe noen enda litt mer bare hadde vært sa gikk fikk slik
kanskje beste annen annet lage kjøpe takk hei etter gjennom rundt utvalg øyeblikk

hva mye nå noe noen sier ble gjøre gjør norge norsk norske oslo henne
ikke jeg hun hvordan hvorfor hvem fra være
av etter enn meg deg seg igjen mellom gjennom siste neste ut opp veldig blir nesten tatt
""",
    "nn": """
å inn
ikkje eg ho kva kven korleis kvifor frå berre mykje heile noko nokon nokre ein eit vere vera vart dei deira
hjå òg fekk gjekk sjølv difor medan seinare saman kome gjere gjer seier meir noreg
av etter enn meg deg seg igjen mellom gjennom siste neste ut opp veldig blir nesten tatt norge norsk norske
""",
    "sv": """
kanske fortfarande väl
vid dess ett sedan inget bara alla andra över innan dock även där här då när vilken vilket någon något några
varje lite många stora nya hade måste sitt deras

och inte jag hon vad mycket att för till också från när hur varför vem vilka kommer sverige svenska svensk
stockholm mig dig sig av efter är nu blev henne igen ut blir
""",
    # Celtic
    "ga": """
féin mac iníon bean fear gurbh ab arna cur
is ea i na an ar le go ag den don sa san ina atá ba nó ach sin seo mar chuid aige aici acu
air uirthi orthu léi leo dá faoi tar éis thar suas síos arís fós riamh gach eile cén conas cathain cá cad céard
bhí bíonn beidh bheadh rud duine muintir contae baile chathair ceantar tír oileán

agus bhí tá atá níl ní siad iad í leis nach gur seo freisin chomh idir faoi trí roimh ón ó dó orm mé sinn sibh
muid an ar ag le go mar sa ina san don den é sé sí dá tú bhfuil raibh beidh bheidh dúirt rinne fuair chuaigh tháinig chun uair anois inniu éireann éire gaeilge
gaeltacht gaeltachta rialtas rialtais bliain bliana daoine gcás gcomhair dtí dtaobh bhfad
""",
    "gd": """
tha bha chan eil gu aig air ann anns bhith gàidhlig alba cha dè ciamar thuirt bidh cuideachd mòr mòran oir
agus seo nach an na
""",
    "cy": """
yn y yr ac mae oedd ar ei eu wedi bod gan hefyd ond neu fel hyn hwn hon cymru cymraeg ddim roedd fydd bydd gyda
dros rhwng pan sydd nid nad fy ein chi ni nhw iawn llywodraeth
""",
    "mt": """
il u ta li fil għal minn bħala dan din huwa hija jew ma kien kienet għandu hemm wkoll biex meta issa malta maltin
mhux aktar kif xi dawn ukoll lil mal sal bil mill għall kull tal
""",
    # Iberian Romance
    "es": """
y los las con pero también muy más esto hay había año años cuando sus hasta ya sin donde españa gobierno ese esa
aquí sé sí tú
""",
    "pt": """
não uma com também muito quando ao aos pelo pela pelos pelas isso mais já há foi são seu sua nós você ainda
depois sem fazer estão então ele ela eles elas em um brasil portugal governo na é dá
""",
    "gl": """
unha non polo pola polos polas coa co cos coas tamén moi cando aínda xa nin facer iso dende despois hai sen
galicia galego galega xunta concello máis dun dunha nun nunha ademais xente traballo pero con
ao aos ela eles elas
""",
    "ca": """
amb els les per què és són també més molt però aquest aquesta aquests seva seu seus hi havia fins any anys doncs
perquè gairebé dels pels nostre nostra fer catalunya generalitat govern ajuntament mentre encara sense i com
""",
    "ro": """
cum fiecare bine acolo astfel altfel deja niciodată mereu totul nimic ceva cineva orice vreun vreo unor unii
unele sale său ale noastre nostru meu mea
cu pe din nu mai iar când după această acest acesta acum doar foarte fi fost sunt este pentru care sau
unei unui între până fără către însă deci dacă atunci ei ele lor lui noi voi eu ea cine unde cât multe mult
toate tot toți nici decât așa ați vor

și şi în că să sunt care pentru această acest aceste acesta după foarte fost fi din unui unei sau
despre până către între nu anul ani poate trebuie fără doar încă acum aici oameni români românia româniei
guvernul cele celor cel cea
""",
    # Finnic, Baltic
    "et": """
vaid meie teie nende oma olema saab peab tuleb läheb tahan mind sind teda neid sellest millest
mille miks palju hea uus suur iga ikka siin seal täna homme eile kunagi midagi keegi mingi sama ehk umbes
rohkem vähem kõige siiski samuti lisaks näiteks küll jah ma sa me te

et see ka mis kui aga või veel siis kes seda selle tema mida kõik üle ning ta nad need mitte ainult nüüd juba väga
pärast eest järgi vastu poolt aasta aastal eesti tallinn tallinna kuid sest olid olnud pole kus kas kuidas
""",
    "fi": """
on ei hän se myös mutta vaan tai kuin kun jo nyt hyvin paljon vain kanssa jotain jossa joka
miksi mikä kuka täällä siellä tänään huomenna eilen enemmän vähemmän kyllä minä sinä minun sinun meidän
teidän heidän olen olet olemme olette ovat olisi voi voida pitää täytyy

että se myös mitä hän mutta tai vielä niin sitten joka jotka sen kaikki yli kun kuin ovat olla ole hänen tämä
tämän nämä he me vain nyt paljon jälkeen mukaan vuonna vuoden suomi suomen helsinki helsingin kanssa sekä koska
jos miten missä ollut olivat
""",
    "lv": """
un par no uz arī vai latvijas latvija rīgā rīgas gadā gada viņš viņa tika bija tur nav pie pēc līdz bez kad
tikai ļoti šodien mēs jūs viņi kā vēl būs tā šis šī mans tavs savu
""",
    "lt": "ir tai su iš yra nuo kaip buvo į lietuvos lietuva vilniaus vilniuje metų dėl taip labai kuris",
    # Cyrillic
    "bg": """
съм си сме сте са ще не да и в на за от с по че се това този тази тези като но или при след
преди между до към през без още вече много само също там тук сега днес има няма беше бяха бил била било
били какво защо кога къде как кой коя кое кои нещо нищо всички всеки всичко му ѝ им ги го ни ви ме аз ти той
тя ние вие хора година години деца страна град лв млн

ще това този тази тези които която който е са във със съм бъде след според българия българския български софия
обаче така че
""",
    "ru": """
он она они мы вы я был была были есть нет уже ещё еще очень только тоже также когда где почему
кто который которые этот эта эти того этого его её их ему ей нас вас меня тебя себя мне тебе себе чтобы если
же бы вот все всё можно нужно надо после перед через года году лет человек люди время сейчас сегодня здесь
тут

что это он она они был была было были его её ее который которые которая также для из так только уже мы вы
россии россия российской москвы москве года после у сейчас очень можно нужно чтобы этого этом того всё будет есть
""",
    "uk": """
що це та і й як він вона вони був була було його її який яка які також для від україни україна київ києва року
буде є
""",
    "mk": """
во со ќе дека кој која кое кои овој оваа ова тоа сум си сме сте се од има нема биде така
многу само исто сега денес таму тука што зошто каде како кога нешто ништо сите секој сè јас ти тој таа
ние вие тие луѓе година години деца земја град

во е со ќе дека кој која кое кои овој оваа тоа сум од македонија македонски скопје според има нема биде така
""",
    "be": "гэта ён яна яны быў таксама беларусі беларусь ад",
    "is": "að ekki það við hefur eru þess hún ísland íslands með",
    "en": "the and of to is that with for was are this be have from by not which were their they his her it on as in an go",
    "it": """
il che della sono non gli anche questo questa molto dopo essere stato hanno alla nel nella degli delle più perché
italia con per però mentre ma i
""",
    "fr": "le les des est une dans pour qui pas sur avec sont ce cette été être aussi plus mais aux du nous vous ils elle",
    "de": "der die das und ist nicht ein eine mit von zu den dem sich auch auf für wird werden wurde sind war hat haben",
    "nl": "het een van voor zijn met niet ook maar aan wordt worden werd naar bij om nederland",
    # Germanic neighbours
    "lb": """
ass net vun mat fir ech hien huet hunn gëtt ginn och awer sinn lëtzebuerg lëtzebuerger ze eng engem enger dës
dësen well méi iwwer ënner elo
""",
}

# Each group is a set of languages a stock model mixes up; a language's confusers are all the others it is
# grouped with. The refiner always scores a text's top labels against their confusers.
CONFUSABLE_GROUPS: tuple[tuple[str, ...], ...] = (
    ("hr", "bs", "sr", "sl"),
    ("sr", "mk", "bg", "ru", "uk", "be"),
    ("cs", "sk", "pl"),
    ("da", "nb", "nn", "sv"),
    ("ga", "gd", "en"),
    ("cy", "en"),
    ("es", "pt", "gl", "ca"),
    ("ca", "oc", "fr"),
    ("ro", "it", "es"),
    ("et", "fi"),
    ("lv", "lt"),
    ("is", "fo", "da"),
    ("lb", "de", "nl"),
    ("mt", "it"),
)

MARKER_WORDS: dict[str, frozenset[str]] = {lang: frozenset(words.split()) for lang, words in MARKERS.items()}


def _confusers() -> dict[str, tuple[str, ...]]:
    found: dict[str, set[str]] = {}
    for group in CONFUSABLE_GROUPS:
        for lang in group:
            found.setdefault(lang, set()).update(x for x in group if x != lang)
    return {lang: tuple(sorted(others)) for lang, others in found.items()}


CONFUSERS: dict[str, tuple[str, ...]] = _confusers()


def _word_index() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for lang, words in MARKER_WORDS.items():
        for word in words:
            index.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in index.items()}


# word -> the languages it is a marker of; one dictionary look-up per token.
WORD_INDEX: dict[str, tuple[str, ...]] = _word_index()

# Letters that are not a base letter plus a combining mark, and what they are typed as without diacritics.
_PLAIN_LETTERS = str.maketrans({"ł": "l", "đ": "d", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ı": "i"})


def fold(word: str) -> str:
    """A word as it is typed without diacritics (Czech "který" -> "ktery", Romanian "după" -> "dupa")."""
    decomposed = unicodedata.normalize("NFD", word.translate(_PLAIN_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Languages whose web text is often typed without its diacritics (keyboards, old phones, habit).
TYPED_PLAIN = frozenset("cs sk ro sl hr bs sr pl lv lt hu".split())


def _folded_index() -> dict[str, tuple[str, ...]]:
    index: dict[str, set[str]] = {}
    for lang, words in MARKER_WORDS.items():
        for word in words:
            plain = fold(word) if lang in TYPED_PLAIN else word
            if plain.isascii():
                index.setdefault(plain, set()).add(lang)
    return {word: tuple(sorted(langs)) for word, langs in index.items()}


# The same look-up for text typed without any diacritics (much Czech, Slovak and Romanian web text is): there
# "ktery" is Czech and "si" may be Romanian "și", so the markers of those languages count in their plain form;
# other languages' markers count only as they are written.
FOLDED_WORD_INDEX: dict[str, tuple[str, ...]] = _folded_index()


def _specific(index: dict[str, tuple[str, ...]]) -> dict[str, dict[str, float]]:
    """word -> {language: weight}: how specific the word is to each language listing it, 1 / (1 + the languages
    outside its confusers that list it too). A word Estonian, Irish, Bokmål, Romanian and Slovak all list counts a
    fifth for each; one only Slovenian lists counts whole."""
    specific = {}
    for word, langs in index.items():
        specific[word] = {lang: 1.0 / (1 + sum(other != lang and other not in CONFUSERS.get(lang, ())
                                                for other in langs))
                          for lang in langs}
    return specific


# The look-ups above, each word weighed by how specific it is to each language: evidence for a language against
# any other, where the plain counts are evidence against its confusers (see identifier.is_specific).
SPECIFIC_WORD_INDEX: dict[str, dict[str, float]] = _specific(WORD_INDEX)
FOLDED_SPECIFIC_INDEX: dict[str, dict[str, float]] = _specific(FOLDED_WORD_INDEX)
