"""Turn one distribution file into document parts: TXT, HTML/XHTML, CSV/TSV, JSON/JSONL, XML, PDF, TMX, ZIP.

HTML stays bytes (trafilatura extracts it later, like a web page); every other format becomes text here.
XML and TMX go through defusedxml (no entity declarations, no external entities or DTDs). A file that
cannot be converted raises ConversionRefused; inside an archive, a member that cannot be converted becomes
a rejected part, while an unsafe archive is refused whole.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

import defusedxml.ElementTree as SafeElementTree
from defusedxml import DefusedXmlException

from eurocurate.pipeline.config import DataSpaceConfig
from eurocurate.pipeline.sources.archives import ArchiveLimits, ArchiveRefused, iter_members

logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf warns per odd object; the outcome is counted instead

FORMATS = ("txt", "html", "csv", "tsv", "json", "jsonl", "xml", "pdf", "tmx", "zip")
_MEDIA_TYPES = {
    "text/plain": "txt", "text/html": "html", "application/xhtml+xml": "html", "text/csv": "csv",
    "text/tab-separated-values": "tsv", "application/json": "json", "application/ld+json": "json",
    "application/x-ndjson": "jsonl", "application/jsonl": "jsonl", "application/jsonlines": "jsonl",
    "application/xml": "xml", "text/xml": "xml", "application/pdf": "pdf", "application/x-tmx+xml": "tmx",
    "application/zip": "zip", "application/x-zip-compressed": "zip",
}
# last segment of http://publications.europa.eu/resource/authority/file-type/<ID>, or a bare format name
_FILE_TYPES = {
    "TXT": "txt", "TEXT": "txt", "HTML": "html", "HTML_SIMPL": "html", "XHTML": "html", "XHTML_SIMPL": "html",
    "CSV": "csv", "TSV": "tsv", "TAB_SEPARATED_VALUES": "tsv", "JSON": "json", "JSON_LD": "json", "JSONL": "jsonl",
    "NDJSON": "jsonl", "XML": "xml", "FMX2": "xml", "FMX3": "xml", "FMX4": "xml", "AKN4EU": "xml", "PDF": "pdf",
    "PDFA1A": "pdf", "PDFA1B": "pdf", "PDFA2A": "pdf", "PDFA2B": "pdf", "PDFA3": "pdf", "PDFX": "pdf",
    "TMX": "tmx", "ZIP": "zip",
}
_EXTENSIONS = {
    ".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".xhtml": "html", ".csv": "csv", ".tsv": "tsv",
    ".tab": "tsv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".xml": "xml", ".pdf": "pdf",
    ".tmx": "tmx", ".zip": "zip",
}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_MIN_SPACES_FOR_TEXT = 3  # a value with fewer spaces is a code, a number or a name, not running text


class ConversionRefused(Exception):
    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Part:
    """One document-to-be from a file: `text`, or `html` bytes for extraction, or a `reject` (reason, detail)."""

    key: str = ""  # "" for the whole file; else e.g. "row 3", "tmx:de", "record 7"
    text: str | None = None
    html: bytes | None = None
    language: str | None = None  # declared by the format itself (a TMX language side)
    member: str | None = None  # path inside an archive
    file_format: str | None = None
    reject: tuple[str, str] | None = None


def _declared_format(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    media = value.split(";")[0].strip().lower()
    if media in _MEDIA_TYPES:
        return _MEDIA_TYPES[media]
    token = value.rstrip("/").rsplit("/", 1)[-1].upper().replace("-", "_").replace(".", "")
    return _FILE_TYPES.get(token)


def _sniff_markup(head: bytes) -> str:
    lowered = head[:4096].lower()
    if b"<tmx" in lowered:
        return "tmx"
    if b"<html" in lowered or b"<!doctype html" in lowered:
        return "html"
    return "xml"


def detect_format(data: bytes, declared: list[str | None], name: str) -> str | None:
    """The format to convert `data` as: magic bytes, then what the catalogue declares, then the file name."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    fmt = next((f for f in map(_declared_format, declared) if f), None)
    fmt = fmt or _EXTENSIONS.get(PurePosixPath(name.split("?")[0]).suffix.lower())
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if fmt in ("xml", "html", None) and head.startswith(b"<"):
        sniffed = _sniff_markup(head)
        return sniffed if fmt is None or sniffed != "xml" else fmt
    if fmt is None and head.startswith((b"{", b"[")):
        return "json"
    if fmt is None and head and b"\x00" not in head[:1024]:
        return "txt"
    return fmt


def decode_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _is_running_text(value: str) -> bool:
    return value.count(" ") >= _MIN_SPACES_FOR_TEXT


def _parse_xml(data: bytes):
    try:
        return SafeElementTree.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise ConversionRefused("xml_forbidden_construct", type(exc).__name__) from None
    except SafeElementTree.ParseError as exc:
        raise ConversionRefused("unparseable", f"XML: {type(exc).__name__}") from None


def _xml_blocks(element, out: list[str]) -> None:
    """Text of each innermost element that holds text of its own, whitespace normalised, in document order."""
    has_own_text = (element.text or "").strip() or any((child.tail or "").strip() for child in element)
    if has_own_text:
        out.append(" ".join("".join(element.itertext()).split()))
        return
    for child in element:
        _xml_blocks(child, out)


def _local_name(tag) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def xml_to_text(data: bytes) -> str:
    blocks: list[str] = []
    _xml_blocks(_parse_xml(data), blocks)
    return "\n".join(b for b in blocks if b)


def tmx_sides(data: bytes) -> list[Part]:
    """One part per language side of a translation memory, segments in file order."""
    root = _parse_xml(data)
    sides: dict[str, list[str]] = {}
    for unit in root.iter():
        if _local_name(unit.tag) != "tuv":
            continue
        lang = (unit.get(_XML_LANG) or unit.get("lang") or "").strip()
        segment = next((child for child in unit if _local_name(child.tag) == "seg"), None)
        if not lang or segment is None:
            continue
        text = " ".join("".join(segment.itertext()).split())
        if text:
            sides.setdefault(lang.lower(), []).append(text)
    return [Part(key=f"tmx:{lang}", text="\n".join(segs), language=lang) for lang, segs in sorted(sides.items())]


def _csv_parts(data: bytes, delimiter: str, cfg: DataSpaceConfig) -> list[Part]:
    try:
        rows = list(csv.DictReader(io.StringIO(decode_text(data), newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise ConversionRefused("unparseable", f"CSV: {type(exc).__name__}") from None
    if not rows:
        return [Part(text="")]
    header = [h for h in rows[0] if h is not None]
    if cfg.csv_text_columns:
        columns = [c for c in cfg.csv_text_columns if c in header]
        if not columns:
            raise ConversionRefused("no_text_columns", "none of dataspace.csv_text_columns in the header")
    else:
        columns = [c for c in header
                   if sum(_is_running_text(r.get(c) or "") for r in rows) * 2 >= sum(bool(r.get(c)) for r in rows) > 0]
        if not columns:
            raise ConversionRefused("no_text_columns", "no column holds multi-word text")
    texts = ["\n".join(v.strip() for c in columns if (v := row.get(c)) and v.strip()) for row in rows]
    if cfg.csv_document == "row":
        return [Part(key=f"row {i + 1}", text=t) for i, t in enumerate(texts)]
    return [Part(text="\n\n".join(t for t in texts if t))]


def _json_text(record, fields: list[str]) -> str:
    if isinstance(record, str):
        return record
    if isinstance(record, dict):
        chosen = []
        for key in fields:
            value = record.get(key)
            if isinstance(value, str):
                chosen.append(value)
            elif isinstance(value, list):
                chosen.extend(v for v in value if isinstance(v, str))
        if chosen:
            return "\n\n".join(chosen)
    leaves: list[str] = []
    stack = [record]
    while stack:
        node = stack.pop()
        if isinstance(node, str) and _is_running_text(node):
            leaves.append(node)
        elif isinstance(node, dict):
            stack.extend(reversed(list(node.values())))
        elif isinstance(node, list):
            stack.extend(reversed(node))
    return "\n\n".join(leaves)


def _json_parts(data: bytes, lines: bool, cfg: DataSpaceConfig) -> list[Part]:
    try:
        if lines:
            records = [json.loads(line) for line in decode_text(data).splitlines() if line.strip()]
        else:
            loaded = json.loads(decode_text(data))
            records = loaded if isinstance(loaded, list) else [loaded]
    except (ValueError, RecursionError) as exc:
        raise ConversionRefused("unparseable", f"JSON: {type(exc).__name__}") from None
    if not lines and len(records) == 1:
        return [Part(text=_json_text(records[0], cfg.json_text_fields))]
    return [Part(key=f"record {i + 1}", text=_json_text(r, cfg.json_text_fields)) for i, r in enumerate(records)]


def pdf_to_text(data: bytes, max_pages: int) -> str:
    import pypdf  # imported late: only data spaces with PDFs need it

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ConversionRefused("pdf_encrypted", "needs a password")
        if len(reader.pages) > max_pages:
            raise ConversionRefused("too_many_pages", f"{len(reader.pages)} > {max_pages}")
        return "\n\n".join((page.extract_text() or "").strip() for page in reader.pages).strip()
    except ConversionRefused:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types on damaged files
        raise ConversionRefused("unparseable", f"PDF: {type(exc).__name__}") from None


def _archive_parts(data: bytes, cfg: DataSpaceConfig, depth: int) -> list[Part]:
    if depth >= cfg.archive_max_depth + 1:
        raise ArchiveRefused("archive_too_deep", f"more than {cfg.archive_max_depth} nested archive level(s)")
    limits = ArchiveLimits(cfg.archive_max_members, cfg.archive_max_total_bytes, cfg.archive_max_ratio)
    parts: list[Part] = []
    for name, content in iter_members(data, limits):
        try:
            inner = convert(content, name, [], cfg, depth + 1)
        except ConversionRefused as exc:
            inner = [Part(reject=(exc.reason, exc.detail))]
        for part in inner:
            member = f"{name}/{part.member}" if part.member else name
            parts.append(replace(part, member=member))
        if len(parts) > cfg.max_documents_per_file:
            raise ConversionRefused("too_many_documents", f">{cfg.max_documents_per_file}")
    return parts or [Part(reject=("empty_archive", "no file members"))]


def convert(data: bytes, name: str, declared: list[str | None], cfg: DataSpaceConfig, depth: int = 0) -> list[Part]:
    """The parts of one file; raises ConversionRefused (or ArchiveRefused for an unsafe archive)."""
    fmt = detect_format(data, declared, name)
    if fmt is None:
        raise ConversionRefused("unsupported_format", (next((d for d in declared if d), None) or
                                                       PurePosixPath(name).suffix or "unknown")[:80])
    if fmt == "zip":
        parts = _archive_parts(data, cfg, depth)
    elif fmt == "html":
        parts = [Part(html=data)]
    elif fmt == "pdf":
        parts = [Part(text=pdf_to_text(data, cfg.max_pdf_pages))]
    elif fmt == "tmx":
        parts = tmx_sides(data) or [Part(text="")]
    elif fmt == "xml":
        parts = [Part(text=xml_to_text(data))]
    elif fmt in ("csv", "tsv"):
        parts = _csv_parts(data, "," if fmt == "csv" else "\t", cfg)
    elif fmt in ("json", "jsonl"):
        parts = _json_parts(data, fmt == "jsonl", cfg)
    else:
        parts = [Part(text=decode_text(data))]
    if len(parts) > cfg.max_documents_per_file:
        raise ConversionRefused("too_many_documents", f">{cfg.max_documents_per_file}")
    return [p if p.file_format else replace(p, file_format=fmt) for p in parts]

