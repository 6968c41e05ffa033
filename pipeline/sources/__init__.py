"""Input planning and the reader for each input kind.

A reader turns one input (a file or URL) into documents: dicts with lineage fields and either `html` bytes
(web pages, extracted later) or `text` (sources that are text already), or marked `_reject` with a reason.
Whatever a reader cannot use and is not a document (e.g. WARC request records, whole-file errors) goes into
its ReadReport, which ends up in the manifest.
"""

from __future__ import annotations

import glob
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.config import ConfigError, RunConfig
from pipeline.sources.warc import ReadReport, iter_warc_documents


@dataclass(frozen=True, order=True)
class InputFile:
    kind: str
    uri: str


def plan_inputs(cfg: RunConfig, base_dir: Path) -> list[InputFile]:
    """Every input of the run, globs expanded, relative paths resolved against the config's folder."""
    found: list[InputFile] = []
    for spec in cfg.inputs:
        for pattern in spec.paths:
            full = pattern if Path(pattern).is_absolute() else str(base_dir / pattern)
            matches = sorted(p for p in glob.glob(full, recursive=True) if Path(p).is_file())
            if not matches:
                raise ConfigError(f"input not found: {pattern} (resolved to {full})")
            found.extend(InputFile(spec.kind, str(Path(m).resolve())) for m in matches)
    return sorted(dict.fromkeys(found))


def iter_documents(item: InputFile, report: ReadReport, cfg: RunConfig) -> Iterator[dict]:
    if item.kind == "warc":
        return iter_warc_documents(item.uri, item.uri, report, cfg.extract.max_html_bytes)
    if item.kind == "dcat":
        from pipeline.sources.dataspace import iter_dataspace_documents  # rdflib loads only for data spaces

        return iter_dataspace_documents(item.uri, item.uri, report, cfg.dataspace)
    raise ConfigError(f"no reader for input kind {item.kind!r}")
