"""Check-digit validators for EU national identifiers, written from the public specifications.

Each validator takes the identifier with separators already removed (digits, and letters where the format has
them) and says whether it is well-formed: length, embedded date where there is one, and check digit(s).
`NATIONAL_IDS` describes, per scheme, how it is written in text and whether a match alone is evidence enough
(`needs_context=False`: the check is strong, e.g. a date plus a mod-97 key) or only with a label nearby.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass


def _digits(value: str) -> list[int]:
    return [int(c) for c in value]


def _valid_date(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def iso7064_mod11_10(value: str) -> bool:
    """ISO 7064 MOD 11,10 (HR OIB, DE Steuer-ID): the last digit checks the ones before it."""
    product = 10
    for digit in _digits(value[:-1]):
        total = (digit + product) % 10 or 10
        product = (total * 2) % 11
    return (11 - product) % 10 == int(value[-1])


def luhn(value: str) -> bool:
    total = 0
    for i, digit in enumerate(reversed(_digits(value))):
        if i % 2:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def _weighted(value: str, weights: tuple[int, ...]) -> int:
    return sum(d * w for d, w in zip(_digits(value), weights))


# --- one validator per scheme -----------------------------------------------------------------------------


def de_steuer_id(v: str) -> bool:
    """Steuerliche Identifikationsnummer: 11 digits; in the first ten exactly one digit occurs two or three
    times (never three in a row), the others at most once; ISO 7064 MOD 11,10 check digit."""
    if len(v) != 11 or not v.isdigit() or v[0] == "0":
        return False
    counts = sorted((v[:10].count(d) for d in set(v[:10])), reverse=True)
    if counts[0] not in (2, 3) or (len(counts) > 1 and counts[1] > 1):
        return False
    if counts[0] == 3 and any(v[i] == v[i + 1] == v[i + 2] for i in range(8)):
        return False
    return iso7064_mod11_10(v)


def nl_bsn(v: str) -> bool:
    """Burgerservicenummer: 9 digits, the '11-proef' with weights 9..2 and -1."""
    if len(v) != 9 or not v.isdigit() or v == "000000000":
        return False
    return _weighted(v, (9, 8, 7, 6, 5, 4, 3, 2, -1)) % 11 == 0


def fr_nir(v: str) -> bool:
    """Numéro de sécurité sociale (NIR): 13 characters + 2-digit key = 97 - (number mod 97); Corsica 2A/2B."""
    if len(v) != 15 or v[0] not in "12378":
        return False
    body = v[:13].upper()
    if body[5:7] == "2A":
        number = int(body.replace("2A", "19", 1)) if body[:5].isdigit() else -1
    elif body[5:7] == "2B":
        number = int(body.replace("2B", "18", 1)) if body[:5].isdigit() else -1
    else:
        number = int(body) if body.isdigit() else -1
    if number < 0 or not v[13:].isdigit():
        return False
    month = int(body[3:5])
    if not (1 <= month <= 12 or 20 <= month <= 42 or 50 <= month <= 99):
        return False
    return 97 - number % 97 == int(v[13:])


_ES_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def es_dni_nie(v: str) -> bool:
    """DNI (8 digits + letter) and NIE (X/Y/Z + 7 digits + letter): letter = table[number mod 23]."""
    v = v.upper()
    if len(v) != 9:
        return False
    head = str("XYZ".index(v[0])) + v[1:8] if v[0] in "XYZ" else v[:8]
    if not head.isdigit():
        return False
    return _ES_LETTERS[int(head) % 23] == v[8]


_IT_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                   [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21,
                    2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]))


def it_codice_fiscale(v: str) -> bool:
    """Codice fiscale: 16 characters; the last is a check letter over odd/even position tables."""
    v = v.upper()
    if len(v) != 16 or not v.isalnum():
        return False
    total = 0
    for i, ch in enumerate(v[:15]):
        if i % 2 == 0:
            total += _IT_ODD[ch]
        else:
            total += int(ch) if ch.isdigit() else ord(ch) - ord("A")
    return chr(ord("A") + total % 26) == v[15]


def pl_pesel(v: str) -> bool:
    """PESEL: YYMMDD (century in the month) + serial + check with weights 1,3,7,9."""
    if len(v) != 11 or not v.isdigit():
        return False
    year, month, day = int(v[:2]), int(v[2:4]), int(v[4:6])
    century = {0: 1900, 1: 2000, 2: 2100, 3: 2200, 4: 1800}.get(month // 20)
    if century is None or not _valid_date(century + year, month % 20, day):
        return False
    return (10 - _weighted(v, (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)) % 10) % 10 == int(v[10])


def se_personnummer(v: str) -> bool:
    """Personnummer / samordningsnummer: (YY)YYMMDD + 3 digits + Luhn digit over the last ten."""
    if len(v) == 12:
        v = v[2:]
    if len(v) != 10 or not v.isdigit():
        return False
    month, day = int(v[2:4]), int(v[4:6])
    day = day - 60 if day > 60 else day  # samordningsnummer
    if not _valid_date(2000, month, day):  # leap-year-agnostic: 29 Feb is allowed
        return False
    return luhn(v)


_FI_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
_FI_CENTURY = {"+": 1800, "-": 1900, "U": 1900, "V": 1900, "W": 1900, "X": 1900, "Y": 1900,
               "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000}


def fi_hetu(v: str) -> bool:
    """Henkilötunnus: DDMMYY, century sign, 3-digit serial, check character = table[DDMMYYNNN mod 31]."""
    v = v.upper()
    if len(v) != 11 or v[6] not in _FI_CENTURY or not (v[:6] + v[7:10]).isdigit():
        return False
    if not _valid_date(_FI_CENTURY[v[6]] + int(v[4:6]), int(v[2:4]), int(v[:2])):
        return False
    return _FI_CHECK[int(v[:6] + v[7:10]) % 31] == v[10]


def dk_cpr(v: str) -> bool:
    """CPR-nummer: DDMMYY + 4 digits, modulus-11 check (numbers issued since 2007 may lack it: not covered)."""
    if len(v) != 10 or not v.isdigit():
        return False
    if not _valid_date(2000, int(v[2:4]), int(v[:2])):
        return False
    return _weighted(v, (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)) % 11 == 0


def be_national_number(v: str) -> bool:
    """Rijksregisternummer / numéro national: YYMMDD + 3 + key = 97 - (n mod 97); '2' prefixed from 2000."""
    if len(v) != 11 or not v.isdigit():
        return False
    month, day = int(v[2:4]), int(v[4:6])
    if not (0 <= month <= 12 and 0 <= day <= 31):  # 00 is used when the birth date is unknown
        return False
    key = int(v[9:])
    return 97 - int(v[:9]) % 97 == key or 97 - int("2" + v[:9]) % 97 == key


def pt_nif(v: str) -> bool:
    """Número de identificação fiscal: 9 digits, check = 11 - weighted sum mod 11 (10 and 11 give 0)."""
    if len(v) != 9 or not v.isdigit() or v[0] not in "1235689":
        return False
    check = 11 - _weighted(v, (9, 8, 7, 6, 5, 4, 3, 2)) % 11
    return (0 if check >= 10 else check) == int(v[8])


def ro_cnp(v: str) -> bool:
    """Cod numeric personal: S YYMMDD JJ NNN C; weights 279146358279, mod 11 (10 gives 1)."""
    if len(v) != 13 or not v.isdigit() or v[0] == "0":
        return False
    century = {"1": 1900, "2": 1900, "3": 1800, "4": 1800, "5": 2000, "6": 2000}.get(v[0], 1900)
    if not _valid_date(century + int(v[1:3]), int(v[3:5]), int(v[5:7])):
        return False
    county = int(v[7:9])
    if not (1 <= county <= 52 or county in (70, 80)):
        return False
    check = _weighted(v, (2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9)) % 11
    return (1 if check == 10 else check) == int(v[12])


def hr_oib(v: str) -> bool:
    """Osobni identifikacijski broj: 11 digits, ISO 7064 MOD 11,10."""
    return len(v) == 11 and v.isdigit() and iso7064_mod11_10(v)


def _baltic_check(v: str) -> int:
    total = _weighted(v, (1, 2, 3, 4, 5, 6, 7, 8, 9, 1)) % 11
    if total == 10:
        total = _weighted(v, (3, 4, 5, 6, 7, 8, 9, 1, 2, 3)) % 11
    return 0 if total == 10 else total


def ee_lt_personal_code(v: str) -> bool:
    """Estonian isikukood and Lithuanian asmens kodas: G YYMMDD NNN C, two-stage mod 11."""
    if len(v) != 11 or not v.isdigit() or v[0] not in "123456":
        return False
    century = 1800 + 100 * ((int(v[0]) - 1) // 2)
    if not _valid_date(century + int(v[1:3]), int(v[3:5]), int(v[5:7])):
        return False
    return _baltic_check(v) == int(v[10])


def bg_egn(v: str) -> bool:
    """ЕГН: YYMMDD (month +20 for 1800s, +40 for 2000s) + 3 + check with weights 2,4,8,5,10,9,7,3,6."""
    if len(v) != 10 or not v.isdigit():
        return False
    year, month, day = int(v[:2]), int(v[2:4]), int(v[4:6])
    century = 1900
    if month > 40:
        century, month = 2000, month - 40
    elif month > 20:
        century, month = 1800, month - 20
    if not _valid_date(century + year, month, day):
        return False
    return _weighted(v, (2, 4, 8, 5, 10, 9, 7, 3, 6)) % 11 % 10 == int(v[9])


def cz_sk_birth_number(v: str) -> bool:
    """Rodné číslo: YYMMDD (+50 women, +20 extra series) + 3-4 digits; 10-digit numbers are divisible by 11."""
    if len(v) != 10 or not v.isdigit():
        return False
    month = int(v[2:4]) % 50
    month = month - 20 if month > 20 else month
    if not _valid_date(2000, month, int(v[4:6])):
        return False
    return int(v) % 11 == 0 or (int(v[:9]) % 11 == 10 and v[9] == "0")


def si_emso(v: str) -> bool:
    """EMŠO: DDMMYYY RR SSS C, weights 7..2 twice, check = 11 - sum mod 11 (11 gives 0, 10 is invalid)."""
    if len(v) != 13 or not v.isdigit():
        return False
    year = int(v[4:7]) + (1000 if v[4] == "9" else 2000)
    if not _valid_date(year, int(v[2:4]), int(v[:2])):
        return False
    check = 11 - _weighted(v, (7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)) % 11
    return check != 10 and (0 if check == 11 else check) == int(v[12])


def lv_personas_kods(v: str) -> bool:
    """Personas kods (old form): DDMMYY C NNNN, check = (1101 - weighted sum) mod 11."""
    if len(v) != 11 or not v.isdigit() or v[6] not in "012":
        return False
    if not _valid_date(1800 + 100 * int(v[6]) + int(v[4:6]), int(v[2:4]), int(v[:2])):
        return False
    check = (1101 - _weighted(v, (1, 6, 3, 7, 9, 10, 5, 8, 4, 2))) % 11
    return check != 10 and check == int(v[10])


def at_svnr(v: str) -> bool:
    """Sozialversicherungsnummer: NNN C DDMMYY, check = weighted sum mod 11 (weights 3,7,9,-,5,8,4,2,1,6)."""
    if len(v) != 10 or not v.isdigit() or v[0] == "0":
        return False
    if not _valid_date(2000, int(v[6:8]), int(v[4:6])) and int(v[6:8]) not in (13, 14):
        return False
    check = _weighted(v[:3] + v[4:], (3, 7, 9, 5, 8, 4, 2, 1, 6)) % 11
    return check != 10 and check == int(v[3])


_IE_LETTERS = "WABCDEFGHIJKLMNOPQRSTUV"


def ie_ppsn(v: str) -> bool:
    """Personal Public Service Number: 7 digits + check letter (+ optional second letter), mod 23."""
    v = v.upper()
    if len(v) not in (8, 9) or not v[:7].isdigit() or not v[7:].isalpha():
        return False
    total = _weighted(v[:7], (8, 7, 6, 5, 4, 3, 2))
    if len(v) == 9 and v[8] != "W":
        total += 9 * (ord(v[8]) - ord("A") + 1)
    return _IE_LETTERS[total % 23] == v[7]


def gr_amka(v: str) -> bool:
    """ΑΜΚΑ: DDMMYY + 5 digits, Luhn check."""
    if len(v) != 11 or not v.isdigit():
        return False
    return _valid_date(2000, int(v[2:4]), int(v[:2])) and luhn(v)


def hu_taj(v: str) -> bool:
    """TAJ szám: 9 digits, check = (3,7,3,7,... weighted sum of the first 8) mod 10."""
    if len(v) != 9 or not v.isdigit():
        return False
    return _weighted(v, (3, 7, 3, 7, 3, 7, 3, 7)) % 10 == int(v[8])


# --- how each scheme is written in text -------------------------------------------------------------------


@dataclass(frozen=True)
class NationalIdScheme:
    country: str  # ISO 3166-1 alpha-2
    name: str
    patterns: tuple[str, ...]  # regexes for the written forms
    validate: Callable[[str], bool]
    labels: tuple[str, ...]  # words that introduce this identifier in text, lower case (matched as substrings)
    needs_context: bool  # True: a weak check (about 1 in 10 random numbers pass): flag only with a label nearby
    keep_separators: bool = False  # the separator is part of the identifier (FI century sign)


_SEP = r"[ .\-/]?"

NATIONAL_IDS: tuple[NationalIdScheme, ...] = (
    NationalIdScheme("DE", "Steuer-ID", (r"\b[1-9]\d ?\d{3} ?\d{3} ?\d{3}\b",), de_steuer_id,
                     ("steuer-id", "steueridentifikationsnummer", "identifikationsnummer", "idnr", "steuer-idnr"),
                     False),
    NationalIdScheme("NL", "BSN", (r"\b\d{9}\b", r"\b\d{4}\.\d{2}\.\d{3}\b", r"\b\d{3} \d{3} \d{3}\b"), nl_bsn,
                     ("bsn", "burgerservicenummer", "sofinummer", "sofi-nummer"), True),
    NationalIdScheme("FR", "NIR",
                     (r"\b[12378] ?\d{2} ?\d{2} ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3} ?\d{2}\b",), fr_nir,
                     ("sécurité sociale", "securite sociale", "nir", "insee", "carte vitale"), False),
    NationalIdScheme("ES", "DNI/NIE", (r"\b\d{8}-?[A-Z]\b", r"\b[XYZ]-?\d{7}-?[A-Z]\b"), es_dni_nie,
                     ("dni", "nie", "documento nacional", "identidad", "extranjero"), False),
    NationalIdScheme("IT", "codice fiscale",
                     (r"\b[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]\b",),
                     it_codice_fiscale, ("codice fiscale", "c.f.", "cod. fisc"), False),
    NationalIdScheme("PL", "PESEL", (r"\b\d{11}\b",), pl_pesel, ("pesel",), False),
    NationalIdScheme("SE", "personnummer", (r"\b(?:19|20)?\d{6}[-+]\d{4}\b",), se_personnummer,
                     ("personnummer", "personnr", "samordningsnummer", "person number"), False),
    NationalIdScheme("SE", "personnummer (no separator)", (r"\b(?:19|20)?\d{10}\b",), se_personnummer,
                     ("personnummer", "personnr", "samordningsnummer", "person number"), True),
    NationalIdScheme("FI", "henkilötunnus", (r"\b\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]\b",), fi_hetu,
                     ("henkilötunnus", "hetu", "sotu", "personbeteckning"), False, keep_separators=True),
    NationalIdScheme("DK", "CPR-nummer", (r"\b\d{6}-\d{4}\b",), dk_cpr, ("cpr",), False),
    NationalIdScheme("DK", "CPR-nummer (no separator)", (r"\b\d{10}\b",), dk_cpr, ("cpr",), True),
    NationalIdScheme("BE", "rijksregisternummer",
                     (r"\b\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}\b", r"\b\d{6}[ -]?\d{3}[ -]?\d{2}\b"), be_national_number,
                     ("rijksregister", "registre national", "numéro national", "nationaal nummer", "insz", "niss",
                      "nationalregister"), False),
    NationalIdScheme("PT", "NIF", (r"\b[1235689]\d{8}\b", r"\b[1235689]\d{2} \d{3} \d{3}\b"), pt_nif,
                     ("nif", "contribuinte", "identificação fiscal", "identificacao fiscal"), True),
    NationalIdScheme("RO", "CNP", (r"\b[1-8]\d{12}\b",), ro_cnp, ("cnp", "cod numeric personal"), False),
    NationalIdScheme("HR", "OIB", (r"\b\d{11}\b",), hr_oib, ("oib", "osobni identifikacijski"), True),
    NationalIdScheme("EE", "isikukood", (r"\b[1-6]\d{10}\b",), ee_lt_personal_code,
                     ("isikukood", "isikukoodi"), False),
    NationalIdScheme("LT", "asmens kodas", (r"\b[1-6]\d{10}\b",), ee_lt_personal_code,
                     ("asmens kod",), False),
    NationalIdScheme("BG", "ЕГН", (r"\b\d{10}\b",), bg_egn, ("егн", "единен граждански", "egn"), True),
    NationalIdScheme("CZ", "rodné číslo", (r"\b\d{6}/\d{4}\b",), cz_sk_birth_number,
                     ("rodné číslo", "rodne cislo", "rodného čísla", "r.č."), False),
    NationalIdScheme("CZ", "rodné číslo (no separator)", (r"\b\d{10}\b",), cz_sk_birth_number,
                     ("rodné číslo", "rodne cislo", "rodného čísla", "rodné čislo", "r.č."), True),
    NationalIdScheme("SI", "EMŠO", (r"\b[0-3]\d[01]\d[09]\d{8}\b",), si_emso, ("emšo", "emso", "matična številka"),
                     False),
    NationalIdScheme("LV", "personas kods", (r"\b\d{6}-[0-2]\d{4}\b",), lv_personas_kods,
                     ("personas kod",), False),
    NationalIdScheme("LV", "personas kods (no separator)", (r"\b\d{6}[0-2]\d{4}\b",), lv_personas_kods,
                     ("personas kod",), True),
    NationalIdScheme("AT", "Sozialversicherungsnummer", (r"\b[1-9]\d{3} ?\d{6}\b",), at_svnr,
                     ("sozialversicherungsnummer", "versicherungsnummer", "svnr", "sv-nr", "svnr."), True),
    NationalIdScheme("IE", "PPSN", (r"\b\d{7}[A-W][AHWTX]?\b",), ie_ppsn,
                     ("ppsn", "pps number", "personal public service", "uimhir pps"), False),
    NationalIdScheme("GR", "ΑΜΚΑ", (r"\b\d{11}\b",), gr_amka, ("αμκα", "amka", "μητρώου κοινωνικής"), True),
    NationalIdScheme("HU", "TAJ", (r"\b\d{3}[ -]?\d{3}[ -]?\d{3}\b",), hu_taj, ("taj", "társadalombiztosítási"),
                     True),
)

SUPPORTED_COUNTRIES = tuple(sorted({s.country for s in NATIONAL_IDS} | {"SK"}))  # SK shares the CZ scheme

_STRIP = re.compile(r"[ .\-/+]")


def normalise(raw: str, scheme: NationalIdScheme) -> str:
    """The identifier as its validator wants it: separators removed (unless they are part of it), upper case."""
    return raw.upper() if scheme.keep_separators else _STRIP.sub("", raw).upper()
