"""One parse per page, and a tree shrunk before trafilatura sees it.

trafilatura's time goes into XPath passes over the whole tree (raw-tree prunes, tree cleaning, body selection,
boilerplate discards, the page-length measure of its recall escalation), and libxml2 pays per element and per
predicate on each pass. So the fewer elements reach it, the less every pass costs:

- `remove_what_trafilatura_removes`: elements its tree cleaning deletes or unwraps anyway (navigation, media,
  non-data scripts, <img>, <font>, ...), formatting tags it unwraps when formatting is off, the <head>
  (title and date are read before; JSON-LD scripts stay, its baseline reads articleBody from them). The text
  trafilatura gets is the same, so the result is too. Then the attributes it never reads (data-*, aria-*, on*...):
  its class/id predicates walk each element's attribute list.
- `drop_named_boilerplate`: containers whose class or id names them as navigation, menus, footers, sidebars,
  sharing, cookie banners, comments, related links... - the concepts trafilatura's own discard rules look for -
  unless the container holds a large share of the page's text (then it may be the article, and trafilatura decides).
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree
from trafilatura.settings import MANUALLY_CLEANED, MANUALLY_STRIPPED
from trafilatura.utils import INVALID_XML_CHARS, repair_faulty_html

# Kept for trafilatura: forms and figures (it treats them specially), math (recovered), head and JSON-LD
# scripts (its baseline reads articleBody from JSON-LD).
_CLEANED = tuple(t for t in MANUALLY_CLEANED if t not in ("form", "figure", "math", "head", "script"))
# Formatting tags trafilatura unwraps when formatting is off; <strong> only without a class (a class may mark a
# Yoast FAQ question, which it turns into a heading); <sub>/<sup> left alone (it deletes empty ones first).
_FORMATTING = ("em", "i", "b", "u", "kbd", "samp", "tt", "var")
_DATA_SCRIPTS = etree.XPath('//script[@type="application/ld+json"]')
# trafilatura unwraps every <span> once its discard rules (which look at a span's attributes) have run
_PLAIN_STRONG = etree.XPath("//strong[not(@class)]")
_BARE_SPANS = etree.XPath("//span[not(@*)]")  # two name steps walk faster than one step testing two names
# Elements to delete or unwrap are renamed to these, then go in one C-level pass with the others (one Python
# call per element otherwise); the HTML parser lowercases tag names, so no page holds them.
_KEEP, _UNWRAP = "KEEP", "UNWRAP"
_TEXT_LENGTH = etree.XPath("string-length(.)")
# what strip_attributes takes (pages hold stranger ones)
_PLAIN_ATTRIBUTE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
# Every attribute trafilatura's XPaths, tag conversion and output read (its sources, 2.3: `@name` in XPaths,
# `.get("name")` in code), and a few a reader may want. The others (data-*, aria-*, on*, width, ...) only cost:
# each `contains(@class, ...)` predicate walks an element's attribute list, and most elements carry several.
TRAFILATURA_ATTRIBUTES = frozenset((
    "class", "id", "href", "type", "style", "itemprop", "itemtype", "rel", "content", "role", "name", "lang",
    "hreflang", "property", "alt", "alttext", "display", "rend", "target", "title", "src", "datetime", "colspan",
    "rowspan", "http-equiv", "aria-hidden", "data-component", "data-testid", "data-lp-replacement-content",
    "data-preloaded", "hidden"))

_CONTAINERS = ("div", "section", "ul", "ol", "li", "p", "span", "table", "header", "article")
# not "widget": page builders name the article's own blocks so ("elementor-widget")
_BOILERPLATE_NAME = re.compile(
    r"nav|menu|footer|sidebar|breadcrumb|social|share|cookie|consent|related|comment|banner|newsletter"
    r"|popup|modal|pagination")
MAX_BOILERPLATE_TEXT_SHARE = 0.3  # one container holding more may be the article
MAX_DROPPED_TEXT_SHARE = 0.5  # all of them together: past that, the names mislead and trafilatura decides

# XML-invalid control characters (libxml2 stops at them) as UTF-8 bytes: none occurs inside a multi-byte sequence
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 13))
REPAIR_PREFIX_CHARS = 4096

# lxml.html's default element lookup calls back into Python for every element proxy; trafilatura touches
# elements millions of times, so a C-level lookup (all elements HtmlElement: trafilatura needs nothing more) pays.
_PARSER = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                               remove_comments=True, remove_pis=True)
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity))


def _has_invalid_xml_chars(text: str, data: bytes) -> bool:
    """`data` is `text` as UTF-8: control bytes are found in it without a copy per character class, the two
    noncharacters in the text (a string of narrower characters answers at once)."""
    return len(data.translate(None, _CONTROL_BYTES)) != len(data) or "\ufffe" in text or "\uffff" in text


def repaired_utf8(text: str) -> bytes:
    """trafilatura's HTML repairs as UTF-8 bytes (what libxml2 parses fastest).

    Its repairs touch the first line and the first 4 KiB only, except for the removal of XML-invalid
    characters, which a byte scan finds in the rest far faster than its regular expression. Most pages need
    neither: then the page is encoded once, without slicing and joining.
    """
    cut = text.find("\n", REPAIR_PREFIX_CHARS)
    cut = len(text) if cut == -1 else cut
    head = text[:cut]
    repaired_head = repair_faulty_html(head, text[:50].lower())
    data = text.encode("utf-8", "surrogatepass")
    if _has_invalid_xml_chars(text, data):
        return repaired_head.encode("utf-8", "surrogatepass") + INVALID_XML_CHARS.sub("", text[cut:]).encode(
            "utf-8", "surrogatepass")
    if repaired_head == head:
        return data
    return repaired_head.encode("utf-8", "surrogatepass") + data[len(head.encode("utf-8", "surrogatepass")):]


def parse_html(text: str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.fromstring(repaired_utf8(text), parser=_PARSER)
    except etree.ParserError:
        return None


def remove_what_trafilatura_removes(tree: lxml.html.HtmlElement, keep_tails: bool = True) -> None:
    """`keep_tails`: unused (empty elements are trafilatura's own to delete, see below); kept for callers.
    Attributes trafilatura never reads go as well (strip_unread_attributes)."""
    data_scripts = _DATA_SCRIPTS(tree)
    _rename(data_scripts, _KEEP)
    etree.strip_elements(tree, *_CLEANED, "script", with_tail=False)
    _rename(data_scripts, "script")
    _rename(_PLAIN_STRONG(tree) + _BARE_SPANS(tree), _UNWRAP)
    etree.strip_tags(tree, *MANUALLY_STRIPPED, *_FORMATTING, _UNWRAP)
    for head in tree.iterfind("head"):
        for child in list(head):
            if child.tag != "script":
                head.remove(child)
    # Empty elements are left to trafilatura's own pass (prune_html): deleting them here as well made two passes,
    # so a parent emptied by the first went in the second, where trafilatura keeps it; table pages lost cells'
    # structure that way (2 of 574 gold pages changed, one lost a gold snippet). `keep_tails` is kept for callers.
    strip_unread_attributes(tree)


def drop_scripts_and_styles(tree: lxml.html.HtmlElement) -> None:
    """<script> (but JSON-LD data) and <style> elements out, their tails kept: every part of trafilatura's full
    cascade deletes them before reading (tree cleaning, readability, the baseline's and jusText's basic cleaning;
    the baseline reads JSON-LD only), so its result is the same, with less to copy and walk."""
    data_scripts = _DATA_SCRIPTS(tree)
    _rename(data_scripts, _KEEP)
    etree.strip_elements(tree, "script", "style", with_tail=False)
    _rename(data_scripts, "script")


def _rename(elements: list, tag: str) -> None:
    for element in elements:
        element.tag = tag


def strip_unread_attributes(tree: lxml.html.HtmlElement) -> None:
    """Delete the attributes trafilatura never reads (names strip_attributes cannot take stay)."""
    names: set[str] = set()
    for element in tree.iter("*"):  # cheaper than "//@*", which builds a string object per attribute
        names.update(element.keys())
    names.difference_update(TRAFILATURA_ATTRIBUTES)
    names = [name for name in names if _PLAIN_ATTRIBUTE_NAME.fullmatch(name)]
    if names:
        etree.strip_attributes(tree, *names)


def drop_named_boilerplate(tree: lxml.html.HtmlElement) -> int:
    """Delete containers named as boilerplate (see module doc); returns how many were deleted."""
    body = tree.find("body")
    if body is None:
        return 0
    total = _TEXT_LENGTH(body)
    candidates, inside, text = [], set(), 0
    for element in body.iter(_CONTAINERS):  # a Python loop: an XPath with these tests costs more
        if element.getparent() in inside:  # within a candidate already: goes with it
            inside.add(element)
            continue
        name = f"{element.get('class', '')} {element.get('id', '')}"
        if (len(name) > 1 and _BOILERPLATE_NAME.search(name.lower())
                and (length := _TEXT_LENGTH(element)) < MAX_BOILERPLATE_TEXT_SHARE * total):
            candidates.append(element)
            inside.add(element)
            text += length
    if text > MAX_DROPPED_TEXT_SHARE * total:
        return 0
    for element in candidates:
        element.drop_tree()
    return len(candidates)
