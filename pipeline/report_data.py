"""The numbers behind `eurocurate report`: computed from the Parquet output itself, not from run-time counters.

The manifest's per-stage counters are shown beside them; `eurocurate verify` checks that the two agree.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pyarrow.compute as pc

from eurocurate.pipeline.report_langid import langid_section
from eurocurate.pipeline.report_quality import quality_section
from eurocurate.pipeline.run_folder import kept_table, load_manifest, rejects_table

TOP_DOMAINS = 20
NO_LICENSE = "none declared"


def _counts(values) -> dict[str, int]:
    counter = Counter("(none)" if v is None else v for v in values)
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def _pii_coverage() -> dict[str, list[str]]:
    from eurocurate.filters.pii.coverage import pii_coverage

    return pii_coverage()


def build_report_data(run_dir: Path) -> dict:
    run_dir = Path(run_dir)
    manifest = load_manifest(run_dir)
    kept = kept_table(run_dir, ["id", "language", "word_count", "text", "host", "license", "optout_status",
                                "pii_counts", "dup_cluster_id", "dup_cluster_size"])
    rejected = rejects_table(run_dir, ["stage", "reason", "language", "optout_status", "pii_counts", "license"])

    per_language: dict[str, dict] = defaultdict(lambda: {"documents": 0, "words": 0, "bytes": 0})
    for lang, words, text in zip(kept["language"].to_pylist(), kept["word_count"].to_pylist(),
                                 kept["text"].to_pylist()):
        entry = per_language[lang]
        entry["documents"] += 1
        entry["words"] += words or 0
        entry["bytes"] += len((text or "").encode("utf-8"))

    removals: dict[str, dict[str, int]] = defaultdict(dict)
    for (stage, reason), n in Counter(zip(rejected["stage"].to_pylist(), rejected["reason"].to_pylist())).items():
        removals[stage][reason] = n

    # PII is counted on every document that went through the PII stage: kept ones and later duplicates.
    pii_by_type: Counter = Counter()
    pii_by_language: dict[str, Counter] = defaultdict(Counter)
    pii_published = 0  # of those, in the documents this run publishes
    for table in (kept, rejected):
        for lang, counts in zip(table["language"].to_pylist(), table["pii_counts"].to_pylist()):
            for item in counts or []:
                pii_by_type[item["type"]] += item["count"]
                pii_by_language[lang][item["type"]] += item["count"]
                pii_published += item["count"] if table is kept else 0

    cluster_sizes: Counter = Counter()
    for cluster_id, size, doc_id in zip(kept["dup_cluster_id"].to_pylist(), kept["dup_cluster_size"].to_pylist(),
                                        kept["id"].to_pylist()):
        if cluster_id == doc_id:
            cluster_sizes[str(size)] += 1

    hosts = Counter(kept["host"].to_pylist())
    stage_table = [{"stage": s["name"], "in": s["in"], "kept": s["kept"], "rejected": s["rejected"],
                    "flagged": s.get("flagged", {})} for s in manifest["stages"]]
    return {
        "run_id": manifest["run_id"],
        "config_hash": manifest["config_hash"],
        "started_at": manifest["started_at"],
        "finished_at": manifest["finished_at"],
        "totals": {
            "documents": kept.num_rows,
            "words": int(pc.sum(kept["word_count"]).as_py() or 0),
            "rejected": rejected.num_rows,
            "languages": len(per_language),
            "input_files": len(manifest["inputs"]),
            "input_bytes": sum(i["bytes"] for i in manifest["inputs"]),
        },
        "languages": dict(sorted(per_language.items(), key=lambda kv: (-kv[1]["documents"], kv[0]))),
        "stages": stage_table,
        "removals": {stage: dict(sorted(r.items(), key=lambda kv: (-kv[1], kv[0])))
                     for stage, r in sorted(removals.items())},
        "pii_by_type": dict(sorted(pii_by_type.items())),
        "pii_in_published_documents": pii_published,
        "pii_by_language": {lang: dict(sorted(c.items())) for lang, c in sorted(pii_by_language.items())},
        "pii_coverage": _pii_coverage(),
        "duplicate_cluster_sizes": dict(sorted(cluster_sizes.items(), key=lambda kv: int(kv[0]))),
        "licenses": _counts(v or NO_LICENSE for v in kept["license"].to_pylist()),
        "top_domains": dict(sorted(hosts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_DOMAINS]),
        "domains": len(hosts),
        "optout_status": _counts(kept["optout_status"].to_pylist() + rejected["optout_status"].to_pylist()),
        "optout_rejections": {r: n for r, n in removals.get("optout", {}).items()},
        "quality_rules": quality_section(run_dir),
        "language_id": langid_section(run_dir, manifest),
        "input_problems": manifest["input_problems"],
        "models": manifest["models"],
        "versions": manifest["versions"],
        "execution": manifest["execution"],
    }
