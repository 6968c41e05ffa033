"""Offline text units for the quality rules: words, lines, paragraphs, sentences.

Words are runs of Unicode word characters (apostrophes inside a word kept), which works for every EU language
without a model or a download; datatrove's English tokenizer would fetch nltk data on first use.
"""

from __future__ import annotations

import re

WORD = re.compile(r"\w+(?:['’]\w+)*")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
SENTENCE_END = re.compile(r"[.!?…;]+(?:\s|$)")
# Line ends that mark running prose; ';' is the Greek question mark.
TERMINAL_PUNCTUATION = (".", "!", "?", "…", '"', "'", "”", "’", "»", "«", ";", ")")


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in PARAGRAPH_BREAK.split(text) if p.strip()]


def sentence_count(text: str) -> int:
    return len(SENTENCE_END.findall(text.strip() + " "))
