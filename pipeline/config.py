"""Run configuration: YAML in, validated pydantic models out.

Every model forbids unknown keys so that a typo in a config is an error that names the key,
not a silently ignored setting.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Literal

import yaml
from pydantic import Field, ValidationError, field_validator

from eurocurate.core.config import ConfigError, StageResources, Strict  # noqa: F401 - re-exported
from eurocurate.dedup.config import DedupConfig
from eurocurate.filters.extract.config import ExtractConfig
from eurocurate.filters.langid.config import LangIdConfig
from eurocurate.filters.model_quality.config import ModelQualityConfig, ModelQualityModel  # noqa: F401
from eurocurate.filters.optout.config import OptOutConfig
from eurocurate.filters.pii.config import PiiConfig, PiiEntity, PiiPolicy  # noqa: F401
from eurocurate.filters.quality.config import QualityConfig


class InputSpec(Strict):
    kind: Literal["warc", "wet", "html", "jsonl", "parquet", "dcat"] = Field(
        "warc", description="'warc': WARC/ARC crawl files; 'wet': WET text extracts; 'html': HTML files (.html, "
        ".htm, gzipped or not; a folder means every such file under it); 'jsonl' / 'parquet': records with a text "
        "column; 'dcat': DCAT-AP catalogues (Turtle, JSON-LD, RDF/XML, N-Triples) whose distributions are fetched "
        "and converted under the `dataspace` settings"
    )
    paths: list[str] = Field(
        min_length=1, description="files, folders or glob patterns, relative to the config file, or fsspec URLs "
        "(s3://, gs://, https://; globs where the filesystem lists)"
    )
    text_field: str = Field("text", description="jsonl/parquet: the column holding the document text")
    id_field: str | None = Field(None, description="jsonl/parquet: a column with the record's own id, for lineage")
    url_field: str | None = Field("url", description="jsonl/parquet: a column with the document URL, if any")


class OutputConfig(Strict):
    dir: str | None = Field(None, description="run folder, relative to the working directory; --output overrides")
    shard_max_rows: int = Field(100_000, gt=0)
    shard_max_bytes: int = Field(256 * 1024 * 1024, gt=0)
    compression: Literal["zstd", "snappy", "gzip", "none"] = "zstd"
    staging_dir: str | None = Field(
        None, description="for an object-storage output: the POSIX folder the run works in before publishing "
        "(shared between nodes on a cluster); default ~/.cache/eurocurate/staging/<hash of the URL>")
    storage_options: dict = Field(default_factory=dict, description="fsspec options for the output URL")
    work_dir: str | None = Field(
        None, description="where the run's work files live: a folder every node can read and write, or an "
        "object-store URL (s3://bucket/prefix) for a cluster whose nodes share no folder; default <run folder>/work")
    work_storage_options: dict = Field(
        default_factory=dict, description="fsspec options for a work_dir URL (credentials are better left to the "
        "backend's environment, e.g. AWS_ACCESS_KEY_ID: these options reach every Ray worker)")
    signing_key: str | None = Field(
        None, description="OpenSSH private key (file) to sign manifest.json with (ssh-keygen -Y sign); "
        "$EUROCURATE_SIGNING_KEY or `run --signing-key` also give one; without any the run says it is unsigned")
    rejects_keep_text: bool = Field(
        False, description="keep the text of rejected documents (rejected before PII scrubbing it may hold PII)"
    )


class ResourcesConfig(Strict):
    documents: StageResources = Field(
        StageResources(), description="each per-input task of phase 1; it runs the whole per-document chain, so "
        "it asks for the most any stage of the chain declares (see `stages`)")
    dedup: StageResources = StageResources()
    write: StageResources = StageResources()
    stages: dict[str, StageResources] = Field(
        {}, description="stage name -> resources, overriding what the stage declares (built-in or your own)")
    batch_docs: int = Field(500, gt=0, description="documents held in memory at once per input task")
    max_task_retries: int = Field(2, ge=0, description="Ray retries of a task whose worker died")


class RayConfig(Strict):
    address: str | None = None
    workers: int | None = Field(None, gt=0, description="parallel tasks; default: the CPUs Ray reports")
    scheduling: Literal["default", "spread"] = Field(
        "default", description="'spread': tasks placed across the cluster's nodes (Ray's SPREAD strategy) rather than "
        "packed onto the first nodes with room; the nodes each task ran on are in the manifest either way")


AddressClass = Literal["loopback", "private", "link_local"]

DEFAULT_LICENSE_ALLOW = [
    "CC0-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-3.0", "CC-BY-SA-3.0", "CC-BY-2.0", "CC-BY-2.5",
    "PDDL-1.0", "ODC-By-1.0", "ODbL-1.0", "DL-DE-BY-2.0", "DL-DE-ZERO-2.0", "etalab-2.0", "NLOD-1.0", "NLOD-2.0",
    "OGL-UK-3.0", "LicenseRef-EU-Commission-Reuse-Decision-2011-833",
]


class DataSpaceConfig(Strict):
    """How DCAT-AP distributions are chosen, fetched and turned into documents (catalogues are untrusted input).

    Relative paths (mirror_dir, file_roots, jsonld_contexts values) are resolved against the catalogue's folder.
    """

    license_allow: list[str] = Field(
        DEFAULT_LICENSE_ALLOW, description="SPDX ids (after normalisation) whose distributions go in; others are "
        "rejected at stage 'read' with reason license_not_allowed"
    )
    allow_missing_license: bool = Field(False, description="take distributions whose dataset declares no licence")
    public_only: bool = Field(True, description="reject distributions whose access rights are not PUBLIC")
    jsonld_contexts: dict[str, str] = Field(
        {}, description="JSON-LD context URL -> local file; a remote context not listed here refuses the catalogue "
        "(contexts are never fetched)"
    )
    max_catalogue_bytes: int = Field(64 * 1024 * 1024, gt=0)
    network: bool = Field(True, description="false: only the mirror folder and file:// URLs (air-gapped clusters)")
    mirror_dir: str | None = Field(
        None, description="local mirror, <mirror_dir>/<host>/<path>; looked up before the network"
    )
    file_roots: list[str] = Field([], description="folders file:// download URLs may point into; empty: none")
    allow_addresses: list[AddressClass] = Field(
        [], description="address classes fetches may reach besides public ones (loopback, private, link_local)"
    )
    connect_timeout_s: float = Field(10.0, gt=0)
    read_timeout_s: float = Field(30.0, gt=0, description="longest wait for the next bytes")
    total_timeout_s: float = Field(600.0, gt=0, description="longest whole download, redirects included")
    retries: int = Field(3, ge=0, description="further attempts after a timeout, connection error, 429 or 5xx")
    backoff_s: float = Field(1.0, ge=0, description="wait before the first retry; doubles each time")
    backoff_max_s: float = Field(30.0, ge=0)
    max_redirects: int = Field(5, ge=0)
    max_download_bytes: int = Field(512 * 1024 * 1024, gt=0, description="size cap of one distribution file")
    require_checksum: bool = Field(False, description="reject distributions without an spdx:checksum")
    user_agent: str = "eurocurate/0.1 (DCAT-AP distribution fetcher)"
    archive_max_members: int = Field(10_000, gt=0)
    archive_max_total_bytes: int = Field(2 * 1024 * 1024 * 1024, gt=0, description="uncompressed, all members")
    archive_max_ratio: float = Field(200.0, gt=1, description="largest uncompressed/compressed size of a member")
    archive_max_depth: int = Field(2, ge=0, description="archives inside archives")
    max_documents_per_file: int = Field(100_000, gt=0, description="documents one file (all its parts) may give")
    csv_text_columns: list[str] = Field(
        [], description="CSV/TSV columns that hold text; empty: columns whose values are mostly multi-word text"
    )
    csv_document: Literal["file", "row"] = Field("file", description="one document per file, or per row")
    json_text_fields: list[str] = Field(
        ["text", "content", "body", "abstract", "description", "title"],
        description="JSON/JSONL keys that hold text; a record without any gives its multi-word string values",
    )
    max_pdf_pages: int = Field(2_000, gt=0)


BUILTIN_CHAIN = ("read", "optout", "extract", "langid", "quality", "pii")


class CustomStageConfig(Strict):
    """A stage of your own (or a datatrove filter or formatter) in the per-document chain."""

    stage: str = Field(
        pattern=r"^[A-Za-z_][\w.]*:[A-Za-z_][\w.]*$",
        description="import path 'package.module:Class' of a class with `process(doc) -> Keep | Reject`, or of a "
        "datatrove filter or formatter (needs `pip install 'eurocurate[datatrove]'`)")
    name: str | None = Field(
        None, pattern=r"^[a-z][a-z0-9_]*$", description="its stage name in stats and rejects; default: the "
        "class's own `name`, else its class name in snake case")
    after: str = Field("pii", description="the stage it runs after: a built-in per-document stage or one listed "
                       "before it")
    options: dict = Field({}, description="keyword arguments the class is built with")


class RunConfig(Strict):
    name: str = "run"
    inputs: list[InputSpec] = Field(min_length=1)
    extract: ExtractConfig = ExtractConfig()
    optout: OptOutConfig = OptOutConfig()
    langid: LangIdConfig = LangIdConfig()
    quality: QualityConfig = QualityConfig()
    model_quality: ModelQualityConfig = ModelQualityConfig()
    pii: PiiConfig = PiiConfig()
    dedup: DedupConfig = DedupConfig()
    output: OutputConfig = OutputConfig()
    ray: RayConfig = RayConfig()
    resources: ResourcesConfig = ResourcesConfig()
    dataspace: DataSpaceConfig = DataSpaceConfig()
    stages: list[CustomStageConfig] = Field([], description="your own stages, placed in the chain by `after`")

    @field_validator("name")
    @classmethod
    def _safe_name(cls, value: str) -> str:
        if not value or any(c in value for c in "/\\\0"):
            raise ValueError("a non-empty name without path separators")
        return value

    def canonical_json(self) -> str:
        """The settings that decide the output, in a stable form (where and how it runs is not one of them)."""
        data = self.model_dump(mode="json", exclude={"ray": True, "resources": True,
                                                     "output": {"dir", "staging_dir", "storage_options",
                                                                "signing_key", "work_dir",
                                                                "work_storage_options"}})
        if not data["stages"]:
            del data["stages"]  # so a config without stages of its own keeps the hash it always had
        return json.dumps(data, sort_keys=True, separators=(",", ":"))

    def config_hash(self, referenced: str = "") -> str:
        """sha256 of the settings, plus the content of files they reference (per-language thresholds)."""
        return hashlib.sha256((self.canonical_json() + referenced).encode()).hexdigest()


def _describe_error(path: Path, exc: ValidationError) -> str:
    err = exc.errors()[0]
    key = ".".join(str(p) for p in err["loc"]) or "(top level)"
    if err["type"] == "extra_forbidden":
        return f"{path}: unknown key '{key}'"
    if err["type"] == "missing":
        return f"{path}: missing required key '{key}'"
    got = err.get("input")
    got_txt = "" if isinstance(got, (dict, list)) else f" (got {got!r})"
    return f"{path}: key '{key}': {err['msg']}{got_txt}"


def load_config(path: str | Path) -> tuple[RunConfig, Path]:
    """Parse and validate a YAML config; returns it with the folder its relative paths are resolved against."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"config file not found: {path}")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}: invalid YAML{where}") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: expected a mapping of settings at the top level")
    try:
        return RunConfig.model_validate(raw), path.resolve().parent
    except ValidationError as exc:
        raise ConfigError(_describe_error(path, exc)) from None
