"""Generate the multilingual labelled PII set: short texts in the 24 EU languages with gold spans and look-alikes.

Each line: {"lang", "text", "spans": [{start, end, type}], "negatives": [{start, end, kind}]} with types
EMAIL_ADDRESS, PHONE_NUMBER, IBAN_CODE, IP_ADDRESS, CREDIT_CARD, NATIONAL_ID. Negatives are what must not be
flagged: identifiers with a wrong check digit (national IDs, IBANs, cards), dates, prices, ISBNs and order numbers.
Values are synthetic: phone numbers are drawn from the numbering plans (python-phonenumbers), IBANs, cards and
national IDs are random numbers made valid (or deliberately invalid) with their public check-digit rules.

    python benchmarks/make_pii_set.py OUT.jsonl [--per-language N] [--seed S]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import phonenumbers

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eurocurate.filters.pii.national_ids import NATIONAL_IDS, luhn, normalise  # noqa: E402

# Per language: the words a person would write before each kind of value, and a neutral sentence.
# (phone, e-mail, IBAN, card, IP, order number, invoice date, price, filler)
WORDS = {
    "bg": ("Тел.", "Имейл:", "IBAN:", "Карта:", "IP адрес", "Поръчка №", "Дата:", "Цена:", "Благодарим ви за поръчката."),
    "cs": ("Tel.", "E-mail:", "Číslo účtu (IBAN):", "Platební karta", "IP adresa", "Objednávka č.", "Datum:", "Cena:", "Děkujeme za vaši objednávku."),
    "da": ("Tlf.", "E-mail:", "IBAN:", "Betalingskort", "IP-adresse", "Ordrenummer", "Dato:", "Pris:", "Tak for din henvendelse."),
    "de": ("Telefon:", "E-Mail:", "IBAN:", "Kreditkarte", "IP-Adresse", "Bestellnummer", "Datum:", "Preis:", "Vielen Dank für Ihre Nachricht."),
    "el": ("Τηλ.", "Email:", "IBAN:", "Κάρτα", "Διεύθυνση IP", "Παραγγελία αρ.", "Ημερομηνία:", "Τιμή:", "Σας ευχαριστούμε για το μήνυμά σας."),
    "en": ("Phone:", "Email:", "IBAN:", "Card number", "IP address", "Order no.", "Date:", "Price:", "Thank you for your message."),
    "es": ("Teléfono:", "Correo:", "IBAN:", "Tarjeta", "Dirección IP", "Pedido n.º", "Fecha:", "Precio:", "Gracias por su mensaje."),
    "et": ("Tel.", "E-post:", "IBAN:", "Kaart", "IP-aadress", "Tellimus nr", "Kuupäev:", "Hind:", "Täname teid sõnumi eest."),
    "fi": ("Puh.", "Sähköposti:", "IBAN:", "Kortti", "IP-osoite", "Tilausnumero", "Päivämäärä:", "Hinta:", "Kiitos viestistäsi."),
    "fr": ("Tél. :", "Courriel :", "IBAN :", "Carte bancaire", "Adresse IP", "Commande n°", "Date :", "Prix :", "Merci pour votre message."),
    "ga": ("Fón:", "Ríomhphost:", "IBAN:", "Cárta", "Seoladh IP", "Uimhir ordaithe", "Dáta:", "Praghas:", "Go raibh maith agat as do theachtaireacht."),
    "hr": ("Tel.", "E-pošta:", "IBAN:", "Kartica", "IP adresa", "Narudžba br.", "Datum:", "Cijena:", "Hvala na vašoj poruci."),
    "hu": ("Tel.:", "E-mail:", "IBAN:", "Bankkártya", "IP-cím", "Rendelésszám", "Dátum:", "Ár:", "Köszönjük az üzenetét."),
    "it": ("Tel.", "Email:", "IBAN:", "Carta di credito", "Indirizzo IP", "Ordine n.", "Data:", "Prezzo:", "Grazie per il suo messaggio."),
    "lt": ("Tel.", "El. paštas:", "IBAN:", "Kortelė", "IP adresas", "Užsakymo nr.", "Data:", "Kaina:", "Dėkojame už jūsų žinutę."),
    "lv": ("Tālr.", "E-pasts:", "IBAN:", "Karte", "IP adrese", "Pasūtījuma nr.", "Datums:", "Cena:", "Paldies par jūsu ziņu."),
    "mt": ("Tel.", "Email:", "IBAN:", "Karta", "Indirizz IP", "Ordni nru", "Data:", "Prezz:", "Grazzi tal-messaġġ tiegħek."),
    "nl": ("Tel.", "E-mail:", "IBAN:", "Creditcard", "IP-adres", "Bestelnummer", "Datum:", "Prijs:", "Bedankt voor uw bericht."),
    "pl": ("Tel.", "E-mail:", "Numer konta (IBAN):", "Karta", "Adres IP", "Zamówienie nr", "Data:", "Cena:", "Dziękujemy za wiadomość."),
    "pt": ("Telefone:", "Email:", "IBAN:", "Cartão", "Endereço IP", "Encomenda n.º", "Data:", "Preço:", "Obrigado pela sua mensagem."),
    "ro": ("Telefon:", "E-mail:", "IBAN:", "Card", "Adresa IP", "Comanda nr.", "Data:", "Preț:", "Vă mulțumim pentru mesaj."),
    "sk": ("Tel.", "E-mail:", "IBAN:", "Platobná karta", "IP adresa", "Objednávka č.", "Dátum:", "Cena:", "Ďakujeme za vašu správu."),
    "sl": ("Tel.", "E-pošta:", "IBAN:", "Kartica", "IP naslov", "Naročilo št.", "Datum:", "Cena:", "Hvala za vaše sporočilo."),
    "sv": ("Tel.", "E-post:", "IBAN:", "Kort", "IP-adress", "Ordernummer", "Datum:", "Pris:", "Tack för ditt meddelande."),
}
COUNTRY = {"bg": "BG", "cs": "CZ", "da": "DK", "de": "DE", "el": "GR", "en": "IE", "es": "ES", "et": "EE",
           "fi": "FI", "fr": "FR", "ga": "IE", "hr": "HR", "hu": "HU", "it": "IT", "lt": "LT", "lv": "LV",
           "mt": "MT", "nl": "NL", "pl": "PL", "pt": "PT", "ro": "RO", "sk": "SK", "sl": "SI", "sv": "SE"}
CURRENCY = {"bg": "лв.", "cs": "Kč", "da": "kr.", "hu": "Ft", "pl": "zł", "ro": "lei", "sv": "kr"}
TLD = {"en": "ie", "el": "gr", "cs": "cz", "da": "dk", "et": "ee", "ga": "ie", "sl": "si", "sv": "se"}
FIRST = ("anna", "jan", "maria", "peter", "eva", "luca", "sofia", "mikael", "ines", "tomas", "nina", "marek")
LAST = ("novak", "schmidt", "rossi", "garcia", "nielsen", "virtanen", "kowalski", "silva", "popescu", "horvat")

# IBAN BBAN formats (ISO 13616 registry): n digits, a upper-case letters, c alphanumerics.
BBAN = {"AT": "16n", "BE": "12n", "BG": "4a6n8c", "HR": "17n", "CY": "8n16c", "CZ": "20n", "DK": "14n",
        "EE": "16n", "FI": "14n", "FR": "10n11c2n", "DE": "18n", "GR": "7n16c", "HU": "24n", "IE": "4a14n",
        "IT": "1a10n12c", "LV": "4a13c", "LT": "16n", "LU": "3n13c", "MT": "4a5n18c", "NL": "4a10n", "PL": "24n",
        "PT": "21n", "RO": "4a16c", "SK": "20n", "SI": "15n", "ES": "20n", "SE": "20n"}
# Which national schemes are written in texts of which language.
ID_LANGUAGES = {"DE": ("de",), "NL": ("nl",), "FR": ("fr",), "ES": ("es",), "IT": ("it",), "PL": ("pl",),
                "SE": ("sv",), "FI": ("fi",), "DK": ("da",), "BE": ("nl", "fr"), "PT": ("pt",), "RO": ("ro",),
                "HR": ("hr",), "EE": ("et",), "LT": ("lt",), "BG": ("bg",), "CZ": ("cs", "sk"), "SI": ("sl",),
                "LV": ("lv",), "AT": ("de",), "IE": ("en", "ga"), "GR": ("el",), "HU": ("hu",)}


def _bban(rng: random.Random, fmt: str) -> str:
    out, num = [], ""
    for ch in fmt:
        if ch.isdigit():
            num += ch
            continue
        alphabet = {"n": "0123456789", "a": "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "c": "0123456789"}[ch]
        out.extend(rng.choice(alphabet) for _ in range(int(num)))
        num = ""
    return "".join(out)


def _iban_check(country: str, bban: str) -> str:
    digits = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{98 - int(digits) % 97:02d}"


def iban(rng: random.Random, country: str, valid: bool = True) -> str:
    bban = _bban(rng, BBAN[country])
    check = _iban_check(country, bban)
    if not valid:
        check = f"{(int(check) + rng.randint(1, 96)) % 97 + 2:02d}"[-2:]
        check = check if check != _iban_check(country, bban) else f"{(int(check) + 1) % 100:02d}"
    compact = country + check + bban
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4)) if rng.random() < 0.7 else compact


def phone(rng: random.Random, region: str) -> str:
    kind = rng.choice((phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE))
    example = phonenumbers.example_number_for_type(region, kind) or phonenumbers.example_number(region)
    national = phonenumbers.national_significant_number(example)
    for _ in range(200):
        candidate = national[:-4] + f"{rng.randint(0, 9999):04d}"
        number = phonenumbers.parse(f"+{example.country_code}{candidate}")
        if phonenumbers.is_valid_number(number):
            break
    style = rng.random()
    if style < 0.45:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    if style < 0.85:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    if style < 0.95:
        return "00" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)[1:]
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _luhn_complete(rng: random.Random, prefix: str, length: int, valid: bool) -> str:
    body = prefix + "".join(str(rng.randint(0, 9)) for _ in range(length - len(prefix) - 1))
    checks = [d for d in "0123456789" if luhn(body + d) == valid]
    return body + rng.choice(checks)


def card(rng: random.Random, valid: bool = True) -> str:
    prefix, length, groups = rng.choice(
        (("4", 16, (4, 4, 4, 4)), ("51", 16, (4, 4, 4, 4)), ("55", 16, (4, 4, 4, 4)), ("2221", 16, (4, 4, 4, 4)),
         ("37", 15, (4, 6, 5)), ("6011", 16, (4, 4, 4, 4)), ("35", 16, (4, 4, 4, 4)), ("6759", 19, (4, 4, 4, 4, 3))))
    number = _luhn_complete(rng, prefix, length, valid)
    if rng.random() < 0.3:
        return number
    sep, out, i = rng.choice((" ", "-")), [], 0
    for g in groups:
        out.append(number[i : i + g])
        i += g
    return sep.join(out)


def ip(rng: random.Random) -> str:
    if rng.random() < 0.7:
        return ".".join(str(x) for x in (rng.choice((31, 62, 85, 91, 145, 193, 212)), rng.randint(0, 255),
                                         rng.randint(0, 255), rng.randint(1, 254)))
    groups = [f"{rng.randint(0, 0xFFFF):x}" for _ in range(8)]
    return "2001:db8::" + ":".join(groups[:3]) if rng.random() < 0.5 else ":".join(["2a02"] + groups[1:])


def email(rng: random.Random, lang: str) -> str:
    sep = rng.choice((".", "_", ""))
    return f"{rng.choice(FIRST)}{sep}{rng.choice(LAST)}{rng.randint(1, 99) if rng.random() < 0.3 else ''}" \
           f"@example.{TLD.get(lang, lang)}"


# --- national IDs: random well-formed values, made valid (or not) by trying check characters ---------------


def _date(rng: random.Random) -> tuple[int, int, int]:
    return rng.randint(1940, 2015), rng.randint(1, 12), rng.randint(1, 28)


def _raw_id(rng: random.Random, country: str) -> str:
    """A well-formed value without regard to the check character (the last one), as written in text."""
    y, m, d = _date(rng)
    r = lambda n: "".join(str(rng.randint(0, 9)) for _ in range(n))  # noqa: E731
    if country == "DE":
        ten = rng.sample("0123456789", 9)
        ten.insert(rng.randint(1, 9), ten[rng.randint(1, 8)])
        ten[0] = ten[0] if ten[0] != "0" else "7"
        v = "".join(ten) + "0"
        return f"{v[:2]} {v[2:5]} {v[5:8]} {v[8:]}" if rng.random() < 0.5 else v
    if country == "NL":
        return r(8) + "0"
    if country == "FR":
        return f"{rng.choice('12')} {y % 100:02d} {m:02d} {rng.randint(1, 95):02d} {r(3)} {r(3)} 00"
    if country == "ES":
        return (rng.choice("XYZ") + r(7) if rng.random() < 0.3 else r(8)) + "A"
    if country == "IT":
        letters = lambda n: "".join(rng.choice("ABCDEFGHILMNOPRSTUVZ") for _ in range(n))  # noqa: E731
        return f"{letters(6)}{y % 100:02d}{'ABCDEHLMPRST'[m - 1]}{d + rng.choice((0, 40)):02d}" \
               f"{rng.choice('ADFGHLMZ')}{r(3)}A"
    if country == "PL":
        return f"{y % 100:02d}{m + (20 if y >= 2000 else 0):02d}{d:02d}{r(4)}0"
    if country == "SE":
        return f"{y % 100:02d}{m:02d}{d:02d}-{r(3)}0"
    if country == "FI":
        return f"{d:02d}{m:02d}{y % 100:02d}{'-' if y < 2000 else 'A'}{rng.randint(2, 899):03d}0"
    if country == "DK":
        return f"{d:02d}{m:02d}{y % 100:02d}-{r(3)}0"
    if country == "BE":
        return f"{y % 100:02d}.{m:02d}.{d:02d}-{r(3)}.00"
    if country == "PT":
        return rng.choice("123") + r(7) + "0"
    if country == "RO":
        return f"{rng.choice('12') if y < 2000 else rng.choice('56')}{y % 100:02d}{m:02d}{d:02d}" \
               f"{rng.randint(1, 46):02d}{r(3)}0"
    if country == "HR":
        return r(10) + "0"
    if country in ("EE", "LT"):
        return f"{rng.choice('34') if y < 2000 else rng.choice('56')}{y % 100:02d}{m:02d}{d:02d}{r(3)}0"
    if country == "BG":
        return f"{y % 100:02d}{m + (40 if y >= 2000 else 0):02d}{d:02d}{r(3)}0"
    if country == "CZ":
        return f"{y % 100:02d}{m + rng.choice((0, 50)):02d}{d:02d}/{r(3)}0"
    if country == "SI":
        return f"{d:02d}{m:02d}{y % 1000:03d}50{r(3)}0"
    if country == "LV":
        return f"{d:02d}{m:02d}{y % 100:02d}-{1 if y < 2000 else 2}{r(3)}0"
    if country == "AT":
        return f"{rng.randint(100, 999)}0 {d:02d}{m:02d}{y % 100:02d}"
    if country == "IE":
        return r(7) + "A"
    if country == "GR":
        return f"{d:02d}{m:02d}{y % 100:02d}{r(4)}0"
    if country == "HU":
        return f"{r(3)} {r(3)} {r(2)}0"
    raise KeyError(country)


_CHECK_POSITION = {"AT": 3, "FR": -2}  # where the check character sits, counted on the written form
_CHECK_ALPHABET = {"ES": "TRWAGMYFPDXBNJZSQVHLCKE", "IT": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                   "FI": "0123456789ABCDEFHJKLMNPRSTUVWXY", "IE": "ABCDEFGHIJKLMNOPQRSTUVW"}


def _schemes(country: str):
    return [s for s in NATIONAL_IDS if s.country == country and not s.needs_context] or \
           [s for s in NATIONAL_IDS if s.country == country]


def national_id(rng: random.Random, country: str, valid: bool = True) -> tuple[str, str] | None:
    """(written value, label) for a valid identifier, or one whose check character is wrong."""
    scheme = [s for s in NATIONAL_IDS if s.country == country][0]
    for _ in range(500):
        raw = _raw_id(rng, country)
        pos = _CHECK_POSITION.get(country, -1)
        options = _CHECK_ALPHABET.get(country, "0123456789")
        if country == "FR":
            outcomes = [raw[:-2] + f"{k:02d}" for k in range(1, 98)]
        else:
            idx = pos if pos >= 0 else len(raw) + pos
            outcomes = [raw[:idx] + c + raw[idx + 1 :] for c in options]
        good = [o for o in outcomes if scheme.validate(normalise(o, scheme))]
        bad = [o for o in outcomes if not scheme.validate(normalise(o, scheme))]
        if good and bad:
            return rng.choice(good if valid else bad), scheme.labels[0]
    return None


def isbn13(rng: random.Random) -> str:
    body = "978" + "".join(str(rng.randint(0, 9)) for _ in range(9))
    check = (10 - sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body)) % 10) % 10
    v = body + str(check)
    return f"{v[:3]}-{v[3]}-{v[4:7]}-{v[7:12]}-{v[12]}" if rng.random() < 0.6 else v


# --- texts -------------------------------------------------------------------------------------------------


class TextBuilder:
    def __init__(self, lang: str):
        self.lang, self.parts, self.spans, self.negatives, self.length = lang, [], [], [], 0

    def add(self, s: str) -> None:
        self.parts.append(s)
        self.length += len(s)

    def add_value(self, value: str, type_: str | None = None, kind: str | None = None) -> None:
        start = self.length
        self.add(value)
        if type_:
            self.spans.append({"start": start, "end": self.length, "type": type_})
        else:
            self.negatives.append({"start": start, "end": self.length, "kind": kind})

    def record(self) -> dict:
        return {"lang": self.lang, "text": "".join(self.parts), "spans": self.spans, "negatives": self.negatives}


def _positive(rng: random.Random, b: TextBuilder, lang: str, countries: list[str]) -> None:
    words = WORDS[lang]
    kind = rng.choice(("PHONE_NUMBER", "PHONE_NUMBER", "EMAIL_ADDRESS", "IBAN_CODE", "CREDIT_CARD", "IP_ADDRESS",
                       "NATIONAL_ID", "NATIONAL_ID"))
    if kind == "NATIONAL_ID" and countries:
        country = rng.choice(countries)
        value, label = national_id(rng, country)
        scheme_strong = any(not s.needs_context for s in NATIONAL_IDS if s.country == country)
        b.add(f"{label.upper() if len(label) <= 4 else label.capitalize()}: " if not scheme_strong
              or rng.random() < 0.8 else "")
        b.add_value(value, "NATIONAL_ID")
        return
    if kind == "NATIONAL_ID":
        kind = "EMAIL_ADDRESS"
    label_index = {"PHONE_NUMBER": 0, "EMAIL_ADDRESS": 1, "IBAN_CODE": 2, "CREDIT_CARD": 3, "IP_ADDRESS": 4}[kind]
    value = {"PHONE_NUMBER": lambda: phone(rng, COUNTRY[lang]), "EMAIL_ADDRESS": lambda: email(rng, lang),
             "IBAN_CODE": lambda: iban(rng, COUNTRY[lang]), "CREDIT_CARD": lambda: card(rng),
             "IP_ADDRESS": lambda: ip(rng)}[kind]()
    if rng.random() < 0.85 or kind == "CREDIT_CARD":
        b.add(words[label_index] + " ")
    b.add_value(value, kind)


def _negative(rng: random.Random, b: TextBuilder, lang: str, countries: list[str]) -> None:
    words = WORDS[lang]
    kind = rng.choice(("wrong_check_id", "wrong_check_id", "wrong_check_iban", "wrong_check_card", "date", "price",
                       "isbn", "order_number", "order_number"))
    if kind == "wrong_check_id" and countries:
        value, label = national_id(rng, rng.choice(countries), valid=False)
        b.add(f"{label.capitalize()}: ")
        b.add_value(value, kind=kind)
    elif kind == "wrong_check_iban":
        b.add(words[2] + " ")
        b.add_value(iban(rng, COUNTRY[lang], valid=False), kind=kind)
    elif kind == "wrong_check_card":
        b.add(words[3] + " ")
        b.add_value(card(rng, valid=False), kind=kind)
    elif kind == "date":
        y, m, d = _date(rng)
        b.add(words[6] + " ")
        b.add_value(rng.choice((f"{d:02d}.{m:02d}.{y}", f"{y}-{m:02d}-{d:02d}", f"{d}/{m}/{y}", f"{d:02d}.{m:02d}.{y} "
                                                                                            f"{rng.randint(8, 18)}:00")).strip(), kind=kind)
    elif kind == "price":
        whole = rng.randint(1000, 2_000_000)
        grouped = f"{whole:,}".replace(",", rng.choice((".", " ", "\u00a0")))
        cur = CURRENCY.get(lang, "€")
        b.add(words[7] + " ")
        b.add_value(rng.choice((f"{grouped},{rng.randint(0, 99):02d} {cur}", f"{grouped} {cur}")), kind=kind)
    elif kind == "isbn":
        b.add("ISBN ")
        b.add_value(isbn13(rng), kind=kind)
    else:
        b.add(words[5] + " ")
        digits = rng.choice((8, 9, 10, 11, 12))
        b.add_value(rng.choice((str(rng.randint(10 ** (digits - 1), 10 ** digits - 1)),
                                f"{rng.randint(2019, 2025)}-{rng.randint(100000, 999999)}")), kind=kind)


def make_record(rng: random.Random, lang: str) -> dict:
    countries = [c for c, langs in ID_LANGUAGES.items() if lang in langs]
    b = TextBuilder(lang)
    b.add(WORDS[lang][8] + " ")
    for i in range(rng.randint(1, 4)):
        if i:
            b.add(rng.choice((", ", "; ", ". ", " — ")))
        (_positive if rng.random() < 0.55 else _negative)(rng, b, lang, countries)
    b.add(".")
    return b.record()


def make_set(per_language: int = 40, seed: int = 4) -> list[dict]:
    rng = random.Random(seed)
    return [make_record(rng, lang) for lang in sorted(WORDS) for _ in range(per_language)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--per-language", type=int, default=40)
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args(argv)
    with args.out.open("w", encoding="utf-8") as fh:
        for record in make_set(args.per_language, args.seed):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
