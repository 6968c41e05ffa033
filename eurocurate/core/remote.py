"""Inputs by fsspec URL (s3://, gs://, https://, ...) as well as local paths: opening and glob expansion.

Remote filesystems need their fsspec backend installed (s3fs, gcsfs; https uses aiohttp); credentials come from
the backend's usual environment. Local paths are opened directly.
"""

from __future__ import annotations

import glob
import hashlib
from pathlib import Path
from typing import BinaryIO

import fsspec

_GLOB_CHARS = set("*?[")


def is_url(uri: str) -> bool:
    scheme, sep, _ = uri.partition("://")
    return bool(sep) and scheme.isidentifier() and scheme != "file"


def open_input(uri: str) -> BinaryIO:
    """A binary stream of a local path or an fsspec URL (not decompressed: readers detect gzip themselves)."""
    if uri.startswith("file://"):
        uri = uri[len("file://"):]
    if not is_url(uri):
        return open(uri, "rb")
    return fsspec.open(uri, "rb").open()


def expand_url(pattern: str) -> list[str]:
    """The URLs a pattern names: itself when it has no glob characters, else what the filesystem lists."""
    if not _GLOB_CHARS & set(pattern.split("://", 1)[1]):
        return [pattern]
    fs, _, _ = fsspec.get_fs_token_paths(pattern)
    return sorted(fs.unstrip_protocol(p) for p in fs.glob(pattern) if not fs.isdir(p))


def expand_local(pattern: str, suffixes: tuple[str, ...] | None = None) -> list[str]:
    """Files a local pattern names; a folder stands for the files under it ending in one of `suffixes`."""
    found: list[str] = []
    for match in glob.glob(pattern, recursive=True):
        path = Path(match)
        if path.is_file():
            found.append(str(path.resolve()))
        elif path.is_dir() and suffixes:
            found.extend(str(p.resolve()) for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(suffixes))
    return sorted(set(found))


def size_and_sha256(uri: str) -> tuple[int, str]:
    """Bytes and sha256 of an input, local or remote (a remote one is read through once more)."""
    digest, size = hashlib.sha256(), 0
    with open_input(uri) as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()
