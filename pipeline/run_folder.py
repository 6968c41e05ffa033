"""Reading a finished run folder: its manifest and its output and reject tables."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from eurocurate.core.schema import DOCUMENT_SCHEMA, REJECT_SCHEMA


class NotARunFolder(ValueError):
    pass


def load_manifest(run_dir: Path) -> dict:
    path = Path(run_dir) / "manifest.json"
    if not path.is_file():
        raise NotARunFolder(f"{run_dir} has no manifest.json (not a finished eurocurate run)")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise NotARunFolder(f"{path} is not valid JSON (line {exc.lineno})") from None


def shard_paths(run_dir: Path) -> list[Path]:
    return sorted((Path(run_dir) / "data").glob("*/*.parquet"))


def reject_paths(run_dir: Path) -> list[Path]:
    return sorted((Path(run_dir) / "rejects").glob("*/*.parquet"))


def read_columns(paths: list[Path], columns: list[str], schema: pa.Schema) -> pa.Table:
    tables = [pq.read_table(p, columns=columns) for p in paths]
    if not tables:
        return pa.schema([schema.field(c) for c in columns]).empty_table()
    return pa.concat_tables(tables)


def kept_table(run_dir: Path, columns: list[str]) -> pa.Table:
    return read_columns(shard_paths(run_dir), columns, DOCUMENT_SCHEMA)


def rejects_table(run_dir: Path, columns: list[str]) -> pa.Table:
    return read_columns(reject_paths(run_dir), columns, REJECT_SCHEMA)
