"""Signed manifests: OpenSSH signatures made and checked with the real ssh-keygen, and `verify --public-key`
failing on a changed row, on a changed shard whose manifest entry was updated to match, and on a manifest
re-signed with another key."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.conftest import DEMO_CONFIG, eurocurate

SSH_KEYGEN = shutil.which("ssh-keygen")
pytestmark = pytest.mark.skipif(SSH_KEYGEN is None, reason="ssh-keygen (OpenSSH client) is not installed")


def _key(folder: Path, name: str) -> Path:
    path = folder / name
    subprocess.run([SSH_KEYGEN, "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(path)], check=True)
    return path


def _ssh_verify(run: Path, public: Path) -> subprocess.CompletedProcess:
    """What an auditor types, following the manifest's own verify_with line."""
    allowed = run.parent / "allowed_signers"
    allowed.write_text(f"eurocurate {public.read_text().strip()}\n")
    with (run / "manifest.json").open("rb") as manifest:
        return subprocess.run([SSH_KEYGEN, "-Y", "verify", "-f", str(allowed), "-I", "eurocurate", "-n",
                               "eurocurate-manifest", "-s", str(run / "manifest.json.sig")], stdin=manifest,
                              capture_output=True, text=True, check=False)


@pytest.fixture
def signed_copy(demo_run, tmp_path) -> tuple[Path, Path, Path]:
    from eurocurate.pipeline.manifest import sign_run_folder

    run = tmp_path / "run"
    shutil.copytree(demo_run, run, ignore=shutil.ignore_patterns("work"))
    key, other = _key(tmp_path, "producer"), _key(tmp_path, "someone-else")
    sign_run_folder(run, key)
    return run, key, other


def test_a_signed_manifest_verifies_with_ssh_keygen_and_with_verify(signed_copy):
    run, key, _ = signed_copy
    manifest = json.loads((run / "manifest.json").read_text())
    assert manifest["signing"]["signed"] and manifest["signing"]["public_key"] == " ".join(
        Path(f"{key}.pub").read_text().split()[:2])
    assert _ssh_verify(run, Path(f"{key}.pub")).returncode == 0
    ok = eurocurate("verify", str(run), "--public-key", f"{key}.pub")
    assert ok.returncode == 0 and "signed by the given key" in ok.stdout, ok.stdout + ok.stderr
    unchecked = eurocurate("verify", str(run))
    assert unchecked.returncode == 0 and manifest["signing"]["public_key_fingerprint"] in unchecked.stdout


def test_one_changed_row_with_the_manifest_updated_to_match_fails(signed_copy):
    run, key, _ = signed_copy
    shard = min((run / "data").glob("*/*.parquet"))
    table = pq.read_table(shard)
    texts = table["text"].to_pylist()
    texts[0] = texts[0] + " An added sentence."
    table = table.set_column(table.schema.get_field_index("text"), "text", [texts])
    pq.write_table(table, shard, compression="zstd")
    manifest = json.loads((run / "manifest.json").read_text())
    rel = shard.relative_to(run).as_posix()
    for entry in manifest["shards"]:
        if entry["path"] == rel:
            entry["sha256"] = hashlib.sha256(shard.read_bytes()).hexdigest()
            entry["bytes"] = shard.stat().st_size
    (run / "manifest.json").write_text(json.dumps(manifest, indent=2))
    bad = eurocurate("verify", str(run), "--public-key", f"{key}.pub")
    assert bad.returncode == 1
    assert "FAIL signature: manifest.json does not match its signature" in bad.stdout
    assert f"text_sha256 mismatch: 1 row(s) whose text does not hash to their text_sha256 in {rel}" in bad.stdout
    assert _ssh_verify(run, Path(f"{key}.pub")).returncode != 0
    # without the key the row check alone still catches it
    assert "text_sha256 mismatch" in eurocurate("verify", str(run)).stdout


def test_a_manifest_re_signed_with_another_key_fails(signed_copy):
    from eurocurate.pipeline.manifest import fingerprint, public_key_of, sign_run_folder

    run, key, other = signed_copy
    sign_run_folder(run, other)  # e.g. after tampering, signed by whoever tampered
    bad = eurocurate("verify", str(run), "--public-key", f"{key}.pub")
    assert bad.returncode == 1
    assert (f"signed by key {fingerprint(public_key_of(other))}, not by the given key "
            f"{fingerprint(public_key_of(key))}") in bad.stdout
    assert _ssh_verify(run, Path(f"{key}.pub")).returncode != 0


def test_an_unsigned_run_says_so_and_fails_when_a_key_is_required(demo_run, manifest, tmp_path):
    assert manifest["signing"]["signed"] is False and "unsigned" in manifest["signing"]["note"]
    key = _key(tmp_path, "producer")
    proc = eurocurate("verify", str(demo_run), "--public-key", f"{key}.pub")
    assert proc.returncode == 1 and "signature missing" in proc.stdout
    assert "unsigned run" in eurocurate("verify", str(demo_run)).stdout


def test_build_manifest_signs_the_bytes_the_runner_writes(tmp_path, monkeypatch):
    """The signature is made inside build_manifest over json.dumps(manifest, indent=2, sort_keys=False): the
    runner must write exactly that (checked here on its source; the slow test below runs it for real)."""
    from eurocurate.pipeline import runner
    from eurocurate.pipeline.config import load_config
    from eurocurate.pipeline.manifest import build_manifest

    source = Path(runner.__file__).read_text()
    assert "write_text_atomic(json.dumps(manifest, indent=2, sort_keys=False), manifest_path)" in source
    key = _key(tmp_path, "producer")
    monkeypatch.setenv("EUROCURATE_SIGNING_KEY", str(key))
    cfg, _ = load_config(DEMO_CONFIG)
    run = tmp_path / "run"
    run.mkdir()
    manifest = build_manifest(cfg=cfg, state={"run_id": "r", "config_hash": "0" * 64, "started_at": "t"},
                              out_dir=run, stats={}, stage_order=(), file_results=[], written=[], reject_shards=[],
                              resources={}, started=time.time(), address=None)
    (run / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=False), encoding="utf-8")
    assert _ssh_verify(run, Path(f"{key}.pub")).returncode == 0


@pytest.mark.slow
def test_a_run_with_a_signing_key_writes_a_signature_ssh_keygen_accepts(tmp_path):
    key = _key(tmp_path, "producer")
    run = tmp_path / "run"
    proc = eurocurate("run", str(DEMO_CONFIG), "--output", str(run), env={"EUROCURATE_SIGNING_KEY": str(key)})
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert _ssh_verify(run, Path(f"{key}.pub")).returncode == 0
    assert eurocurate("verify", str(run), "--public-key", f"{key}.pub").returncode == 0
