"""Per-paragraph language labels and each language's share of a document, for mixed-language pages.

Paragraphs are the text's lines (trafilatura writes one paragraph per line); lines too short to identify are
joined to the next. Shares are by characters.
"""

from __future__ import annotations

from collections.abc import Callable

MIN_PARAGRAPH_CHARS = 40  # below this a label is a guess; short lines (headings, captions) join the next one
MAX_PARAGRAPHS = 256  # a page of thousands of lines is labelled in at most this many blocks

Identify = Callable[[str], list[tuple[str, float]]]


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of blocks of whole lines, each at least the minimum length if possible."""
    min_chars = max(MIN_PARAGRAPH_CHARS, len(text) // MAX_PARAGRAPHS)
    spans: list[tuple[int, int]] = []
    block_start: int | None = None
    offset = 0
    for line in text.splitlines(keepends=True):
        start, end = offset, offset + len(line)
        offset = end
        if not line.strip():
            continue
        if block_start is None:
            block_start = start
        if len(text[block_start:end].strip()) >= min_chars:
            spans.append((block_start, end))
            block_start = None
    if block_start is not None:
        if spans:
            spans[-1] = (spans[-1][0], offset)  # a short tail joins the block before it
        else:
            spans.append((block_start, offset))
    return spans


def label_paragraphs(text: str, spans: list[tuple[int, int]], identify: Identify) -> tuple[list[dict], list[dict]]:
    """(paragraphs: [{start, end, lang, score}], shares: [{lang, share}] largest first)."""
    paragraphs = []
    chars: dict[str, int] = {}
    for start, end in spans:
        lang, score = identify(text[start:end])[0]
        paragraphs.append({"start": start, "end": end, "lang": lang, "score": round(score, 4)})
        chars[lang] = chars.get(lang, 0) + (end - start)
    return paragraphs, shares_of(chars)


def shares_of(chars: dict[str, int]) -> list[dict]:
    total = sum(chars.values())
    if not total:
        return []
    ranked = sorted(chars.items(), key=lambda item: (-item[1], item[0]))
    return [{"lang": lang, "share": round(count / total, 4)} for lang, count in ranked]
