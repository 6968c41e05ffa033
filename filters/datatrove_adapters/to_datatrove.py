"""A eurocurate stage run as a datatrove PipelineStep."""

from __future__ import annotations

import importlib

from datatrove.pipeline.base import PipelineStep

from eurocurate.core.stage import Reject

# Built-in stages by name: (module of the stage class, class name, settings module, settings class).
BUILTIN = {
    "optout": ("eurocurate.filters.optout.stage", "OptOutStage", "eurocurate.filters.optout.config", "OptOutConfig"),
    "extract": ("eurocurate.filters.extract.stage", "ExtractStage", "eurocurate.filters.extract.config",
                "ExtractConfig"),
    "langid": ("eurocurate.filters.langid.stage", "LanguageIdStage", "eurocurate.filters.langid.config",
               "LangIdConfig"),
    "quality": ("eurocurate.filters.quality.stage", "HeuristicQualityStage", "eurocurate.filters.quality.config",
                "QualityConfig"),
    "pii": ("eurocurate.filters.pii.stage", "PiiScrubStage", "eurocurate.filters.pii.config", "PiiConfig"),
}
# What a eurocurate stage reads from a datatrove Document's metadata besides its text.
INPUT_FIELDS = ("url", "language", "content_type", "http_headers", "fetch_date")
# Document fields of ours that do not go into datatrove's metadata (the text is Document.text).
NOT_METADATA = {"id", "text", "html", "http_headers", "annotations"}


class EurocurateStep(PipelineStep):
    """`EurocurateStep("langid", LangIdConfig(...))`, or `EurocurateStep(my_stage_object)`.

    Each Document becomes a eurocurate document (`text`, `id`, and `url`, `language`, ... from its metadata);
    the stage's annotations (language, language_score, pii_counts, quality_score, optout_status, ...) are
    written back into `metadata`. For "extract", the Document's text is the page's HTML (as datatrove's
    WarcReader gives it) and becomes the extracted main text. A rejected document is dropped with the stat
    `dropped_<reason>`, and written to `exclusion_writer` (reason and detail in its metadata) when one is given.
    """

    type = "🇪🇺 - EUROCURATE"

    def __init__(self, stage, settings=None, exclusion_writer=None):
        if isinstance(stage, str) and stage not in BUILTIN:
            raise ValueError(f"unknown eurocurate stage {stage!r}; one of {', '.join(BUILTIN)} or a stage object")
        self.name = f"eurocurate {stage if isinstance(stage, str) else type(stage).__name__}"
        super().__init__()  # after the name: datatrove titles the step's stats with it
        self.stage_spec = stage
        self.settings = settings
        self.exclusion_writer = exclusion_writer
        self._stage = None

    def _built(self):
        # built in the worker that runs it (models load there, and steps are pickled to workers unbuilt)
        if self._stage is None:
            if isinstance(self.stage_spec, str):
                module, cls, settings_module, settings_cls = BUILTIN[self.stage_spec]
                settings = self.settings or getattr(importlib.import_module(settings_module), settings_cls)()
                self._stage = getattr(importlib.import_module(module), cls)(settings)
            else:
                self._stage = self.stage_spec
        return self._stage

    def _as_eurocurate(self, document) -> dict:
        doc = {"id": document.id, "text": document.text}
        doc.update({k: document.metadata[k] for k in INPUT_FIELDS if document.metadata.get(k) is not None})
        if self.stage_spec in ("optout", "extract"):  # both read the page itself
            doc["html"] = document.text.encode("utf-8")
            doc["content_type"] = "text/html; charset=utf-8"  # datatrove already decoded the page
        return doc

    def run(self, data, rank: int = 0, world_size: int = 1):
        from datatrove.utils.typeshelper import StatHints

        stage = self._built()
        with self.exclusion_writer if self.exclusion_writer else _nothing() as writer:
            for document in data:
                self.stat_update(StatHints.total)
                doc = self._as_eurocurate(document)
                with self.track_time():
                    outcome = stage.process(doc)
                if isinstance(outcome, Reject):
                    self.stat_update(StatHints.dropped)
                    self.stat_update(f"dropped_{outcome.reason}")
                    if writer:
                        document.metadata["eurocurate_reason"] = outcome.reason
                        document.metadata["eurocurate_detail"] = outcome.detail
                        writer.write(document, rank)
                    continue
                document.text = doc.get("text") or ""
                for key, value in doc.items():
                    if key not in NOT_METADATA and value is not None:
                        document.metadata[key] = value
                self.stat_update(StatHints.forwarded)
                self.update_doc_stats(document)
                yield document


class _nothing:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False
