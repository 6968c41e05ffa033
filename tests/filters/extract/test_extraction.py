"""Extraction: fast path and fallback, title/date, charsets, and the per-document guard on real pathological pages."""

from __future__ import annotations

import gzip
import json

import pytest
from trafilatura.utils import repair_faulty_html

from eurocurate.pipeline.config import ExtractConfig
from eurocurate.filters.extract.sequence import FastPass
from eurocurate.filters.extract.stage import ExtractStage, decode_html, page_shape
from eurocurate.filters.extract.tree import drop_named_boilerplate, parse_html, remove_what_trafilatura_removes, repaired_utf8
from eurocurate.core.stage import Keep, Reject

PROSE = ("Die kleine Stadt am Fluss lebte jahrhundertelang von der Fähre, die Bauern und Händler über das Wasser "
         "brachte. Heute erinnert ein Museum an die Zeit, in der die Überfahrt den Tag bestimmte. ")
POLISH = "Zażółć gęślą jaźń. Łódź leży w centrum Polski, a Gdańsk nad morzem. " * 6


def _page(body: str, head: str = "") -> str:
    return (f"<html><head>{head}<title>Die Fähre</title></head><body><nav><a href='/'>Start</a> "
            f"<a href='/u'>Über uns</a></nav><article><h1>Die Fähre</h1><p>{body}</p><p>{body}</p></article>"
            "<footer>Impressum Datenschutz</footer></body></html>")


def _extract(html: bytes, content_type: str = "text/html", **cfg) -> tuple[Keep | Reject, dict, ExtractStage]:
    stage = ExtractStage(ExtractConfig(**cfg))
    doc = {"html": html, "content_type": content_type, "url": "https://x.example/a"}
    return stage.process(doc), doc, stage


def test_fast_path_keeps_main_text_title_and_date_and_drops_boilerplate():
    head = '<meta property="article:published_time" content="2024-03-05T10:00:00+01:00">'
    outcome, doc, stage = _extract(_page(PROSE * 3, head).encode())
    assert outcome == Keep() and stage.paths["fast"] == 1
    assert "Fähre, die Bauern" in doc["text"] and "Impressum" not in doc["text"] and "Über uns" not in doc["text"]
    assert doc["title"] == "Die Fähre" and doc["page_date"] == "2024-03-05"
    assert "html" not in doc and len(doc["content_sha256"]) == 64


def test_short_fast_result_gets_the_full_cascade_and_modes_are_configurable():
    page = _page(PROSE).encode()
    outcome, doc, stage = _extract(page, fallback_below_chars=100_000, min_chars=0)
    assert outcome == Keep() and stage.paths["fast"] + stage.paths["fallback"] == 1
    outcome, full_doc, stage = _extract(page, fast_path=False, min_chars=0)
    assert outcome == Keep() and stage.paths == {"fast": 0, "fallback": 0, "full": 1}
    assert "Fähre, die Bauern" in full_doc["text"] and "Fähre, die Bauern" in doc["text"]
    for favor in ("precision", "recall"):
        assert _extract(page, favor=favor, min_chars=0)[0] == Keep()


def test_tree_shrinking_keeps_the_text_trafilatura_reads_and_drops_named_boilerplate():
    menu = "".join(f"<li><a href='/{i}'>Rubrik {i}</a></li>" for i in range(8))
    html = ("<!DOCTYPE html><html><head><title>T</title><meta name='x' content='y'>"
            '<script type="application/ld+json">{"articleBody": "JSON-LD Text"}</script><script>var a;</script></head>'
            f"<body><div class='main-menu'><ul>{menu}</ul></div><div id='content'><p>{PROSE}<img src='a.png'>"
            f"<font>Schrift</font> <b>fett</b>\x0b</p><div></div></div>"
            "<div class='share-box'>Teilen</div></body></html>")
    tree = parse_html(html)
    remove_what_trafilatura_removes(tree)
    assert [e.tag for e in tree.find("head")] == ["script"] and "JSON-LD Text" in tree.find("head")[0].text
    assert tree.find(".//img") is None and tree.find(".//font") is None and tree.find(".//b") is None
    assert "Schrift fett" in tree.text_content()
    assert tree.find(".//div[@id='content']/div") is not None  # empty: trafilatura's own single pass deletes it
    assert drop_named_boilerplate(tree) == 2
    text = tree.text_content()
    assert "Rubrik" not in text and "Teilen" not in text and PROSE in text


@pytest.mark.parametrize("html", [
    f"<html><body><p>{PROSE}</p></body></html>",  # nothing to repair: the page as it is
    "<!DOCTYPE html/>\n<html/>\n<body><p>a\x01b</p>" + "x" * 5000 + "\n<p>c\x0bd\ufffee\uffff</p></body>",
    "<html><body>" + "y" * 5000 + "\n<p>only late: \x1f and \ufffe</p></body></html>",
    "<!doctype html PUBLIC '-//W3C//DTD XHTML 1.0//EN' '/x'>\n<html><p>ok</p></html>",
])
def test_repairs_are_trafilaturas_as_utf8(html):
    assert repaired_utf8(html) == repair_faulty_html(html, html[:50].lower()).encode("utf-8")


def test_tree_shrinking_strips_attributes_trafilatura_never_reads():
    html = (f"<html><body><div id='content' class='post' data-track='1' onclick='go()' aria-label='x' w{{i}}='t'>"
            f"<p style='color:red' data-x='2'>{PROSE}</p><a href='/a' data-id='3' rel='next'>weiter</a>"
            "</div></body></html>")
    tree = parse_html(html)
    remove_what_trafilatura_removes(tree)
    div = tree.find(".//div")
    assert dict(div.attrib) == {"id": "content", "class": "post", "w{i}": "t"}  # a name it cannot strip stays
    assert dict(tree.find(".//p").attrib) == {"style": "color:red"}
    assert dict(tree.find(".//a").attrib) == {"href": "/a", "rel": "next"}
    assert PROSE in tree.text_content()


def test_named_containers_holding_much_of_the_text_are_left_to_trafilatura():
    one_big = parse_html(f"<html><body><div class='comments'><p>{PROSE * 3}</p></div><p>{PROSE}</p></body></html>")
    assert drop_named_boilerplate(one_big) == 0  # one container with most of the text: maybe the article
    many = "".join(f"<div class='related-{i}'><p>{PROSE}</p></div>" for i in range(4))
    all_named = parse_html(f"<html><body>{many}<p>{PROSE}</p></body></html>")
    assert drop_named_boilerplate(all_named) == 0  # each small, together most of the page: the names mislead


def _pathological_page(paragraphs: int) -> bytes:
    """Tens of thousands of small link-bearing blocks: stock trafilatura spends tens of seconds on such a page."""
    blocks = "".join(f"<div class='c{i % 7}'><p>Satz {i} mit einigen Wörtern und <a href='/a{i}'>Verweis</a>.</p>"
                     "</div>" for i in range(paragraphs))
    return f"<html><body>{blocks}</body></html>".encode()


def test_a_pathological_page_hits_the_time_limit_and_the_stage_goes_on():
    stage = ExtractStage(ExtractConfig(timeout_s=1.0, max_tree_nodes=10_000_000))
    slow = {"html": _pathological_page(40_000), "content_type": "text/html", "url": "https://slow.example/"}
    assert stage.process(slow) == Reject("extract_timeout", ">1 s")
    normal = {"html": _page(PROSE * 3).encode(), "content_type": "text/html", "url": "https://x.example/"}
    assert stage.process(normal) == Keep()


def test_a_tree_over_the_size_cap_is_rejected_before_extraction():
    outcome, _, _ = _extract(_pathological_page(2_000), max_tree_nodes=1_000)
    assert isinstance(outcome, Reject) and outcome.reason == "tree_too_large"


@pytest.mark.parametrize(("payload", "content_type", "expected_codec"), [
    (_page(POLISH).encode("iso-8859-2"), "text/html; charset=ISO-8859-2", "iso8859-2"),  # header
    (_page(POLISH, '<meta charset="windows-1250">').encode("cp1250"), "text/html", "cp1250"),  # meta
    (_page(POLISH, '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2">').encode("iso-8859-2"),
     None, "iso8859-2"),  # http-equiv meta
    (_page(PROSE * 2).encode("cp1252"), "text/html", None),  # undeclared single-byte: detected (cp1250 reads it too)
    (_page(PROSE * 2, '<meta charset="iso-8859-1">').encode("cp1252"), "text/html", "cp1252"),  # latin-1 label
    (b"\xef\xbb\xbf" + _page(PROSE * 2).encode(), "text/html; charset=iso-8859-1", "utf-8-sig"),  # BOM wins
])
def test_charset_signals_decode_the_page(payload, content_type, expected_codec):
    text, codec = decode_html(payload, content_type)
    assert codec == expected_codec or expected_codec is None
    assert ("Zażółć gęślą jaźń" in text) or ("Fähre, die Bauern" in text)
    outcome, doc, _ = _extract(payload, content_type or "text/html", min_chars=50)
    assert outcome == Keep() and "\ufffd" not in doc["text"]


def test_cp1252_only_characters_survive_a_latin1_label():
    text, codec = decode_html("„Zitat“ – 5 €".encode("cp1252"), "text/html; charset=latin-1")
    assert codec == "cp1252" and text == "„Zitat“ – 5 €"


def test_invalid_utf8_a_few_bad_bytes_are_kept_many_are_rejected():
    almost = _page(PROSE * 3).encode("utf-8").replace("Museum".encode(), b"Mus\xffum", 1)
    text, codec = decode_html(almost, "text/html")
    assert codec == "utf-8-replace" and "Mus\ufffdum" in text and "Fähre" in text
    assert _extract(almost)[0] == Keep()
    garbage = b"<html><body><p>" + bytes(range(0x80, 0x100)) * 30 + b"</p></body></html>"
    outcome, _, _ = _extract(garbage, "text/html; charset=utf-8")
    assert outcome == Reject("invalid_encoding", "utf-8-replace")


def test_extraction_quality_on_real_pages(shared_eval):
    folder = shared_eval / "extraction" / "trafilatura"
    rows = [json.loads(line) for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()[:40]]
    stage = ExtractStage(ExtractConfig(min_chars=0))
    found = wrong = missed = 0
    for row in rows:
        doc = {"html": gzip.decompress((folder / row["page"]).read_bytes()), "content_type": "text/html",
               "url": row["url"]}
        text = doc["text"] if stage.process(doc) == Keep() else ""
        found += sum(s in text for s in row["with"])
        missed += sum(s not in text for s in row["with"])
        wrong += sum(s in text for s in row["without"])
    precision, recall = found / (found + wrong), found / (found + missed)
    assert precision > 0.85 and recall > 0.85, (precision, recall)


def _thin_page() -> str:
    """A two-paragraph teaser in <article> markup, the story itself in plain <div>s: the fast path takes the teaser
    (a few % of the page's text), the full cascade finds the story."""
    story = "".join(f"<div class='x{i}'><div>{PROSE} Abschnitt {i} der Geschichte.</div></div>" for i in range(25))
    return f"<html><body><article><h1>Titel</h1><p>{PROSE[:150]}</p><p>{PROSE[:150]}</p></article>{story}</body></html>"


def test_a_thin_fast_result_gets_the_full_cascade():
    outcome, doc, stage = _extract(_thin_page().encode(), min_chars=0)
    assert outcome == Keep() and stage.shapes["thin"] == 1 and stage.paths["fallback"] == 1
    assert "Abschnitt 24 der Geschichte" in doc["text"] and len(doc["text"]) > 5000
    outcome, doc, stage = _extract(_thin_page().encode(), min_chars=0, fallback_below_chars=0)
    assert outcome == Keep() and stage.paths == {"fast": 1, "fallback": 0, "full": 0}
    assert "Abschnitt" not in doc["text"] and len(doc["text"]) < 400  # the fast path alone: the teaser


def test_a_page_whose_text_the_shrinking_removes_is_rescued_from_the_page_as_it_came():
    # the whole body inside <noscript> (as broken markup leaves it): trafilatura deletes <noscript> like the tree
    # shrinking does, but its baseline rescue reads the page as it came
    html = f"<html><head><title>T</title></head><body><noscript><div><h1>Die Fähre</h1><p>{PROSE * 3}</p></div>" \
           "</noscript></body></html>"
    outcome, doc, stage = _extract(html.encode(), min_chars=0)
    assert outcome == Keep() and stage.shapes["rescued"] == 1 and stage.paths["fallback"] == 1
    assert "Fähre, die Bauern" in doc["text"]
    outcome, _, stage = _extract(html.encode(), min_chars=0, fallback_rescued=False)
    assert outcome == Reject("no_main_content") and stage.shapes["rescued"] == 1


def test_page_shapes_come_from_the_fast_pass():
    cfg = ExtractConfig()
    assert page_shape(FastPass("x" * 300, "baseline", 1, 0), 10_000, cfg) == "rescued"
    assert page_shape(FastPass("", "none", 0, 0), 0, cfg) == "rescued"
    assert page_shape(FastPass("x" * 300, "main", 2, 0), 10_000, cfg) == "thin"  # 3% of the page
    assert page_shape(FastPass("x" * 300, "main", 2, 0), 3_000, cfg) == "article"  # 10%
    assert page_shape(FastPass("x" * 1500, "main", 2, 0), 100_000, cfg) == "article"  # long enough
    assert page_shape(FastPass("x" * 1500, "main", 2, 5), 10_000, cfg) == "table"
