"""What a removal request names: URLs, domains, document ids or content hashes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

CATEGORIES = ("erasure", "takedown", "optout", "other")
KINDS = ("url", "domain", "id", "sha256")
_SHA256 = re.compile(r"[0-9a-fA-F]{64}")
_HOST = re.compile(r"(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}", re.I)


@dataclass(frozen=True)
class Selector:
    kind: str  # one of KINDS
    value: str

    def matches_host(self, host: str | None) -> bool:
        """A domain selector covers the domain itself and every host under it."""
        host = (host or "").lower().rstrip(".")
        return host == self.value or host.endswith("." + self.value)


def parse_selector(text: str, kind: str | None = None) -> Selector:
    """One selector. `kind` given (a CLI flag) wins; otherwise a `url:`/`domain:`/`id:`/`sha256:` prefix, else
    read from the shape: an absolute URL, 64 hex digits (a text or content sha256), a host name (a domain),
    anything else a document id."""
    value = text.strip()
    if kind is None:
        prefix, _, rest = value.partition(":")
        if prefix in KINDS and not rest.startswith("//"):
            kind, value = prefix, rest.strip()
        elif "://" in value:
            kind = "url"
        elif _SHA256.fullmatch(value):
            kind = "sha256"
        elif _HOST.fullmatch(value):
            kind = "domain"
        else:
            kind = "id"
    if kind not in KINDS:
        raise ValueError(f"unknown selector kind {kind!r} (one of {', '.join(KINDS)})")
    if not value:
        raise ValueError(f"empty {kind} selector")
    if kind == "domain":
        value = value.lower().rstrip(".")
    elif kind == "sha256":
        if not _SHA256.fullmatch(value):
            raise ValueError("a sha256 selector is 64 hexadecimal digits")
        value = value.lower()
    return Selector(kind, value)


def read_selector_file(path: str | Path) -> list[Selector]:
    """One selector per line (mixed kinds; blank lines and lines starting with # skipped)."""
    selectors = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            try:
                selectors.append(parse_selector(line))
            except ValueError as exc:
                raise ValueError(f"{Path(path).name} line {number}: {exc}") from None
    return selectors
