"""Personal-data scrubbing with Presidio: e-mail, phone, IBAN, IP, payment card, EU national IDs (and names where
a spaCy NER model is installed); counts per type, never values."""

from eurocurate.core.stage import StageInfo
from eurocurate.filters.pii.config import PiiConfig

INFO = StageInfo(
    name="pii", stage_class="eurocurate.filters.pii.stage:PiiScrubStage", config_key="pii",
    columns=("text", "pii_counts", "pii_total"),
    models="eurocurate.filters.pii.models:models_used",
    summary="replaces personal data by placeholders or keyed hashes; rejects documents with too much of it",
)

__all__ = ["INFO", "PiiConfig"]
