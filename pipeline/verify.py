"""`eurocurate verify RUN_DIR [--public-key KEY.pub]`: re-hash every output file against the manifest, every
published row's text against its `text_sha256`, re-check the accounting, and (with a public key) check the
manifest's OpenSSH signature, so that a changed row, a changed shard whose manifest entry was updated to
match, or a manifest re-signed with another key all fail.

RUN_DIR may be a local folder or an fsspec URL (s3://..., gs://...) of a published run.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter

import fsspec
import pyarrow.parquet as pq

from eurocurate.pipeline.run_folder import NotARunFolder


class RunLocation:
    """A run folder on any fsspec file system, addressed by paths relative to its root."""

    def __init__(self, location: str, storage_options: dict | None = None):
        self.fs, root = fsspec.core.url_to_fs(str(location), **(storage_options or {}))
        self.root = root.rstrip("/")

    def manifest(self) -> dict:
        return json.loads(self.manifest_bytes())

    def manifest_bytes(self) -> bytes:
        path = f"{self.root}/manifest.json"
        if not self.fs.exists(path):
            raise NotARunFolder(f"{self.root} has no manifest.json (not a finished eurocurate run)")
        return self.read_bytes("manifest.json")

    def read_bytes(self, rel: str) -> bytes | None:
        path = f"{self.root}/{rel}"
        if not self.fs.exists(path):
            return None
        with self.fs.open(path, "rb") as handle:
            return handle.read()

    def parquet_files(self, folder: str) -> list[str]:
        found = self.fs.glob(f"{self.root}/{folder}/*/*.parquet")
        return sorted(p[len(self.root) + 1:] for p in found if p.startswith(self.root + "/"))

    def size(self, rel: str) -> int:
        return int(self.fs.size(f"{self.root}/{rel}"))

    def sha256(self, rel: str) -> str:
        digest = hashlib.sha256()
        with self.fs.open(f"{self.root}/{rel}", "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()

    def parquet(self, rel: str) -> pq.ParquetFile:
        return pq.ParquetFile(self.fs.open(f"{self.root}/{rel}", "rb"))


def verify_run(run_dir, storage_options: dict | None = None, public_key: str | None = None) -> list[str]:
    """Every problem found, one line each; an empty list means the run folder is intact and consistent (and,
    with `public_key` (an OpenSSH public key line or file), that the manifest is signed by that key)."""
    run = RunLocation(str(run_dir), storage_options)
    manifest_bytes = run.manifest_bytes()
    try:
        manifest = json.loads(manifest_bytes)
    except ValueError as exc:
        raise NotARunFolder(f"{run.root}/manifest.json is not valid JSON ({type(exc).__name__})") from None
    problems: list[str] = []
    if public_key is not None:
        problems += check_signature(run, manifest_bytes, public_key)
    listed = {entry["path"]: entry for entry in manifest["shards"] + manifest["rejects"]}
    # files an interrupted removal moved in (or had yet to delete) are not this version's: they are set aside
    # here, and the next `eurocurate remove` on the folder finishes or undoes that removal
    on_disk = set(run.parquet_files("data") + run.parquet_files("rejects"))
    on_disk -= set(interrupted_removal_files(run)) - set(listed)
    problems += [f"missing file listed in the manifest: {p}" for p in sorted(set(listed) - on_disk)]
    problems += [f"file not in the manifest: {p}" for p in sorted(on_disk - set(listed))]

    for rel in sorted(set(listed) & on_disk):
        entry = listed[rel]
        size = run.size(rel)
        if size != entry["bytes"]:
            problems.append(f"size mismatch: {rel} ({size} bytes, manifest says {entry['bytes']})")
        if run.sha256(rel) != entry["sha256"]:
            problems.append(f"sha256 mismatch: {rel}")
            continue
        rows = run.parquet(rel).metadata.num_rows
        if rows != entry["rows"]:
            problems.append(f"row count mismatch: {rel} ({rows} rows, manifest says {entry['rows']})")

    stages = manifest["stages"]
    for stage in stages:
        if stage["in"] != stage["kept"] + stage["rejected"]:
            problems.append(f"stage {stage['name']}: in {stage['in']} != kept {stage['kept']} + rejected "
                            f"{stage['rejected']}")
        if sum(stage["reasons"].values()) != stage["rejected"]:
            problems.append(f"stage {stage['name']}: reasons do not add up to {stage['rejected']} rejected")
        if sum(stage.get("flagged", {}).values()) > stage["kept"]:
            problems.append(f"stage {stage['name']}: more documents flagged than the {stage['kept']} it kept")
    for before, after in zip(stages, stages[1:]):
        if after["in"] != before["kept"]:
            problems.append(f"stage {after['name']} received {after['in']} but {before['name']} kept {before['kept']}")

    if not any(p.startswith(("sha256", "missing", "row count")) for p in problems):
        problems += _check_rows_against_stages(run, manifest)
    for rel in sorted(set(listed) & on_disk):
        if rel.startswith("data/") and not any(p.endswith(rel) for p in problems):
            problems += _check_text_hashes(run, rel)
    from eurocurate.pipeline.removal.chain import verify_history

    problems += verify_history(run, manifest, public_key)
    return problems


def interrupted_removal_files(run: RunLocation) -> list[str]:
    """Files named by the marker of a removal that stopped part way (none when there is no marker)."""
    from eurocurate.pipeline.removal.history import PENDING

    marker = run.read_bytes(PENDING)
    if marker is None:
        return []
    try:
        pending = json.loads(marker)
        return [*pending.get("moved", []), *pending.get("superseded", [])]
    except (ValueError, AttributeError):
        return []


def read_public_key(value: str) -> str:
    """An OpenSSH public key line from a file (KEY.pub, or an allowed_signers line) or given inline."""
    from pathlib import Path

    path = Path(value).expanduser()
    text = path.read_text(encoding="utf-8").strip() if path.is_file() else value.strip()
    words = text.split()
    for i, word in enumerate(words):  # skip an allowed_signers principal and options
        if word.startswith(("ssh-", "ecdsa-", "sk-")) and i + 1 < len(words):
            return f"{word} {words[i + 1]}"
    raise ValueError(f"not an OpenSSH public key: {path.name if path.is_file() else value[:40]}")


def check_signature(run: RunLocation, manifest_bytes: bytes, public_key: str) -> list[str]:
    from eurocurate.pipeline.manifest import SIGNATURE_FILE, verify_signature

    signature = run.read_bytes(SIGNATURE_FILE)
    if signature is None:
        return [(f"signature missing: no {SIGNATURE_FILE} beside manifest.json, so nothing ties it to the given key "
                 "(an unsigned run: give the run a signing key)")]
    why = verify_signature(manifest_bytes, signature, public_key)
    return [f"signature: {why}"] if why else []


def signature_note(run_dir, storage_options: dict | None = None) -> str:
    """One line on the manifest's signature for a verify run without --public-key."""
    from eurocurate.pipeline.manifest import SIGNATURE_FILE

    run = RunLocation(str(run_dir), storage_options)
    signing = run.manifest().get("signing") or {}
    has_signature = run.read_bytes(SIGNATURE_FILE) is not None
    if signing.get("signed") and has_signature:
        return (f"signed by {signing.get('public_key_fingerprint')} (not checked: give --public-key with the key "
                "you expect, or run the ssh-keygen -Y verify command in the manifest's signing block)")
    if signing.get("signed"):
        return f"the manifest says it is signed but {SIGNATURE_FILE} is missing"
    return "unsigned run: " + signing.get("note", "this manifest has no signing block (made before signing existed)")


def _check_text_hashes(run: RunLocation, rel: str) -> list[str]:
    """Each published row's text re-hashed against its text_sha256."""
    try:
        table = run.parquet(rel).read(columns=["id", "text", "text_sha256"])
    except (OSError, ValueError, KeyError) as exc:
        return [f"cannot read the rows of {rel}: {type(exc).__name__}"]
    bad = [doc_id for doc_id, text, digest in zip(table["id"].to_pylist(), table["text"].to_pylist(),
                                                   table["text_sha256"].to_pylist(), strict=True)
           if text is None or digest is None or hashlib.sha256(text.encode("utf-8")).hexdigest() != digest]
    if not bad:
        return []
    shown = ", ".join(bad[:5]) + (f" and {len(bad) - 5} more" if len(bad) > 5 else "")
    return [(f"text_sha256 mismatch: {len(bad)} row(s) whose text does not hash to their text_sha256 in {rel} "
             f"(ids {shown})")]


def _check_rows_against_stages(run: RunLocation, manifest: dict) -> list[str]:
    problems: list[str] = []
    # the files this version lists (a file on disk that it does not list is reported on its own)
    kept_rows = sum(run.parquet(e["path"]).metadata.num_rows for e in manifest["shards"])
    if manifest["stages"] and kept_rows != manifest["stages"][-1]["kept"]:
        problems.append(f"output shards hold {kept_rows} documents, last stage kept {manifest['stages'][-1]['kept']}")
    found: Counter = Counter()
    for rel in [e["path"] for e in manifest["rejects"]]:
        table = run.parquet(rel).read(columns=["stage", "reason"])
        found.update(zip(table["stage"].to_pylist(), table["reason"].to_pylist()))
    for stage in manifest["stages"]:
        for reason, n in stage["reasons"].items():
            if found.get((stage["name"], reason), 0) != n:
                problems.append(f"rejects hold {found.get((stage['name'], reason), 0)} rows for {stage['name']}/"
                                f"{reason}, the stage counted {n}")
    known = {(s["name"], r) for s in manifest["stages"] for r in s["reasons"]}
    problems += [f"rejects hold {n} rows for {s}/{r}, which no stage counted" for (s, r), n in found.items()
                 if (s, r) not in known]
    return problems
