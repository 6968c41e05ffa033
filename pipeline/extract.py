"""Main-text extraction from HTML with trafilatura, after charset detection and a binary check."""

from __future__ import annotations

import codecs
import hashlib
import re

import trafilatura

from pipeline.config import ExtractConfig
from pipeline.stages import Keep, Reject

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
MAX_REPLACEMENT_RATIO = 0.02


def _known_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def detect_charset(html: bytes, content_type: str | None) -> str | None:
    """The declared charset: HTTP header first, then a <meta> in the first 4 KiB."""
    if content_type:
        match = _HEADER_CHARSET.search(content_type)
        if match and (codec := _known_codec(match.group(1))):
            return codec
    match = _META_CHARSET.search(html[:4096])
    if match:
        return _known_codec(match.group(1).decode("ascii", "ignore"))
    return None


def decode_html(html: bytes, content_type: str | None) -> tuple[str, str]:
    """Decode with the declared charset, else UTF-8, else cp1252; returns (text, codec used)."""
    declared = detect_charset(html, content_type)
    for codec in filter(None, (declared, "utf-8")):
        try:
            return html.decode(codec), codec
        except UnicodeDecodeError:
            continue
    if declared in (None, "utf-8"):
        # Undeclared or mis-declared bytes: keep what is valid UTF-8, mark the rest.
        return html.decode("utf-8", errors="replace"), "utf-8-replace"
    return html.decode(declared, errors="replace"), f"{declared}-replace"


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return bool(head) and control / len(head) > 0.05


class ExtractStage:
    name = "extract"

    def __init__(self, cfg: ExtractConfig):
        self.cfg = cfg

    def process(self, doc: dict) -> Keep | Reject:
        if "html" not in doc and doc.get("text") is not None:
            return self._accept_text(doc)  # a source that delivers text already (no HTML to extract from)
        html: bytes = doc.pop("html", b"") or b""
        doc.pop("http_headers", None)
        if not html.strip():
            return Reject("empty_payload")
        if looks_binary(html):
            return Reject("binary_content")
        text, codec = decode_html(html, doc.get("content_type"))
        if text.count("\ufffd") > MAX_REPLACEMENT_RATIO * max(len(text), 1):
            return Reject("invalid_encoding", codec)
        result = trafilatura.bare_extraction(
            text,
            url=doc.get("url") or None,
            favor_precision=self.cfg.favor == "precision",
            favor_recall=self.cfg.favor == "recall",
            include_comments=False,
            include_tables=True,
            with_metadata=True,
        )
        body = (result.text if result is not None else None) or ""
        if not body.strip():
            return Reject("no_main_content")
        if len(body) < self.cfg.min_chars:
            return Reject("too_short", f"{len(body)} chars")
        doc["text"] = body
        doc["title"] = result.title
        doc["page_date"] = result.date
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
