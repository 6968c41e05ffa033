"""Main-text extraction with trafilatura: a fast path on a shrunk tree, the full cascade only where needed.

Per document: binary check, charset decoding (charset.py), one parse, title and date read from the
tree, then trafilatura in its fast mode on a tree from which the elements it always deletes (navigation, forms,
media, scripts, ...) and the containers named as boilerplate are already gone (tree.py): every
later pass of trafilatura walks that smaller tree. trafilatura's fast mode runs step by step on that tree
(sequence.py: same text as `bare_extraction`, without its tree copies and the passes whose
outcome is known beforehand). That pass also says what the page is (page_shape): where its main extractor found
next to nothing ("rescued") or its short text covers a small share of the page ("thin"), the full trafilatura
cascade (readability / jusText comparison, its rescues and recall retry) runs on the page as it came: that is
where the fast mode loses text. The shape is measured on the page and the fast result, never on reference text;
its thresholds were chosen on one half of the gold pages and reported on the other (docs/operations.md).
benchmarks/extraction.py measures both against stock trafilatura.

Each document is guarded: payloads are capped by the reader, trees by `max_tree_nodes`, and extraction by a
wall-clock limit (`timeout_s`, a SIGALRM timer: no process per document), so a pathological page is rejected
with a reason instead of stalling or exhausting the worker.
"""

from __future__ import annotations

import hashlib
import re
import signal
import threading
from contextlib import contextmanager

import trafilatura
from lxml import etree
from trafilatura.settings import Extractor

from eurocurate.filters.extract.config import ExtractConfig
from eurocurate.filters.extract.tree import (
    drop_named_boilerplate, drop_scripts_and_styles, parse_html, remove_what_trafilatura_removes)
from eurocurate.filters.extract.charset import decode_html as _decode_with_signal, header_charset, meta_charset
from eurocurate.core.stage import Keep, Reject

try:
    from eurocurate.filters.extract.sequence import FastPass, covers, fast_pass, memoized_stoplists
except ImportError:  # a trafilatura release without the module-level names it calls: the public, slower path
    covers = None
    from contextlib import nullcontext as memoized_stoplists

MAX_REPLACEMENT_RATIO = 0.02

_COUNT_NODES = etree.XPath("count(//*)")
_TEXT_LENGTH = etree.XPath("string-length(.)")
# Page shapes, read from the fast pass (never from any gold text), with the path each takes:
# - "rescued": the main extractor gave under trafilatura's minimum (its baseline dump or recall retry stood in,
#   or nothing did): the full cascade on the page as it came;
# - "thin": a short text (under `fallback_below_chars`) covering a small share (`fallback_max_coverage`) of the
#   shrunk page's text: the full cascade on the shrunk tree, kept where longer;
# - "table": more tables than paragraphs in the text's body (fast path; a breakdown for the benchmark);
# - "article": the rest, by far the most pages (fast path).
# - "empty": no tree to read (no markup, nothing parsed).
SHAPES = ("article", "table", "thin", "rescued", "empty")

_TITLE_XPATHS = [etree.XPath(x, smart_strings=False) for x in (
    '//meta[@property="og:title"]/@content', "//head/title/text()", "//h1//text()")]
_DATE_XPATHS = [etree.XPath(x, smart_strings=False) for x in (
    '//meta[@property="article:published_time" or @property="og:published_time" or @name="date" '
    'or @name="DC.date.issued" or @name="dc.date" or @name="DC.date" or @name="citation_publication_date" '
    'or @name="pubdate" or @itemprop="datePublished"]/@content',
    # an attribute-axis step: each element's attribute list is walked without a string made per element
    '//@itemprop[.="datePublished"]/../@datetime', "//time/@datetime")]
_ISO_DATE = re.compile(r"(19[89]\d|20\d\d)-([01]\d)-([0-3]\d)")


class ExtractionTimeout(Exception):
    pass


def detect_charset(html: bytes, content_type: str | None) -> str | None:
    """The declared charset (HTTP header, then <meta>) as Python names it; decoding reads it as browsers do."""
    return header_charset(content_type, whatwg=False) or meta_charset(html, whatwg=False)


def decode_html(html: bytes, content_type: str | None) -> tuple[str, str]:
    """(text, codec used); see pipeline.sources.charset for the order of signals."""
    text, codec, _ = _decode_with_signal(html, content_type)
    return text, codec


_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or b > 13)
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = len(head.translate(None, _NOT_CONTROL_BYTES))
    return bool(head) and control / len(head) > 0.05


_DATE_META_NAMES = frozenset(("article:published_time", "og:published_time", "date", "dc.date.issued", "dc.date",
                              "citation_publication_date", "pubdate"))


def _head_title_and_date(tree) -> tuple[str | None, str | None]:
    """og:title and the first dated publication-date <meta> of the <head>: one pass over a few elements, where the
    whole-tree XPaths below cost a traversal each (they still run where the <head> has neither)."""
    head = tree.find("head")
    og_title = date = None
    for element in head if head is not None else ():
        if element.tag == "meta":
            key = element.get("property") or element.get("name") or ""
            if element.get("property") == "og:title" and og_title is None:
                og_title = " ".join(element.get("content", "").split()) or None
            elif date is None and (key.lower() in _DATE_META_NAMES or element.get("itemprop") == "datePublished"):
                if match := _ISO_DATE.search(element.get("content", "")):
                    date = match.group(0)
    return og_title, date


def page_title(tree) -> str | None:
    for xpath in _TITLE_XPATHS:
        for value in xpath(tree):
            if value := " ".join(str(value).split()):
                return value[:500]
    return None


def page_date(tree) -> str | None:
    """Publication date as YYYY-MM-DD from the usual meta tags or <time datetime>; None when none is given."""
    for xpath in _DATE_XPATHS:
        for value in xpath(tree):
            if match := _ISO_DATE.search(str(value)):
                return match.group(0)
    return None


def title_and_date(tree) -> tuple[str | None, str | None]:
    title, date = _head_title_and_date(tree)
    return (title[:500] if title else page_title(tree)), (date or page_date(tree))


@contextmanager
def time_limit(seconds: float):
    """Raise ExtractionTimeout in this thread after `seconds` (main thread only: elsewhere no limit applies)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _expired(signum, frame):
        raise ExtractionTimeout

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _options(cfg: ExtractConfig, fast: bool) -> Extractor:
    return Extractor(output_format="python", fast=fast, precision=cfg.favor == "precision",
                     recall=cfg.favor == "recall", comments=False, tables=cfg.include_tables)


class MainTextExtractor:
    """HTML text in, (main text, title, date, path taken) out; `path` is 'fast', 'fallback' or 'full'."""

    def __init__(self, cfg: ExtractConfig):
        self.cfg = cfg
        self.fast_options = _options(cfg, fast=True)
        self.full_options = _options(cfg, fast=False)

    def extract(self, text: str, url: str | None) -> tuple[str, str | None, str | None, str]:
        body, title, date, path, _ = self.extract_with_shape(text, url)
        return body, title, date, path

    def extract_with_shape(self, text: str, url: str | None) -> tuple[str, str | None, str | None, str, str]:
        """extract() and the page's shape (see page_shape; "full" where the fast path is off)."""
        tree = parse_html(text)
        if tree is None or len(tree) == 0:
            return "", None, None, "fast", "empty"
        # every element takes at least 3 characters ("<p>") but the few the parser implies (html, head, body, p):
        # shorter pages cannot exceed the cap, no need to count
        if len(text) >= 3 * (self.cfg.max_tree_nodes - 4) and _COUNT_NODES(tree) > self.cfg.max_tree_nodes:
            raise TreeTooLarge(int(_COUNT_NODES(tree)))
        title, date = title_and_date(tree)
        if not self.cfg.fast_path:
            return self._run(tree, self.full_options), title, date, "full", "full"
        remove_what_trafilatura_removes(tree, keep_tails=self.cfg.favor != "precision")
        if self.cfg.favor != "recall":
            drop_named_boilerplate(tree)
        if covers is None or not covers(self.fast_options):
            body = self._run(tree, self.fast_options)
            return body, title, date, "fast", "article"  # no step-by-step pass: no shape to read
        page_chars = _TEXT_LENGTH(tree)
        cfg = self.cfg

        def falls_back(length: int, step: str) -> bool:  # whatever a rescue in the fast pass would give
            return cfg.fallback_rescued if step != "main" else _thin(length, page_chars, cfg)

        fast = fast_pass(tree, self.fast_options, stop=falls_back)
        shape = page_shape(fast, page_chars, cfg)
        if (shape == "rescued" and self.cfg.fallback_rescued) or shape == "thin":
            # The full cascade on the page as it came, where the fast result says the page is not a plain article:
            # - rescued: the main extractor found next to nothing; its rescues read the page as it came (the
            #   shrinking above removes what they would read: <noscript>-wrapped bodies, named containers holding
            #   the article), and readability and jusText were made for such pages;
            # - thin: a short text out of a page holding far more (teaser markup, the story in plain <div>s):
            #   readability reads the unshrunk page (the shrinking changes its scores), jusText the cleaned one.
            page = parse_html(text)
            full = ""
            if page is not None:
                drop_scripts_and_styles(page)  # the cascade deletes them first: same result, less to walk
                with memoized_stoplists():
                    full = self._run(page, self.full_options)
            if (len(full) > len(fast.text)) if shape == "thin" else bool(full.strip()):
                return full, title, date, "fallback", shape
        return fast.text, title, date, "fast", shape

    @staticmethod
    def _run(page, options: Extractor) -> str:
        result = trafilatura.bare_extraction(page, options=options)
        return (result.text or "") if result is not None else ""


def page_shape(fast: "FastPass", page_chars: float, cfg: ExtractConfig) -> str:
    """The shape of a page as the fast pass saw it: `page_chars` is the text length of the shrunk tree it ran on."""
    if fast.step == "stopped":  # ended before its rescues, as thin (see MainTextExtractor.extract_with_shape)
        return "thin"
    if fast.step != "main":
        return "rescued"
    if _thin(len(fast.text), page_chars, cfg):
        return "thin"
    return "table" if fast.tables > fast.paragraphs else "article"


def _thin(length: int, page_chars: float, cfg: ExtractConfig) -> bool:
    return length < cfg.fallback_below_chars and length < cfg.fallback_max_coverage * page_chars


class TreeTooLarge(Exception):
    def __init__(self, nodes: int):
        super().__init__(nodes)
        self.nodes = nodes


class ExtractStage:
    name = "extract"

    def __init__(self, cfg: ExtractConfig):
        self.cfg = cfg
        self.extractor = MainTextExtractor(cfg)
        self.paths: dict[str, int] = {"fast": 0, "fallback": 0, "full": 0}
        self.shapes: dict[str, int] = dict.fromkeys((*SHAPES, "full"), 0)
        self.last_shape: str | None = None  # the shape of the last page extracted (benchmarks break F1 down by it)

    def process(self, doc: dict) -> Keep | Reject:
        self.last_shape = None
        if "html" not in doc and doc.get("text") is not None:
            return self._accept_text(doc)  # a source that delivers text already (no HTML to extract from)
        html: bytes = doc.pop("html", b"") or b""
        doc.pop("http_headers", None)
        if not html.strip():
            return Reject("empty_payload")
        if looks_binary(html):
            return Reject("binary_content")
        text, codec = decode_html(html, doc.get("content_type"))
        del html
        if text.count("\ufffd") > MAX_REPLACEMENT_RATIO * max(len(text), 1):
            return Reject("invalid_encoding", codec)
        try:
            with time_limit(self.cfg.timeout_s):
                body, title, date, path, shape = self.extractor.extract_with_shape(text, doc.get("url") or None)
        except ExtractionTimeout:
            return Reject("extract_timeout", f">{self.cfg.timeout_s:g} s")
        except TreeTooLarge as exc:
            return Reject("tree_too_large", f"{exc.nodes} elements")
        except RecursionError:
            return Reject("tree_too_deep")
        self.paths[path] += 1
        self.shapes[shape] += 1
        self.last_shape = shape
        if not body.strip():
            return Reject("no_main_content")
        if len(body) < self.cfg.min_chars:
            return Reject("too_short", f"{len(body)} chars")
        doc["text"] = body
        doc["title"] = title
        doc["page_date"] = date
        doc["content_sha256"] = hashlib.sha256(body.encode("utf-8")).hexdigest()
        return Keep()

    def _accept_text(self, doc: dict) -> Keep | Reject:
        text = doc["text"]
        if not text.strip():
            return Reject("empty_payload")
        if "\x00" in text[:8192]:
            return Reject("binary_content")
        if len(text) < self.cfg.min_chars:
            return Reject("too_short", f"{len(text)} chars")
        doc["content_sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return Keep()

