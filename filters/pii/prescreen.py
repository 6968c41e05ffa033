"""Cheap candidate pre-screen: where in a text could a supported identifier be at all?

Regular expressions that the regex engine can run fast (each starts at a digit, or runs only when the text has an
'@' or a ':') find the shapes every supported entity needs: an e-mail's '@', an IPv6 address's colons, four
dotted numbers, an IBAN head, a codice fiscale, or a run of 7+ digits with the separators people write; runs
that are plainly dates, times, year ranges or amounts are dropped. Only windows
around the candidates that remain go to Presidio, so text with nothing plausible never reaches the slow path.
"""

from __future__ import annotations

import re

# Every alternative starts at a digit, so the regex engine can skip everything else quickly.
_DIGIT_CANDIDATE = re.compile(
    r"""
    \d(?:
        (?<=\b[A-Za-z]{2}\d)\d\ ?[A-Za-z0-9]{4}              # IBAN head: DE89 3704, gb42nawi
      | (?<=[A-Za-z]{6}\d)\d[A-Za-z]\d                       # codice fiscale: RSSMRA85T10...
      | \d{0,2}\.\d{1,3}\.\d{1,3}\.\d{1,3}                   # IPv4
      | \d{5}[A-FU-Ya-fu-y]\d{3}                             # Finnish HETU (2000s century letters)
      | \ ?\d{2}\ ?\d{2}\ ?2[ABab]\ ?\d{3}                   # French NIR born in Corsica
      | (?:[\ ./()\-]{0,2}\d){6,}                            # 7+ digits: phones, cards, national IDs
    )
    """,
    re.VERBOSE,
)
_EMAIL_CANDIDATE = re.compile(r"[\w.+-]@[\w-]+\.\w")  # the shape; searched as _EMAIL_FROM_AT (_email_spans)
# The same shape searched from its '@', which the regex engine finds fast (a search for the shape itself starts a
# match at every word character).
_EMAIL_FROM_AT = re.compile(r"@(?<=[\w.+-]@)[\w-]+\.\w")
# IPv6 shapes (h:h:h:h or ::h, each h up to 4 hex digits, the first three possibly empty) are searched from their
# first colon, which the regex engine finds fast; a shape starting with hex letters would be tried at every a-f.
_IPV6_FROM_COLON = re.compile(r":(?:(?P<groups>[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{1,4})|:[0-9A-Fa-f]{1,4})")
_HEX = frozenset("0123456789abcdefABCDEF")
IPV6_GROUP_HEX = 4

# Digit runs that are something else, whole: dates, times, year ranges, amounts with thousands separators.
_NOT_AN_IDENTIFIER = re.compile(
    r"""
      \d{1,2}[./-]\ ?\d{1,2}[./-]\ ?(?:\d{2}|\d{4})          # 12.03.2024, 1/2/24, 17. 2. 2007
    | \d{4}[./-]\d{1,2}[./-]\d{1,2}                          # 2024-03-12
    | \d{1,2}:\d{2}:\d{2}                                    # 13:22:21
    | \(?(?:1[5-9]|20)\d{2}\ ?[-/]\ ?(?:1[5-9]|20)\d{2}\)?   # (1914-1918)
    | \d{1,3}(?:\.\d{3}){1,2}(?:,\d+)? | \d{1,3}(?:,\d{3}){1,2}(?:\.\d+)?   # 1.299.000,00 (not 4 dotted: IPv4)
    """,
    re.VERBOSE,
)

CONTEXT_BEFORE = 64  # characters of context kept before a candidate (labels such as "Tel." or "PESEL:")
CONTEXT_AFTER = 32
MAX_WIDEN = 48  # how far a window edge moves outwards to reach whitespace, so no token is cut in two


_IPV4 = re.compile(r"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}")
MIN_RUN_DIGITS = 7
_PLAIN_RUN = re.compile(r"[\d ./()\-]+")
_RUN_PIECES = re.compile(r"[ ()]+")


def _may_identify(run: str) -> bool:
    """False for a run that is a date, time, year range or amount, or several of them in a row
    ("13:22:21 (1914-1918)"), leaving fewer than 7 digits of anything else."""
    if _NOT_AN_IDENTIFIER.fullmatch(run):
        return False
    if not _PLAIN_RUN.fullmatch(run) or _IPV4.fullmatch(run):
        return True  # IBAN, codice fiscale, HETU heads and IPv4 addresses are short by nature
    rest = [piece for piece in _RUN_PIECES.split(run) if not _NOT_AN_IDENTIFIER.fullmatch(piece)]
    return sum(sum(map(str.isdigit, piece)) for piece in rest) >= MIN_RUN_DIGITS


def candidate_spans(text: str) -> list[tuple[int, int]]:
    """Candidate spans in text order (a span marks where to look, not the whole identifier)."""
    spans = [m.span() for m in _DIGIT_CANDIDATE.finditer(text) if _may_identify(m.group())]
    if "@" in text:
        spans.extend(_email_spans(text))
    if ":" in text:
        spans.extend(span for span in _ipv6_spans(text) if not _NOT_AN_IDENTIFIER.fullmatch(text[span[0] : span[1]]))
    return sorted(spans)


def _email_spans(text: str) -> list[tuple[int, int]]:
    """The spans of _EMAIL_CANDIDATE.finditer(text): the matches of _EMAIL_FROM_AT with the character before the
    '@', except one whose character before was the last of the previous match (no '@' of a match is inside
    another, so none is hidden by one left out)."""
    spans: list[tuple[int, int]] = []
    end = 0
    for m in _EMAIL_FROM_AT.finditer(text):
        if m.start() - 1 >= end:
            spans.append((m.start() - 1, m.end()))
            end = m.end()
    return spans


def _ipv6_spans(text: str) -> list[tuple[int, int]]:
    """The IPv6 shapes, left to right and not overlapping; an h:h:h:h shape with the hex digits before its first
    colon (what a search from the left would have started with)."""
    spans: list[tuple[int, int]] = []
    end = 0
    for m in _IPV6_FROM_COLON.finditer(text):
        start = m.start()
        while m.group("groups") and start > max(end, m.start() - IPV6_GROUP_HEX) and text[start - 1] in _HEX:
            start -= 1
        spans.append((start, m.end()))
        end = m.end()
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
