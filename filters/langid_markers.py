"""Frequent words that tell close languages apart, and which languages are each other's usual confusers.

A word listed under a language is common in it and absent (or rare) in at least one of its confusers. A word
two confusers share is listed under both, so it cancels out between them and only counts against the others
(Danish and Bokmål both write "ikke", Nynorsk writes "ikkje"). Written for this project from the standard
grammars and spelling of each language: function words, the Croatian/Bosnian/Serbian differences in vocabulary
and in the reflex of old jat (ijekavian "vrijeme, mjesto" against ekavian "vreme, mesto"), Danish against
Norwegian spelling (af/av, efter/etter, hvad/hva), Galician against Portuguese (unha/uma, non/não), and so on.
"""

from __future__ import annotations

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

_CROATIAN = """
tko tjedan tjedna tjednu kruh vlak vlaka sveučilište sveučilišta glazba glazbe glazbu kazalište kazališta nogomet
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
in ki tudi zelo lahko bo bodo sem bil ter kot vendar danes lani če so še že kje kaj zakaj kdo ker niso bomo
boste vsi vse vsak vseh več med brez potem torej dejal dejala povedal povedala ljudje otroci slovenija slovenije
sloveniji slovenski slovenska ljubljana ljubljani evrov odstotkov občina občine leta letos sta ampak saj naj
vreme lepo mesto mesta svet predsednik sever mleko sneg zvezda lek reka telo cena cene vest delo mera mere vera
beli bela vredi vrednost zahteva smer dve želeti videti živeti razumeti nedelja primer
"""

MARKERS: dict[str, str] = {
    "hr": _IJEKAVIAN + _CROATIAN,
    "bs": _IJEKAVIAN + _BOSNIAN_SERBIAN + """
historija historije historiji historijski sedmica hljeb lahko mehko kahva kahve sahat saopćenje saopćio saopćila
federacija federacije federaciji sarajevo sarajeva sarajevu bosna bosne bosni bosanski bosanskog hercegovina
hercegovine hercegovini kanton kantona kantonu entitet entiteta bošnjaci bošnjaka bošnjački izvještaj izvještaja
bezbjednost bezbjednosti vjerovatno uopće općina općine općini
""",
    "sr": _EKAVIAN + _BOSNIAN_SERBIAN + """
opština opštine opštini opšti opšte uopšte takođe istorija istorije istoriji istorijski bezbednost bezbednosti
saopštenje saopštio saopštila izveštaj izveštaja hleb srbija srbije srbiji srpski srpska srpske srpskoj beograd
beograda beogradu dinara odsto verovatno
је су са од има нема који која које ће био била било смо али када још према између после године србије србија
београд београду српске српски рекао јер у
""",
    "sl": _SLOVENIAN,
    "cs": """
se jsem jsme jste jsou byl byla bylo byli který která které kteří nebo když protože velmi ještě jen pro podle mezi
není může také co jako ve ze ke jim jejich její tato tyto měl měla mají budou před přes let procent česká české
český česko praha praze řekl říká při již tedy proto jak teď hodně nic něco všechno všichni člověk lidé lidi
děti město země první těchto těch tohoto dne den týden hodin uvedl policie chtějí jde mohou můžeme třeba dobře
hlavně právě zatím přitom své svůj jí mě tím čím lze pouze českého českých prahy brno brně
""",
    "sk": """
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
    # Danish and Bokmål share most function words; Nynorsk, Swedish differ in them.
    "da": """
af hvad meget efter nu mig dig sig noget nogle nogen igen mellem gennem sidste næste blev bliver vores ud op lige
sige siger gøre gør end næsten taget danmark dansk danske københavn selvom hende
ikke jeg hun hvordan hvorfor hvem fra være en et de
""",
    "nb": """
hva mye nå noe noen sier ble gjøre gjør norge norsk norske oslo henne
ikke jeg hun hvordan hvorfor hvem fra være en et de
av etter enn meg deg seg igjen mellom gjennom siste neste ut opp veldig blir nesten tatt
""",
    "nn": """
ikkje eg ho kva kven korleis kvifor frå berre mykje heile noko nokon nokre ein eit vere vera vart dei deira
hjå òg fekk gjekk sjølv difor medan seinare saman kome gjere gjer seier meir noreg
av etter enn meg deg seg igjen mellom gjennom siste neste ut opp veldig blir nesten tatt norge norsk norske
""",
    "sv": """
och inte jag hon vad mycket att för till också från när hur varför vem vilka kommer sverige svenska svensk
stockholm mig dig sig av efter är de en nu blev henne igen ut blir
""",
    # Celtic
    "ga": """
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
și şi în că să sunt care pentru această acest aceste acesta după foarte fost fi din unui unei sau
despre până către între nu anul ani poate trebuie fără doar încă acum aici oameni români românia româniei
guvernul cele celor cel cea
""",
    # Finnic, Baltic
    "et": """
et see ka mis kui aga või veel siis kes seda selle tema mida kõik üle ning ta nad need mitte ainult nüüd juba väga
pärast eest järgi vastu poolt aasta aastal eesti tallinn tallinna kuid sest olid olnud pole kus kas kuidas
""",
    "fi": """
että se myös mitä hän mutta tai vielä niin sitten joka jotka sen kaikki yli kun kuin ovat olla ole hänen tämä
tämän nämä he me vain nyt paljon jälkeen mukaan vuonna vuoden suomi suomen helsinki helsingin kanssa sekä koska
jos miten missä ollut olivat
""",
    "lv": "un par no uz arī vai latvijas latvija rīgā rīgas gadā gada viņš viņa tika bija",
    "lt": "ir tai su iš yra nuo kaip buvo į lietuvos lietuva vilniaus vilniuje metų dėl taip labai kuris",
    # Cyrillic
    "bg": """
ще това този тази тези които която който е са във със съм бъде след според българия българския български софия
обаче така че
""",
    "ru": """
что это он она они был была было были его её ее который которые которая также для из так только уже мы вы
россии россия российской москвы москве года после у сейчас очень можно нужно чтобы этого этом того всё будет есть
""",
    "uk": """
що це та і й як він вона вони був була було його її який яка які також для від україни україна київ києва року
буде є
""",
    "mk": """
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

# Spelling patterns that count like marker words: every word matching one is a hit for the languages named.
# - ijekavian reflex of jat inside a word (vrijeme, mjesto, djeca, pjesma, cjelina): Croatian and Bosnian
#   standard, not Serbian ekavian; "nije" (is not) is common to all, word-final "-ije" is a case ending.
# - Gaelic initial mutations: lenition (bh- mh- dh- gh- fh-) in Irish and Scottish Gaelic, eclipsis (bhf- gc-
#   dt- bp- mb- nd-) in Irish only.
# - Norwegian kj/gj (kjøre, gjøre, igjen) where Danish writes k/g (køre, gøre, igen); nouns in -het (nb, nn,
#   sv) against Danish -hed; Norwegian -sjon against Danish and Swedish -tion.
WORD_PATTERNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"\b(?!nije\b)\w*(?:ije\w|[mvpdtc]je|sje)\w*", ("hr", "bs")),
    (r"\b(?:bh|mh|dh|gh|fh)[aeiouáéíóúàèìòù]", ("ga", "gd")),
    (r"\b(?:bhf|gc|dt|bp|mb|nd)[aeiouáéíóú]", ("ga",)),
    (r"\b\w*?(?:kj|gj)\w*", ("nb", "nn")),
    (r"\w{3}hed(?:en|er|erne)?\b", ("da",)),
    (r"\w{3}het(?:en|er|ene|erna)?\b", ("nb", "nn", "sv")),
    (r"\w{2}sjon(?:en|er|ene)?\b", ("nb", "nn")),
    (r"\w{2}tion(?:en|er|erne|ens)?\b", ("da", "sv")),
)
