"""trafilatura's fast-mode extraction, step by step, on a tree the caller owns.

`bare_extraction(tree, options)` in fast mode without comments runs: raw-tree prunes (follow-up articles,
comment containers), tree cleaning and tag conversion on a copy, the main extractor, the baseline rescue for a
short result, and in balanced mode the recall retry where the result is short and covers little of the page.
`fast_extraction` calls those same module-level functions in that order and returns the same text, without the
work whose outcome is known beforehand or discarded:

- the copy of the whole input tree (bare_extraction cannot know the caller is done with it);
- the backup copy of the cleaned tree, which only the full cascade's comparison and the comment capture read;
- the raw-tree prunes where no element's class or id holds the words their patterns require: each is a regular
  expression XPath that calls back into Python for every candidate element, on the whole tree;
- the page-text measure of the recall escalation (a copy of the tree, a cleaning XPath, a text walk) where the
  page text, whitespace folded and with a space allowed at each element boundary, is already too short for the
  escalation to trigger: the measure only deletes elements and folds whitespace, so it cannot come out longer.

tests/filters/extract/test_extract_sequence.py holds it to trafilatura's own result on real pages.
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from copy import copy
from typing import Callable, NamedTuple

import justext.core
from lxml import etree
from trafilatura.baseline import baseline, html2txt
from trafilatura.core import (
    ESCALATION_ACCEPT_RATIO,
    ESCALATION_MAX_LENGTH,
    ESCALATION_PAGE_SHARE,
    _forum_thread_page,
)
from trafilatura.htmlprocessing import convert_tags, prune_unwanted_nodes, tree_cleaning
from trafilatura.main_extractor import extract_content
from trafilatura.settings import Extractor
from trafilatura.xml import xmltotxt
from trafilatura.xpaths import RAW_TREE_PRUNE_XPATH, REMOVE_COMMENTS_AND_LISTS_XPATH, REMOVE_COMMENTS_XPATH

LOGGER = logging.getLogger(__name__)

# What the raw-tree prune patterns need in a class or id (case as they match it): "mvp-post-add-", "infinite-scroll"
# / "infinitescroll", "elementor-share-buttons"; the comment patterns: "[Cc]omment", "comol", "disqus_thread",
# "dsq-comments". Where no class or id of the tree holds one of these, the patterns match nothing.
_RAW_PRUNE_WORDS = ("mvp-post-add-", "infinite", "elementor-share-buttons")
_COMMENT_WORDS = ("omment", "comol", "disqus_thread")
_CLASSES_AND_IDS = etree.XPath("//@class | //@id", smart_strings=False)  # plain strings: no link to the tree
_PAGE_TEXT = etree.XPath("string(.)")
_COUNT_ELEMENTS = etree.XPath("count(descendant-or-self::*)")
_count_paragraphs = etree.XPath("count(.//p)")
_count_tables = etree.XPath("count(.//table)")


# jusText turns its stop-word list into a lower-cased frozenset on each call (justext.core.define_stoplist, behind
# an lru_cache in this release, whose key is the list itself); trafilatura hands it the union of all its
# languages' lists, a tuple of ~150k words, when no language is set, and hashing that key alone costs 5-30 ms a
# call, one to three calls a page in the full cascade. Inside `memoized_stoplists()` the set made for the list
# object last seen is reused (same object, same set); elsewhere, stock trafilatura included, jusText runs as shipped.
_STOPLIST_MEMO = threading.local()
_define_stoplist = justext.core.define_stoplist
_last_stoplist: tuple = (None, None)


def _define_stoplist_memoized(stoplist):
    global _last_stoplist
    if not getattr(_STOPLIST_MEMO, "on", False):
        return _define_stoplist(stoplist)
    last = _last_stoplist  # one read: (list, set) stay a pair whatever other threads do
    if last[0] is stoplist:
        return last[1]
    words = _define_stoplist(stoplist)
    _last_stoplist = (stoplist, words)
    return words


justext.core.define_stoplist = _define_stoplist_memoized


@contextmanager
def memoized_stoplists():
    """jusText's stop-word sets made once per list object in this thread, for the duration (same results)."""
    _STOPLIST_MEMO.on = True
    try:
        yield
    finally:
        _STOPLIST_MEMO.on = False


def covers(options: Extractor) -> bool:
    """Whether fast_extraction runs what `options` ask for: fast mode, no comments, no language or duplicate
    filter, no metadata, Python output without a tree-size cap."""
    return (options.fast and not options.comments and options.format == "python" and not options.max_tree_size
            and not options.lang and not options.dedup and not options.with_metadata)


class FastPass(NamedTuple):
    """The fast sequence's text and what it tells of the page: which step gave the text ("main": the main
    extractor; "baseline": the rescue dump of a short result; "retry": the recall retry of a result covering little
    of the page; "none": nothing), and the paragraphs and tables of the body it came from."""

    text: str
    step: str
    paragraphs: int
    tables: int


def fast_extraction(tree, options: Extractor, url: str | None = None) -> str:
    """The text of `bare_extraction(tree, options=options)` ("" where it gives None) for options it `covers`;
    `tree` is consumed."""
    return fast_pass(tree, options, url).text


def fast_pass(tree, options: Extractor, url: str | None = None,
              stop: Callable[[int, str], bool] | None = None) -> FastPass:
    """fast_extraction's text with the step that gave it and the shape of its body.

    `stop(length, step)`: asked with the text's length and step so far where a rescue (baseline, recall retry) may
    run next; where it answers True the sequence ends there, with step "stopped" in place of "main" (the caller
    runs the full cascade on such a page whatever the rescue gives, so the rescue's work would be thrown away)."""
    try:
        return _fast_sequence(tree, options, url, stop)
    except (TypeError, ValueError):  # what bare_extraction turns into None
        return FastPass("", "none", 0, 0)


def _fast_sequence(tree, options: Extractor, url: str | None,
                   stop: Callable[[int, str], bool] | None = None) -> FastPass:
    is_forum = _forum_thread_page(tree)
    names = " ".join(_CLASSES_AND_IDS(tree))
    if any(word in names for word in _RAW_PRUNE_WORDS):
        tree = prune_unwanted_nodes(tree, RAW_TREE_PRUNE_XPATH)
    may_be_comments = any(word in names for word in _COMMENT_WORDS)  # a superset after the raw prune too
    if may_be_comments and (options.focus == "precision" or not is_forum):
        tree = prune_unwanted_nodes(tree, REMOVE_COMMENTS_AND_LISTS_XPATH)
    cleaned = _cleaned(tree, options, url)
    if may_be_comments and options.focus == "precision" and not is_forum:
        cleaned = prune_unwanted_nodes(cleaned, REMOVE_COMMENTS_XPATH)
    body, text = extract_content(cleaned, options)
    step = "main"

    if len(text) < options.min_extracted_size and options.focus != "precision":
        if stop is not None and stop(len(text), step):
            return _result(body, options, "stopped")
        baseline_body, baseline_text, baseline_length = baseline(tree)
        if baseline_length > len(text):
            body, text, step = baseline_body, baseline_text, "baseline"

    may_escalate = (options.focus == "balanced" and 0 < len(text) < ESCALATION_MAX_LENGTH
                    and _page_text_may_exceed(tree, len(text) / ESCALATION_PAGE_SHARE))
    if may_escalate and stop is not None and stop(len(text), step):
        return _result(body, options, "stopped" if step == "main" else step)
    if may_escalate and len(text) < ESCALATION_PAGE_SHARE * len(html2txt(tree)):
        recall_options = copy(options)
        recall_options.focus = "recall"
        retry_text = ""
        try:
            retry_body, retry_text = extract_content(_cleaned(tree, recall_options, url), recall_options)
        except Exception as err:  # as trafilatura: a failed retry leaves the first result
            LOGGER.warning("recall retry failed: %s", type(err).__name__)
        if len(retry_text) >= options.min_extracted_size and len(retry_text) > ESCALATION_ACCEPT_RATIO * len(text):
            body, text, step = retry_body, retry_text, "retry"

    if len(text) < options.min_output_size:
        return FastPass("", "none", 0, 0)
    return _result(body, options, step)


def _result(body, options: Extractor, step: str) -> FastPass:
    return FastPass(xmltotxt(body, options.formatting), step, int(_count_paragraphs(body)), int(_count_tables(body)))


def _cleaned(tree, options: Extractor, url: str | None):
    return convert_tags(tree_cleaning(copy(tree), options), options, url)


def _page_text_may_exceed(tree, length: float) -> bool:
    """False where html2txt(tree) is certainly not longer than `length`: it deletes elements, folds whitespace
    and adds at most a space before an element's text and one before its tail."""
    body = tree.find(".//body")
    if body is None:
        body = tree
    folded = len(" ".join(_PAGE_TEXT(body).split()))
    return folded > length or folded + 2 * _COUNT_ELEMENTS(body) > length
