"""Cheap candidate pre-screen: where in a text could a supported identifier be at all?

One compiled regular expression finds the shapes every supported entity needs (an '@' between word characters,
two colons of an IPv6 address, four dotted numbers, an IBAN head, a codice fiscale, or a run of 7+ digits with
the separators people write); runs that are plainly dates, year ranges or amounts are dropped. Only windows
around the candidates that remain go to Presidio, so text with nothing plausible never reaches the slow path.
"""

from __future__ import annotations

import re

_CANDIDATE = re.compile(
    r"""
      [\w.+-]@[\w-]                                          # e-mail
    | [0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{1,4}     # IPv6
    | \d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}                     # IPv4
    | \b[A-Za-z]{2}\d{2}\ ?[A-Za-z0-9]{4}                    # IBAN head
    | \b[A-Za-z]{6}[0-9LMNPQRSTUV]{2}[A-Za-z]                # codice fiscale head
    | \d{6}[A-FU-Ya-fu-y]\d{3}                               # Finnish HETU (2000s century letters)
    | \d\ ?\d{2}\ ?\d{2}\ ?2[ABab]\ ?\d{3}                   # French NIR born in Corsica
    | [+(]?\d(?:[\ ./()\-]{0,2}\d){6,}                       # 7+ digits: phones, cards, national IDs
    """,
    re.VERBOSE,
)

# Digit runs that are something else, whole: dates, year ranges, amounts with thousands separators.
_NOT_AN_IDENTIFIER = re.compile(
    r"""
      \d{1,2}[./-]\d{1,2}[./-](?:\d{2}|\d{4})                # 12.03.2024, 1/2/24
    | \d{4}[./-]\d{1,2}[./-]\d{1,2}                          # 2024-03-12
    | (?:1[5-9]|20)\d{2}\ ?[-/]\ ?(?:1[5-9]|20)\d{2}         # 1914-1918
    | \d{1,3}(?:\.\d{3}){1,2}(?:,\d+)? | \d{1,3}(?:,\d{3}){1,2}(?:\.\d+)?   # 1.299.000,00 (not 4 dotted: IPv4)
    """,
    re.VERBOSE,
)

CONTEXT_BEFORE = 64  # characters of context kept before a candidate (labels such as "Tel." or "PESEL:")
CONTEXT_AFTER = 32
MAX_WIDEN = 48  # how far a window edge moves outwards to reach whitespace, so no token is cut in two


def candidate_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _CANDIDATE.finditer(text):
        if _NOT_AN_IDENTIFIER.fullmatch(match.group()):
            continue
        spans.append(match.span())
    return spans


def _widen_left(text: str, pos: int) -> int:
    limit = max(0, pos - MAX_WIDEN)
    while pos > limit and not text[pos - 1].isspace():
        pos -= 1
    return pos


def _widen_right(text: str, pos: int) -> int:
    limit = min(len(text), pos + MAX_WIDEN)
    while pos < limit and not text[pos].isspace():
        pos += 1
    return pos


def candidate_windows(text: str) -> list[tuple[int, int]]:
    """Non-overlapping [start, end) windows around every candidate, in text order; [] when there is none."""
    windows: list[list[int]] = []
    for start, end in candidate_spans(text):
        w_start = _widen_left(text, max(0, start - CONTEXT_BEFORE))
        w_end = _widen_right(text, min(len(text), end + CONTEXT_AFTER))
        if windows and w_start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], w_end)
        else:
            windows.append([w_start, w_end])
    return [(s, e) for s, e in windows]
