"""`eurocurate summary RUN_DIR`: the EU AI Act public summary of training content (Art. 53(1)(d)), following
the AI Office's template section by section (1 general information, 2 list of data sources, 3 data processing
aspects), filled with what a data pipeline knows, and Croissant JSON-LD (with its RAI fields) for the shards.

Every figure says what it counts (documents or UTF-8 bytes or words; in the published data or among all
documents read; PII items scrubbed or still in published documents as placeholders). A field this run cannot
fill says so in words; a field only the model provider can fill says that. Nothing is printed as None or empty.
All numbers come from the Parquet output (kept shards and rejects), not from run-time counters, so a DuckDB query
on the shards gives the same figures (tests/pipeline/test_public_summary.py).
"""

from __future__ import annotations

import functools
import json
import math
from collections import Counter, defaultdict
from pathlib import Path, PurePosixPath

import pyarrow as pa
import pyarrow.compute as pc

from eurocurate import __version__
from eurocurate.core.parquet_io import write_text_atomic
from eurocurate.core.schema import DOCUMENT_SCHEMA
from eurocurate.pipeline.run_folder import kept_table, load_manifest, rejects_table

PROVIDER = "to be completed by the model provider (a data pipeline cannot know it)"
NOT_IN_RUN = "none in this run"
TEMPLATE = ("Template for the Public Summary of Training Content for general-purpose AI models "
            "(European Commission, AI Office, July 2025), under Art. 53(1)(d) AI Act")
# the template's size bands, per modality, in tokens
SIZE_BANDS = ((1e9, "less than 1 billion tokens"), (1e13, "1 billion to 10 trillion tokens"),
              (math.inf, "more than 10 trillion tokens"))
# tokens per whitespace word for European languages with common subword tokenizers: a range, not a count
TOKENS_PER_WORD = (1.0, 2.0)
DOMAIN_SHARE, SME_DOMAIN_SHARE, SME_DOMAIN_CAP = 0.10, 0.05, 1000
OPTOUT_MEANINGS = {
    "reserved": "a machine-readable signal reserves the text for AI training / text and data mining",
    "images_reserved": "only images are reserved (noimageai); the text is not",
    "none": "checked (headers, HTML meta, robots.txt where captured): no reservation found",
    "not_checked": "nothing to check: no HTTP headers, HTML or robots.txt (e.g. data-space files, text records, "
                   "documents refused while being read), or the opt-out stage was off",
}
_KEPT_COLUMNS = ["id", "language", "word_count", "text", "url", "host", "license", "optout_status", "optout_evidence",
                 "pii_counts", "fetch_date", "page_date", "source_family", "source_kind", "dataset_iri",
                 "dataset_title", "publisher", "access_rights"]
_REJECT_COLUMNS = ["id", "stage", "reason", "host", "url", "optout_status", "optout_evidence", "pii_counts",
                   "source_family", "fetch_date", "license", "dataset_iri", "dataset_title", "publisher",
                   "access_rights"]


def _size_band(words: int) -> str:
    low, high = (next(label for limit, label in SIZE_BANDS if words * factor < limit) for factor in TOKENS_PER_WORD)
    return low if low == high else f"{low} or {high}, depending on the model's tokenizer"


@functools.lru_cache(maxsize=4096)  # called once per published row with a few distinct inputs
def _input_name(uri: str) -> str:
    """An input as an auditor may see it: URLs as they are, local files by name only (no paths of the machine)."""
    if "://" in uri and not uri.startswith("file://"):
        return uri
    return PurePosixPath(uri.removeprefix("file://")).name


def _utf8_bytes(table: pa.Table) -> list[int]:
    return [b or 0 for b in pc.binary_length(pc.cast(table["text"], pa.binary())).to_pylist()]


def _pii(table: pa.Table) -> Counter:
    found: Counter = Counter()
    for counts in table["pii_counts"].to_pylist():
        for item in counts or []:
            found[item["type"]] += item["count"]
    return found


def _period(values: list[str | None]) -> dict:
    dates = sorted(v for v in values if v)
    if not dates:
        return {"from": "no record dates in this run", "to": "no record dates in this run"}
    return {"from": dates[0], "to": dates[-1]}


def _signals(evidence: list[str | None]) -> dict[str, int]:
    """Documents per signal that spoke ('where:name', e.g. 'robots.txt:GPTBot', 'header:x-robots-tag')."""
    found: Counter = Counter()
    for text in evidence:
        found.update({item.split("=", 1)[0] for item in (text or "").split(";") if item})
    return dict(sorted(found.items(), key=lambda kv: (-kv[1], kv[0])))


def _removed_after_publication(manifest: dict) -> dict | str:
    """What `eurocurate remove` / `recheck-optout` took out of earlier versions of this run."""
    removal = next((s for s in manifest["stages"] if s["name"] == "removal"), None)
    if removal is None:
        return "none: this is the run's first version (no documents removed after the run)"
    return {
        "version": manifest.get("version", 1),
        "documents_by_category": _counted(Counter(removal["reasons"]), "documents removed after the run"),
        "what": "published documents removed from earlier versions of this run on request, with the copies of "
                "their content (erasure: a data subject's request under GDPR art. 17; takedown: a rights holder's "
                "request; optout: a reservation made after the crawl; other); the erasure log (erasure_log.jsonl) "
                "lists each removal's ids and hashes, never text, and each version's manifest names the previous "
                "one's sha256",
    }


def robots_captures(manifest: dict) -> dict:
    """robots.txt responses the run could apply: those in its input WARCs (read again here, headers only) and the
    config's optout.robots_txt files. {host: [capture dates]}, with what could not be read said in `unread`."""
    from warcio.archiveiterator import ArchiveIterator

    from eurocurate.core.remote import open_input
    from eurocurate.filters.optout.robots import is_robots_url

    optout = manifest["config"].get("optout", {})
    captures: dict[str, set] = defaultdict(set)
    unread: list[str] = []
    # the reader counts robots.txt responses (ignored_records_by_type.robots_txt): no count, no input to scan again
    in_inputs = manifest.get("input_problems", {}).get("ignored_records_by_type", {}).get("robots_txt", 0)
    sources = [i["uri"] for i in manifest["inputs"]] if optout.get("robots_in_inputs", True) and in_inputs else []
    sources += list(optout.get("robots_txt", []))
    for uri in sources:
        name = uri.lower()
        if name.endswith(".robots.txt"):
            captures[PurePosixPath(name).name.removesuffix(".robots.txt")].add("date not recorded (plain file)")
            continue
        if not name.endswith((".warc", ".warc.gz", ".arc", ".arc.gz")):
            continue
        try:
            with open_input(uri) as stream:
                for record in ArchiveIterator(stream, arc2warc=True, check_digests=False):
                    url = (record.rec_headers.get_header("WARC-Target-URI") or "").strip("<> ")
                    if record.rec_type == "response" and is_robots_url(url):
                        status = record.http_headers.get_statuscode() if record.http_headers else None
                        if status and status.startswith("2"):
                            host = url.split("://", 1)[-1].split("/", 1)[0].split(":")[0].lower()
                            captures[host].add(record.rec_headers.get_header("WARC-Date") or "date not recorded")
        except Exception as exc:  # noqa: BLE001 - an input that moved since the run is said, not fatal
            unread.append(f"{_input_name(uri)} ({type(exc).__name__})")
    return {"hosts": {h: sorted(d) for h, d in sorted(captures.items())}, "unread": unread}


def crawler_identity(manifest: dict) -> tuple[list[dict], list[str]]:
    """Distinct warcinfo descriptions of the input WARCs (software, operator, robots policy, user agent) with
    how many inputs carry each; inputs that could not be read again are named."""
    from eurocurate.pipeline.sources.warc import read_warcinfo

    seen: Counter = Counter()
    unread = []
    for item in manifest["inputs"]:
        if not item["uri"].lower().endswith((".warc", ".warc.gz")):
            continue
        try:
            infos = read_warcinfo(item["uri"])
        except Exception as exc:  # noqa: BLE001
            unread.append(f"{_input_name(item['uri'])} ({type(exc).__name__})")
            continue
        for info in infos or [{}]:
            seen[json.dumps({k: v for k, v in info.items() if k != "date"}, sort_keys=True)] += 1
    crawlers = [{**(json.loads(key) or {"software": "no warcinfo record in these files"}), "input_files": n}
                for key, n in seen.most_common()]
    return crawlers, unread


def top_domains(hosts: list[str], sizes: list[int], sme: bool = False) -> dict:
    """The template's rule: the top 10% of all domain names by size of content (5% or 1,000, whichever is
    lower, for SMEs), ranked here by UTF-8 bytes of published text per host."""
    per_host: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for host, size in zip(hosts, sizes, strict=True):
        per_host[host or "(no host)"][0] += size
        per_host[host or "(no host)"][1] += 1
    total = len(per_host)
    if sme:
        n = min(math.ceil(total * SME_DOMAIN_SHARE), SME_DOMAIN_CAP) if total else 0
        rule = (f"SME rule: top 5% of domain names or 1,000, whichever is lower: {n} of {total} domains "
                "(5% rounded up)")
    else:
        n = math.ceil(total * DOMAIN_SHARE) if total else 0
        rule = f"top 10% of all domain names: {n} of {total} domains (10% rounded up)"
    ranked = sorted(per_host.items(), key=lambda kv: (-kv[1][0], kv[0]))[:n]
    return {
        "rule": rule + ", ranked by the size of their content: UTF-8 bytes of published text per domain "
                       "(ties by name)",
        "domains_in_published_data": total,
        "listed": [{"domain": h, "published_text_bytes": b, "published_documents": d} for h, (b, d) in ranked],
    }


def _datasets(kept: pa.Table, rejected: pa.Table) -> list[dict]:
    """Data-space datasets with the documents each gave to the published data and how many it had refused."""
    rows: dict[str, dict] = {}
    for table, published in ((kept, True), (rejected, False)):
        columns = {c: table[c].to_pylist() for c in ("source_family", "dataset_iri", "dataset_title", "publisher",
                                                      "license", "access_rights")}
        reasons = table["reason"].to_pylist() if not published else [None] * table.num_rows
        sizes = _utf8_bytes(table) if published else [0] * table.num_rows
        for i, family in enumerate(columns["source_family"]):
            if family != "dataspace":
                continue
            key = columns["dataset_iri"][i] or columns["dataset_title"][i] or "dataset without an IRI"
            entry = rows.setdefault(key, {
                "dataset": key, "title": columns["dataset_title"][i] or "no title in the catalogue",
                "publisher": columns["publisher"][i] or "no publisher in the catalogue",
                "licences": Counter(), "access_rights": Counter(), "published_documents": 0,
                "published_text_bytes": 0, "documents_refused_or_removed": Counter()})
            entry["licences"][columns["license"][i] or "no licence declared"] += 1
            entry["access_rights"][columns["access_rights"][i] or "not declared (read as public)"] += 1
            if published:
                entry["published_documents"] += 1
                entry["published_text_bytes"] += sizes[i]
            else:
                entry["documents_refused_or_removed"][reasons[i]] += 1
    return [{**e, "licences": dict(e["licences"]), "access_rights": dict(e["access_rights"]),
             "documents_refused_or_removed": dict(e["documents_refused_or_removed"]) or 0}
            for _, e in sorted(rows.items())]


_WEB_KINDS = {
    "warc": "web pages (HTML) from WARC crawl files, main text extracted with trafilatura",
    "arc": "web pages (HTML) from ARC crawl files, main text extracted with trafilatura",
    "html": "HTML files, main text extracted with trafilatura",
    "wet": "text already extracted from web pages (WET files), used as given",
    "jsonl": "text records of web origin from JSONL files, used as given",
    "parquet": "text records of web origin from Parquet files, used as given",
}


def _web_content(kinds: Counter) -> dict | str:
    if not kinds:
        return "no web documents were published by this run"
    return {_WEB_KINDS.get(k, f"{k} inputs"): n for k, n in kinds.most_common()}


def _none_by_coverage(kept: pa.Table, rejected: pa.Table, captured: set[str]) -> dict | str:
    """Documents (all read) with status 'none', split by whether their host had a robots.txt capture: 'none'
    without one means only the per-page signals could be checked."""
    split: Counter = Counter()
    for table in (kept, rejected):
        for status, host in zip(table["optout_status"].to_pylist(), table["host"].to_pylist(), strict=True):
            if status == "none":
                split["host had a robots.txt capture" if (host or "").lower() in captured else
                      "host had no robots.txt capture: per-page signals only"] += 1
    return dict(split) or "no documents with status none"


def _public_datasets(datasets: list[dict]) -> dict:
    used = [d for d in datasets if d["published_documents"]]
    refused = [{k: d[k] for k in ("dataset", "title", "publisher", "licences", "access_rights",
                                  "documents_refused_or_removed")} for d in datasets if not d["published_documents"]]
    if not datasets:
        return {"used": f"no: {NOT_IN_RUN}"}
    section = {"used": "yes" if used else "no: every data-space dataset this run read was refused or removed",
               "what": "data-space (DCAT-AP) datasets that passed the licence/access gate (publisher, licence "
                       "and access rights as their catalogue declares them; licences as SPDX ids)",
               "datasets": used or "none published"}
    if refused:
        section["datasets_read_but_not_published"] = refused
    return section


def _counted(counter: Counter | dict, what: str) -> dict | str:
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))) if counter else f"no {what} in this run"


def build_public_summary(run_dir: Path, sme: bool = False) -> dict:
    run_dir = Path(run_dir)
    manifest = load_manifest(run_dir)
    kept = kept_table(run_dir, _KEPT_COLUMNS)
    rejected = rejects_table(run_dir, _REJECT_COLUMNS)
    sizes = _utf8_bytes(kept)
    family = kept["source_family"].to_pylist()
    web = [i for i, f in enumerate(family) if f != "dataspace"]
    space = [i for i, f in enumerate(family) if f == "dataspace"]
    words = int(pc.sum(kept["word_count"]).as_py() or 0)
    languages = Counter(kept["language"].to_pylist())
    all_fetch = kept["fetch_date"].to_pylist() + rejected["fetch_date"].to_pylist()
    web_dates = [kept["fetch_date"][i].as_py() for i in web]
    rejected_family = rejected["source_family"].to_pylist()
    web_reject_dates = [d for d, f in zip(rejected["fetch_date"].to_pylist(), rejected_family, strict=True)
                        if f != "dataspace"]
    collection = _period(all_fetch)
    web_read = any(f != "dataspace" for f in family + rejected_family)
    space_read = any(f == "dataspace" for f in family + rejected_family)
    latest = collection["to"]
    datasets = _datasets(kept, rejected)
    optout_cfg = manifest["config"].get("optout", {})
    stages = manifest["stages"]

    # crawled and scraped sources (2.3)
    web_hosts_read = {h for h, f in zip(kept["host"].to_pylist() + rejected["host"].to_pylist(),
                                        family + rejected_family, strict=True) if f != "dataspace" and h}
    if web or any(f != "dataspace" for f in rejected_family):
        crawlers, crawler_unread = crawler_identity(manifest)
        captures = robots_captures(manifest)
        captured = sorted(set(captures["hosts"]) & web_hosts_read)
        dates = sorted({d for h in captured for d in captures["hosts"][h]})
        hosts_seen = len(web_hosts_read)
        crawled = {
            "used": "yes",
            "crawlers": crawlers or "the inputs carry no WARC warcinfo record naming the crawler",
            "crawler_identity_source": "warcinfo records of the input WARC files (software, operator, robots "
                                       "policy, user agent as the crawler wrote them)"
                                       + (f"; not readable at summary time: {', '.join(crawler_unread)}"
                                          if crawler_unread else ""),
            "input_files": [{"name": _input_name(i["uri"]), "sha256": i["sha256"], "bytes": i["bytes"]}
                            for i in manifest["inputs"]],
            "collection_period": {**_period(web_dates + web_reject_dates),
                                  "what": "earliest and latest record date (WARC-Date) among the web documents read"},
            "type_of_content": _web_content(Counter(kept["source_kind"][i].as_py() for i in web)),
            "type_of_content_counts": "published documents per kind of web input",
            "published_documents": len(web),
            "published_text_bytes": sum(sizes[i] for i in web),
            "most_relevant_domains": top_domains([kept["host"][i].as_py() for i in web], [sizes[i] for i in web],
                                                 sme),
        }
    else:
        crawled = {"used": "no: this run read no web crawl (no WARC, WET or HTML inputs)"}
        captures, captured, dates, hosts_seen = {"hosts": {}, "unread": []}, [], [], 0

    # opt-out (3.1)
    statuses_all = Counter(kept["optout_status"].to_pylist() + rejected["optout_status"].to_pylist())
    statuses_kept = Counter(kept["optout_status"].to_pylist())
    optout_removed = {r: n for s in stages if s["name"] == "optout" for r, n in s["reasons"].items()}
    flagged = {r: n for s in stages if s["name"] == "optout" for r, n in s.get("flagged", {}).items()}
    robots = {
        "agents_checked": optout_cfg.get("robots_agents") or "none configured",
        "web_hosts_seen": hosts_seen,
        "hosts_with_a_robots_txt_capture": len(captured),
        "share_of_hosts_with_a_capture": f"{(len(captured) / hosts_seen * 100) if hosts_seen else 0:.1f}%",
        "capture_dates": (f"{dates[0]} to {dates[-1]}" if dates else
                          "no robots.txt capture for any host of this run"),
        "where_captures_come_from": ("robots.txt responses in the input WARCs" if optout_cfg.get("robots_in_inputs", True)
                                     else "input WARCs not used for robots.txt")
                                    + (f" and {len(optout_cfg.get('robots_txt', []))} configured capture file(s)"
                                       if optout_cfg.get("robots_txt") else "; no separate captures configured"),
        "meaning": ("robots.txt was applied only to hosts with a capture; for the other hosts only the per-page "
                    "signals (X-Robots-Tag, TDMRep, robots meta) were checked" if hosts_seen else
                    "no web hosts in this run"),
    }
    if captures["unread"]:
        robots["inputs_not_readable_at_summary_time"] = captures["unread"]

    scrubbed = _pii(kept) + Counter({k: v for k, v in _pii(rejected.filter(pc.is_in(
        rejected["stage"], pa.array(["model_quality", "dedup"])))).items()})
    published_pii = _pii(kept)
    summary = {
        "template": TEMPLATE,
        "generated_by": f"eurocurate {__version__}",
        "run_id": manifest["run_id"],
        "scope": "the training content this data pipeline produced (one run); sections only the model provider "
                 "can answer say so",
        "1_general_information": {
            "1_1_provider_identification": PROVIDER,
            "1_2_model_identification": PROVIDER,
            "1_3_modality_size_and_characteristics": {
                "modality": "text",
                "training_data_size": {
                    "band": _size_band(words),
                    "band_basis": f"{words:,} words in the published data, at {TOKENS_PER_WORD[0]:g}-"
                                  f"{TOKENS_PER_WORD[1]:g} tokens per word (tokens are not counted by the pipeline)",
                    "published_documents": kept.num_rows,
                    "published_words": words,
                    "published_text_bytes": sum(sizes),
                },
                "types_of_content": ", ".join(t for t, n in (("web text", len(web)),
                                                             ("data-space dataset files", len(space))) if n)
                                    or "no documents were published by this run",
                "latest_data_collection_date": (
                    f"{latest[:7]} (latest record date among all documents read ("
                    + " and ".join(kind for kind, present in (("WARC-Date of web records", web_read),
                                                              ("fetch time of data-space files", space_read))
                                   if present) + f"): {latest})"
                    if latest[:1].isdigit() else latest),
                "languages": ({lang: n for lang, n in sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))}
                              if languages else "no documents were published by this run"),
                "languages_counts": "published documents per ISO 639-1 language (language ID label)",
            },
        },
        "2_list_of_data_sources": {
            "2_1_publicly_available_datasets": _public_datasets(datasets),
            "2_2_private_datasets_from_third_parties": PROVIDER,
            "2_3_data_crawled_and_scraped_from_online_sources": crawled,
            "2_4_user_data": PROVIDER,
            "2_5_synthetic_data": PROVIDER,
            "2_6_other_sources": PROVIDER,
        },
        "3_data_processing_aspects": {
            "3_1_respect_of_reservation_of_rights_tdm": {
                "measures": "before extraction every web document is checked for machine-readable reservations: "
                            "X-Robots-Tag headers, TDMRep (tdm-reservation header and meta), robots meta "
                            "(noai, none), and the host's robots.txt for the agents below where a capture exists; "
                            f"policy '{optout_cfg.get('policy', 'drop')}': reserved documents are "
                            + ("dropped" if optout_cfg.get("policy", "drop") == "drop" else "kept and flagged")
                            if optout_cfg.get("enabled", True) else "the opt-out stage was switched off in this run",
                "robots_txt": robots,
                "signals_seen": _counted(Counter(_signals(kept["optout_evidence"].to_pylist()
                                                          + rejected["optout_evidence"].to_pylist())),
                                         "opt-out signals") ,
                "signals_seen_counts": "documents (all read) in which each signal (where:name) spoke",
                "documents_by_optout_status": {
                    "all_documents_read": _counted(statuses_all, "documents"),
                    "published_documents": _counted(statuses_kept, "published documents"),
                    "status_meanings": OPTOUT_MEANINGS,
                    "status_none_by_robots_txt_coverage": _none_by_coverage(kept, rejected, set(captured)),
                },
                "documents_removed_for_a_reservation": _counted(optout_removed, "documents removed for a reservation"),
                "documents_kept_and_flagged": _counted(flagged, "documents flagged"),
            },
            "3_2_removal_of_undesirable_content": {
                "measures": [
                    "heuristic quality rules (Gopher, C4, FineWeb style) with one reason code per removal",
                    "personal data replaced by typed placeholders (Presidio-based recognizers)",
                    "exact and MinHash near-duplicate removal, one copy per cluster kept",
                ],
                "documents_removed_by_stage": {s["name"]: s["rejected"] for s in stages},
                "documents_removed_counts": "documents each stage removed (all documents read = published + removed)",
                "personal_data_items_scrubbed": _counted(scrubbed, "personal data items"),
                "personal_data_items_scrubbed_counts": "items replaced by the PII stage in every document it "
                                                       "passed, including copies later removed as duplicates",
                "personal_data_items_in_published_data": _counted(published_pii, "personal data items"),
                "personal_data_items_in_published_data_counts": "placeholders in the published documents only",
                "illegal_content": "no classifier for illegal content runs in this pipeline; other measures: "
                                   + PROVIDER,
                "removed_after_publication": _removed_after_publication(manifest),
            },
            "3_3_other_information": {
                "config_sha256": manifest["config_hash"],
                "integrity": "every output file is listed with its sha256 in manifest.json; every published row "
                             "carries text_sha256; `eurocurate verify` re-checks both",
                "signature": _signature_line(manifest),
                "documents_read": kept.num_rows + rejected.num_rows,
            },
        },
    }
    return _no_blanks(summary)


def _signature_line(manifest: dict) -> str:
    signing = manifest.get("signing") or {}
    if signing.get("signed"):
        return (f"manifest.json is signed (OpenSSH signature, manifest.json.sig) by key "
                f"{signing.get('public_key_fingerprint')}; check it with: {signing.get('verify_with')}")
    return signing.get("note") or "manifest.json is unsigned (made before signing existed)"


def _no_blanks(value, where: str = ""):
    """Replace any None / empty value left anywhere with words, so no field prints as None or empty."""
    if isinstance(value, dict):
        return {k: _no_blanks(v, k) for k, v in value.items()} or "nothing recorded by this run"
    if isinstance(value, list):
        return [_no_blanks(v, where) for v in value] or "nothing recorded by this run"
    if value is None or (isinstance(value, str) and not value.strip()):
        return "not recorded by this run"
    return value


def _md_value(value) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_md_value(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(_md_value(v) for v in value)
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else str(value)


_TITLES = {
    "1_general_information": "1. General information",
    "1_1_provider_identification": "1.1 Provider identification",
    "1_2_model_identification": "1.2 Model identification",
    "1_3_modality_size_and_characteristics": "1.3 Modality, overall training data size and other characteristics",
    "2_list_of_data_sources": "2. List of data sources",
    "2_1_publicly_available_datasets": "2.1 Publicly available datasets",
    "2_2_private_datasets_from_third_parties": "2.2 Private non-publicly available datasets obtained from third parties",
    "2_3_data_crawled_and_scraped_from_online_sources": "2.3 Data crawled and scraped from online sources",
    "2_4_user_data": "2.4 User data", "2_5_synthetic_data": "2.5 Synthetic data",
    "2_6_other_sources": "2.6 Other sources of data",
    "3_data_processing_aspects": "3. Data processing aspects",
    "3_1_respect_of_reservation_of_rights_tdm":
        "3.1 Respect of reservation of rights from the text and data mining exception or limitation",
    "3_2_removal_of_undesirable_content": "3.2 Removal of illegal and other undesirable content",
    "3_3_other_information": "3.3 Other information",
}


def _label(key: str) -> str:
    return _TITLES.get(key) or key.replace("_", " ").replace("robots txt", "robots.txt").capitalize()


# dicts whose keys are data (language codes, status codes, stage names, PII types), printed as they are
_DATA_MAPS = {"type_of_content", "status_none_by_robots_txt_coverage", "languages", "all_documents_read", "published_documents", "status_meanings", "signals_seen",
              "documents_removed_by_stage", "personal_data_items_scrubbed", "personal_data_items_in_published_data",
              "documents_removed_for_a_reservation", "documents_kept_and_flagged", "licences", "access_rights"}


def _md_lines(key: str, value, depth: int) -> list[str]:
    pad = "  " * depth
    if isinstance(value, dict) and key in _DATA_MAPS:
        return [f"{pad}- {_label(key)}:"] + [f"{pad}  - `{k}`: {_md_value(v)}" for k, v in value.items()]
    if isinstance(value, dict):
        return [f"{pad}- {_label(key)}:"] + [line for k, v in value.items() for line in _md_lines(k, v, depth + 1)]
    if isinstance(value, list) and any(isinstance(v, dict) for v in value):
        return [f"{pad}- {_label(key)}:"] + [f"{pad}  - {_md_value(v)}" for v in value]
    return [f"{pad}- {_label(key)}: {_md_value(value)}"]


def _markdown(summary: dict) -> str:
    lines = [
        "# Public summary of training content", "",
        (f"Following the {summary['template']}. Generated by {summary['generated_by']} for run "
         f"`{summary['run_id']}`; scope: {summary['scope']}. Every figure names what it counts."), "",
    ]
    for section_key in ("1_general_information", "2_list_of_data_sources", "3_data_processing_aspects"):
        lines += [f"## {_label(section_key)}", ""]
        for key, value in summary[section_key].items():
            lines += [f"### {_label(key)}", ""]
            if isinstance(value, dict):
                lines += [line for k, v in value.items() for line in _md_lines(k, v, 0)]
            else:
                lines.append(f"- {_md_value(value)}")
            lines.append("")
    return "\n".join(lines)


_CROISSANT_TYPES = {"string": "sc:Text", "float": "sc:Float", "int32": "sc:Integer", "int64": "sc:Integer"}


def _spdx_url(licence: str) -> str:
    return licence if licence.startswith("LicenseRef-") else f"https://spdx.org/licenses/{licence}.html"


def build_croissant(run_dir: Path, name: str | None = None, base_url: str | None = None) -> dict:
    """Croissant 1.0 + RAI. File URLs are relative to the run folder, or under `base_url` (where the run is
    published); the licence list is the SPDX ids the published documents carry, per source."""
    run_dir = Path(run_dir)
    manifest = load_manifest(run_dir)
    kept = kept_table(run_dir, ["language", "license", "source_family", "source_uri", "fetch_date", "pii_counts"])
    rejected_pii = rejects_table(run_dir, ["stage", "pii_counts"])
    period = _period(kept["fetch_date"].to_pylist())
    prefix = base_url.rstrip("/") + "/" if base_url else ""
    per_source: dict[str, Counter] = defaultdict(Counter)
    for licence, uri in zip(kept["license"].to_pylist(), kept["source_uri"].to_pylist(), strict=True):
        per_source[_input_name(uri or "unknown source")][licence or "no licence declared"] += 1
    licences = sorted({lic for counts in per_source.values() for lic in counts if lic != "no licence declared"})
    unlicensed = sum(c.get("no licence declared", 0) for c in per_source.values())
    files = [{
        "@type": "cr:FileObject", "@id": entry["path"], "name": entry["path"], "contentUrl": prefix + entry["path"],
        "encodingFormat": "application/x-parquet", "sha256": entry["sha256"], "contentSize": f"{entry['bytes']} B",
    } for entry in manifest["shards"]]
    fields = [{
        "@type": "cr:Field", "@id": f"documents/{f.name}", "name": f.name,
        "dataType": _CROISSANT_TYPES.get(str(f.type), "sc:Text"),
        "source": {"fileSet": {"@id": "shards"}, "extract": {"column": f.name}},
    } for f in DOCUMENT_SCHEMA if str(f.type) in _CROISSANT_TYPES]
    removed = ", ".join(f"{s['name']} {s['rejected']}" for s in manifest["stages"])
    scrubbed = sum(_pii(kept).values()) + sum(_pii(rejected_pii.filter(pc.is_in(
        rejected_pii["stage"], pa.array(["model_quality", "dedup"])))).values())
    languages = sorted({v for v in kept["language"].to_pylist() if v})
    web = sum(1 for f in kept["source_family"].to_pylist() if f != "dataspace")
    licence_note = ("Licences of the published documents, per input: "
                    + "; ".join(f"{src}: " + ", ".join(f"{lic} {n}" for lic, n in sorted(c.items()))
                                for src, c in sorted(per_source.items()))
                    if per_source else "No documents were published.")
    croissant = {
        "@context": {
            "@language": "en", "@vocab": "https://schema.org/", "sc": "https://schema.org/",
            "cr": "http://mlcommons.org/croissant/", "rai": "http://mlcommons.org/croissant/RAI/",
            "dct": "http://purl.org/dc/terms/", "citeAs": "cr:citeAs", "column": "cr:column",
            "conformsTo": "dct:conformsTo", "data": {"@id": "cr:data", "@type": "@json"},
            "dataType": {"@id": "cr:dataType", "@type": "@vocab"}, "examples": {"@id": "cr:examples", "@type": "@json"},
            "extract": "cr:extract", "field": "cr:field", "fileObject": "cr:fileObject", "fileSet": "cr:fileSet",
            "includes": "cr:includes", "isLiveDataset": "cr:isLiveDataset", "key": "cr:key", "recordSet": "cr:recordSet",
            "source": "cr:source", "transform": "cr:transform",
        },
        "@type": "sc:Dataset",
        "conformsTo": ["http://mlcommons.org/croissant/1.0", "http://mlcommons.org/croissant/RAI/1.0"],
        "name": name or f"eurocurate-{manifest['config']['name']}",
        "description": f"Curated multilingual text produced by eurocurate run {manifest['run_id']}: "
                       f"{kept.num_rows:,} documents in {len(languages)} languages. {licence_note}"
                       + (f" {unlicensed:,} web documents declare no licence: they were collected from the open "
                          "web with machine-readable AI/TDM reservations checked (see public-summary.md)."
                          if unlicensed else ""),
        "version": "1.0.0",
        "license": [_spdx_url(lic) for lic in licences] or
                   "No licence declared by the sources (web pages collected under the EU text and data mining "
                   "exception with opt-outs checked; see public-summary.md)",
        "inLanguage": languages,
        "dateCreated": manifest["finished_at"],
        "distribution": files + [{
            "@type": "cr:FileSet", "@id": "shards", "name": "shards", "encodingFormat": "application/x-parquet",
            "includes": prefix + "data/*/*.parquet",
        }],
        "recordSet": [{"@type": "cr:RecordSet", "@id": "documents", "name": "documents", "key": {"@id": "documents/id"},
                       "field": fields}],
        "rai:dataCollection": ("Web pages from WARC crawl files; main text extracted with trafilatura. " if web else "")
                              + ("Files of data-space (DCAT-AP) datasets, fetched after a licence and access gate."
                                 if web < kept.num_rows else ""),
        "rai:dataCollectionType": (["Web Scraping"] if web else []) + (["Secondary Data Analysis"]
                                                                       if web < kept.num_rows else []),
        "rai:dataCollectionRawData": [_input_name(i["uri"]) + f" (sha256 {i['sha256']})" for i in manifest["inputs"]],
        "rai:dataCollectionTimeframe": [period["from"], period["to"]],
        "rai:dataPreprocessingProtocol": [
            "charset detection and boilerplate removal (trafilatura)",
            "language identification with fastText lid.176",
            "heuristic quality rules (Gopher/C4-style), one reason code per removal",
        ],
        "rai:dataManipulationProtocol": [
            "personal data (e-mail, phone, IBAN, IP, payment card, national IDs) replaced by typed placeholders",
            "exact and MinHash LSH near-duplicate removal, one copy per cluster kept",
            f"documents removed per stage: {removed}",
        ],
        "rai:personalSensitiveInformation": (
            f"Detected personal identifiers were replaced by placeholders: {scrubbed} items scrubbed in all "
            f"documents the PII stage passed, {sum(_pii(kept).values())} of them in the published documents "
            "(counts per type in the pii_counts column). Names are not detected by default."),
        "rai:dataLimitations": "Pattern-based PII detection misses identifiers it has no recognizer for; language "
                               "identification is less reliable on short texts.",
        "rai:dataBiases": "Reflects the crawled sources: see the per-language and per-domain counts in report.json.",
        "rai:dataUseCases": "Pretraining of language models.",
    }
    return croissant


def write_summary(run_dir: Path, out_dir: Path | None = None, sme: bool = False,
                  base_url: str | None = None) -> list[Path]:
    target = Path(out_dir or run_dir)
    summary = build_public_summary(run_dir, sme=sme)
    paths = [target / "public-summary.json", target / "public-summary.md", target / "croissant.json"]
    write_text_atomic(json.dumps(summary, indent=2, ensure_ascii=False), paths[0])
    write_text_atomic(_markdown(summary), paths[1])
    write_text_atomic(json.dumps(build_croissant(run_dir, base_url=base_url), indent=2, ensure_ascii=False), paths[2])
    return paths
