"""Settings of the PII scrub stage."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from eurocurate.core.config import Strict


PiiEntity = Literal["EMAIL_ADDRESS", "PHONE_NUMBER", "IBAN_CODE", "IP_ADDRESS", "CREDIT_CARD", "NATIONAL_ID", "PERSON"]


class PiiPolicy(Strict):
    action: Literal["placeholder", "hash"] = Field(
        "placeholder", description="'placeholder': <TYPE>; 'hash': <TYPE:hmac> keyed with the salt in hash_salt_env"
    )
    drop_above: int | None = Field(None, ge=0, description="drop the document when it has more findings of this type")


class PiiConfig(Strict):
    enabled: bool = True
    entities: list[PiiEntity] = Field(
        ["EMAIL_ADDRESS", "PHONE_NUMBER", "IBAN_CODE", "IP_ADDRESS", "CREDIT_CARD", "NATIONAL_ID"],
        description="PERSON is found only in languages with a spaCy NER model installed (never downloaded)",
    )
    min_score: float = Field(0.3, ge=0.0, le=1.0)
    max_findings: int | None = Field(None, ge=0, description="drop a document with more findings than this, all types")
    policy: dict[PiiEntity, PiiPolicy] = Field({}, description="per entity type; a type not listed gets a placeholder")
    hash_salt_env: str = Field(
        "EUROCURATE_PII_SALT", description="environment variable holding the secret salt of 'hash' policies"
    )
