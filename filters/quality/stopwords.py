"""Very common function words per language, for the Gopher-style "has at least N stop words" rule.

Short on purpose: the rule only asks whether a text reads as running prose in its language.
"""

STOP_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "bg": "и в на е да се за от не с че по са то",
        "cs": "a v se na je to že s z do o k ve pro",
        "da": "og i at det er en til på de med af for som den",
        "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine",
        "el": "και το η να του της σε την με που για από τα των",
        "en": "the be to of and that have with a in is it for on",
        "es": "de la que el en y a los se del las un por con no una",
        "et": "ja on ei et see ka oli kui ta mis aga nii",
        "fi": "ja on ei se että oli hän ovat kun mutta tai myös",
        "fr": "de la le et les des en un du une que est pour qui dans",
        "ga": "an na agus ar a is i le go ag de ó",
        "hr": "i u je se na da za su od s a koji kao",
        "hu": "a az és hogy nem is egy van meg de csak már",
        "it": "di e il la che in un per è del non una con le",
        "lt": "ir į kad tai su iš yra o bet nuo kaip jo",
        "lv": "un ir ar par no uz ka tas kas bet arī vai",
        "mt": "il u ta li fil għal ma minn bħala dan huwa jew",
        "nl": "de het een en van in is op te dat die voor zijn met",
        "pl": "i w na z się że do nie to jest o jak od po",
        "pt": "de a o que e do da em um para com não uma os",
        "ro": "și în de la a cu pe nu care din este o un",
        "sk": "a v sa na je to že s z do o k vo pre",
        "sl": "in je v se na da za so z s pa ki to",
        "sv": "och i att det som en på är av för med till den",
        "ca": "de la i el que a en les per un amb del una",
        "nb": "og i det er som på en til av for med at den",
        "nn": "og i det er som på ein til av for med at den",
        "eu": "eta da ez du bat ere hori baina zen dira",
        "gl": "de a o e que do da en un para con non unha",
        "lb": "an de d' vun der ass a mat fir op net en",
        "cy": "y a yn i o ar yr ei ac mae am fel",
        "bs": "i u je se na da za su od s a koji kao",
        # Serbian is written in both scripts
        "sr": "и у је се на да за су од с а који као i u je se na da za su od s a koji kao",
        "mk": "и во на е да се за од со што не ќе тоа",
        "ru": "и в не на что он с как а то все она так его но да к у же вы за бы по",
        "uk": "і в не на що я з та як у до це він але й за по",
        "tr": "ve bir bu da de için ile ne çok daha gibi olarak",
        "is": "og að í á er sem til það var um með ekki",
        "sq": "e të në një dhe për me që nga është së",
        "br": "ha an ar e eo a da en ur evit gant",
        "gd": "a an agus na air ann is e tha gu",
    }.items()
}
