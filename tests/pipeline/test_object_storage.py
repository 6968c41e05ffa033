"""Output to object storage: an S3-compatible server (moto's server mode) on loopback, started by the test."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from tests.conftest import DEMO_CONFIG, ROOT, eurocurate

moto_server = pytest.importorskip("moto.server")
s3fs = pytest.importorskip("s3fs")

CREDENTIALS = {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": "us-east-1"}


@pytest.fixture(scope="module")
def s3():
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    env = {**CREDENTIALS, "AWS_ENDPOINT_URL": f"http://{host}:{port}"}
    fs = s3fs.S3FileSystem(key="test", secret="test", client_kwargs={"endpoint_url": env["AWS_ENDPOINT_URL"]})
    fs.mkdir("curated")
    yield fs, env
    server.stop()


def test_run_publishes_to_s3_and_verify_checks_the_remote_copy(s3, tmp_path):
    fs, env = s3
    config = tmp_path / "demo-s3.yaml"
    config.write_text(DEMO_CONFIG.read_text().replace('"../samples/demo/*.warc.gz"',
                                                      f'"{ROOT}/samples/demo/*.warc.gz"')
                      .replace("  dir: runs/demo\n", f"  dir: s3://curated/demo\n  staging_dir: {tmp_path}/staging\n"))
    proc = eurocurate("run", str(config), "--no-progress", env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "published" in proc.stdout

    with fs.open("curated/demo/manifest.json", "rb") as handle:
        manifest = json.loads(handle.read())
    assert manifest == json.loads((tmp_path / "staging" / "manifest.json").read_text())
    for entry in manifest["shards"]:
        with fs.open(f"curated/demo/{entry['path']}", "rb") as handle:
            assert pq.ParquetFile(handle).metadata.num_rows == entry["rows"]

    again = eurocurate("run", str(config), "--no-progress", env=env)
    assert again.returncode == 0 and "already holds this run's output" in again.stdout

    ok = eurocurate("verify", "s3://curated/demo", env=env)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    shard = f"curated/demo/{manifest['shards'][0]['path']}"
    data = bytearray(fs.cat(shard))
    data[len(data) // 2] ^= 0x01
    fs.pipe(shard, bytes(data))
    bad = eurocurate("verify", "s3://curated/demo", env=env)
    assert bad.returncode == 1 and "sha256 mismatch" in bad.stdout


def test_a_lock_object_keeps_a_second_run_off_a_published_url(s3, tmp_path, monkeypatch):
    import os
    import socket

    from eurocurate.pipeline.run_lock import LOCK_NAME, RemoteRunLock, RunFolderBusy

    fs, env = s3
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    options = {"key": "test", "secret": "test", "client_kwargs": {"endpoint_url": env["AWS_ENDPOINT_URL"]}}
    first = RemoteRunLock("s3://curated/locked", options).acquire()
    with pytest.raises(RunFolderBusy, match=f"pid {os.getpid()}"):
        RemoteRunLock("s3://curated/locked", options).acquire()
    config = tmp_path / "locked.yaml"
    config.write_text(DEMO_CONFIG.read_text().replace('"../samples/demo/*.warc.gz"', f'"{ROOT}/samples/demo/*.warc.gz"')
                      .replace("  dir: runs/demo\n", f"  dir: s3://curated/locked\n  staging_dir: {tmp_path}/st\n"))
    refused = eurocurate("run", str(config), "--no-progress", env=env)
    assert refused.returncode == 4 and "in use by another run" in refused.stderr
    first.release()
    assert not fs.exists(f"curated/locked/{LOCK_NAME}")
    # a lock left by a run of this machine that died is taken over
    fs.pipe(f"curated/locked/{LOCK_NAME}", json.dumps({"host": socket.gethostname(), "pid": 2**22 + 7,
                                                       "started": "2026-01-01T00:00:00Z"}).encode())
    RemoteRunLock("s3://curated/locked", options).acquire().release()


def test_remove_from_a_published_run_publishes_a_new_version_and_verify_follows_it(s3, tmp_path):
    fs, env = s3
    env = {**env, "HOME": str(tmp_path / "home")}  # the mirror of a run without its staging folder goes there
    config = tmp_path / "demo-s3.yaml"
    config.write_text(DEMO_CONFIG.read_text().replace('"../samples/demo/*.warc.gz"',
                                                      f'"{ROOT}/samples/demo/*.warc.gz"')
                      .replace("  dir: runs/demo\n", f"  dir: s3://curated/erase\n  staging_dir: {tmp_path}/staging\n"))
    assert eurocurate("run", str(config), "--no-progress", env=env).returncode == 0
    first = json.loads(fs.cat("curated/erase/manifest.json"))
    shard = first["shards"][0]
    with fs.open(f"curated/erase/{shard['path']}", "rb") as handle:
        url = pq.read_table(handle, columns=["url"])["url"][0].as_py()

    proc = eurocurate("remove", "s3://curated/erase", "--url", url, "--category", "takedown", env=env)
    assert proc.returncode == 0 and "published version 2" in proc.stdout, proc.stdout + proc.stderr
    second = json.loads(fs.cat("curated/erase/manifest.json"))
    assert second["version"] == 2 and not fs.exists(f"curated/erase/{shard['path']}")
    assert fs.exists("curated/erase/versions/manifest-v1.json") and fs.exists("curated/erase/erasure_log.jsonl")
    ok = eurocurate("verify", "s3://curated/erase", env=env)
    assert ok.returncode == 0 and "version 2" in ok.stdout, ok.stdout

    # without the staging folder (another machine): the published files are mirrored, then the same path
    import shutil

    shutil.rmtree(tmp_path / "staging")
    other = next(e for e in second["shards"] if e["path"] != shard["path"])
    with fs.open(f"curated/erase/{other['path']}", "rb") as handle:
        doc_id = pq.read_table(handle, columns=["id"])["id"][0].as_py()
    proc = eurocurate("remove", "s3://curated/erase", "--id", doc_id, "--category", "erasure", env=env)
    assert proc.returncode == 0 and "published version 3" in proc.stdout, proc.stdout + proc.stderr
    assert "signatures computed from the kept text" in proc.stdout  # no dedup index in a published run
    ok = eurocurate("verify", "s3://curated/erase", env=env)
    assert ok.returncode == 0 and "version 3" in ok.stdout, ok.stdout


def _rows(run) -> dict[str, list]:
    manifest = json.loads((run / "manifest.json").read_text())
    columns = ["id", "language", "text_sha256", "dup_cluster_id"]
    return {e["path"]: pq.read_table(run / e["path"], columns=columns).to_pylist()
            for e in manifest["shards"] + manifest["rejects"]}


def test_a_work_space_in_object_storage_gives_the_shards_of_a_local_run(s3, tmp_path, demo_run):
    """No folder shared between Ray workers and the driver but the object store: every work file lives there,
    the run folder gets only what the driver writes, and the output equals a run with a local work folder."""
    fs, env = s3
    fs.mkdir("work")
    config = tmp_path / "demo-work.yaml"
    config.write_text(DEMO_CONFIG.read_text().replace('"../samples/demo/*.warc.gz"',
                                                      f'"{ROOT}/samples/demo/*.warc.gz"')
                      .replace("  dir: runs/demo\n", "  dir: runs/demo\n  work_dir: s3://work/demo\n"))
    out = tmp_path / "run"
    proc = eurocurate("run", str(config), "--output", str(out), "--no-progress", env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]

    assert _rows(out) == _rows(demo_run)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["execution"]["work_space"] == "object storage"
    moved = manifest["execution"]["work_space_transfer"]  # every task's reads and writes, and the driver's
    assert moved["objects_written"] > 0 and moved["bytes_needed"] > 0
    assert moved["bytes_fetched"] <= 1.2 * moved["bytes_needed"], moved
    assert not (out / "work").exists()  # nothing of the work went through the run folder
    names = {p.split("/", 2)[2] for p in fs.find("work/demo")}
    assert {"run.json", "dedup/index/meta.json"} <= names
    assert any(n.startswith("docs/") for n in names) and any(n.startswith("done/") for n in names)
    assert any(n.startswith("output/data/") for n in names)
    assert eurocurate("verify", str(out)).returncode == 0

    # Resume: one input's done marker gone and the manifest with it; only that input is processed again.
    done = sorted(p for p in fs.find("work/demo/done"))
    fs.rm(done[0])
    (out / "manifest.json").unlink()
    again = eurocurate("run", str(config), "--output", str(out), "--no-progress", env=env)
    assert again.returncode == 0, again.stderr[-3000:]
    assert _rows(out) == _rows(demo_run)

    # Another run's work is never taken over.
    other = eurocurate("run", str(config), "--output", str(tmp_path / "other"), "--no-progress", env=env)
    assert other.returncode == 2 and "holds the work of run" in other.stderr


def test_work_space_reads_fetch_only_what_they_need_in_batched_requests(s3, monkeypatch):
    """A column read of a work file in object storage: the footer and the chunks of the columns asked for, fetched
    in one batched call; bytes fetched at most 1.2x the bytes the read needs, never a request per row."""
    import pyarrow as pa

    from eurocurate.core import workspace

    fs, env = s3
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    rows = 20_000
    table = pa.table({"id": [f"doc-{i}" for i in range(rows)], "language": ["de", "fr"] * (rows // 2),
                      "text": [f"text number {i} " * 20 for i in range(rows)]})
    path = "s3://curated/workspace-test/docs.parquet"
    workspace.write_table(table, path)

    workspace.TRANSFER.clear()
    got = workspace.read_table(path, columns=["language"])
    assert got.column("language").to_pylist() == table.column("language").to_pylist()
    metadata = pq.ParquetFile(fs.open("curated/workspace-test/docs.parquet", "rb")).metadata
    chunks = sum(metadata.row_group(g).column(1).total_compressed_size for g in range(metadata.num_row_groups))
    footer = metadata.serialized_size + 8
    # the chunks and the footer, plus at most one first guess at the footer's size from the object's end
    assert workspace.TRANSFER["bytes_fetched"] <= 1.2 * (chunks + footer) + workspace.FOOTER_GUESS
    assert workspace.TRANSFER["bytes_fetched"] < fs.size("curated/workspace-test/docs.parquet") / 5
    assert workspace.TRANSFER["requests"] <= 3 + metadata.num_row_groups
    assert workspace.TRANSFER["batched_reads"] == 1

    assert workspace.read_table(path, columns=["id"], filters=[("language", "=", "fr")]).num_rows == rows // 2
    some = workspace.read_table(path, columns=["id"], filters=[("language", "in", ["fr", "it"])])
    assert some.column_names == ["id"] and some.num_rows == rows // 2
    assert workspace.read_table(path, columns=["id"], filters=[("language", "in", ["de", "fr"])]).num_rows == rows
    assert workspace.num_rows(path) == rows
