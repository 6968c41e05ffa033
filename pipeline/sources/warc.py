"""Read WARC/ARC files (gzipped or not, local or by fsspec URL) into raw web documents with their lineage.

The reader never raises for bad content: a bad record becomes a rejected document with a reason,
and a file that cannot be read past some point ends with a counted file error.
robots.txt responses are not documents: they are counted under ignored_records["robots_txt"] and handed, as
`_robots_txt`, to the later documents of the same host, for the opt-out stage.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.statusandheaders import StatusAndHeadersParser, StatusAndHeadersParserException

from eurocurate.core.remote import open_input
from eurocurate.filters.optout.robots import MAX_ROBOTS_BYTES, is_robots_url

HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml", "text/xml", "application/xml", "text/plain")
CONTENT_RECORD_TYPES = ("response", "resource")
_HTTP_PARSER = StatusAndHeadersParser(["HTTP/1.0", "HTTP/1.1", "HTTP/2", "HTTP/2.0"], verify=False)


@dataclass
class ReadReport:
    """What one file gave: documents are yielded; everything else is counted here."""

    ignored_records: Counter = field(default_factory=Counter)
    file_errors: list[dict] = field(default_factory=list)


def make_doc_id(source_uri: str, record_id: str | None, offset: int) -> str:
    """Unique per record position: the same record copied into two input files gets two ids (and is deduplicated)."""
    key = f"{source_uri}@{offset}|{record_id or ''}"
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:24]


def _status_of(record) -> int | None:
    if record.http_headers is None:
        return None
    try:
        return int(record.http_headers.get_statuscode())
    except (TypeError, ValueError):
        return None


def _content_type(record) -> str:
    headers = record.http_headers
    value = headers.get_header("Content-Type") if headers is not None else None
    if value is None:
        value = record.rec_headers.get_header("Content-Type") or ""
    return value.strip().lower()


def _base_doc(record, source_uri: str, offset: int, source_kind: str = "warc") -> dict:
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    url = url.strip().strip("<>")
    record_id = record.rec_headers.get_header("WARC-Record-ID")
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        host = ""
    return {
        "id": make_doc_id(source_uri, record_id, offset),
        "url": url,
        "host": host,
        "fetch_date": record.rec_headers.get_header("WARC-Date") or record.rec_headers.get_header("archive-date"),
        "source_family": "web",
        "source_kind": source_kind,
        "source_uri": source_uri,
        "record_id": record_id,
        "record_offset": offset,
        "optout_status": "not_checked",
    }


def _reject(doc: dict, reason: str, detail: str | None = None) -> dict:
    doc["_reject"] = (reason, detail)
    return doc


def _read_up_to(stream, limit: int) -> bytes:
    chunks, size = [], 0
    while size < limit:
        chunk = stream.read(min(65536, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def open_or_report(path: str, source_uri: str, report: ReadReport):
    """The input's binary stream, or None with a counted `cannot_open` file error."""
    try:
        return open_input(path)
    except Exception as exc:  # noqa: BLE001 - OSError locally; fsspec backends raise their own types
        report.file_errors.append({"file": source_uri, "error": "cannot_open", "detail": type(exc).__name__})
        return None


class _MemberTrackingReader(DecompressingBufferedReader):
    """warcio's reader, remembering whether the gzip member it reads has ended: a member cut short ends the
    iteration silently in warcio (the file looks shorter than it is)."""

    member_complete = True

    def _process_read(self, data):
        super()._process_read(data)
        if self.decompressor is not None and data:
            self.member_complete = bool(getattr(self.decompressor, "eof", True))


# What the first line of a WARC or ARC file looks like (ARC without its filedesc header: "URL IP DATE TYPE LENGTH").
_ARCHIVE_START = re.compile(rb"\s*(WARC/\d|filedesc://|\S.* \d{14} \S+ \d+\s*$)", re.M)


def _looks_like_an_archive(stream) -> bool:
    """The file's first line is a WARC version or an ARC header (read from the start, then rewound)."""
    try:
        head = stream.read(4096)
        stream.seek(0)
    except (OSError, ValueError):
        return True  # cannot look ahead: let the parser decide
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head)
        except zlib.error:
            return False
    first_line = head.lstrip(b"\r\n").split(b"\n", 1)[0]
    return not head or bool(_ARCHIVE_START.match(first_line))


def _ensure_http_headers(record) -> None:
    """warcio parses HTTP headers only when the target URI starts with http: or https:; a response record whose
    block is an HTTP message (WARC Content-Type application/http) has them whatever the URI says."""
    if record.http_headers is not None or record.rec_type != "response":
        return
    block_type = (record.rec_headers.get_header("Content-Type") or "").lower()
    if block_type.startswith("application/http"):
        try:
            record.http_headers = _HTTP_PARSER.parse(record.raw_stream)
        except (EOFError, ValueError, StatusAndHeadersParserException):
            record.http_headers = None


def iter_warc_documents(path: str, source_uri: str, report: ReadReport, max_bytes: int) -> Iterator[dict]:
    """Yield one dict per response/resource record: a document with `html` bytes, or one marked `_reject`.

    A file not read to its end is a file error with the byte offset reached: empty, not a WARC, cut inside a
    record (a truncated gzip member or a short last record), or unreadable from some offset on."""
    stream = open_or_report(path, source_uri, report)
    if stream is None:
        return
    robots_by_host: dict[str, tuple[bytes, str | None]] = {}  # body and capture date
    records = 0
    cut_at = None  # offset of a short record that nothing followed: where the file was cut
    with stream:
        if not _looks_like_an_archive(stream):
            report.file_errors.append({"file": source_uri, "error": "not_a_warc", "offset": 0,
                                       "detail": "the file does not start with a WARC or ARC record"})
            return
        iterator = ArchiveIterator(stream, arc2warc=True, check_digests=False)
        reader = iterator.reader = _MemberTrackingReader(iterator.fh, block_size=iterator.reader.block_size)
        offset = 0
        try:
            for record in iterator:
                records += 1
                cut_at = None  # a record after a short one: that one was short, the file goes on
                offset = iterator.offset  # start of this record (get_record_offset() would consume it)
                _ensure_http_headers(record)
                if record.rec_type not in CONTENT_RECORD_TYPES:
                    report.ignored_records[record.rec_type or "unknown"] += 1
                    continue
                doc = _base_doc(record, source_uri, offset)
                status = _status_of(record)
                if is_robots_url(doc["url"]):
                    report.ignored_records["robots_txt"] += 1
                    if status is not None and 200 <= status < 300:
                        robots_by_host[doc["host"].lower()] = (record.content_stream().read(MAX_ROBOTS_BYTES),
                                                               doc.get("fetch_date"))
                    continue
                doc["http_status"] = status
                if record.rec_type == "response" and status is not None and not 200 <= status < 300:
                    yield _reject(doc, "http_status", str(status))
                    continue
                content_type = _content_type(record)
                doc["content_type"] = content_type
                if content_type and not content_type.startswith(HTML_CONTENT_TYPES):
                    yield _reject(doc, "not_html", content_type.split(";")[0][:80])
                    continue
                payload = _read_up_to(record.content_stream(), max_bytes + 1)
                if len(payload) > max_bytes:
                    yield _reject(doc, "too_large", f">{max_bytes} bytes")
                    continue
                if getattr(record.raw_stream, "limit", 0) > 0:
                    # the stream ended before the record's Content-Length: a truncated record, and a file that
                    # ends there (a cut gzip member or a short last record): what followed is not in the file
                    yield _reject(doc, "truncated_record", "payload shorter than Content-Length")
                    cut_at = offset
                    continue
                doc["html"] = payload
                # pairs, not a dict: a header may come more than once (X-Robots-Tag does)
                doc["http_headers"] = list(record.http_headers.headers) if record.http_headers is not None else []
                if (robots := robots_by_host.get(doc["host"].lower())) is not None:
                    doc["_robots_txt"], doc["_robots_txt_date"] = robots
                yield doc
        except Exception as exc:  # noqa: BLE001 - e.g. ArchiveLoadFailed, zlib.error, EOFError
            # Whatever the parser chokes on ends this file, counted; the other files go on.
            error = "not_a_warc" if records == 0 else "unreadable_after_offset"
            report.file_errors.append({"file": source_uri, "error": error, "offset": offset,
                                       "detail": type(exc).__name__})
            return
    if records == 0:
        report.file_errors.append({"file": source_uri, "error": "empty_file", "offset": 0,
                                   "detail": "no WARC or ARC record in the file"})
    elif cut_at is not None:
        report.file_errors.append({"file": source_uri, "error": "truncated_file", "offset": cut_at,
                                   "detail": "the file ends inside the record at this offset"})
    elif not reader.member_complete:
        report.file_errors.append({"file": source_uri, "error": "truncated_file", "offset": iterator.offset,
                                   "detail": "the file ends inside a gzip member: what followed this offset is lost"})


# warcinfo fields that describe the crawl (WARC 1.1 annex; Heritrix/wget/Common Crawl write these), not the machine
WARCINFO_FIELDS = ("software", "operator", "robots", "http-header-user-agent", "isPartOf", "description", "format",
                   "conformsTo", "publisher")


def read_warcinfo(path: str, max_records: int = 8) -> list[dict]:
    """The warcinfo records at the head of a WARC (crawler software, operator, robots policy, user agent), with
    their WARC-Date; the reader counts them as ignored records, the public summary reads them from here."""
    found = []
    with open_input(path) as stream:
        for index, record in enumerate(ArchiveIterator(stream, arc2warc=True, check_digests=False)):
            if index >= max_records or (record.rec_type != "warcinfo" and found):
                break
            if record.rec_type != "warcinfo":
                continue
            fields: dict[str, str] = {}
            for line in record.content_stream().read(65536).decode("utf-8", "replace").splitlines():
                key, sep, value = line.partition(":")
                if sep and key.strip() in WARCINFO_FIELDS and value.strip():
                    fields[key.strip()] = value.strip()[:300]
            found.append({"date": record.rec_headers.get_header("WARC-Date"), **fields})
    return found
