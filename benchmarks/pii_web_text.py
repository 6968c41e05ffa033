"""Web-like text for the PII benchmark: real pages' main text, extracted with stock trafilatura, with a language.

Inputs are HTML pages (*.html, *.htm, optionally gzipped) and WARC files (*.warc, *.warc.gz; their HTML
responses), given as files or folders (not searched recursively). Each page whose extraction is not empty
becomes one document. Its language is lid.176's top label when that is an official EU language, else "en"
(the language every stock Presidio set-up serves), so both systems under test get the same language.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import trafilatura
from warcio.archiveiterator import ArchiveIterator

from eurocurate.filters.langid.stage import lid176_path, load_fasttext_model
from eurocurate.filters.pii.scrubber import EU_LANGUAGES

HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
OTHER_LANGUAGE = "en"


def _pages_of_warc(path: Path):
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            if "html" in (record.http_headers.get_header("Content-Type") or "").lower():
                yield record.content_stream().read()


def _pages(path: Path):
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        yield from _pages_of_warc(path)
    elif name.endswith(HTML_SUFFIXES):
        data = path.read_bytes()
        yield gzip.decompress(data) if name.endswith(".gz") else data


def _files(paths: list[Path]) -> list[Path]:
    found = []
    for path in paths:
        found.extend(sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path])
    return found


def web_documents(paths: list[Path]) -> list[tuple[str, str]]:
    """(language, main text) for every page under `paths` with a non-empty extraction, in file order."""
    texts = []
    for file in _files([p for p in paths if p.exists()]):
        for html in _pages(file):
            text = trafilatura.extract(html)
            if text:
                texts.append(text)
    model = load_fasttext_model(str(lid176_path()))
    docs = []
    for text in texts:
        label = model.predict(text.replace("\n", " "))[0][0].removeprefix("__label__")
        docs.append((label if label in EU_LANGUAGES else OTHER_LANGUAGE, text))
    return docs
