"""The step-by-step fast extraction gives exactly trafilatura's own result, on crafted pages for each step it
skips or runs, and on real pages in every mode."""

from __future__ import annotations

import gzip
import json
from copy import deepcopy

import pytest
import trafilatura
from trafilatura.baseline import html2txt
from trafilatura.xpaths import RAW_TREE_PRUNE_XPATH, REMOVE_COMMENTS_AND_LISTS_XPATH, REMOVE_COMMENTS_XPATH

from eurocurate.pipeline.config import ExtractConfig
from eurocurate.filters.extract.stage import _options
from eurocurate.filters.extract.sequence import _page_text_may_exceed, covers, fast_extraction, fast_pass
from eurocurate.filters.extract.tree import drop_named_boilerplate, parse_html, remove_what_trafilatura_removes

FAVORS = ("balanced", "precision", "recall")
SENTENCE = ("Die kleine Stadt am Fluss lebte jahrhundertelang von der Fähre, die Bauern und Händler über das "
            "Wasser brachte. ")
ARTICLE = "".join(f"<p>{SENTENCE * 3} Absatz {i}.</p>" for i in range(6))
MENU = "<ul>" + "".join(f"<li><a href='/{i}'>Rubrik {i} mit längerem Namen</a></li>" for i in range(40)) + "</ul>"

# the comment container holds too much of the text for drop_named_boilerplate: trafilatura's prune removes it
PAGES = {
    "comment containers": f"<html><body><article>{ARTICLE}</article><div id='comments'><p>{SENTENCE * 9}"
                          "Kommentar eines Lesers.</p></div><ol class='comment-list'><li>Noch ein Kommentar.</li></ol>"
                          "</body></html>",
    "follow-up article": f"<html><body><div class='main'><h1>Titel</h1>{ARTICLE}</div><div class='infinite-scroll'>"
                         f"<p>{SENTENCE}Der nächste Artikel.</p></div></body></html>",
    "short text: baseline rescue": f"<html><body><div><span>{SENTENCE}</span></div></body></html>",
    "short text in a long page: recall retry": (
        f"<html><body><div class='post-content'><p>{SENTENCE}</p></div>"
        + "".join(f"<div class='box'><div>{SENTENCE} Kasten {i}.</div></div>" for i in range(30))
        + f"<nav>{MENU}</nav></body></html>"),
    "forum thread": ("<html><head><script type='application/ld+json'>{\"@type\": \"DiscussionForumPosting\"}"
                     f"</script></head><body><div class='comments'><p>{SENTENCE * 4}Beitrag.</p></div>"
                     f"<p>{SENTENCE}</p></body></html>"),
    "minified blocks": "<html><body>" + "".join(f"<div>Wort{i}</div><p>Satz{i}\x1f</p>" for i in range(50))
                       + "</body></html>",
    "no body text": "<html><body><div><img src='a.png'></div></body></html>",
}


def _both(html: str, favor: str) -> tuple[str, str]:
    """(trafilatura's bare_extraction text, fast_extraction text) on the same shrunk tree."""
    tree = parse_html(html)
    remove_what_trafilatura_removes(tree, keep_tails=favor != "precision")
    if favor != "recall":
        drop_named_boilerplate(tree)
    options = _options(ExtractConfig(favor=favor), fast=True)
    assert covers(options)
    stock = trafilatura.bare_extraction(deepcopy(tree), options=options)
    return (stock.text or "") if stock is not None else "", fast_extraction(tree, options)


@pytest.mark.parametrize("favor", FAVORS)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_crafted_pages_give_trafilaturas_result(name, favor):
    stock, ours = _both(PAGES[name], favor)
    assert ours == stock


def test_the_skipped_steps_still_act_where_they_apply():
    text = _both(PAGES["comment containers"], "balanced")[1]
    assert "Absatz 5" in text and "Kommentar" not in text
    assert "nächste Artikel" not in _both(PAGES["follow-up article"], "balanced")[1]
    assert "Kasten" in _both(PAGES["short text in a long page: recall retry"], "balanced")[1]  # the retry's text


def test_the_words_that_gate_the_prunes_are_still_what_trafilaturas_patterns_require():
    """A trafilatura upgrade that widens these patterns must widen _RAW_PRUNE_WORDS / _COMMENT_WORDS too."""
    raw = " ".join(xpath.path for xpath in RAW_TREE_PRUNE_XPATH)
    comments = " ".join(xpath.path for xpath in REMOVE_COMMENTS_AND_LISTS_XPATH + REMOVE_COMMENTS_XPATH)
    assert raw.count("re:test(") == 4 and raw.count("contains(") == 1
    assert "'mvp-post-add-(?:box|wrap)|infinite-?scroll'" in raw and "'elementor-share-buttons'" in raw
    assert comments.count("re:test(") == 6
    assert comments.count("'^(?:[Cc]omment(?!ary)|comol|disqus_thread|dsq-comments)'") == 2
    assert comments.count("'^[Cc]omment(?!ary)|(?:article|post)-comments'") == 3
    assert comments.count("'^(?:[Cc]omment(?!ary)|comol)'") == 1


def test_options_outside_the_fast_sequence_are_not_covered():
    cfg = ExtractConfig()
    assert not covers(_options(cfg, fast=False))
    comments = _options(cfg, fast=True)
    comments.comments = True
    assert not covers(comments)


def test_page_measure_bound_never_undercuts_trafilaturas_measure(shared_eval):
    folder = shared_eval / "extraction" / "trafilatura"
    rows = [json.loads(line) for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()[:60]]
    htmls = [gzip.decompress((folder / row["page"]).read_bytes()).decode("utf-8", "replace") for row in rows]
    for html in htmls + list(PAGES.values()):
        tree = parse_html(html)
        remove_what_trafilatura_removes(tree)
        measure = len(html2txt(tree))
        assert _page_text_may_exceed(tree, measure - 1)


@pytest.mark.parametrize("favor", FAVORS)
def test_real_pages_give_trafilaturas_result(shared_eval, favor):
    folder = shared_eval / "extraction" / "trafilatura"
    rows = [json.loads(line) for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()[:40]]
    for row in rows:
        html = gzip.decompress((folder / row["page"]).read_bytes()).decode("utf-8", "replace")
        stock, ours = _both(html, favor)
        assert ours == stock, row["page"]


@pytest.mark.parametrize(("name", "step"), [
    ("comment containers", "main"), ("short text: baseline rescue", "baseline"),
    ("short text in a long page: recall retry", "retry"), ("no body text", "none")])
def test_fast_pass_names_the_step_that_gave_the_text(name, step):
    tree = parse_html(PAGES[name])
    remove_what_trafilatura_removes(tree)
    drop_named_boilerplate(tree)
    result = fast_pass(tree, _options(ExtractConfig(), fast=True))
    assert result.step == step
    assert (result.text == "") == (step == "none") and result.paragraphs >= (step == "main")


def test_a_stop_ends_the_sequence_before_its_rescues_and_only_there():
    options = _options(ExtractConfig(), fast=True)

    def run(name: str, stop):
        tree = parse_html(PAGES[name])
        remove_what_trafilatura_removes(tree)
        drop_named_boilerplate(tree)
        return fast_pass(tree, options, stop=stop)

    asked = []
    never = run("short text in a long page: recall retry", lambda length, step: asked.append((length, step)) or False)
    assert never.step == "retry" and asked and all(step == "main" for _, step in asked)
    stopped = run("short text in a long page: recall retry", lambda length, step: True)
    assert stopped.step == "stopped" and "Kasten" not in stopped.text and len(stopped.text) < len(never.text)
    assert run("short text: baseline rescue", lambda length, step: True).step == "stopped"
    assert run("comment containers", lambda length, step: True).step == "main"  # long enough: no rescue to stop


def test_jusText_stop_word_sets_are_made_once_inside_the_memo_and_as_shipped_outside():
    import justext.core
    from trafilatura.external import jt_stoplist_init

    from eurocurate.filters.extract.sequence import _STOPLIST_MEMO, _define_stoplist, memoized_stoplists

    # the memo only works while jusText looks the function up by name on each call
    assert "define_stoplist" in justext.core.classify_paragraphs.__code__.co_names
    words = jt_stoplist_init()
    shipped = _define_stoplist(words)
    assert justext.core.define_stoplist(words) == shipped and "die" in shipped
    with memoized_stoplists():
        inside = [justext.core.define_stoplist(words) for _ in range(2)]
        other = justext.core.define_stoplist(("Und", "oder"))
        again = justext.core.define_stoplist(words)
    assert inside[0] is inside[1] and inside[0] == shipped and other == frozenset({"und", "oder"}) and again == shipped
    assert not _STOPLIST_MEMO.on  # off again after the block: stock trafilatura in this process runs as shipped


def test_the_full_cascade_gives_the_same_text_without_scripts_and_styles(shared_eval):
    from eurocurate.filters.extract.sequence import memoized_stoplists
    from eurocurate.filters.extract.tree import drop_scripts_and_styles

    folder = shared_eval / "extraction" / "trafilatura"
    rows = [json.loads(line) for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()[:25]]
    options = _options(ExtractConfig(), fast=False)
    crafted = ("<html><head><style>p {color: red}</style><script type='application/ld+json'>"
               '{"@type": "NewsArticle", "articleBody": "Der ganze Text."}</script></head><body><script>var x = 1;'
               f"</script>Vorher <div>{SENTENCE}</div><script>y()</script> danach.</body></html>")
    for html in [crafted] + [gzip.decompress((folder / r["page"]).read_bytes()).decode("utf-8", "replace") for r in rows]:
        stripped = parse_html(html)
        drop_scripts_and_styles(stripped)
        assert not stripped.xpath("//style | //script[not(@type='application/ld+json')]")
        with memoized_stoplists():
            ours = trafilatura.bare_extraction(stripped, options=options)
        stock = trafilatura.bare_extraction(parse_html(html), options=options)
        assert (ours.text if ours else "") == (stock.text if stock else "")
    kept = parse_html(crafted)
    drop_scripts_and_styles(kept)
    assert kept.xpath("//script/@type") == ["application/ld+json"] and "danach" in kept.text_content()
