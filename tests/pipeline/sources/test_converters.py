"""Distribution files to document parts, and the refusals that protect the pipeline from hostile files."""

from __future__ import annotations

import io
import json
import stat
import zipfile

import pytest

from eurocurate.pipeline.config import DataSpaceConfig
from eurocurate.pipeline.sources.archives import ArchiveRefused
from eurocurate.pipeline.sources.converters import ConversionRefused, convert, detect_format

CFG = DataSpaceConfig()
PROSE_DE = "Die Honigbienen in Griechenland wurden im Jahr 2023 in vielen Regionen gezählt und beschrieben."
PROSE_EN = "The honey bees of Greece were counted in many regions during the year 2023 by volunteers."

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<doc><p>&lol4;</p></doc>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE doc [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<doc><p>&secret;</p></doc>"""


def make_pdf(text: str) -> bytes:
    """A one-page PDF with `text` in Helvetica, offsets computed so that it is a valid file."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def make_zip(members: dict[str, bytes], symlinks: dict[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
        for name, target in (symlinks or {}).items():
            info = zipfile.ZipInfo(name)
            info.create_system = 3
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, target)
    return buffer.getvalue()


def tmx(units: list[dict[str, str]]) -> bytes:
    body = "".join(
        "<tu>" + "".join(f'<tuv xml:lang="{lang}"><seg>{text}</seg></tuv>' for lang, text in unit.items()) + "</tu>"
        for unit in units
    )
    return f'<?xml version="1.0"?><tmx version="1.4"><header srclang="en"/><body>{body}</body></tmx>'.encode()


def test_text_and_encodings():
    [part] = convert(PROSE_DE.encode("cp1252"), "a.txt", [], CFG)
    assert part.text == PROSE_DE and part.file_format == "txt"
    [part] = convert(b"\xef\xbb\xbf" + PROSE_DE.encode(), "a", ["text/plain"], CFG)
    assert part.text == PROSE_DE


def test_html_and_xhtml_stay_bytes_for_trafilatura():
    page = f'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>{PROSE_EN}</p></body></html>'
    [part] = convert(page.encode(), "doc.xml", ["http://publications.europa.eu/resource/authority/file-type/XML"], CFG)
    assert part.html == page.encode() and part.text is None and part.file_format == "html"


def test_csv_picks_text_columns_or_the_configured_ones():
    data = f'id,year,summary\n1,2023,"{PROSE_EN}"\n2,2022,"{PROSE_DE}"\n'.encode()
    [part] = convert(data, "bees.csv", [], CFG)
    assert part.text == f"{PROSE_EN}\n\n{PROSE_DE}"  # id and year are not text
    rows = convert(data, "bees.csv", [], DataSpaceConfig(csv_document="row"))
    assert [p.text for p in rows] == [PROSE_EN, PROSE_DE] and [p.key for p in rows] == ["row 1", "row 2"]
    tsv = f"name\tnote\nx\t{PROSE_EN}\n".encode()
    [part] = convert(tsv, "f", ["text/tab-separated-values"], DataSpaceConfig(csv_text_columns=["note"]))
    assert part.text == PROSE_EN
    with pytest.raises(ConversionRefused) as caught:
        convert(data, "bees.csv", [], DataSpaceConfig(csv_text_columns=["nope"]))
    assert caught.value.reason == "no_text_columns"


def test_json_and_jsonl_records():
    data = json.dumps([{"id": 1, "text": PROSE_EN}, {"id": 2, "meta": {"note": PROSE_DE}, "code": "AB-12"}]).encode()
    parts = convert(data, "x.json", [], CFG)
    assert [p.text for p in parts] == [PROSE_EN, PROSE_DE]
    lines = b"\n".join(json.dumps({"body": t}).encode() for t in (PROSE_EN, PROSE_DE))
    assert [p.text for p in convert(lines, "x.jsonl", [], CFG)] == [PROSE_EN, PROSE_DE]
    with pytest.raises(ConversionRefused):
        convert(b'{"broken": ', "x.json", [], CFG)


def test_xml_text_blocks_keep_inline_markup_together():
    data = f"<act><title>Regulation</title><para>{PROSE_EN[:20]}<b>bold</b> {PROSE_EN[20:]}</para></act>".encode()
    [part] = convert(data, "act.xml", [], CFG)
    assert part.text == f"Regulation\n{PROSE_EN[:20]}bold {PROSE_EN[20:]}"


def test_tmx_gives_one_document_per_language_side():
    parts = convert(tmx([{"en": "Bees fly.", "de": "Bienen fliegen."}, {"en": "Honey.", "de": "Honig."}]),
                    "memory.tmx", [], CFG)
    assert [(p.key, p.language, p.text) for p in parts] == [
        ("tmx:de", "de", "Bienen fliegen.\nHonig."), ("tmx:en", "en", "Bees fly.\nHoney.")]


def test_pdf_text():
    [part] = convert(make_pdf("Bees of Greece counted in 2023"), "report", [], CFG)
    assert part.file_format == "pdf" and "Bees of Greece counted in 2023" in part.text
    with pytest.raises(ConversionRefused) as caught:
        convert(b"%PDF-1.4\nnot really", "bad.pdf", [], CFG)
    assert caught.value.reason == "unparseable"


@pytest.mark.parametrize("payload", [BILLION_LAUGHS, EXTERNAL_ENTITY])
@pytest.mark.parametrize("name", ["data.xml", "memory.tmx"])
def test_xml_entity_bombs_and_external_entities_are_refused(payload, name):
    with pytest.raises(ConversionRefused) as caught:
        convert(payload, name, [], CFG)
    assert caught.value.reason == "xml_forbidden_construct"


def test_zip_members_are_converted_with_their_paths():
    data = make_zip({"a/one.txt": PROSE_EN.encode(), "b.csv": f'x,t\n1,"{PROSE_DE}"\n'.encode(), "c.bin": b"\x00\x01"})
    parts = convert(data, "bundle.zip", [], CFG)
    assert [(p.member, p.text, p.reject) for p in parts] == [
        ("a/one.txt", PROSE_EN, None), ("b.csv", PROSE_DE, None), ("c.bin", None, ("unsupported_format", ".bin"))]


def test_zip_bomb_with_path_traversal_member_is_refused():
    bomb = make_zip({"../../etc/cron.d/evil": b"x", "zeros.txt": b"\0" * (20 * 1024 * 1024)})
    with pytest.raises(ArchiveRefused) as caught:
        convert(bomb, "bundle.zip", [], CFG)
    assert caught.value.reason == "archive_path_traversal" and "etc" not in caught.value.detail
    with pytest.raises(ArchiveRefused) as caught:
        convert(make_zip({"zeros.txt": b"\0" * (20 * 1024 * 1024)}), "bundle.zip", [], CFG)
    assert caught.value.reason == "archive_bomb"


@pytest.mark.parametrize("members, symlinks, reason", [
    ({"/etc/passwd": b"x"}, None, "archive_path_traversal"),
    ({"ok.txt": b"x"}, {"link": "/etc/passwd"}, "archive_symlink"),
    ({f"{i}.txt": b"x" for i in range(5)}, None, "archive_too_many_members"),
])
def test_unsafe_archives_are_refused(members, symlinks, reason):
    with pytest.raises(ArchiveRefused) as caught:
        convert(make_zip(members, symlinks), "x.zip", [], DataSpaceConfig(archive_max_members=4))
    assert caught.value.reason == reason


def test_archive_nesting_is_capped():
    inner = make_zip({"t.txt": PROSE_EN.encode()})
    [part] = convert(make_zip({"inner.zip": inner}), "x.zip", [], CFG)
    assert part.member == "inner.zip/t.txt" and part.text == PROSE_EN
    with pytest.raises(ArchiveRefused) as caught:
        convert(make_zip({"inner.zip": inner}), "x.zip", [], DataSpaceConfig(archive_max_depth=0))
    assert caught.value.reason == "archive_too_deep"


def test_format_detection_order():
    assert detect_format(b"%PDF-1.7 ...", ["text/csv"], "x.csv") == "pdf"  # magic bytes win
    assert detect_format(b"a,b\n", ["http://publications.europa.eu/resource/authority/file-type/CSV"], "x") == "csv"
    assert detect_format(b"<tmx version='1.4'>", ["application/xml"], "x") == "tmx"
    assert detect_format(b"\x00\x01\x02", [], "image.png") is None
