"""What replaces a detected span: a typed placeholder, or a typed salted hash that keeps co-reference.

The hash is an HMAC-SHA256 keyed with a secret salt that is never written anywhere by eurocurate (it comes from
an environment variable), over a canonical form of the value, so "+49 30 1234567" and "+49301234567" give the
same token and the same person's e-mail gives the same token in every document of every worker.
"""

from __future__ import annotations

import hashlib
import hmac
import re

HASH_HEX_CHARS = 16
_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]")


def canonical(entity_type: str, value: str) -> str:
    if entity_type in ("EMAIL_ADDRESS", "PERSON"):
        return value.strip().lower()
    if entity_type == "IP_ADDRESS":
        return value.strip().lower()
    return _NOT_ALNUM.sub("", value).upper()


def placeholder(entity_type: str) -> str:
    return f"<{entity_type}>"


def salted_hash(entity_type: str, value: str, salt: bytes) -> str:
    digest = hmac.new(salt, f"{entity_type}\0{canonical(entity_type, value)}".encode(), hashlib.sha256)
    return f"<{entity_type}:{digest.hexdigest()[:HASH_HEX_CHARS]}>"


def replacement(entity_type: str, value: str, action: str, salt: bytes | None) -> str:
    if action == "hash":
        if not salt:
            raise ValueError(f"a salted hash for {entity_type} needs a salt")
        return salted_hash(entity_type, value, salt)
    return placeholder(entity_type)
