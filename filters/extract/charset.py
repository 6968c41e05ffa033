"""Decode web payloads: byte-order mark, then the HTTP header charset, then <meta>, then detection.

Labels follow the WHATWG encoding rules browsers use: a page that says latin-1 / iso-8859-1 / ascii is decoded as
windows-1252 (which is what such pages actually contain). A declaration the bytes do not fit is not trusted,
except UTF-8: bytes declared as UTF-8 that are not UTF-8 are decoded with replacement characters, and the caller
decides whether too many of them make the document unusable.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Python codec name -> what browsers decode it as (a page served as UTF-16 by label alone is really ASCII-compatible).
_WHATWG_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254", "iso8859-11": "cp874",
                   "utf-16-le": "utf-8", "utf-16-be": "utf-8", "utf-16": "utf-8"}
META_SCAN_BYTES = 4096
DETECT_SCAN_BYTES = 64 * 1024


def codec_name(label: str | None, whatwg: bool = True) -> str | None:
    """The Python codec for a charset label (WHATWG-aliased unless told not to); None for an unknown label."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    return _WHATWG_ALIASES.get(name, name) if whatwg else name


def header_charset(content_type: str | None, whatwg: bool = True) -> str | None:
    match = _HEADER_CHARSET.search(content_type or "")
    return codec_name(match.group(1), whatwg) if match else None


def meta_charset(html: bytes, whatwg: bool = True) -> str | None:
    match = _META_CHARSET.search(html[:META_SCAN_BYTES])
    return codec_name(match.group(1).decode("ascii", "ignore"), whatwg) if match else None


def _mostly_utf8(html: bytes) -> bool:
    """Undeclared bytes that are UTF-8 with a few broken sequences (not another single-byte charset)."""
    text = html[:DETECT_SCAN_BYTES].decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - broken
    return multibyte > broken


def _detected(html: bytes) -> str | None:
    best = from_bytes(html[:DETECT_SCAN_BYTES]).best()
    return codec_name(best.encoding) if best is not None else None


def decode_html(html: bytes, content_type: str | None) -> tuple[str, str, str]:
    """Returns (text, codec, signal): signal is what chose the codec: bom, header, meta, utf-8 or detected.

    The codec is suffixed '-replace' when undecodable bytes became U+FFFD.
    """
    for bom, codec in _BOMS:
        if html.startswith(bom):
            return html.decode(codec, errors="replace"), codec, "bom"
    for signal, declared in (("header", header_charset(content_type)), ("meta", meta_charset(html))):
        if declared is None:
            continue
        try:
            return html.decode(declared), declared, signal
        except UnicodeDecodeError:
            if declared == "utf-8":
                return html.decode("utf-8", errors="replace"), "utf-8-replace", signal
    try:
        return html.decode("utf-8"), "utf-8", "utf-8"
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(html):
        return html.decode("utf-8", errors="replace"), "utf-8-replace", "detected"
    codec = _detected(html) or "cp1252"
    return html.decode(codec, errors="replace"), codec, "detected"
