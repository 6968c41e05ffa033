"""Per-document stages in isolation: extraction and charsets, language ID, quality rules, PII, accounting."""

from __future__ import annotations

import pytest

from eurocurate.filters.langid.stage import LanguageIdStage, normalise_label
from eurocurate.filters.pii.scrubber import scrub
from eurocurate.filters.quality.stage import HeuristicQualityStage, quality_signals
from eurocurate.pipeline.config import ExtractConfig, LangIdConfig, PiiConfig, QualityConfig
from eurocurate.filters.extract.stage import ExtractStage, decode_html, detect_charset
from eurocurate.core.stage import Keep, Reject, StageStats, run_stages

PROSE_DE = ("Die kleine Stadt am Fluss lebte jahrhundertelang von der Fähre, die Bauern und Händler über das Wasser "
            "brachte. Heute erinnert ein Museum an die Zeit, in der die Überfahrt den Tag bestimmte und die Gasthäuser "
            "am Ufer voller Reisender waren. ") * 4


def _html(body: str, charset: str = "utf-8") -> bytes:
    return (f'<html><head><meta charset="{charset}"><title>T</title></head><body><nav>Start Über uns</nav>'
            f"<article><p>{body}</p></article><footer>Impressum</footer></body></html>").encode(charset)


def test_charset_from_header_then_meta_then_utf8():
    assert detect_charset(b"<p>x</p>", "text/html; charset=ISO-8859-1") == "iso8859-1"
    assert detect_charset(b'<meta charset="windows-1252">', "text/html") == "cp1252"
    text, codec = decode_html("Größe".encode("cp1252"), "text/html; charset=windows-1252")
    assert text == "Größe" and codec == "cp1252"
    text, codec = decode_html("Größe".encode("utf-8"), None)
    assert text == "Größe" and codec == "utf-8"


def test_extract_keeps_main_text_and_drops_boilerplate():
    doc = {"html": _html(PROSE_DE, "iso-8859-1"), "content_type": "text/html", "url": "http://x.example/a"}
    assert ExtractStage(ExtractConfig()).process(doc) == Keep()
    assert "Fähre" in doc["text"] and "Impressum" not in doc["text"] and len(doc["content_sha256"]) == 64


@pytest.mark.parametrize(("payload", "reason"), [
    (b"", "empty_payload"),
    (b"\x00\x01\x02binary" * 100, "binary_content"),
    (b"<p>" + bytes(range(128, 256)) * 20 + b"</p>", "invalid_encoding"),
    (b"<html><body><p>Hallo</p></body></html>", "too_short"),
])
def test_extract_rejects_unusable_payloads(payload, reason):
    doc = {"html": payload, "content_type": "text/html; charset=utf-8", "url": "http://x.example/"}
    outcome = ExtractStage(ExtractConfig()).process(doc)
    assert isinstance(outcome, Reject) and outcome.reason == reason


def test_lid176_labels_are_mapped_to_iso_codes():
    assert normalise_label("__label__no") == "nb"
    assert normalise_label("__label__sh") == "hbs"
    assert normalise_label("__label__de") == "de"


def test_language_id_labels_and_thresholds():
    stage = LanguageIdStage(LangIdConfig())
    doc = {"text": PROSE_DE}
    assert stage.process(doc) == Keep()
    assert doc["language"] == "de" and doc["language_score"] > 0.9 and doc["language_top"][0]["lang"] == "de"
    # a confident answer lists only the model's labels of at least 1%; a weighed one lists top_k candidates
    assert 1 <= len(doc["language_top"]) <= 3 and all(t["score"] >= 0.01 for t in doc["language_top"])
    unsure = {"text": "Hvala vam puno na pomoći, vidimo se sutra."}
    stage.process(unsure)
    assert [t["lang"] for t in unsure["language_top"]][0] == "hr" and len(unsure["language_top"]) == 3
    strict = LanguageIdStage(LangIdConfig(languages=["fr"]))
    assert strict.process({"text": PROSE_DE}) == Reject("language_not_allowed", "de")
    outcome = stage.process({"text": "qxz vbnk wqz jjx kkvy zzq xqw"})
    assert isinstance(outcome, Reject) and outcome.reason == "low_language_confidence"


@pytest.mark.parametrize(("text", "rule"), [
    ("zu kurz und knapp", "too_few_words"),
    ("\n".join(["Kaufen Sie jetzt billig und schnell bei uns im Laden ein"] * 30), "duplicate_lines"),
    (" ".join(["Donaudampfschifffahrtsgesellschaftskapitän"] * 60), "mean_word_length"),
    (" ".join(["### Angebot ### heute"] * 30), "symbol_word_ratio"),
    ("\n".join(f"- Punkt {i} der Liste mit einem Eintrag und noch mehr Wörtern" for i in range(40)), "bullet_lines"),
])
def test_quality_rules_name_the_rule_that_fired(text, rule):
    doc = {"text": text, "language": "de"}
    outcome = HeuristicQualityStage(QualityConfig()).process(doc)
    assert isinstance(outcome, Reject) and outcome.reason == rule
    assert outcome.detail.startswith(f"{rule}=")  # the measured value and the threshold it crossed


def test_quality_keeps_prose_and_scores_it():
    doc = {"text": PROSE_DE, "language": "de"}
    assert HeuristicQualityStage(QualityConfig()).process(doc) == Keep()
    assert 0 < doc["quality_score"] <= 1 and doc["word_count"] > 100
    assert quality_signals(PROSE_DE, "de")["stop_words"] >= 2


def test_pii_scrub_replaces_entities_and_leaves_other_bytes_identical():
    before = "Kontakt: anna@verein.example.org, Tel. +49 30 12345678, IBAN DE89 3704 0044 0532 0130 00, Host 10.1.2.3."
    after, counts = scrub(before, "de", PiiConfig())
    assert counts == {"EMAIL_ADDRESS": 1, "PHONE_NUMBER": 1, "IBAN_CODE": 1, "IP_ADDRESS": 1}
    assert after == ("Kontakt: <EMAIL_ADDRESS>, Tel. <PHONE_NUMBER>, IBAN <IBAN_CODE>, Host <IP_ADDRESS>.")


def test_pii_ignores_numbers_that_are_not_identifiers():
    text = "Im Jahr 2024 kostete das Buch 12,50 Euro; die IBAN DE00 1234 5678 9012 3456 78 ist ungültig."
    after, counts = scrub(text, "de", PiiConfig())
    assert counts == {} and after == text


def test_unknown_language_falls_back_to_generic_recognizers():
    after, counts = scrub("write to someone@example.org", "hbs", PiiConfig())
    assert counts == {"EMAIL_ADDRESS": 1} and after == "write to <EMAIL_ADDRESS>"


class _Boom:
    name = "boom"

    def process(self, doc):
        raise ValueError("secret text that must not be logged")


def test_a_stage_that_raises_rejects_one_document_and_the_run_goes_on():
    stats = {"boom": StageStats()}
    kept, rejected = run_stages([{"id": "a"}, {"id": "b"}], [_Boom()], stats)
    assert kept == [] and [d["reason"] for d in rejected] == ["stage_error", "stage_error"]
    assert rejected[0]["detail"] == "ValueError"
    assert stats["boom"].to_dict() == {"in": 2, "kept": 0, "rejected": 2, "reasons": {"stage_error": 2},
                                       "flagged": {}}


def test_extract_passes_through_sources_that_deliver_text():
    doc = {"text": PROSE_DE, "url": None}
    assert ExtractStage(ExtractConfig()).process(doc) == Keep()
    assert doc["text"] == PROSE_DE and len(doc["content_sha256"]) == 64
    assert ExtractStage(ExtractConfig()).process({"text": "kurz"}) == Reject("too_short", "4 chars")


def test_flagged_keeps_are_counted_apart_from_rejections_and_survive_merging():
    class FlagEven:
        name = "flagger"

        def process(self, doc):
            return Keep(flag="even") if doc["n"] % 2 == 0 else Keep()

    first, second = {"flagger": StageStats()}, {"flagger": StageStats()}
    run_stages([{"n": n} for n in range(5)], [FlagEven()], first)
    run_stages([{"n": n} for n in range(2)], [FlagEven()], second)
    merged = StageStats.from_dict(first["flagger"].to_dict())
    merged.merge(second["flagger"])
    assert merged.to_dict() == {"in": 7, "kept": 7, "rejected": 0, "reasons": {}, "flagged": {"even": 4}}


def test_stages_run_stage_by_stage_and_outcomes_come_back_in_input_order():
    """Each stage sees the whole batch before the next one starts (its model stays in the CPU caches); kept and
    rejected documents come back in input order whichever stage rejected them, with the same counts."""
    calls = []

    class Recording:
        def __init__(self, name, drop):
            self.name, self.drop = name, drop

        def process(self, doc):
            calls.append((self.name, doc["id"]))
            return Reject(f"no_{doc['id']}") if doc["id"] in self.drop else Keep()

    first, second = Recording("first", {"b"}), Recording("second", {"a", "d"})
    docs = [{"id": x} for x in "abcde"]
    stats = {s.name: StageStats() for s in (first, second)}
    kept, rejected = run_stages(docs, [first, second], stats)
    assert calls == [("first", x) for x in "abcde"] + [("second", x) for x in "acde"]
    assert [d["id"] for d in kept] == ["c", "e"]
    assert [(d["id"], d["stage"], d["reason"]) for d in rejected] == [
        ("a", "second", "no_a"), ("b", "first", "no_b"), ("d", "second", "no_d")]
    assert (stats["first"].kept, stats["first"].rejected, stats["second"].kept, stats["second"].rejected) == (4, 1, 2, 2)
