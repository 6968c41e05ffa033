"""The output reads as it is in DuckDB, Polars, pandas and Hugging Face datasets."""

from __future__ import annotations

import duckdb
import pandas as pd
import polars as pl


def test_duckdb_reads_shards_and_rejects(demo_run, manifest):
    n = duckdb.sql(f"select count(*) from read_parquet('{demo_run}/data/*/*.parquet')").fetchall()[0][0]
    assert n == manifest["totals"]["documents"]
    m = duckdb.sql(f"select count(*) from read_parquet('{demo_run}/rejects/*/*.parquet')").fetchall()[0][0]
    assert m == manifest["totals"]["rejected"]


def test_polars_reads_shards(demo_run, manifest):
    frame = pl.read_parquet(f"{demo_run}/data/*/*.parquet")
    assert frame.height == manifest["totals"]["documents"]
    assert frame.schema["pii_counts"] == pl.List(pl.Struct({"type": pl.String, "count": pl.Int32}))


def test_pandas_reads_shards(demo_run, manifest):
    frames = [pd.read_parquet(p) for p in sorted((demo_run / "data").glob("*/*.parquet"))]
    assert sum(len(f) for f in frames) == manifest["totals"]["documents"]


def test_hugging_face_datasets_reads_shards(demo_run, manifest, tmp_path):
    from datasets import load_dataset

    files = sorted(str(p) for p in (demo_run / "data").glob("*/*.parquet"))
    ds = load_dataset("parquet", data_files=files, split="train", cache_dir=str(tmp_path))
    assert ds.num_rows == manifest["totals"]["documents"]
    assert set(ds.column_names) >= {"id", "text", "language", "url", "pii_counts"}
