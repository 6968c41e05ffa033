"""The data-space reader: one DCAT-AP catalogue in, documents with dataset/distribution lineage out.

Per distribution, in catalogue order: licence and access gate, fetch (mirror, file:// or http(s)), convert.
Each step that says no turns the distribution (or one part of it) into a rejected document at stage "read"
with a reason code, so the run's accounting and the auditor report show it. A catalogue that cannot be read
is a counted file error, like an unreadable WARC.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from eurocurate.pipeline.config import DataSpaceConfig
from eurocurate.pipeline.sources.archives import ArchiveRefused
from eurocurate.pipeline.sources.converters import ConversionRefused, Part, convert
from eurocurate.pipeline.sources.dcat import DistributionRecord, read_catalogue
from eurocurate.pipeline.sources.fetch import FetchError, fetch_distribution
from eurocurate.pipeline.sources.licenses import normalise_language
from eurocurate.pipeline.sources.rdf_loading import CatalogueRefused
from eurocurate.pipeline.sources.warc import ReadReport, make_doc_id


def _lineage(record: DistributionRecord, source_uri: str, index: int) -> dict:
    url = record.download_url or record.access_url
    try:
        host = (urlsplit(url).hostname or "") if url else ""
    except ValueError:
        host = ""
    return {
        "id": make_doc_id(source_uri, record.key, index),
        "url": url,
        "host": host,
        "source_family": "dataspace",
        "source_kind": "dcat",
        "source_uri": source_uri,
        "record_id": record.key,
        "record_offset": index,
        "license": record.license or record.license_declared,
        "dataset_iri": record.dataset_iri,
        "distribution_iri": record.distribution_iri,
        "dataset_identifier": record.dataset_identifier,
        "dataset_title": record.dataset_title,
        "publisher": record.publisher,
        "access_rights": record.access_rights,
        "media_type": record.media_type,
        "declared_languages": record.languages,
        "checksum": record.checksum,
        "odrl_policy": record.odrl_policy,
        "page_date": record.modified or record.issued,
        "optout_status": "not_checked",
    }


def explain_gate(record: DistributionRecord, cfg: DataSpaceConfig) -> list[dict]:
    """Every step of the licence/access gate for one distribution, in order, each with `passed` and why; the
    first failed step is the distribution's refusal. The checksum step is checked again when it is fetched."""
    steps: list[dict] = []

    def step(name: str, passed: bool, why: str, reason: str | None = None, detail: str | None = None, **extra):
        steps.append({"step": name, "passed": passed, "why": why, **({"reason": reason} if reason else {}),
                      **({"detail": detail} if detail else {}), **extra})

    allowed = {name.lower() for name in cfg.license_allow}
    if record.license is None:
        step("license", cfg.allow_missing_license,
             "no licence declared on the distribution or its dataset; dataspace.allow_missing_license is "
             + ("on" if cfg.allow_missing_license else "off"), None if cfg.allow_missing_license else "license_missing")
    elif record.license.lower() in allowed:
        step("license", True, f"{record.license} is in dataspace.license_allow",
             declared=record.license_declared)
    else:
        hint = license_hint(record)
        step("license", False, f"{record.license} is not in dataspace.license_allow"
             + (f" ({hint})" if hint else ""), "license_not_allowed", record.license[:200],
             declared=record.license_declared)
    if not cfg.public_only:
        step("access_rights", True, "dataspace.public_only is off")
    elif record.access_rights in (None, "PUBLIC"):
        step("access_rights", True, "PUBLIC" if record.access_rights else
             "no access rights declared (read as public; DCAT-AP makes them optional)")
    else:
        step("access_rights", False, f"{record.access_rights[:200]} is not PUBLIC (dataspace.public_only is on)",
             "access_not_public", record.access_rights[:200])
    url = record.download_url or record.access_url
    step("download_url", bool(url), ("downloadURL" if record.download_url else "accessURL") + " given" if url
         else "neither dcat:downloadURL nor dcat:accessURL", None if url else "no_download_url")
    from eurocurate.pipeline.sources.fetch import SUPPORTED_CHECKSUMS

    if record.checksum_value is None:
        step("checksum", not cfg.require_checksum, "no spdx:checksum; dataspace.require_checksum is "
             + ("on" if cfg.require_checksum else "off") + " (checked when fetched)",
             "checksum_missing" if cfg.require_checksum else None, at="fetch")
    elif record.checksum_algorithm in SUPPORTED_CHECKSUMS:
        step("checksum", True, f"{record.checksum_algorithm} will be compared with the fetched bytes", at="fetch")
    else:
        step("checksum", False, f"algorithm {record.checksum_algorithm} is not one of {', '.join(SUPPORTED_CHECKSUMS)}",
             "checksum_unsupported", str(record.checksum_algorithm)[:200], at="fetch")
    return steps


def license_hint(record: DistributionRecord) -> str | None:
    """For a refused licence: say whether it was mapped to an SPDX id or left as an unknown IRI/name."""
    if record.license is None or record.license_declared is None:
        return None
    if record.license == record.license_declared and ("://" in record.license or not record.license.isascii()
                                                      or " " in record.license):
        return ("not mapped to an SPDX id: no known vocabulary (SPDX, Creative Commons, EU Publications Office, "
                "DCAT-AP.de, CKAN/opendefinition.org) has it; if its terms are open, add it as written to "
                "dataspace.license_allow")
    if record.license != record.license_declared:
        return f"declared as {record.license_declared[:200]}"
    return None


def gate_distribution(record: DistributionRecord, cfg: DataSpaceConfig) -> tuple[str, str | None] | None:
    """Why the catalogue entry alone rules this distribution out, or None (the first failed gate step before
    fetching; the checksum is checked by the fetcher)."""
    for step in explain_gate(record, cfg):
        if not step["passed"] and step.get("at") != "fetch":
            return step["reason"], step.get("detail")
    return None


def _part_doc(base: dict, part: Part, source_uri: str, index: int, fetched_type: str | None) -> dict:
    doc = dict(base)
    suffix = (f"!{part.member}" if part.member else "") + (f"#{part.key}" if part.key else "")
    if suffix:  # one file gave several documents: archive members, rows, records, TMX language sides
        doc["record_id"] = base["record_id"] + suffix
        doc["id"] = make_doc_id(source_uri, doc["record_id"], index)
    doc["archive_member"] = part.member
    doc["media_type"] = base["media_type"] or fetched_type
    if part.language:
        doc["declared_languages"] = [normalise_language(part.language) or part.language]
    if part.reject is not None:
        doc["_reject"] = part.reject
    elif part.html is not None:
        doc["html"] = part.html
        doc["content_type"] = "text/html"
    else:
        doc["text"] = part.text or ""
        doc["title"] = base["dataset_title"]
    return doc


def iter_dataspace_documents(path: str, source_uri: str, report: ReadReport, cfg: DataSpaceConfig) -> Iterator[dict]:
    base_dir = Path(path).resolve().parent  # relative dataspace paths are relative to the catalogue
    contexts = {url: base_dir / local for url, local in cfg.jsonld_contexts.items()}
    try:
        catalogue = read_catalogue(path, contexts, cfg.max_catalogue_bytes)
    except CatalogueRefused as exc:
        report.file_errors.append({"file": source_uri, "error": exc.reason, "detail": exc.detail})
        return
    for index, record in enumerate(catalogue.distributions):
        base = _lineage(record, source_uri, index)
        refusal = gate_distribution(record, cfg)
        if refusal is not None:
            yield {**base, "_reject": refusal}
            continue
        base["fetch_date"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        try:
            fetched = fetch_distribution(base["url"], cfg, base_dir, record.byte_size,
                                         (record.checksum_algorithm, record.checksum_value))
            parts = convert(fetched.data, urlsplit(fetched.url).path, [record.media_type, record.format,
                                                                        fetched.content_type], cfg)
        except (FetchError, ConversionRefused, ArchiveRefused) as exc:
            yield {**base, "_reject": (exc.reason, exc.detail or None)}
            continue
        except Exception as exc:  # noqa: BLE001 - a hostile file must cost one distribution, never the catalogue
            yield {**base, "_reject": ("distribution_error", type(exc).__name__)}
            continue
        content_type = (fetched.content_type or "").split(";")[0].strip() or None
        for part in parts:
            yield _part_doc(base, part, source_uri, index, content_type)
