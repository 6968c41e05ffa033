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
    # a placeholder line in a page goes, the page stays; a page of placeholder text is rejected
    doc = {"text": prose + "\n\nLorem ipsum dolor sit amet, consectetur adipiscing elit.", "language": "en"}
    assert STAGE.process(doc) == Keep(flag="lines_removed_c4_lorem_ipsum") and doc["text"].strip() == prose
    placeholder = "\n".join(f"Lorem ipsum dolor sit amet {i}, consectetur adipiscing elit, sed do eiusmod tempor "
                            "incididunt ut labore et dolore magna aliqua." for i in range(8))
    plain = HeuristicQualityStage(QualityConfig())  # without the n-gram rules, which the repeated words trip first
    assert _reason(plain.process({"text": prose.split("\n\n")[0] + "\n" + placeholder, "language": "en"})) == \
        "c4_lorem_ipsum"
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


def _long_article(lang: str = "en") -> str:
    return "\n".join(p for index in range(len(ARTICLES[lang])) for p in ARTICLES[lang][index]["paragraphs"])


def test_a_policy_paragraph_in_a_long_page_is_removed_not_the_page():
    prose = _long_article("en")
    banner = "\n".join(["We use cookies to improve this site.", "Read our privacy policy.", "Cookie settings",
                        "Accept all cookies", "Terms of use and privacy policy"])
    page = prose + "\n" + banner
    doc = {"text": page, "language": "en",
           "language_paragraphs": [{"start": 0, "end": len(prose), "lang": "en", "score": 0.9},
                                   {"start": len(prose) + 1, "end": len(page), "lang": "en", "score": 0.9}]}
    strict = HeuristicQualityStage(QualityConfig(c4_max_policy_line_ratio=0.05))
    outcome = strict.process(doc)
    assert outcome == Keep(flag="lines_removed_c4_policy_lines")
    assert "cookie" not in doc["text"].lower() and doc["text"].startswith(prose)
    note = doc["annotations"][0]
    assert note["stage"] == "quality" and note["key"] == "lines_removed"
    assert note["value"].startswith("c4_policy_lines=") and "5 of" in note["value"]
    # the paragraph spans follow the text: the first is unchanged, the banner's is gone
    assert doc["language_paragraphs"] == [{"start": 0, "end": len(prose), "lang": "en", "score": 0.9}]
    # with line removal off the same page is rejected, with its value
    off = HeuristicQualityStage(QualityConfig(c4_max_policy_line_ratio=0.05, trim_lines=False))
    assert _reason(off.process({"text": page, "language": "en"})) == "c4_policy_lines"


def test_a_page_that_is_mostly_what_the_rule_fires_on_is_still_rejected():
    prose = _sentences(_article("en"))[:3]
    listing = [f"Read more about the item number {i} in our catalogue of old things…" for i in range(40)]
    page = "\n".join(prose + listing)
    outcome = _decide(page, "en")
    assert _reason(outcome) == "ellipsis_lines"


def test_a_results_table_does_not_make_a_page_fail_non_alpha_words():
    prose = _article("en")
    table = "\n".join(["| Model | Score | Time (s) | Size |", "|---|---|---|---|"]
                      + [f"| A{i} | {i * 1.5:.1f} | {i * 12} | {i * 300} |" for i in range(40)])
    page = prose + "\n" + table + "\n" + _article("en", 1)
    assert _decide(page, "en") == Keep()
    # measured as prose, the same table makes the page fail, the published rule and this one
    tokens = page.split()
    assert sum(any(c.isalpha() for c in t) for t in tokens) / len(tokens) < 0.8
    assert quality_signals(page, "en", exclude_tables=False)["alpha_word_ratio"] < 0.8
    assert quality_signals(page, "en")["table_line_ratio"] > 0.3


def test_figures_in_prose_count_as_words_but_a_page_of_figures_does_not_pass():
    prose = _sentences(_article("en"))
    results = "\n".join(f"{s} Final score {i}-{i + 2}, {i * 7} points, {1990 + i}." for i, s in enumerate(prose))
    assert _decide(results, "en") == Keep()
    figures = "\n".join(" ".join(f"{n * k * 1234.5:.2f}" for k in range(1, 9)) + " units" for n in range(1, 30))
    assert _reason(_decide(figures, "en")) == "non_alpha_words"


def test_a_line_rule_needs_enough_lines():
    sentences = _sentences(_article("en"))
    short_page = "\n".join([" ".join(sentences[:4]), " ".join(sentences[4:8]) + "…"])
    assert quality_signals(short_page, "en")["ellipsis_line_ratio"] == 0.5
    assert _decide(short_page, "en") == Keep()
    one_line = HeuristicQualityStage(QualityConfig(line_rules_min_lines=1, trim_lines=False))
    assert _reason(one_line.process({"text": short_page, "language": "en"})) == "ellipsis_lines"


def test_repeated_short_lines_are_removed_and_keyword_spam_still_rejected():
    sentences = _sentences(_article("en"))
    interview = "\n".join(line for s in sentences for line in ("Anne:", s))
    doc = {"text": interview, "language": "en"}
    assert STAGE.process(doc) == Keep(flag="lines_removed_duplicate_lines")
    assert doc["text"].count("Anne:") == 1
    spam = "\n".join(["Buy cheap flights here and pay less today"] * 40)
    assert _reason(_decide(spam, "en")) == "duplicate_lines"


def test_report_section_counts_rules_per_language_with_value_distribution():
    import pyarrow as pa

    from eurocurate.pipeline.report_quality import quality_rules

    rejected = pa.table({
        "stage": ["quality", "quality", "quality", "extract"],
        "reason": ["ellipsis_lines", "ellipsis_lines", "too_few_words", "too_short"],
        "language": ["de", "de", "en", None],
        "detail": ["ellipsis_lines=0.4>0.3", "ellipsis_lines=0.6>0.3", "too_few_words=12<50", "120 chars"]})
    kept = pa.table({"language": ["de", "en"], "annotations": [
        [{"stage": "quality", "key": "lines_removed", "value": "c4_policy_lines=0.4>0.3; c4_policy_lines: 3"}], None]})
    section = quality_rules(rejected, [kept])
    ellipsis = section["removed"]["ellipsis_lines"]["de"]
    assert ellipsis["documents"] == 2 and ellipsis["op"] == ">" and ellipsis["threshold"] == 0.3
    assert ellipsis["values"]["min"] == 0.4 and ellipsis["values"]["max"] == 0.6
    assert ellipsis["values"]["median"] == 0.5 and sum(ellipsis["values"]["histogram"]["counts"]) == 2
    assert section["removed"]["too_few_words"]["en"]["documents"] == 1
    assert "too_short" not in section["removed"]
    assert section["lines_removed"] == {"c4_policy_lines": {"de": 1}}


def test_prose_about_data_protection_is_not_a_policy_banner():
    paragraphs = ARTICLES["de"][0]["paragraphs"]
    post = "\n".join(f"Zum Datenschutz: {p}" for p in paragraphs if len(p.split()) > 30)
    assert post.count("Datenschutz") >= 3
    doc = {"text": post, "language": "de"}
    assert STAGE.process(doc) == Keep() and doc["text"] == post
    assert quality_signals(post, "de")["policy_lines"] == 0


def test_alpha_word_ratio_counts_as_its_definition_says():
    """Words with a letter, plus numbers up to as many as those: the one-pass count (with its fast paths for
    all-letter and all-digit tokens) against the definition written out, on random tokens of letters, digits of
    several scripts, number punctuation and symbols."""
    from eurocurate.filters.quality.stage import NUMBER_PUNCTUATION, alpha_word_ratio

    def by_definition(tokens):
        alpha = sum(any(c.isalpha() for c in t) for t in tokens)
        numbers = sum(any(c.isdigit() for c in t) and all(c.isdigit() or c in NUMBER_PUNCTUATION for c in t)
                      for t in tokens)
        return (alpha + min(numbers, alpha)) / max(len(tokens), 1)

    rng = random.Random(7)
    alphabet = "aZéßЖ12٣²½Ⅻ.,:-–()/%+'’#_*…"
    for _ in range(3000):
        tokens = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 6))) for _ in range(rng.randint(0, 12))]
        assert alpha_word_ratio(tokens) == by_definition(tokens), tokens
    assert alpha_word_ratio(["Results", "25", "70-44", "1,951.10", "—"]) == 2 / 5
