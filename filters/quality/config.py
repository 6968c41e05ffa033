"""Settings of the heuristic quality stage."""

from __future__ import annotations

from pydantic import Field

from eurocurate.core.config import Strict


class QualityConfig(Strict):
    """Heuristic quality thresholds; a null threshold turns its rule off. Defaults follow Gopher, C4 and FineWeb."""

    enabled: bool = True
    per_language: bool = Field(
        True, description="apply the `quality:` section of <languages_dir>/<code>.yaml over these values"
    )
    languages_dir: str | None = Field(None, description="folder of <code>.yaml files; null: the bundled one")
    # Gopher quality
    min_words: int = Field(50, ge=0)
    max_words: int = Field(200_000, gt=0)
    min_mean_word_length: float = 3.0
    max_mean_word_length: float = 10.0
    max_symbol_word_ratio: float = 0.1
    max_bullet_line_ratio: float = 0.9
    max_ellipsis_line_ratio: float = 0.3
    min_alpha_word_ratio: float = 0.8
    min_stop_words: int = Field(2, ge=0)
    # Gopher repetition
    max_duplicate_line_ratio: float = 0.3
    max_duplicate_line_char_ratio: float = 0.2
    max_duplicate_paragraph_ratio: float | None = 0.3
    max_duplicate_paragraph_char_ratio: float | None = 0.2
    max_top_ngram_char_ratio: dict[int, float] = Field(
        {}, description="word n-gram size -> share of characters its most frequent n-gram may cover; "
        "empty: off. Gopher: {2: 0.20, 3: 0.18, 4: 0.16}"
    )
    max_duplicate_ngram_char_ratio: dict[int, float] = Field(
        {}, description="word n-gram size -> share of characters that may lie in repeated n-grams; empty: off. "
        "Gopher: {5: 0.15, 6: 0.14, 7: 0.13, 8: 0.12, 9: 0.11, 10: 0.10}",
    )
    # C4 (as document rules: the share of lines C4 would drop)
    c4_reject_lorem_ipsum: bool = True
    c4_reject_curly_bracket: bool = Field(False, description="C4 drops every page with '{' (code, templates)")
    c4_max_javascript_line_ratio: float | None = 0.2
    c4_max_policy_line_ratio: float | None = 0.3
    c4_min_sentences: int | None = Field(None, ge=0)
    # FineWeb
    fineweb_min_punct_line_ratio: float | None = 0.12
    fineweb_max_short_line_ratio: float | None = 0.67
    short_line_chars: int = Field(30, ge=1)
    fineweb_max_duplicate_line_char_ratio: float | None = Field(
        None, description="FineWeb uses 0.01; off by default since Gopher's duplicate_line_chars covers it"
    )
    fineweb_max_newline_word_ratio: float | None = 0.3
    line_rules_min_lines: int = Field(
        3, ge=1, description="a line rule (bullets, ellipses, javascript, policy, punctuation, short lines) fires only "
        "when at least this many lines count against the page: on a page of a few lines one line is not evidence",
    )
    # Line-level action of the line rules
    trim_lines: bool = Field(
        True, description="a line rule (bullet, ellipsis, non-alphabetic, javascript, policy, punctuation, short "
        "lines) that fires removes its lines instead of the page when what is left passes every rule, keeps "
        "trim_min_words words and trim_min_kept_share of the page's words; false: such a page is rejected",
    )
    trim_min_words: int = Field(50, ge=0, description="words (and at least min_words) a trimmed page must keep")
    trim_min_kept_share: float = Field(0.5, ge=0.0, le=1.0,
                                       description="share of the page's words a trimmed page must keep")
