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
