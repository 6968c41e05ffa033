"""Heuristic quality rules per language: the demo's prose is kept, typical junk made from it is dropped, and
each drop names the rule that fired. Per-language thresholds come from configs/languages/<code>.yaml."""

from __future__ import annotations

import importlib.util
import random
import re

import pytest

from eurocurate.filters.quality.stage import (GOPHER_DUPLICATE_NGRAM_CHAR_RATIO, GOPHER_TOP_NGRAM_CHAR_RATIO, HeuristicQualityStage,
                             quality_signals)
from eurocurate.filters.quality.text import words
from eurocurate.filters.quality.stopwords import STOP_WORDS
from eurocurate.filters.quality.thresholds import configs_by_language, load_quality_sections
from eurocurate.pipeline.config import ConfigError, QualityConfig
from eurocurate.core.stage import Keep
from tests.conftest import ROOT


def _demo_articles() -> dict[str, list[dict]]:
    spec = importlib.util.spec_from_file_location("demo_texts", ROOT / "scripts" / "demo_texts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.ARTICLES


ARTICLES = _demo_articles()
LANGUAGES = sorted(ARTICLES)
STAGE = HeuristicQualityStage(QualityConfig(max_top_ngram_char_ratio=GOPHER_TOP_NGRAM_CHAR_RATIO,
                                            max_duplicate_ngram_char_ratio=GOPHER_DUPLICATE_NGRAM_CHAR_RATIO))


def _article(lang: str, index: int = 0) -> str:
    return "\n\n".join(ARTICLES[lang][index]["paragraphs"])


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 6]


def _decide(text: str, lang: str):
    return STAGE.process({"text": text, "language": lang})


DETAIL = re.compile(r"(?P<rule>\w+)=(?P<value>-?[\d.]+)(?P<op>[<>])(?P<limit>-?[\d.]+)")


def _reason(outcome) -> str:
    """The rule a reject names, after checking that its detail holds the measured value and the threshold it
    crossed on the side the rule rejects."""
    if isinstance(outcome, Keep):
        return "keep"
    m = DETAIL.fullmatch(outcome.detail or "")
    assert m and m["rule"] == outcome.reason, outcome
    value, limit = float(m["value"]), float(m["limit"])
    assert value < limit if m["op"] == "<" else value > limit, outcome
    return outcome.reason


def test_demo_has_many_languages():
    assert len(LANGUAGES) >= 8


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_demo_article_is_kept(lang):
    for index in range(len(ARTICLES[lang])):
        assert _decide(_article(lang, index), lang) == Keep(), (lang, index)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_junk_made_from_each_language_is_dropped_with_its_rule(lang):
    text = _article(lang)
    sentence = _sentences(text)[0]
    content = [w for w in words(text) if w not in STOP_WORDS[lang]]
    plain = [w for w in text.split()]
    junk = {
        "duplicate_lines": "\n".join([sentence] * 30),
        "too_few_stop_words": " ".join(content) + ".",
        # one sentence pasted five times into running text: lines stay unique, word 5-grams repeat
        "duplicate_5gram_chars": text.replace("\n\n", " ") + " " + " ".join([sentence] * 5),
        # the article cut into lines with its punctuation stripped (a menu or a keyword dump)
        "fineweb_line_punctuation": "\n".join(
            " ".join(re.sub(r"[^\w\s]", "", w) for w in plain[i:i + 8]) for i in range(0, len(plain), 8)),
        # two words a line, each closed with a full stop: a link list, not prose
        "fineweb_short_lines": "\n".join(" ".join(plain[i:i + 2]).rstrip(".,;:") + "."
                                         for i in range(0, len(plain), 2)),
    }
    for rule, page in junk.items():
        assert _reason(_decide(page, lang)) == rule, (lang, rule, quality_signals(page, lang))


def test_c4_rules_name_themselves():
    prose = _article("en")
    assert _reason(_decide(prose + "\n\nLorem ipsum dolor sit amet, consectetur adipiscing elit.", "en")) == "c4_lorem_ipsum"
    # every line mentions the cookie banner or privacy policy: what C4 would strip line by line
    banner = "\n".join(f"{s} Read our privacy policy." if i % 2 else f"{s} Cookie settings."
                       for i, s in enumerate(_sentences(prose)))
    assert _reason(_decide(banner, "en")) == "c4_policy_lines"
    code = prose + "\n\nfunction f() { return 1; }"
    assert _decide(code, "en") == Keep()  # C4's curly-bracket rule is opt-in
    strict = HeuristicQualityStage(QualityConfig(c4_reject_curly_bracket=True, per_language=False))
    assert _reason(strict.process({"text": code, "language": "en"})) == "c4_curly_bracket"


def test_null_threshold_turns_a_rule_off():
    lang = "de"
    plain = _article(lang).split()
    page = "\n".join(" ".join(plain[i:i + 2]).rstrip(".,;:") + "." for i in range(0, len(plain), 2))
    assert _reason(_decide(page, lang)) == "fineweb_short_lines"
    lenient = HeuristicQualityStage(QualityConfig(fineweb_max_short_line_ratio=None,
                                                  fineweb_max_newline_word_ratio=None))
    assert lenient.process({"text": page, "language": lang}) == Keep()


def test_per_language_thresholds_from_the_bundled_files():
    sections = load_quality_sections(ROOT / "configs" / "languages")
    assert {"en", "de", "fi", "pl", "mt", "ga"} <= set(sections)
    by_language = configs_by_language(QualityConfig())
    assert by_language["fi"].max_mean_word_length > by_language["en"].max_mean_word_length
    # Long compound words: a Finnish page at mean length 11 passes, the same page labelled English does not.
    vocabulary = ["kaupunginvaltuustossa", "kirjastojärjestelmää", "kehittämisohjelmassa", "ympäristöministeriö",
                  "rautatieasemalla", "opiskelijajärjestöt", "terveyskeskuksessa", "ja", "on", "ei"]
    rng = random.Random(7)
    page = " ".join(rng.choice(vocabulary) for _ in range(150)) + "."
    assert quality_signals(page, "fi")["mean_word_length"] > 10
    assert _decide(page, "fi") == Keep()
    assert _reason(_decide(page, "en")) == "mean_word_length"


def test_language_files_are_validated_and_can_be_switched_off(tmp_path):
    (tmp_path / "xx.yaml").write_text("langid:\n  threshold: 0.5\nquality:\n  min_words: 5\n")
    cfg = QualityConfig(languages_dir=str(tmp_path))
    assert configs_by_language(cfg)["xx"].min_words == 5
    stage = HeuristicQualityStage(cfg)
    short = "one two three four five six seven."
    assert stage.process({"text": short, "language": "xx"}) == Keep()
    assert _reason(stage.process({"text": short, "language": "yy"})) == "too_few_words"
    assert configs_by_language(cfg.model_copy(update={"per_language": False})) == {}
    (tmp_path / "xx.yaml").write_text("quality:\n  min_wrods: 5\n")
    with pytest.raises(ConfigError, match="min_wrods"):
        configs_by_language(cfg)
    (tmp_path / "xx.yaml").write_text("quality:\n  enabled: false\n")
    with pytest.raises(ConfigError, match="run setting"):
        configs_by_language(cfg)


def test_ngram_repetition_rules_are_opt_in():
    text = _article("pl").replace("\n\n", " ")
    pasted = text + " " + " ".join([_sentences(text)[0]] * 5)
    assert HeuristicQualityStage(QualityConfig()).process({"text": pasted, "language": "pl"}) == Keep()
    assert _reason(_decide(pasted, "pl")) == "duplicate_5gram_chars"


def test_words_need_no_download_for_any_script():
    assert words("Ελληνικά κείμενα, l'été — Świętokrzyskie; да-да!") == \
        ["ελληνικά", "κείμενα", "l'été", "świętokrzyskie", "да", "да"]
