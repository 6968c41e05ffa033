"""Loading and fingerprinting model files, shared by the stages that use them."""

from __future__ import annotations

import functools
import hashlib


@functools.lru_cache(maxsize=4)
def load_fasttext_model(path: str):
    import fasttext

    # fasttext prints a warning about load_model's deprecated return type on stderr; it is harmless.
    return fasttext.load_model(path)


@functools.lru_cache(maxsize=8)
def file_sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
