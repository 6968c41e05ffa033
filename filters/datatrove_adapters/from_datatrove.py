"""A datatrove filter or formatter run as a eurocurate stage."""

from __future__ import annotations

from eurocurate.core.stage import Keep, Reject, annotate, snake_case

# The document fields a datatrove step sees in `metadata` (datatrove's own readers fill url and language).
METADATA_FIELDS = ("url", "language", "language_score", "source_uri", "fetch_date", "title", "host")


class DatatroveStage:
    """`process(doc)` through a datatrove step: `BaseFilter.filter`, `BaseFormatter.format`, or, for any other
    step, its `run` on a one-document stream (a document it does not yield back is rejected)."""

    def __init__(self, step, name: str | None = None):
        from datatrove.pipeline.filters.base_filter import BaseFilter
        from datatrove.pipeline.formatters.base import BaseFormatter

        self.step = step
        self.name = name or snake_case(type(step).__name__)
        self.kind = "filter" if isinstance(step, BaseFilter) else "formatter" if isinstance(step, BaseFormatter) \
            else "step"

    def _document(self, doc: dict):
        from datatrove.data import Document

        metadata = {k: doc[k] for k in METADATA_FIELDS if doc.get(k) is not None}
        return Document(text=doc.get("text") or "", id=str(doc.get("id")), metadata=metadata)

    def process(self, doc: dict) -> Keep | Reject:
        from datatrove.utils.typeshelper import StatHints

        document = self._document(doc)
        before = dict(document.metadata)
        self.step.stat_update(StatHints.total)
        if self.kind == "filter":
            result = self.step.filter(document)
            kept, reason = result if isinstance(result, tuple) else (result, None)
        elif self.kind == "formatter":
            document.text = self.step.format(document.text)
            kept, reason = True, None
        else:
            kept, reason = any(True for _ in self.step.run(iter([document]))), None
        if not kept:
            self.step.stat_update(StatHints.dropped)
            if reason:
                self.step.stat_update(f"dropped_{reason}")
            return Reject(reason or f"{self.name}_dropped", type(self.step).__name__)
        self.step.stat_update(StatHints.forwarded)
        if document.text != (doc.get("text") or ""):
            annotate(doc, self.name, "text_changed", f"{len(doc.get('text') or '')}->{len(document.text)} chars")
            doc["text"] = document.text
        for key, value in document.metadata.items():
            if key not in before or before[key] != value:
                annotate(doc, self.name, key, value)
        return Keep()
