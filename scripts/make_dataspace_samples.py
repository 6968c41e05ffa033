"""Generate the sample data space in samples/dataspace/: a DCAT-AP catalogue and a local mirror of its files.

The texts are written for this project. The catalogue offers one distribution of each kind the pipeline
reads (TXT, XHTML, CSV, TMX, a ZIP of JSONL and XML, PDF) plus two it must refuse by its gates (a
non-commercial licence, non-public access). The mirror lets `configs/dataspace.yaml` run fully offline.
Byte-for-byte reproducible:

    python scripts/make_dataspace_samples.py [--out samples/dataspace]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import zipfile
from pathlib import Path

HOST = "data.example.eu"
TEXTS = {
    "de": (
        "Die Imkerinnen und Imker im Land haben im vergangenen Sommer deutlich mehr Völker gezählt als in den "
        "Jahren davor. Nach dem langen Winter waren viele Stöcke zwar geschwächt, doch die warmen Wochen im Mai "
        "haben den Bienen geholfen, sich schnell zu erholen. Besonders in den Regionen mit vielen Obstwiesen und "
        "blühenden Feldrändern war die Entwicklung gut. Die Fachleute empfehlen, auch in Zukunft auf eine "
        "vielfältige Landschaft zu achten, denn nur dort finden die Tiere über die ganze Saison genug Nahrung."
    ),
    "en": (
        "This regulation sets out the common rules for the monitoring of pollinators in the Member States. "
        "Each national authority shall collect data on the number of colonies, the health of the hives and the "
        "state of the habitats in which they forage. The data shall be published in an open format that allows "
        "reuse, and it shall be updated at least once a year. The Commission will bring the national reports "
        "together and make a summary available to the public, so that citizens can follow the trends over time."
    ),
    "fr": (
        "Les apiculteurs de la région ont observé cette année une saison plus longue que d'habitude. Les "
        "premières fleurs sont apparues dès la fin du mois de février, et les abeilles ont pu sortir de la ruche "
        "bien plus tôt. Cependant, les fortes chaleurs du mois de juillet ont réduit la quantité de nectar "
        "disponible dans les champs. Les associations locales encouragent les communes à planter des haies et "
        "des arbres fruitiers, afin que les insectes trouvent de quoi se nourrir pendant toute la belle saison."
    ),
    "it": (
        "Nelle valli alpine il numero degli alveari è rimasto stabile rispetto all'anno precedente, ma gli "
        "apicoltori segnalano una produzione di miele più bassa del solito. La primavera fredda e piovosa ha "
        "impedito alle api di uscire nei giorni in cui i castagni erano in fiore. Molti produttori hanno deciso "
        "di spostare le loro arnie verso zone più basse e soleggiate, dove la fioritura dura più a lungo e dove "
        "le colonie possono raccogliere abbastanza polline per crescere in modo sano durante tutta l'estate."
    ),
    "es": (
        "Las cooperativas apícolas del sur han presentado un informe sobre el estado de sus colmenas durante "
        "la última campaña. Según los datos recogidos, la sequía de los meses de verano ha sido el problema más "
        "grave para las abejas, porque muchas plantas no llegaron a florecer. Los técnicos recomiendan dejar "
        "franjas de flores silvestres entre los cultivos y reducir el uso de productos químicos cerca de los "
        "colmenares, para que las colonias puedan recuperarse antes de que llegue el invierno a la región."
    ),
    "pl": (
        "Pszczelarze z północnej części kraju zauważyli w tym roku, że rodziny pszczele bardzo dobrze przetrwały "
        "zimę. Wiosną było ciepło i sucho, dlatego pszczoły mogły wcześnie rozpocząć zbieranie nektaru z drzew "
        "owocowych i rzepaku. Latem pojawiły się jednak długie okresy deszczu, które utrudniły pracę w pasiekach. "
        "Specjaliści radzą, aby gminy sadziły więcej lip i krzewów miododajnych przy drogach i w parkach, bo "
        "dzięki temu owady znajdą pożywienie także w miastach przez cały sezon."
    ),
}
# A translation memory: the same five sentences in English and German, one document per language side.
TMX_UNITS = [
    ("The survey counted the colonies in every district of the region during the spring.",
     "Die Erhebung hat im Frühjahr die Völker in jedem Bezirk der Region gezählt."),
    ("Most of the beekeepers who took part in the survey keep fewer than twenty hives.",
     "Die meisten Imker, die an der Erhebung teilgenommen haben, halten weniger als zwanzig Stöcke."),
    ("The results show that the losses over the winter were lower than in the previous year.",
     "Die Ergebnisse zeigen, dass die Verluste über den Winter niedriger waren als im Vorjahr."),
    ("Colonies near flowering meadows grew faster than those near large fields of a single crop.",
     "Völker in der Nähe von blühenden Wiesen wuchsen schneller als solche neben großen Feldern mit nur einer Kultur."),
    ("The authority will repeat the survey next year and publish the data under an open licence.",
     "Die Behörde wird die Erhebung im nächsten Jahr wiederholen und die Daten unter einer offenen Lizenz veröffentlichen."),
]
ZIP_DATE = (2026, 1, 1, 0, 0, 0)


def _xhtml(text: str) -> bytes:
    paragraphs = "".join(f"<p>{sentence.strip()}.</p>" for sentence in text.split(". ") if sentence.strip(". "))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" lang="en">'
        "<head><title>Regulation on pollinator monitoring</title></head><body>"
        '<div class="header">Official Journal of the European Union | Menu | Search</div>'
        f"<div id=\"document\"><h1>Regulation on pollinator monitoring</h1>{paragraphs}</div>"
        '<div class="footer">Legal notice | Cookies | Contact</div></body></html>'
    ).encode()


def _csv(text: str) -> bytes:
    rows = ["region,year,report"] + [f'{i},2025,"{s.strip()}."' for i, s in enumerate(text.split(". "), 1)]
    return ("\n".join(rows).rstrip(".") + "\n").replace('.."', '."').encode()


def _tmx() -> bytes:
    units = "".join(f'<tu><tuv xml:lang="en"><seg>{en}</seg></tuv><tuv xml:lang="de"><seg>{de}</seg></tuv></tu>'
                    for en, de in TMX_UNITS)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" datatype="plaintext" '
            f'segtype="sentence" adminlang="en" creationtool="eurocurate-samples" creationtoolversion="1" '
            f'o-tmf="none"/><body>{units}</body></tmx>').encode()


def _zip() -> bytes:
    jsonl = f'{{"id": "it-1", "text": "{TEXTS["it"]}"}}\n'.encode()
    xml = f'<?xml version="1.0" encoding="UTF-8"?><report><title>Informe</title><body><p>{TEXTS["es"]}</p></body></report>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in (("reports/alpine.jsonl", jsonl), ("reports/south.xml", xml.encode())):
            archive.writestr(zipfile.ZipInfo(name, ZIP_DATE), content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _pdf(text: str) -> bytes:
    """A one-page PDF, one line of Helvetica per ~80 characters (ASCII text only)."""
    words, lines, line = text.split(), [], ""
    for word in words:
        if len(line) + len(word) > 80:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    lines.append(line)
    body = "BT /F1 11 Tf 14 TL 60 760 Td " + " ".join(f"({ln}) Tj T*" for ln in lines) + " ET"
    content = body.encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# (dataset, file name, content, EU file type, licence, access right, language)
DISTRIBUTIONS = [
    ("beekeeping-de", "bees-de.txt", TEXTS["de"].encode(), "TXT", "CC_BY_4_0", "PUBLIC", "DEU"),
    ("pollinator-regulation", "regulation-en.xhtml", _xhtml(TEXTS["en"]), "XHTML", "COM_REUSE", "PUBLIC", "ENG"),
    ("beekeeping-fr", "rapport-fr.csv", _csv(TEXTS["fr"]), "CSV", "CC0", "PUBLIC", "FRA"),
    ("survey-memory", "survey.tmx", _tmx(), "TMX", "CC_BY_4_0", "PUBLIC", "ENG"),
    ("reports-south", "reports.zip", _zip(), "ZIP", "CC_BYSA_4_0", "PUBLIC", "ITA"),
    ("beekeeping-pl", "raport-pl.pdf", _pdf("Pszczelarze z polnocy kraju zauwazyli w tym roku, ze rodziny "
                                            "pszczele bardzo dobrze przetrwaly zime. Wiosna bylo cieplo i sucho, "
                                            "dlatego pszczoly mogly wczesnie rozpoczac zbieranie nektaru z drzew "
                                            "owocowych i rzepaku. Latem pojawily sie jednak dlugie okresy deszczu, "
                                            "ktore utrudnily prace w pasiekach. Specjalisci radza, aby gminy sadzily "
                                            "wiecej lip i krzewow miododajnych przy drogach i w parkach, bo dzieki "
                                            "temu owady znajda pozywienie takze w miastach przez caly sezon."),
     "PDF", "CC_BY_4_0", "PUBLIC", "POL"),
    ("beekeeping-es", "colmenas-es.txt", TEXTS["es"].encode(), "TXT", "CC_BYNC_4_0", "PUBLIC", "SPA"),
    ("beekeeping-pl-internal", "wewnetrzny-pl.txt", TEXTS["pl"].encode(), "TXT", "CC_BY_4_0", "NON_PUBLIC", "POL"),
]


def catalogue_turtle(base_url: str, files: dict[str, bytes]) -> str:
    out = [
        "@prefix dcat: <http://www.w3.org/ns/dcat#> .", "@prefix dct: <http://purl.org/dc/terms/> .",
        "@prefix foaf: <http://xmlns.com/foaf/0.1/> .", "@prefix spdx: <http://spdx.org/rdf/terms#> .",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
        "@prefix lic: <http://publications.europa.eu/resource/authority/licence/> .",
        "@prefix acc: <http://publications.europa.eu/resource/authority/access-right/> .",
        "@prefix lang: <http://publications.europa.eu/resource/authority/language/> .",
        "@prefix ft: <http://publications.europa.eu/resource/authority/file-type/> .",
        f"@prefix ds: <https://{HOST}/id/dataset/> .", f"@prefix dist: <https://{HOST}/id/distribution/> .", "",
        f"<https://{HOST}/id/catalogue> a dcat:Catalog ;",
        '    dct:title "Sample pollinator data space (eurocurate)"@en ;',
        "    dcat:dataset " + ", ".join(f"ds:{d[0]}" for d in DISTRIBUTIONS) + " .", "",
    ]
    for dataset, name, _content, file_type, licence, access, language in DISTRIBUTIONS:
        data = files[name]
        out += [
            f"ds:{dataset} a dcat:Dataset ;", f'    dct:identifier "{dataset}" ;',
            f'    dct:title "{dataset.replace("-", " ").capitalize()}"@en ;',
            '    dct:publisher [ a foaf:Agent ; foaf:name "Sample Pollinator Agency"@en ] ;',
            f"    dct:license lic:{licence} ;", f"    dct:accessRights acc:{access} ;",
            f"    dct:language lang:{language} ;", '    dct:issued "2026-01-15"^^xsd:date ;',
            f"    dcat:distribution dist:{name.replace('.', '-')} .", "",
            f"dist:{name.replace('.', '-')} a dcat:Distribution ;", f"    dct:format ft:{file_type} ;",
            f"    dcat:downloadURL <{base_url}{name}> ;", f"    dcat:accessURL <{base_url}{name}> ;",
            f'    dcat:byteSize "{len(data)}"^^xsd:nonNegativeInteger ;',
            "    spdx:checksum [ a spdx:Checksum ; spdx:algorithm spdx:checksumAlgorithm_sha256 ;",
            f'        spdx:checksumValue "{hashlib.sha256(data).hexdigest()}" ] .', "",
        ]
    return "\n".join(out)


def sample_files() -> dict[str, bytes]:
    return {name: content for _d, name, content, *_rest in DISTRIBUTIONS}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "samples" / "dataspace"))
    out = Path(parser.parse_args().out)
    files = sample_files()
    mirror = out / "mirror" / HOST / "files"
    mirror.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (mirror / name).write_bytes(content)
    (out / "catalogue.ttl").write_text(catalogue_turtle(f"https://{HOST}/files/", files), encoding="utf-8")
    print(f"wrote {out}/catalogue.ttl and {len(files)} mirrored files")


if __name__ == "__main__":
    main()
