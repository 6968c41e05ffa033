"""`eurocurate report RUN_DIR`: a self-contained HTML report (charts drawn in the page, nothing fetched) and
report.json with the same numbers."""

from __future__ import annotations

import html
import json
from importlib import resources
from pathlib import Path
from string import Template

from eurocurate import __version__
from eurocurate.core.parquet_io import write_text_atomic
from eurocurate.pipeline.report_data import TOP_DOMAINS, build_report_data


def _asset(name: str) -> str:
    return resources.files("eurocurate.pipeline").joinpath("report_assets", name).read_text(encoding="utf-8")


def _table(headers: list[str], rows: list[list], numeric: set[int] | None = None) -> str:
    numeric = numeric or set()
    head = "".join(f'<th class="num">{html.escape(h)}</th>' if i in numeric else f"<th>{html.escape(h)}</th>"
                   for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(
            f'<td class="num">{value:,}</td>' if i in numeric and isinstance(value, int)
            else f"<td>{html.escape(str(value))}</td>" for i, value in enumerate(row)) + "</tr>"
        for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body or '<tr><td>none</td></tr>'}</tbody></table>"


def _kpi(value, label: str) -> str:
    shown = f"{value:,}" if isinstance(value, int) else html.escape(str(value))
    return f'<div class="kpi"><b>{shown}</b><span>{html.escape(label)}</span></div>'


def render_html(data: dict) -> str:
    totals = data["totals"]
    kpis = "".join([
        _kpi(totals["documents"], "documents kept"), _kpi(totals["words"], "words kept"),
        _kpi(totals["languages"], "languages"), _kpi(totals["rejected"], "documents rejected"),
        _kpi(sum(data["pii_by_type"].values()),
             f"personal data items replaced by the PII stage ({data['pii_in_published_documents']:,} of them in "
             "published documents, the rest in documents dropped later)"),
        _kpi(totals["input_files"], "input files"),
    ])
    stage_rows = []
    for stage in data["stages"]:
        reasons = data["removals"].get(stage["stage"], {})
        stage_rows.append([stage["stage"], stage["in"], stage["kept"], stage["rejected"],
                           ", ".join(f"{r}: {n}" for r, n in reasons.items()),
                           ", ".join(f"{r}: {n}" for r, n in stage["flagged"].items())])
    pii_types = sorted(data["pii_by_type"])
    pii_rows = [[lang, *[counts.get(t, 0) for t in pii_types]] for lang, counts in data["pii_by_language"].items()]
    models = [row for m in data["models"] for row in (
        [[m["stage"], m["name"], m["license"], m["sha256"][:16] + "…"]]
        + [[m["stage"], d["name"], d["license"], "—"] for d in m.get("data", [])])]
    coverage = [[lang, ", ".join(types)] for lang, types in sorted(data["pii_coverage"].items())]
    problems = data["input_problems"]
    problem_rows = [[Path(p["file"]).name, p["error"], p.get("detail", "")] for p in problems["file_errors"]]
    ignored = ", ".join(f"{t}: {n}" for t, n in problems["ignored_records_by_type"].items()) or "none"
    data_json = json.dumps(data, sort_keys=True).replace("</", "<\\/")
    return Template(_asset("report.html")).substitute(
        run_id=html.escape(data["run_id"]), config_hash_short=data["config_hash"][:16],
        started_at=html.escape(data["started_at"]), finished_at=html.escape(data["finished_at"]),
        css=_asset("report.css"), js=_asset("report.js"), kpis=kpis, domains=f"{data['domains']:,}",
        top_n=TOP_DOMAINS, version=__version__, data_json=data_json,
        stage_table=_table(["stage", "in", "kept", "rejected", "reasons", "kept but flagged"], stage_rows, {1, 2, 3}),
        pii_table=_table(["language", *pii_types], pii_rows, set(range(1, len(pii_types) + 1))),
        models_table=_table(["stage", "model", "licence", "sha256"], models),
        coverage_table=_table(["language", "entity types"], coverage),
        problems=_table(["file", "problem", "detail"], problem_rows)
        + f'<p class="note">Records that are not documents (skipped by type): {html.escape(ignored)}</p>',
    )


def write_report(run_dir: Path, out_dir: Path | None = None) -> tuple[Path, Path]:
    data = build_report_data(run_dir)
    target = Path(out_dir or run_dir)
    html_path, json_path = target / "report.html", target / "report.json"
    write_text_atomic(json.dumps(data, indent=2, sort_keys=True), json_path)
    write_text_atomic(render_html(data), html_path)
    return html_path, json_path
