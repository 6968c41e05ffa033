"""The files the opt-out stage's settings point at: robots.txt captures."""

from __future__ import annotations

from pathlib import Path

from eurocurate.core.config import absolute_path
from eurocurate.core.remote import size_and_sha256
from eurocurate.filters.optout.config import OptOutConfig


def resolve_references(cfg: OptOutConfig, base_dir: Path) -> tuple[OptOutConfig, dict]:
    """(settings with the capture paths made absolute, the captures' sha256: their part of the config hash)."""
    robots = [absolute_path(p, base_dir) for p in cfg.robots_txt]
    hashes = [size_and_sha256(uri)[1] for uri in robots] if cfg.enabled else []
    return cfg.model_copy(update={"robots_txt": robots}), {"robots_txt": hashes}
