"""The PII stage of the per-document chain: scrubs each document's text (filters/pii/scrubber.py) and counts what
it replaced, per type.

The scrubber, and Presidio behind it, is imported only when the stage is enabled: a run without PII scrubbing does
not pay for loading Presidio and spaCy in every worker (about two seconds each).
"""

from __future__ import annotations

from collections import Counter

from eurocurate.core.stage import Keep, Reject
from eurocurate.filters.pii.config import PiiConfig


class PiiScrubStage:
    name = "pii"

    def __init__(self, cfg: PiiConfig):
        self.cfg = cfg
        self.findings: Counter = Counter()  # per entity type, over every document this stage saw
        self._scrub = None
        if cfg.enabled:
            from eurocurate.filters.pii.scrubber import hash_salt, scrub

            hash_salt(cfg)  # a missing salt is a set-up error: fail before the first document, not on each one
            self._scrub = scrub

    def take_findings(self) -> dict[str, int]:
        """Counts per type since the last call (a worker reuses its stage across input files)."""
        counts, self.findings = dict(self.findings), Counter()
        return counts

    def process(self, doc: dict) -> Keep | Reject:
        if self._scrub is None:
            doc["pii_counts"], doc["pii_total"] = [], 0
            return Keep()
        text, counts = self._scrub(doc["text"], doc.get("language"), self.cfg)
        doc["text"] = text
        doc["pii_counts"] = [{"type": t, "count": c} for t, c in sorted(counts.items())]
        doc["pii_total"] = sum(counts.values())
        self.findings.update(counts)
        for entity_type, count in sorted(counts.items()):
            limit = self.cfg.policy[entity_type].drop_above if entity_type in self.cfg.policy else None
            if limit is not None and count > limit:
                return Reject("too_much_pii", f"{count} {entity_type} findings, more than {limit}")
        if self.cfg.max_findings is not None and doc["pii_total"] > self.cfg.max_findings:
            return Reject("too_much_pii", f"{doc['pii_total']} findings")
        return Keep()
