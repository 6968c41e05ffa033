"""The report's quality section: per rule and language, how many documents the quality stage removed and the
distribution of the value that crossed the threshold (read back from each reject's `detail`,
`rule=value>threshold`), and how many documents it kept after removing the lines a rule fired on (the `quality`
`lines_removed` annotation). Computed from the Parquet output, like the rest of the report."""

from __future__ import annotations

import statistics
from collections import defaultdict
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
from eurocurate.filters.quality.stage import parse_detail
from eurocurate.pipeline.run_folder import kept_table, rejects_table

HISTOGRAM_BINS = 10
NO_LANGUAGE = "(none)"


def _distribution(values: list[float]) -> dict:
    values = sorted(values)
    if len(values) >= 2:
        q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    else:
        q1 = median = q3 = values[0]
    low, high = values[0], values[-1]
    width = (high - low) / HISTOGRAM_BINS or 1.0
    counts = [0] * HISTOGRAM_BINS
    for v in values:
        counts[min(int((v - low) / width), HISTOGRAM_BINS - 1)] += 1
    return {"min": low, "q1": q1, "median": median, "q3": q3, "max": high,
            "histogram": {"low": low, "bin_width": width, "counts": counts}}


def quality_rules(rejected: pa.Table, annotated: list[pa.Table]) -> dict:
    """{"removed": {rule: {language: {documents, threshold, op, values: distribution}}},
    "lines_removed": {rule: {language: documents}}, "without_detail": n}.

    `rejected` has stage, reason, language, detail; each of `annotated` has language and annotations (kept
    documents and later stages' rejects, which went through quality)."""
    values: dict[tuple[str, str], list[float]] = defaultdict(list)
    documents: dict[tuple[str, str], int] = defaultdict(int)
    limits: dict[tuple[str, str], tuple[str, float]] = {}
    without_detail = 0
    for stage, reason, language, detail in zip(rejected["stage"].to_pylist(), rejected["reason"].to_pylist(),
                                               rejected["language"].to_pylist(), rejected["detail"].to_pylist()):
        if stage != "quality":
            continue
        parsed = parse_detail(detail or "")
        key = (reason, language or NO_LANGUAGE)
        documents[key] += 1
        if parsed is None:  # a run written before details were recorded, or a stage_error
            without_detail += 1
            values.setdefault(key, [])
            continue
        values[key].append(parsed[1])
        limits[key] = (parsed[2], parsed[3])
    removed: dict[str, dict[str, dict]] = defaultdict(dict)
    for (rule, language), found in sorted(values.items()):
        entry = {"documents": documents[(rule, language)]}
        if found:
            op, limit = limits[(rule, language)]
            entry.update({"op": op, "threshold": limit, "values": _distribution(found)})
        removed[rule][language] = entry
    trimmed: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for table in annotated:
        for language, notes in zip(table["language"].to_pylist(), table["annotations"].to_pylist()):
            for note in notes or []:
                if note["stage"] == "quality" and note["key"] == "lines_removed":
                    rule = note["value"].partition("=")[0]
                    trimmed[rule][language or NO_LANGUAGE] += 1
    return {"removed": {rule: dict(langs) for rule, langs in sorted(removed.items())},
            "lines_removed": {rule: dict(sorted(langs.items())) for rule, langs in sorted(trimmed.items())},
            "without_detail": without_detail}


def quality_section(run_dir: Path) -> dict:
    """quality_rules() on a finished run folder."""
    rejected = rejects_table(run_dir, ["stage", "reason", "language", "detail", "annotations"])
    kept = kept_table(run_dir, ["language", "annotations"])
    later = rejected.filter(pc.is_in(rejected["stage"], value_set=pa.array(["pii", "model_quality", "dedup"])))
    return quality_rules(rejected, [kept, later])
