"""What PII detection needs to know about each of the 24 official EU languages.

Phone numbering plans tried for text in the language, the spaCy tokenizer that serves it, and the context words
(lower case, matched as substrings of nearby tokens) that raise confidence in a finding.
"""

from __future__ import annotations

EU_LANGUAGES = ("bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv",
                "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv")
FALLBACK_LANGUAGE = "xx"  # text in any other language: every plan of the big member states, English context words

# English web text comes from everywhere: it keeps stock Presidio's default plans on top of IE, GB and MT.
STOCK_PHONE_REGIONS = ("US", "DE", "FR", "IL", "IN", "CA", "BR")
# Numbering plans tried for text in each language (international +NN / 00NN numbers parse under any of them).
PHONE_REGIONS: dict[str, tuple[str, ...]] = {
    "bg": ("BG",), "cs": ("CZ", "SK"), "da": ("DK",), "de": ("DE", "AT", "LU", "CH"), "el": ("GR", "CY"),
    "en": ("IE", "GB", "MT", *STOCK_PHONE_REGIONS), "es": ("ES",), "et": ("EE",), "fi": ("FI",), "fr": ("FR", "BE", "LU", "CH"),
    "ga": ("IE",), "hr": ("HR",), "hu": ("HU",), "it": ("IT",), "lt": ("LT",), "lv": ("LV",), "mt": ("MT",),
    "nl": ("NL", "BE"), "pl": ("PL",), "pt": ("PT",), "ro": ("RO",), "sk": ("SK", "CZ"), "sl": ("SI",),
    "sv": ("SE", "FI"),
    FALLBACK_LANGUAGE: ("DE", "FR", "IT", "ES", "PL", "NL", "GB"),
}

# spaCy has no tokenizer of its own for these; its multi-language one serves.
SPACY_CODE = {"mt": "xx", FALLBACK_LANGUAGE: "xx"}

# spaCy NER models tried (in this order) when person names are asked for; never downloaded, only used if installed.
NER_MODELS: dict[str, tuple[str, ...]] = {
    **{lang: (f"{lang}_core_news_lg", f"{lang}_core_news_md", f"{lang}_core_news_sm")
       for lang in ("da", "de", "el", "es", "fi", "fr", "hr", "it", "lt", "nl", "pl", "pt", "ro", "sl", "sv")},
    "en": ("en_core_web_lg", "en_core_web_md", "en_core_web_sm"),
}

_PHONE = {
    "bg": ("телефон", "тел", "gsm", "мобилен"), "cs": ("telefon", "tel", "mobil"), "da": ("telefon", "tlf", "mobil"),
    "de": ("telefon", "tel", "handy", "mobil", "fax", "rufnummer"), "el": ("τηλέφωνο", "τηλ", "κινητό"),
    "en": ("phone", "tel", "telephone", "mobile", "call", "fax"), "es": ("teléfono", "telefono", "tel", "móvil"),
    "et": ("telefon", "tel", "mobiil"), "fi": ("puhelin", "puh", "matkapuhelin", "gsm"),
    "fr": ("téléphone", "telephone", "tél", "tel", "portable", "mobile"), "ga": ("fón", "guthán", "teil"),
    "hr": ("telefon", "tel", "mobitel"), "hu": ("telefon", "tel", "mobil"), "it": ("telefono", "tel", "cellulare"),
    "lt": ("telefonas", "tel", "mob"), "lv": ("tālrunis", "tālr", "tel", "mob"), "mt": ("telefon", "tel", "mowbajl"),
    "nl": ("telefoon", "tel", "mobiel", "bel"), "pl": ("telefon", "tel", "komórka"),
    "pt": ("telefone", "tel", "telemóvel", "telemovel"), "ro": ("telefon", "tel", "mobil"),
    "sk": ("telefón", "telefon", "tel", "mobil"), "sl": ("telefon", "tel", "gsm"), "sv": ("telefon", "tel", "mobil"),
}
_EMAIL = {
    "bg": ("имейл", "поща"), "cs": ("e-mail", "email"), "da": ("e-mail", "mail"), "de": ("e-mail", "email", "mail"),
    "el": ("email", "ηλεκτρονικό"), "en": ("email", "e-mail", "mail"), "es": ("correo", "email"),
    "et": ("e-post", "email"), "fi": ("sähköposti", "email"), "fr": ("courriel", "e-mail", "mail"),
    "ga": ("ríomhphost",), "hr": ("e-pošta", "email"), "hu": ("e-mail", "email"), "it": ("email", "posta"),
    "lt": ("el. paštas", "paštas"), "lv": ("e-pasts", "epasts"), "mt": ("email", "posta"), "nl": ("e-mail", "mail"),
    "pl": ("e-mail", "email"), "pt": ("email", "correio"), "ro": ("e-mail", "email"), "sk": ("e-mail", "email"),
    "sl": ("e-pošta", "email"), "sv": ("e-post", "mejl"),
}
_IBAN = {
    "bg": ("iban", "сметка"), "cs": ("iban", "účet"), "da": ("iban", "konto"), "de": ("iban", "konto", "bankverbindung"),
    "el": ("iban", "λογαριασμός"), "en": ("iban", "account", "bank"), "es": ("iban", "cuenta"),
    "et": ("iban", "konto"), "fi": ("iban", "tili", "tilinumero"), "fr": ("iban", "compte", "rib"),
    "ga": ("iban", "cuntas"), "hr": ("iban", "račun"), "hu": ("iban", "számla"), "it": ("iban", "conto"),
    "lt": ("iban", "sąskaita"), "lv": ("iban", "konts"), "mt": ("iban", "kont"), "nl": ("iban", "rekening"),
    "pl": ("iban", "konto", "rachunek"), "pt": ("iban", "conta", "nib"), "ro": ("iban", "cont"),
    "sk": ("iban", "účet"), "sl": ("iban", "račun"), "sv": ("iban", "konto"),
}
_CARD = {
    "bg": ("карта", "visa", "mastercard"), "cs": ("karta", "karty", "visa"), "da": ("kort", "visa", "dankort"),
    "de": ("karte", "kreditkarte", "visa", "mastercard"), "el": ("κάρτα", "visa"),
    "en": ("card", "credit", "visa", "mastercard", "amex"), "es": ("tarjeta", "visa"), "et": ("kaart", "visa"),
    "fi": ("kortti", "luottokortti", "visa"), "fr": ("carte", "visa", "cb"), "ga": ("cárta", "visa"),
    "hr": ("kartica", "visa"), "hu": ("kártya", "visa"), "it": ("carta", "visa"), "lt": ("kortelė", "visa"),
    "lv": ("karte", "visa"), "mt": ("karta", "visa"), "nl": ("kaart", "creditcard", "visa"),
    "pl": ("karta", "karty", "visa"), "pt": ("cartão", "cartao", "visa"), "ro": ("card", "visa"),
    "sk": ("karta", "karty", "visa"), "sl": ("kartica", "visa"), "sv": ("kort", "kreditkort", "visa"),
}
_IP = {lang: ("ip", "ipv4", "ipv6", "host", "server") for lang in EU_LANGUAGES}
# Generic words for "identity card" / "personal identification number" in each language. The names of national
# schemes (PESEL, BSN, ...) are the labels of their own recognizers; keeping them out of this list lets a
# scheme's name count against a look-alike of another scheme.
_NATIONAL_ID = {
    "bg": ("лична карта", "идентификационен"), "cs": ("občanský průkaz", "identifikační"),
    "da": ("identifikation", "id-nummer"), "de": ("personalausweis", "ausweisnummer", "identifikationsnummer"),
    "el": ("ταυτότητα", "ταυτότητας"), "en": ("identification", "national id", "identity number", "id number"),
    "es": ("identidad", "identificación"), "et": ("isikutunnistus", "isikutunnistuse"),
    "fi": ("henkilöllisyys", "tunniste"), "fr": ("identité", "identification"), "ga": ("aitheantas",),
    "hr": ("osobna iskaznica", "identifikacijski"), "hu": ("személyi", "azonosító"),
    "it": ("identità", "identificazione"), "lt": ("tapatybės", "identifikacinis"), "lv": ("identitāte",),
    "mt": ("identità",), "nl": ("identiteit", "legitimatie"), "pl": ("dowód osobisty", "identyfikacyjny"),
    "pt": ("identificação", "identidade"), "ro": ("identitate", "identificare"),
    "sk": ("občiansky preukaz", "identifikačné"), "sl": ("osebna izkaznica", "identifikacijska"),
    "sv": ("legitimation", "id-nummer"),
}

CONTEXT_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "PHONE_NUMBER": _PHONE, "EMAIL_ADDRESS": _EMAIL, "IBAN_CODE": _IBAN, "CREDIT_CARD": _CARD, "IP_ADDRESS": _IP,
    "NATIONAL_ID": _NATIONAL_ID,
}


def context_words(entity: str, language: str) -> list[str]:
    """Context words for `entity` in `language`; the fallback language gets the English ones."""
    table = CONTEXT_WORDS[entity]
    return list(table.get(language, table["en"]))
