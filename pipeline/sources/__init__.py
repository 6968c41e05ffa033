"""Input planning and the reader for each input kind.

A reader turns one input (a file or URL) into documents: dicts with lineage fields and either `html` bytes
(web pages, extracted later) or `text` (sources that are text already), or marked `_reject` with a reason.
Whatever a reader cannot use and is not a document (e.g. WARC request records, whole-file errors) goes into
its ReadReport, which ends up in the manifest.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from eurocurate.pipeline.config import ConfigError, RunConfig
from eurocurate.pipeline.sources.html_files import HTML_SUFFIXES, iter_html_file
from eurocurate.core.remote import expand_local, expand_url, is_url
from eurocurate.pipeline.sources.text_records import iter_jsonl_records, iter_parquet_records
from eurocurate.pipeline.sources.warc import ReadReport, iter_warc_documents
from eurocurate.pipeline.sources.wet import iter_wet_documents

# What a folder given as an input stands for, per kind (a folder of HTML pages is the common case).
FOLDER_SUFFIXES = {"html": HTML_SUFFIXES, "warc": (".warc", ".warc.gz", ".arc", ".arc.gz"),
                   "wet": (".wet", ".wet.gz", ".warc.wet.gz"), "jsonl": (".jsonl", ".jsonl.gz", ".json"),
                   "parquet": (".parquet",)}


@dataclass(frozen=True, order=True)
class InputFile:
    kind: str
    uri: str
    spec: int = 0  # index of its entry in cfg.inputs (reader options such as text_field)


def _expand(pattern: str, kind: str, base_dir: Path) -> list[str]:
    if is_url(pattern):
        return expand_url(pattern)
    full = pattern if Path(pattern).is_absolute() else str(base_dir / pattern)
    return expand_local(full, FOLDER_SUFFIXES.get(kind))


def _nothing_matched(pattern: str, kind: str, base_dir: Path) -> str:
    full = pattern if is_url(pattern) or Path(pattern).is_absolute() else str(base_dir / pattern)
    if not is_url(pattern) and Path(full).is_dir():
        suffixes = ", ".join(FOLDER_SUFFIXES.get(kind, ()))
        return f"input folder {full} holds no {kind} files (looked for {suffixes})"
    if any(c in pattern for c in "*?["):
        return f"input pattern {pattern} matches no file (resolved against {base_dir})"
    return f"input not found: {pattern} (resolved against {base_dir})"


def plan_inputs(cfg: RunConfig, base_dir: Path) -> list[InputFile]:
    """Every input of the run, globs and folders expanded, relative paths resolved against the config's folder."""
    found: list[InputFile] = []
    for index, spec in enumerate(cfg.inputs):
        for pattern in spec.paths:
            try:
                matches = _expand(pattern, spec.kind, base_dir)
            except (OSError, ValueError, ImportError) as exc:  # e.g. no fsspec backend for the URL's scheme
                raise ConfigError(f"input cannot be listed: {pattern} ({type(exc).__name__})") from None
            if not matches:
                raise ConfigError(_nothing_matched(pattern, spec.kind, base_dir))
            found.extend(InputFile(spec.kind, m, index) for m in matches)
    return sorted(dict.fromkeys(found))


def iter_documents(item: InputFile, report: ReadReport, cfg: RunConfig) -> Iterator[dict]:
    spec = cfg.inputs[item.spec] if item.spec < len(cfg.inputs) else None
    max_bytes = cfg.extract.max_html_bytes
    if item.kind == "warc":
        return iter_warc_documents(item.uri, item.uri, report, max_bytes)
    if item.kind == "wet":
        return iter_wet_documents(item.uri, item.uri, report, max_bytes)
    if item.kind == "html":
        return iter_html_file(item.uri, item.uri, report, max_bytes)
    if item.kind in ("jsonl", "parquet") and spec is not None:
        reader = iter_jsonl_records if item.kind == "jsonl" else iter_parquet_records
        return reader(item.uri, item.uri, report, spec.text_field, spec.id_field, spec.url_field)
    if item.kind == "dcat":
        from eurocurate.pipeline.sources.dataspace import iter_dataspace_documents  # rdflib loads only for data spaces

        return iter_dataspace_documents(item.uri, item.uri, report, cfg.dataspace)
    raise ConfigError(f"no reader for input kind {item.kind!r}")
