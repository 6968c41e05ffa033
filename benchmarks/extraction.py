"""Main-text extraction: eurocurate's extract stage against stock trafilatura, same pages, same process.

    python benchmarks/extraction.py [--data DIR] [--also DIR ...] [--runs 3]

DIR holds `gold.jsonl` (one row per page: `page`, a gzipped HTML file relative to DIR, `url`, and either
`with`/`without` snippets or a full `article_body`) and the pages. Default: ../shared/eval/extraction/trafilatura
next to the repository; --also defaults to the scrapinghub set beside it (printed, not in the RESULT line).

Scoring (../shared/eval/README.md):
- snippets: a snippet counts as found when it is a substring of the extracted text; precision = found `with`
  snippets / all found snippets, recall = found `with` / all `with` (trafilatura's own evaluation);
- article_body: word-multiset overlap per page (precision = shared words / extracted words, recall = shared
  words / gold words), averaged over pages.
Speed: both systems over all pages, passes interleaved so background load hits both alike, `--runs` passes each;
pages per CPU-second of this process (= pages/s on one core, the figure the goal is set in) and wall-clock
pages/s, medians. Stock trafilatura gets the raw bytes with default settings (`trafilatura.extract(html, url=)`);
eurocurate gets the same bytes through its whole extract stage (binary check, charset, guard, title and date).
Ends with one line: RESULT f1=.. stock_f1=.. pages_per_s=.. stock_pages_per_s=.. speedup=..
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from eurocurate.pipeline.config import ExtractConfig  # noqa: E402
from eurocurate.filters.extract.stage import ExtractStage  # noqa: E402
from eurocurate.core.stage import Keep  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval" / "extraction"
_WORD = re.compile(r"\w+")


def load_pages(folder: Path) -> list[dict]:
    with (folder / "gold.jsonl").open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    for row in rows:
        raw = (folder / row["page"]).read_bytes()
        row["html"] = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
    return rows


def snippet_scores(rows: list[dict], texts: list[str]) -> tuple[float, float]:
    found_with = missed_with = found_without = 0
    for row, text in zip(rows, texts):
        found_with += sum(s in text for s in row["with"])
        missed_with += sum(s not in text for s in row["with"])
        found_without += sum(s in text for s in row.get("without", []))
    return found_with / max(found_with + found_without, 1), found_with / max(found_with + missed_with, 1)


def word_overlap_scores(rows: list[dict], texts: list[str]) -> tuple[float, float]:
    precision = recall = 0.0
    for row, text in zip(rows, texts):
        gold = Counter(_WORD.findall(row["article_body"].lower()))
        got = Counter(_WORD.findall(text.lower()))
        shared = sum((gold & got).values())
        precision += shared / sum(got.values()) if got else 0.0
        recall += shared / max(sum(gold.values()), 1)
    return precision / len(rows), recall / len(rows)


def quality(rows: list[dict], texts: list[str]) -> dict:
    scorer = snippet_scores if "with" in rows[0] else word_overlap_scores
    precision, recall = scorer(rows, texts)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def stock_extractor():
    return lambda row: trafilatura.extract(row["html"], url=row["url"]) or ""


def eurocurate_extractor(stage: ExtractStage):
    def extract(row: dict) -> str:
        doc = {"html": row["html"], "content_type": "text/html", "url": row["url"]}
        return doc["text"] if stage.process(doc) == Keep() else ""

    return extract


def measure(systems: dict, rows: list[dict], runs: int) -> dict:
    """Interleaved passes; texts of the last pass, median pages per CPU-second and per wall-second."""
    cpu: dict[str, list[float]] = {name: [] for name in systems}
    wall: dict[str, list[float]] = {name: [] for name in systems}
    texts: dict[str, list[str]] = {}
    for _ in range(runs):
        for name, extract in systems.items():
            started_cpu, started_wall = time.process_time(), time.perf_counter()
            texts[name] = [extract(row) for row in rows]
            cpu[name].append(len(rows) / (time.process_time() - started_cpu))
            wall[name].append(len(rows) / (time.perf_counter() - started_wall))
    return {name: {"texts": texts[name], "pages_per_cpu_s": statistics.median(cpu[name]),
                   "pages_per_wall_s": statistics.median(wall[name]), "cpu_runs": cpu[name]} for name in systems}


def run_set(folder: Path, runs: int) -> dict:
    rows = load_pages(folder)
    stage = ExtractStage(ExtractConfig(min_chars=0))
    results = measure({"eurocurate": eurocurate_extractor(stage), "stock": stock_extractor()}, rows, runs)
    passes = sum(stage.paths.values()) or 1
    print(f"\n== {folder.name}: {len(rows)} pages, {runs} interleaved passes (median) ==")
    print(f"{'system':<12} {'precision':>9} {'recall':>7} {'F1':>7} {'pages/cpu-s':>12} {'pages/wall-s':>13}")
    for name, result in results.items():
        result.update(quality(rows, result["texts"]))
        print(f"{name:<12} {result['precision']:>9.4f} {result['recall']:>7.4f} {result['f1']:>7.4f} "
              f"{result['pages_per_cpu_s']:>12.1f} {result['pages_per_wall_s']:>13.1f}")
    speedup = results["eurocurate"]["pages_per_cpu_s"] / results["stock"]["pages_per_cpu_s"]
    print(f"speedup per core (CPU time): {speedup:.2f}x; wall-clock: "
          f"{results['eurocurate']['pages_per_wall_s'] / results['stock']['pages_per_wall_s']:.2f}x")
    print("eurocurate paths: " + ", ".join(f"{k} {v / passes:.1%}" for k, v in stage.paths.items()))
    for name, result in results.items():
        print(f"  {name} pages/cpu-s per pass: " + ", ".join(f"{r:.1f}" for r in result["cpu_runs"]))
    return {"results": results, "speedup": speedup}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=EVAL / "trafilatura", help="gold.jsonl + pages (RESULT line)")
    parser.add_argument("--also", type=Path, action="append", default=None,
                        help="more sets to print (default: the scrapinghub set beside the default --data)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not (args.data / "gold.jsonl").is_file():
        sys.exit(f"no gold.jsonl under {args.data}")
    also = args.also if args.also is not None else [p for p in [EVAL / "scrapinghub"] if (p / "gold.jsonl").is_file()]
    print(f"trafilatura {trafilatura.__version__}; timings on this machine, one process, one core used at a time")
    main_set = run_set(args.data, args.runs)
    for folder in also:
        if folder.resolve() != args.data.resolve():
            run_set(folder, args.runs)
    ours, stock = main_set["results"]["eurocurate"], main_set["results"]["stock"]
    print(f"RESULT f1={ours['f1']:.4f} stock_f1={stock['f1']:.4f} pages_per_s={ours['pages_per_cpu_s']:.1f} "
          f"stock_pages_per_s={stock['pages_per_cpu_s']:.1f} speedup={main_set['speedup']:.2f}")


if __name__ == "__main__":
    main()
