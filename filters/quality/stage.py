"""Heuristic quality rules that need no model: Gopher quality and repetition, C4-style and FineWeb-style line
rules, with per-language thresholds from the `quality:` section of configs/languages/<code>.yaml.

Words come from filters/quality/text.py (offline for every EU language: no nltk, no downloads).
Each rejection names the rule that fired and records in `detail` the measured value and the threshold it crossed
(`ellipsis_lines=0.312>0.3`); a threshold set to null turns its rule off.

Tables (trafilatura writes their rows as `| cell | cell |` lines when `extract.include_tables` is on) are content,
not prose: every signal but the word count is measured on the other lines, so a results table does not make a
page fail `non_alpha_words` or a line rule.

Line rules act on lines: when a line rule (bullets, ellipses, non-alphabetic lines, javascript, policy phrases,
lorem ipsum placeholders, line punctuation, short lines, and repeated lines for the repetition rules) fires on a long page, its lines are removed and the rest is measured again; the
page is kept, without them, when the rest passes every rule and keeps most of its words (`trim_*` settings). The
document records what was removed (counts, in its `annotations`) and the stage counts it as flagged
`lines_removed_<rule>`; a page the removal does not save is rejected with the first rule and its value.
"""

from __future__ import annotations

from eurocurate.filters.quality.config import QualityConfig
from eurocurate.filters.quality.repetition import duplicate_ngram_char_share, duplicate_share, top_ngram_char_share
from eurocurate.filters.quality.stopwords import STOP_WORDS
from eurocurate.filters.quality.text import TERMINAL_PUNCTUATION, WORD, lines, paragraphs, sentence_count, words
from eurocurate.filters.quality.thresholds import configs_by_language

from eurocurate.core.stage import Keep, Reject, annotate

BULLETS = ("•", "-", "*", "·", "–", "—", "▪", "►", "‣")
ELLIPSES = ("...", "…")
PUNCTUATION = "\"'“”„‘’«»()[]{}.,;:!?¡¿"
# C4 drops lines naming site policies; a page made mostly of such lines is a cookie/legal banner, in any language.
# Gopher's word n-gram repetition thresholds (Rae et al. 2021); opt-in through QualityConfig or a language file.
GOPHER_TOP_NGRAM_CHAR_RATIO = {2: 0.20, 3: 0.18, 4: 0.16}
GOPHER_DUPLICATE_NGRAM_CHAR_RATIO = {5: 0.15, 6: 0.14, 7: 0.13, 8: 0.12, 9: 0.11, 10: 0.10}
POLICY_PHRASES = ("cookie", "privacy policy", "terms of use", "datenschutz", "nutzungsbedingungen",
                  "confidentialité", "privacidad", "privacidade", "polityka prywatności", "integritetspolicy",
                  "informativa sulla privacy", "ochrany osobních údajů", "privacybeleid")


TABLE_LINE_START = "|"
NUMBER_PUNCTUATION = frozenset(".,:;()-–/%+'’")
BOILERPLATE_LINE_WORDS = 30  # cookie banners and "enable JavaScript" notices are one short line each
MAX_TRIM_ROUNDS = 4


def is_table_line(line: str) -> bool:
    """A table row as trafilatura writes it: `| cell | cell |` (the line is already stripped)."""
    return line.startswith(TABLE_LINE_START) and line.count("|") >= 2


def prose_of(text: str) -> str:
    """`text` without its table rows; a text that is all table (a page laid out with a table) as the text of its
    cells, one line per non-empty cell."""
    if "|" not in text:
        return text
    kept = [line for line in text.splitlines(keepends=True) if not is_table_line(line.strip())]
    if any(line.strip() for line in kept):
        return "".join(kept)
    cells = (cell.strip() for line in text.splitlines() for cell in line.split("|"))
    return "\n".join(cell for cell in cells if cell and set(cell) != {"-"})


def _is_number(token: str) -> bool:
    return token.isdigit() or (any(map(str.isdigit, token))
                               and all(c.isdigit() or c in NUMBER_PUNCTUATION for c in token))


def alpha_word_ratio(tokens: list[str]) -> float:
    """Gopher's share of words with a letter, where numbers ("25", "70-44", "1,951.10") count as words too, up to
    as many as the words with a letter: a results list or a dated programme is prose with figures; a page of
    figures alone is still not prose."""
    alpha = numbers = 0
    for token in tokens:  # one pass: a token with a letter is never a number (no character is both)
        if token.isalpha() or any(map(str.isalpha, token)):
            alpha += 1
        elif _is_number(token):
            numbers += 1
    return (alpha + min(numbers, alpha)) / max(len(tokens), 1)


def _policy_line(lowered: str) -> bool:
    """A site-policy line (cookie banner, privacy or terms link): a policy phrase on a short line; a paragraph of
    prose about data protection that names it is not a banner."""
    return any(p in lowered for p in POLICY_PHRASES) and len(lowered.split()) <= BOILERPLATE_LINE_WORDS


def _javascript_line(lowered: str) -> bool:
    """C4's "enable JavaScript" notices: 'javascript' on a short line (a tutorial's paragraphs name it too)."""
    return "javascript" in lowered and len(lowered.split()) <= BOILERPLATE_LINE_WORDS


def quality_signals(text: str, language: str | None, cfg: QualityConfig | None = None,
                    exclude_tables: bool = True) -> dict[str, float]:
    """The measured values the rules compare with their thresholds; `exclude_tables=False` measures table rows as
    prose (the rules as whole-page rules were applied before; benchmarks/quality_rejects.py compares the two)."""
    cfg = cfg or QualityConfig()
    n = len(text.split())
    all_lines = lines(text) if exclude_tables and "|" in text else None
    if exclude_tables:
        text = prose_of(text)  # every signal but the word count is measured without table rows
    tokens = text.split()
    n_prose = len(tokens)
    stripped = [t.strip(PUNCTUATION) for t in tokens]
    gopher_words = [w for w in stripped if w]
    text_lines = lines(text)
    paras = paragraphs(text)
    # the n-gram rules read the words themselves (lower-cased); every other signal only counts them
    word_units = words(text) if cfg.max_top_ngram_char_ratio or cfg.max_duplicate_ngram_char_ratio \
        else WORD.findall(text)
    dup_line_ratio, dup_char_ratio = duplicate_share(text_lines)
    dup_para_ratio, dup_para_char_ratio = duplicate_share(paras)
    stop_words = STOP_WORDS.get(language or "", None)
    line_count = max(len(text_lines), 1)
    lowered_lines = [line.lower() for line in text_lines]
    signals = {
        "words": n,
        "mean_word_length": sum(len(w) for w in gopher_words) / len(gopher_words) if gopher_words else 0.0,
        "symbol_word_ratio": (text.count("#") + sum(text.count(e) for e in ELLIPSES)) / max(n_prose, 1),
        "bullet_line_ratio": sum(line.startswith(BULLETS) for line in text_lines) / line_count,
        "ellipsis_line_ratio": sum(line.endswith(ELLIPSES) for line in text_lines) / line_count,
        "alpha_word_ratio": alpha_word_ratio(tokens),
        "duplicate_line_ratio": dup_line_ratio,
        "duplicate_line_char_ratio": dup_char_ratio,
        "duplicate_paragraph_ratio": dup_para_ratio,
        "duplicate_paragraph_char_ratio": dup_para_char_ratio,
        "stop_words": -1 if stop_words is None else sum(w.lower() in stop_words for w in gopher_words),
        "lorem_ipsum": float(text.lower().count("lorem ipsum")),
        "curly_bracket": float(text.count("{")),
        "javascript_line_ratio": sum(map(_javascript_line, lowered_lines)) / line_count,
        "policy_line_ratio": sum(map(_policy_line, lowered_lines)) / line_count,
        "sentences": sentence_count(text),
        "terminal_punct_line_ratio": sum(line.endswith(TERMINAL_PUNCTUATION) for line in text_lines) / line_count,
        "short_line_ratio": sum(len(line) <= cfg.short_line_chars for line in text_lines) / line_count,
        # line breaks between lines with text: blank and whitespace-only lines (extraction layout) carry nothing
        "newline_word_ratio": max(len(text_lines) - 1, 0) / max(len(word_units), 1),
        "table_line_ratio": (1 - len(text_lines) / len(all_lines)) if all_lines else 0.0,
        # how many lines each line rule would count against the page (a rule needs line_rules_min_lines of them)
        "bullet_lines": sum(line.startswith(BULLETS) for line in text_lines),
        "ellipsis_lines": sum(line.endswith(ELLIPSES) for line in text_lines),
        "javascript_lines": sum(map(_javascript_line, lowered_lines)),
        "policy_lines": sum(map(_policy_line, lowered_lines)),
        "unpunctuated_lines": sum(not line.endswith(TERMINAL_PUNCTUATION) for line in text_lines),
        "short_lines": sum(len(line) <= cfg.short_line_chars for line in text_lines),
    }
    for size in cfg.max_top_ngram_char_ratio:
        signals[f"top_{size}gram_char_ratio"] = top_ngram_char_share(word_units, size)
    for size in cfg.max_duplicate_ngram_char_ratio:
        signals[f"duplicate_{size}gram_char_ratio"] = duplicate_ngram_char_share(word_units, size)
    return signals


def quality_score(signals: dict[str, float], cfg: QualityConfig) -> float:
    """A 0..1 score used to pick which copy of a duplicate cluster to keep: prose-like, unrepeated, long enough."""
    length_factor = min(1.0, signals["words"] / max(4 * cfg.min_words, 1))
    return round(signals["alpha_word_ratio"] * (1.0 - signals["duplicate_line_char_ratio"]) * length_factor, 4)


def _checks(s: dict[str, float], cfg: QualityConfig):
    """(rule, measured value, '<' or '>', threshold) in the order rules are reported, for every rule that is on;
    the rule fails when the value lies on that side of the threshold. The cheap, long-standing Gopher rules first."""
    yield "too_few_words", s["words"], "<", cfg.min_words
    yield "too_many_words", s["words"], ">", cfg.max_words
    yield "mean_word_length", s["mean_word_length"], "<", cfg.min_mean_word_length
    yield "mean_word_length", s["mean_word_length"], ">", cfg.max_mean_word_length
    yield "symbol_word_ratio", s["symbol_word_ratio"], ">", cfg.max_symbol_word_ratio
    enough = cfg.line_rules_min_lines
    if s["bullet_lines"] >= enough:
        yield "bullet_lines", s["bullet_line_ratio"], ">", cfg.max_bullet_line_ratio
    if s["ellipsis_lines"] >= enough:
        yield "ellipsis_lines", s["ellipsis_line_ratio"], ">", cfg.max_ellipsis_line_ratio
    yield "non_alpha_words", s["alpha_word_ratio"], "<", cfg.min_alpha_word_ratio
    yield "duplicate_lines", s["duplicate_line_ratio"], ">", cfg.max_duplicate_line_ratio
    yield "duplicate_line_chars", s["duplicate_line_char_ratio"], ">", cfg.max_duplicate_line_char_ratio
    if s["stop_words"] >= 0:
        yield "too_few_stop_words", s["stop_words"], "<", cfg.min_stop_words
    yield "duplicate_paragraphs", s["duplicate_paragraph_ratio"], ">", cfg.max_duplicate_paragraph_ratio
    yield "duplicate_paragraph_chars", s["duplicate_paragraph_char_ratio"], ">", \
        cfg.max_duplicate_paragraph_char_ratio
    for size, limit in sorted(cfg.max_top_ngram_char_ratio.items()):
        yield f"top_{size}gram_chars", s[f"top_{size}gram_char_ratio"], ">", limit
    for size, limit in sorted(cfg.max_duplicate_ngram_char_ratio.items()):
        yield f"duplicate_{size}gram_chars", s[f"duplicate_{size}gram_char_ratio"], ">", limit
    if cfg.c4_reject_lorem_ipsum:
        yield "c4_lorem_ipsum", s["lorem_ipsum"], ">", 0
    if cfg.c4_reject_curly_bracket:
        yield "c4_curly_bracket", s["curly_bracket"], ">", 0
    if s["javascript_lines"] >= enough:
        yield "c4_javascript_lines", s["javascript_line_ratio"], ">", cfg.c4_max_javascript_line_ratio
    if s["policy_lines"] >= enough:
        yield "c4_policy_lines", s["policy_line_ratio"], ">", cfg.c4_max_policy_line_ratio
    yield "c4_too_few_sentences", s["sentences"], "<", cfg.c4_min_sentences
    if s["unpunctuated_lines"] >= enough:
        yield "fineweb_line_punctuation", s["terminal_punct_line_ratio"], "<", cfg.fineweb_min_punct_line_ratio
    if s["short_lines"] >= enough:
        yield "fineweb_short_lines", s["short_line_ratio"], ">", cfg.fineweb_max_short_line_ratio
    yield "fineweb_duplicate_line_chars", s["duplicate_line_char_ratio"], ">", \
        cfg.fineweb_max_duplicate_line_char_ratio
    yield "fineweb_newlines", s["newline_word_ratio"], ">", cfg.fineweb_max_newline_word_ratio


def _fails(value: float, op: str, limit: float | None) -> bool:
    if limit is None:
        return False
    return value < limit if op == "<" else value > limit


def _number(x: float, digits: int) -> str:
    if float(x).is_integer():
        return str(int(x))
    return f"{x:.{digits}f}"


def format_detail(rule: str, value: float, op: str, limit: float) -> str:
    """`rule=value>limit` (or `<`), the value with as many decimals as it takes to differ from the limit."""
    shown_limit = _number(limit, 3).rstrip("0").rstrip(".") if not float(limit).is_integer() else _number(limit, 0)
    for digits in range(3, 8):
        shown = _number(value, digits)
        if shown != shown_limit:
            break
    return f"{rule}={shown}{op}{shown_limit}"


def parse_detail(detail: str) -> tuple[str, float, str, float] | None:
    """(rule, value, op, limit) from a quality reject's detail; None when it is not of that form."""
    rule, sep, rest = (detail or "").partition("=")
    for op in ("<", ">"):
        value, found, limit = rest.partition(op)
        if sep and found:
            try:
                return rule, float(value), op, float(limit)
            except ValueError:
                return None
    return None


def failed_rule(s: dict[str, float], cfg: QualityConfig) -> tuple[str, str] | None:
    """(rule, detail) of the first rule the signals fail, or None."""
    for rule, value, op, limit in _checks(s, cfg):
        if _fails(value, op, limit):
            return rule, format_detail(rule, value, op, limit)
    return None


def first_failed_rule(s: dict[str, float], cfg: QualityConfig) -> str | None:
    failed = failed_rule(s, cfg)
    return failed[0] if failed else None


def _line_alpha_poor(line: str, cfg: QualityConfig) -> bool:
    tokens = line.split()
    return sum(any(c.isalpha() for c in t) for t in tokens) < cfg.min_alpha_word_ratio * len(tokens)


def _line_symbol_heavy(line: str, cfg: QualityConfig) -> bool:
    symbols = line.count("#") + sum(line.count(e) for e in ELLIPSES)
    return symbols > cfg.max_symbol_word_ratio * max(len(line.split()), 1)


# The line rules: what a line that makes each of them fire looks like (on a stripped line that is not a table row).
LINE_RULES = {
    "symbol_word_ratio": _line_symbol_heavy,
    "bullet_lines": lambda line, cfg: line.startswith(BULLETS),
    "ellipsis_lines": lambda line, cfg: line.endswith(ELLIPSES),
    "non_alpha_words": _line_alpha_poor,
    "c4_javascript_lines": lambda line, cfg: _javascript_line(line.lower()),
    "c4_policy_lines": lambda line, cfg: _policy_line(line.lower()),
    "fineweb_line_punctuation": lambda line, cfg: not line.endswith(TERMINAL_PUNCTUATION),
    "fineweb_short_lines": lambda line, cfg: len(line) <= cfg.short_line_chars,
    "fineweb_newlines": lambda line, cfg: len(line) <= cfg.short_line_chars,
    "c4_lorem_ipsum": lambda line, cfg: "lorem ipsum" in line.lower(),
}
# The repetition rules act on lines too: a line that repeats an earlier one goes, its first occurrence stays.
REPEATED = object()
for _rule in ("duplicate_lines", "duplicate_line_chars", "duplicate_paragraphs", "duplicate_paragraph_chars",
              "fineweb_duplicate_line_chars"):
    LINE_RULES[_rule] = REPEATED


def trim_lines(text: str, language: str | None, cfg: QualityConfig, rule: str):
    """Remove the lines that make line rules fire, starting with `rule`, until the rest passes every rule.

    Returns (kept text, [(start, end) of removed character ranges], {rule: lines removed}, signals of the kept text)
    or None when the page is not saved that way: a rule fires that is not a line rule, nothing is left to remove,
    or the rest is too short (trim_min_words, min_words) or keeps too little of the page (trim_min_kept_share)."""
    raw = text.splitlines(keepends=True)
    total_words = max(len(text.split()), 1)
    dropped: set[int] = set()
    removed: dict[str, int] = {}
    for _ in range(MAX_TRIM_ROUNDS):
        predicate = LINE_RULES.get(rule)
        if predicate is None:
            return None
        if predicate is REPEATED:
            seen: set[str] = set()
            new = set()
            for i, line in enumerate(raw):
                if i not in dropped and (stripped := line.strip()):
                    if stripped in seen:
                        new.add(i)
                    seen.add(stripped)
        else:
            new = {i for i, line in enumerate(raw) if i not in dropped and (stripped := line.strip())
                   and not is_table_line(stripped) and predicate(stripped, cfg)}
        if not new:
            return None
        dropped |= new
        removed[rule] = removed.get(rule, 0) + len(new)
        kept = "".join(line for i, line in enumerate(raw) if i not in dropped)
        kept_words = len(kept.split())
        if kept_words < max(cfg.trim_min_words, cfg.min_words) or kept_words < cfg.trim_min_kept_share * total_words:
            return None
        signals = quality_signals(kept, language, cfg)
        failed = failed_rule(signals, cfg)
        if failed is None:
            spans, pos = [], 0
            for i, line in enumerate(raw):
                if i in dropped:
                    spans.append((pos, pos + len(line)))
                pos += len(line)
            return kept, spans, removed, signals
        rule = failed[0]
    return None


def _shift(pos: int, removed: list[tuple[int, int]]) -> int:
    return pos - sum(min(pos, end) - start for start, end in removed if start < pos)


def shift_spans(spans: list[dict] | None, removed: list[tuple[int, int]]) -> list[dict] | None:
    """Character spans (language_paragraphs) moved onto the text with the `removed` ranges cut out; spans that
    lie wholly in removed text are dropped."""
    if not spans:
        return spans
    moved = []
    for span in spans:
        start, end = _shift(span["start"], removed), _shift(span["end"], removed)
        if end > start:
            moved.append({**span, "start": start, "end": end})
    return moved


class HeuristicQualityStage:
    name = "quality"

    def __init__(self, cfg: QualityConfig):
        self.cfg = cfg
        self.by_language = configs_by_language(cfg)

    def config_for(self, language: str | None) -> QualityConfig:
        return self.by_language.get(language or "", self.cfg)

    def process(self, doc: dict) -> Keep | Reject:
        language = doc.get("language")
        cfg = self.config_for(language)
        signals = quality_signals(doc["text"], language, cfg)
        doc["word_count"] = int(signals["words"])
        doc["quality_score"] = quality_score(signals, cfg)
        if not cfg.enabled:
            return Keep()
        failed = failed_rule(signals, cfg)
        if failed is None:
            return Keep()
        rule, detail = failed
        trimmed = trim_lines(doc["text"], language, cfg, rule) if cfg.trim_lines and rule in LINE_RULES else None
        if trimmed is None:
            return Reject(rule, detail)
        text, spans, removed, kept_signals = trimmed
        before_lines, before_words = len(doc["text"].splitlines()), signals["words"]
        doc["text"] = text
        doc["word_count"] = int(kept_signals["words"])
        doc["quality_score"] = quality_score(kept_signals, cfg)
        if doc.get("language_paragraphs"):
            doc["language_paragraphs"] = shift_spans(doc["language_paragraphs"], spans)
        annotate(doc, "quality", "lines_removed",
                 f"{detail}; " + ", ".join(f"{r}: {n}" for r, n in removed.items())
                 + f" of {before_lines} lines; {int(before_words) - doc['word_count']} of {int(before_words)} words")
        return Keep(flag=f"lines_removed_{rule}")
