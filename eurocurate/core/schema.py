"""The columns of output shards and rejects (documented in docs/schema.md)."""

from __future__ import annotations

import pyarrow as pa

PII_COUNT = pa.struct([("type", pa.string()), ("count", pa.int32())])
LANG_SCORE = pa.struct([("lang", pa.string()), ("score", pa.float32())])
LANG_PARAGRAPH = pa.struct(
    [("start", pa.int32()), ("end", pa.int32()), ("lang", pa.string()), ("score", pa.float32())]
)
LANG_SHARE = pa.struct([("lang", pa.string()), ("share", pa.float32())])
MODEL_SCORE = pa.struct([("model", pa.string()), ("score", pa.float32())])
MODEL_USED = pa.struct([("stage", pa.string()), ("name", pa.string()), ("sha256", pa.string())])
ANNOTATION = pa.struct([("stage", pa.string()), ("key", pa.string()), ("value", pa.string())])

DOCUMENT_FIELDS: list[pa.Field] = [
    pa.field("id", pa.string(), nullable=False),
    pa.field("text", pa.string()),
    pa.field("language", pa.string()),
    pa.field("language_score", pa.float32()),
    pa.field("language_top", pa.list_(LANG_SCORE)),
    pa.field("language_script", pa.string()),
    pa.field("language_paragraphs", pa.list_(LANG_PARAGRAPH)),
    pa.field("language_shares", pa.list_(LANG_SHARE)),
    pa.field("url", pa.string()),
    pa.field("host", pa.string()),
    pa.field("title", pa.string()),
    pa.field("page_date", pa.string()),
    pa.field("fetch_date", pa.string()),
    pa.field("source_family", pa.string()),
    pa.field("source_kind", pa.string()),
    pa.field("source_uri", pa.string()),
    pa.field("record_id", pa.string()),
    pa.field("record_offset", pa.int64()),
    pa.field("license", pa.string()),
    pa.field("dataset_iri", pa.string()),
    # data-space lineage (DCAT-AP); null for web documents
    pa.field("distribution_iri", pa.string()),
    pa.field("dataset_identifier", pa.string()),
    pa.field("dataset_title", pa.string()),
    pa.field("publisher", pa.string()),
    pa.field("access_rights", pa.string()),
    pa.field("media_type", pa.string()),
    pa.field("declared_languages", pa.list_(pa.string())),
    pa.field("checksum", pa.string()),
    pa.field("odrl_policy", pa.string()),
    pa.field("archive_member", pa.string()),
    pa.field("optout_status", pa.string()),
    pa.field("optout_evidence", pa.string()),
    pa.field("content_sha256", pa.string()),
    pa.field("text_sha256", pa.string()),
    pa.field("word_count", pa.int32()),
    pa.field("quality_score", pa.float32()),
    # one entry per configured quality model (model_quality stage); null when that stage is off
    pa.field("quality_model_scores", pa.list_(MODEL_SCORE)),
    pa.field("pii_counts", pa.list_(PII_COUNT)),
    pa.field("pii_total", pa.int32()),
    pa.field("dup_cluster_id", pa.string()),
    pa.field("dup_cluster_size", pa.int32()),
    pa.field("run_id", pa.string()),
    pa.field("models", pa.list_(MODEL_USED)),
    # what stages of your own record (core.stage.annotate); null when no such stage wrote anything
    pa.field("annotations", pa.list_(ANNOTATION)),
]

REJECT_FIELDS: list[pa.Field] = [
    pa.field("stage", pa.string(), nullable=False),
    pa.field("reason", pa.string(), nullable=False),
    pa.field("detail", pa.string()),
    pa.field("duplicate_of", pa.string()),
]

DOCUMENT_SCHEMA = pa.schema(DOCUMENT_FIELDS)
REJECT_SCHEMA = pa.schema(DOCUMENT_FIELDS + REJECT_FIELDS)

# Work files between phases hold exactly the output columns.
WORK_SCHEMA = DOCUMENT_SCHEMA


def rows_to_table(rows: list[dict], schema: pa.Schema) -> pa.Table:
    """Build a table with exactly `schema`'s columns; missing keys become nulls."""
    columns = {f.name: [row.get(f.name) for row in rows] for f in schema}
    return pa.Table.from_pydict(columns, schema=schema)
