"""AI / TDM opt-outs: every signal, both policies, robots.txt captures (separate and in the crawl), accounting."""

from __future__ import annotations

import io
import time

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eurocurate.filters.optout.stage import OptOutStage
from eurocurate.pipeline.config import OptOutConfig
from eurocurate.pipeline.sources.warc import ReadReport, iter_warc_documents
from eurocurate.core.stage import Keep, Reject, StageStats, run_stages

SECRET_TEXT = "Vertrauliche Zeile 4711"


def _doc(headers=(), head: str = "", url: str = "https://news.example/a") -> dict:
    html = f"<html><head>{head}<title>T</title></head><body><p>{SECRET_TEXT}</p></body></html>".encode()
    return {"id": "d", "url": url, "http_headers": list(headers), "html": html}


def _check(doc: dict, **cfg) -> tuple[Keep | Reject, dict]:
    return OptOutStage(OptOutConfig(**cfg)).process(doc), doc


@pytest.mark.parametrize(("headers", "head", "status", "evidence", "reason"), [
    ([("X-Robots-Tag", "noai")], "", "reserved", "header:x-robots-tag=noai", "noai_directive"),
    ([("X-Robots-Tag", "noindex, none")], "", "reserved", "header:x-robots-tag=none", "noai_directive"),
    ([("x-robots-tag", "GPTBot: noai")], "", "reserved", "header:x-robots-tag=noai", "noai_directive"),
    ([("tdm-reservation", "1"), ("tdm-policy", "https://news.example/tdm.json")], "", "reserved",
     "header:tdm-reservation=1;header:tdm-policy=https://news.example/tdm.json", "tdm_reservation"),
    ([], '<meta name="tdm-reservation" content="1">', "reserved", "meta:tdm-reservation=1", "tdm_reservation"),
    ([], '<meta name="robots" content="noindex, noai">', "reserved", "meta:robots=noai", "noai_directive"),
    ([], "<meta content='noai' name='GPTBot'>", "reserved", "meta:gptbot=noai", "noai_directive"),
])
def test_each_reserving_signal_drops_the_document_with_its_evidence(headers, head, status, evidence, reason):
    outcome, doc = _check(_doc(headers, head))
    assert doc["optout_status"] == status and doc["optout_evidence"] == evidence
    assert outcome == Reject(reason, evidence)
    assert SECRET_TEXT not in doc["optout_evidence"]


@pytest.mark.parametrize(("headers", "head", "status", "evidence"), [
    ([], "", "none", None),
    ([("X-Robots-Tag", "noimageai")], "", "images_reserved", "header:x-robots-tag=noimageai"),
    ([("X-Robots-Tag", "otherbot: noai")], "", "none", None),  # addressed to an agent that is not ours
    ([("tdm-reservation", "0")], "", "none", "header:tdm-reservation=0"),
    ([], '<meta name="robots" content="index, follow">', "none", None),
])
def test_signals_that_do_not_reserve_the_text_keep_it(headers, head, status, evidence):
    outcome, doc = _check(_doc(headers, head))
    assert outcome == Keep() and doc["optout_status"] == status and doc["optout_evidence"] == evidence


def test_meta_tags_in_the_body_are_not_signals():
    doc = _doc()
    doc["html"] = doc["html"].replace(b"<p>", b'<p><meta name="robots" content="noai">')
    assert _check(doc)[0] == Keep()


def test_flag_policy_keeps_reserved_documents_with_their_status():
    outcome, doc = _check(_doc([("X-Robots-Tag", "noai")]), policy="flag")
    assert outcome == Keep(flag="noai_directive") and doc["optout_status"] == "reserved"


def test_reserved_documents_are_counted_per_signal_under_both_policies():
    docs = [_doc([("X-Robots-Tag", "noai")]), _doc([], '<meta name="tdm-reservation" content="1">'),
            _doc([("tdm-reservation", "1")]), _doc([("X-Robots-Tag", "noimageai")])]
    for policy, counted in (("drop", "reasons"), ("flag", "flagged")):
        stats = {"optout": StageStats()}
        kept, rejected = run_stages([dict(doc) for doc in docs], [OptOutStage(OptOutConfig(policy=policy))], stats)
        assert stats["optout"].to_dict()[counted] == {"noai_directive": 1, "tdm_reservation": 2}
        other = "flagged" if counted == "reasons" else "reasons"
        assert stats["optout"].to_dict()[other] == {}
        assert (len(kept), len(rejected)) == ((1, 3) if policy == "drop" else (4, 0))


def test_sources_without_headers_or_html_are_not_checked():
    outcome, doc = _check({"id": "t", "text": "Plain text from a dataset", "url": ""})
    assert outcome == Keep() and doc["optout_status"] == "not_checked"


def _robots_warc(path, captures: dict[str, tuple[str, bytes]]) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for host, (status, body) in captures.items():
            headers = StatusAndHeaders(status, [("Content-Type", "text/plain")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://{host}/robots.txt", "response",
                                                          payload=io.BytesIO(body), http_headers=headers))


def test_robots_txt_captures_are_applied_per_host(tmp_path):
    robots = tmp_path / "robotstxt.warc.gz"
    _robots_warc(robots, {"news.example": ("200 OK", b"User-agent: GPTBot\nDisallow: /\n\nUser-agent: *\nAllow: /\n"),
                          "shop.example": ("200 OK", b"User-agent: *\nDisallow: /private/\n"),
                          "gone.example": ("404 Not Found", b"User-agent: *\nDisallow: /\n")})
    plain = tmp_path / "blog.example.robots.txt"
    plain.write_bytes(b"User-agent: CCBot\nDisallow: /\n")
    stage = OptOutStage(OptOutConfig(robots_txt=[str(robots), str(plain)]))

    def status(url: str) -> tuple[str, str | None]:
        doc = _doc(url=url)
        stage.process(doc)
        return doc["optout_status"], doc["optout_evidence"]

    # each item of evidence carries its capture's date: the WARC-Date, or a plain file's modification time
    warc_date = stage.robots["news.example"].captured_at
    assert warc_date and warc_date.startswith("20")
    assert status("https://news.example/a") == ("reserved", f"robots.txt:GPTBot=disallow@{warc_date}")
    assert status("https://shop.example/private/x") == ("reserved",
                                                        f"robots.txt:CCBot=disallow@{warc_date}")  # '*' group
    assert status("https://shop.example/public") == ("none", None)
    assert status("https://gone.example/a") == ("none", None)  # a 404 robots.txt reserves nothing
    file_date = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(plain.stat().st_mtime))
    assert status("https://blog.example/post") == ("reserved", f"robots.txt:CCBot=disallow@{file_date}")
    assert status("https://other.example/") == ("none", None)


def test_robots_txt_inside_the_crawl_applies_to_that_hosts_later_pages(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        records = [("https://news.example/robots.txt", "text/plain", b"User-agent: *\nDisallow: /paid/\n"),
                   ("https://news.example/paid/1", "text/html", b"<html><body><p>a</p></body></html>"),
                   ("https://news.example/free/1", "text/html", b"<html><body><p>b</p></body></html>"),
                   ("https://other.example/paid/1", "text/html", b"<html><body><p>c</p></body></html>")]
        for url, content_type, body in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type),
                                                  ("X-Robots-Tag", "noarchive"), ("X-Robots-Tag", "noai")]
                                       if url.endswith("other.example/paid/1") else [("Content-Type", content_type)],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
    report = ReadReport()
    docs = list(iter_warc_documents(str(path), str(path), report, 1_000_000))
    assert [d["url"] for d in docs] == [r[0] for r in records[1:]] and report.ignored_records["robots_txt"] == 1
    stats = {"optout": StageStats()}
    kept, rejected = run_stages(docs, [OptOutStage(OptOutConfig())], stats)
    assert [d["url"] for d in kept] == ["https://news.example/free/1"]
    assert {d["url"]: d["reason"] for d in rejected} == {"https://news.example/paid/1": "robots_txt_disallow",
                                                         "https://other.example/paid/1": "noai_directive"}
    # the evidence is dated: the robots.txt capture's WARC-Date, the page's own fetch date for its header
    dated = {d["url"]: d["optout_evidence"] for d in rejected}
    robots_date = docs[0]["fetch_date"]  # written in the same second as the robots.txt record before it
    assert dated["https://news.example/paid/1"].endswith(f"@{robots_date}")
    assert dated["https://other.example/paid/1"].endswith(f"@{docs[2]['fetch_date']}")
    assert stats["optout"].to_dict() == {"in": 3, "kept": 1, "rejected": 2,
                                         "reasons": {"robots_txt_disallow": 1, "noai_directive": 1}, "flagged": {}}


def test_relative_robots_txt_paths_resolve_against_the_config_folder_and_count_in_the_config_hash(tmp_path):
    from eurocurate.pipeline.config import RunConfig
    from eurocurate.pipeline.runner import resolve_referenced_files

    (tmp_path / "robots").mkdir()
    captured = tmp_path / "robots" / "news.example.robots.txt"
    captured.write_text("User-agent: GPTBot\nDisallow: /\n")
    cfg = RunConfig.model_validate({"name": "t", "inputs": [{"kind": "warc", "paths": ["in.warc.gz"]}],
                                    "optout": {"robots_txt": ["robots/news.example.robots.txt"]}})
    resolved, before = resolve_referenced_files(cfg, tmp_path)
    assert resolved.optout.robots_txt == [str(captured.resolve())]
    rules = OptOutStage(resolved.optout).robots["news.example"]
    assert rules.disallowing_agent("https://news.example/a", ["GPTBot"]) == "GPTBot"
    captured.write_text("User-agent: GPTBot\nDisallow: /private/\n")
    assert resolve_referenced_files(cfg, tmp_path)[1] != before
