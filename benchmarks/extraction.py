"""Main-text extraction: eurocurate's extract stage against stock trafilatura, same pages, same process.

    python benchmarks/extraction.py [--data DIR] [--also DIR ...] [--runs 3]

DIR holds `gold.jsonl` (one row per page: `page`, a gzipped HTML file relative to DIR, `url`, and either
`with`/`without` snippets or a full `article_body`) and the pages. Default: ../shared/eval/extraction/trafilatura
next to the repository; --also defaults to the scrapinghub set beside it; --warc to the real crawl excerpts under
../shared/eval/warc (no gold: the stage's and the fast path's agreement with stock trafilatura, per page shape).

Held out: pages are split by the SHA-256 of their file name (first byte even: tune, odd: held-out); the extract
stage's thresholds were chosen on the tune halves, so F1 and speed are printed for each half, for the whole, and
per page shape (the shape the stage reads from its fast pass: article, table, thin, rescued; see
filters/extract/stage.py), with stock trafilatura's F1 on the same pages beside each.

Scoring (../shared/eval/README.md):
- snippets: a snippet counts as found when it is a substring of the extracted text; precision = found `with`
  snippets / all found snippets, recall = found `with` / all `with` (trafilatura's own evaluation);
- article_body: word-multiset overlap per page (precision = shared words / extracted words, recall = shared
  words / gold words), averaged over pages.
Speed: both systems over all pages, passes interleaved so background load hits both alike, `--runs` passes each;
pages per CPU-second of this process (= pages/s on one core, the figure the goal is set in) and wall-clock
pages/s, medians. Stock trafilatura gets the raw bytes with default settings (`trafilatura.extract(html, url=)`);
eurocurate gets the same bytes through its whole extract stage (binary check, charset, guard, title and date).
Ends with one line: RESULT f1=.. stock_f1=.. pages_per_s=.. stock_pages_per_s=.. speedup=.. heldout_f1=..
heldout_stock_f1=.. heldout_speedup=.. (the same per --also set, prefixed by its folder name), worst_shape_f1_gap=..
(the lowest F1 difference to stock over the shapes of all sets) and load=.. (1-min load average before/after).
Speed ratios from whole passes (speedup) and from per-page CPU times (the tables) both come from the same
interleaved passes.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
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
from eurocurate.filters.extract.stage import SHAPES, ExtractStage  # noqa: E402
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
    def extract(row: dict) -> tuple[str, None]:
        return trafilatura.extract(row["html"], url=row["url"]) or "", None

    return extract


def eurocurate_extractor(stage: ExtractStage):
    def extract(row: dict) -> tuple[str, str | None]:
        doc = {"html": row["html"], "content_type": "text/html", "url": row["url"]}
        kept = stage.process(doc) == Keep()
        return (doc["text"] if kept else ""), stage.last_shape

    return extract


def split_half(page: str) -> str:
    """The fixed split: a page is for tuning or held out by the SHA-256 of its file name (first byte even: tune).
    Thresholds of the extract stage are chosen on the tune half; the held-out half is only reported."""
    return "tune" if hashlib.sha256(Path(page).name.encode("utf-8")).digest()[0] % 2 == 0 else "held-out"


def measure(systems: dict, rows: list[dict], runs: int) -> dict:
    """Interleaved passes; texts and shapes of the last pass, CPU seconds per page (median over passes) and median
    pages per CPU-second and per wall-second of whole passes."""
    cpu: dict[str, list[float]] = {name: [] for name in systems}
    wall: dict[str, list[float]] = {name: [] for name in systems}
    page_cpu: dict[str, list[list[float]]] = {name: [[] for _ in rows] for name in systems}
    texts: dict[str, list[str]] = {}
    shapes: dict[str, list] = {}
    for _ in range(runs):
        for name, extract in systems.items():
            out = []
            started_cpu, started_wall = time.process_time(), time.perf_counter()
            for i, row in enumerate(rows):
                before = time.process_time()
                out.append(extract(row))
                page_cpu[name][i].append(time.process_time() - before)
            cpu[name].append(len(rows) / (time.process_time() - started_cpu))
            wall[name].append(len(rows) / (time.perf_counter() - started_wall))
            texts[name], shapes[name] = [t for t, _ in out], [s for _, s in out]
    return {name: {"texts": texts[name], "shapes": shapes[name], "pages_per_cpu_s": statistics.median(cpu[name]),
                   "pages_per_wall_s": statistics.median(wall[name]), "cpu_runs": cpu[name],
                   "page_cpu_s": [statistics.median(times) for times in page_cpu[name]]} for name in systems}


def _subset(rows: list[dict], results: dict, keep: list[bool]) -> tuple[list[dict], dict]:
    picked = [row for row, k in zip(rows, keep) if k]
    out = {}
    for name, result in results.items():
        texts = [t for t, k in zip(result["texts"], keep) if k]
        seconds = sum(s for s, k in zip(result["page_cpu_s"], keep) if k)
        out[name] = {**quality(picked, texts), "pages_per_cpu_s": len(picked) / seconds if seconds else 0.0}
    return picked, out


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

    halves = [split_half(row["page"]) for row in rows]
    shapes = results["eurocurate"]["shapes"]
    print(f"{'part':<22} {'pages':>5} {'F1':>7} {'stock F1':>8} {'diff':>7} {'pages/cpu-s':>11} {'stock':>7} {'speedup':>7}")
    parts = {}
    groups = [("all", [True] * len(rows))] + [(h, [x == h for x in halves]) for h in ("tune", "held-out")]
    groups += [(f"shape {s}", [x == s for x in shapes]) for s in SHAPES if s in shapes]
    groups += [(f"held-out {s}", [x == s and h == "held-out" for x, h in zip(shapes, halves)])
               for s in SHAPES if s in shapes]
    for label, keep in groups:
        if not any(keep):
            continue
        picked, part = _subset(rows, results, keep)
        ours, stock = part["eurocurate"], part["stock"]
        ratio = ours["pages_per_cpu_s"] / stock["pages_per_cpu_s"] if stock["pages_per_cpu_s"] else 0.0
        print(f"{label:<22} {len(picked):>5} {ours['f1']:>7.4f} {stock['f1']:>8.4f} {ours['f1'] - stock['f1']:>+7.4f} "
              f"{ours['pages_per_cpu_s']:>11.1f} {stock['pages_per_cpu_s']:>7.1f} {ratio:>6.2f}x")
        parts[label] = {"f1": ours["f1"], "stock_f1": stock["f1"], "speedup": ratio, "pages": len(picked)}
    return {"results": results, "speedup": speedup, "parts": parts}


def warc_pages(paths: list[Path]) -> list[dict]:
    from eurocurate.pipeline.sources.warc import ReadReport, iter_warc_documents

    rows = []
    for path in paths:
        for doc in iter_warc_documents(str(path), str(path), ReadReport(), 5_000_000):
            if doc.get("html") and "html" in (doc.get("content_type") or "text/html"):
                rows.append({"html": doc["html"], "url": doc.get("url") or "", "page": doc.get("url") or ""})
    return rows


def _agreement(texts: list[str], references: list[str]) -> tuple[float, float]:
    """Word-multiset overlap of each text with the reference text, averaged over pages (as article_body)."""
    rows = [{"article_body": ref} for ref in references]
    return word_overlap_scores(rows, texts)


def run_warc(paths: list[Path], runs: int) -> None:
    """Real crawl pages, no gold: how often each shape occurs, how far the fast path alone and the stage are from
    stock trafilatura's text on each, and the speed side by side."""
    rows = warc_pages(paths)
    if not rows:
        return
    stage = ExtractStage(ExtractConfig(min_chars=0))
    fast_only = ExtractStage(ExtractConfig(min_chars=0, fallback_below_chars=0, fallback_rescued=False))
    results = measure({"eurocurate": eurocurate_extractor(stage), "fast path only": eurocurate_extractor(fast_only),
                       "stock": stock_extractor()}, rows, runs)
    stock_texts = results["stock"]["texts"]
    shapes = results["eurocurate"]["shapes"]
    print(f"\n== real crawl ({', '.join(p.name for p in paths)}): {len(rows)} HTML responses, no gold: agreement "
          f"with stock trafilatura's text (word overlap precision/recall) ==")
    print(f"{'part':<16} {'pages':>5} {'stage vs stock':>15} {'fast only vs stock':>19} {'pages/cpu-s':>11} "
          f"{'stock':>7} {'speedup':>7}")
    for label, keep in [("all", [True] * len(rows))] + [(f"shape {x}", [s == x for s in shapes]) for x in SHAPES]:
        if not any(keep):
            continue
        pick = [i for i, k in enumerate(keep) if k]
        refs = [stock_texts[i] for i in pick]
        ours = _agreement([results["eurocurate"]["texts"][i] for i in pick], refs)
        fast = _agreement([results["fast path only"]["texts"][i] for i in pick], refs)
        speed = {name: len(pick) / max(sum(results[name]["page_cpu_s"][i] for i in pick), 1e-9) for name in results}
        print(f"{label:<16} {len(pick):>5} {ours[0]:>7.3f}/{ours[1]:<7.3f} {fast[0]:>9.3f}/{fast[1]:<9.3f} "
              f"{speed['eurocurate']:>11.1f} {speed['stock']:>7.1f} {speed['eurocurate'] / speed['stock']:>6.2f}x")


def load_average() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=EVAL / "trafilatura", help="gold.jsonl + pages (RESULT line)")
    parser.add_argument("--also", type=Path, action="append", default=None,
                        help="more sets (default: the scrapinghub set beside the default --data); their held-out F1 "
                             "goes on the RESULT line too")
    parser.add_argument("--warc", type=Path, action="append", default=None,
                        help="real crawl WARCs to break down by page shape against stock (no gold; default: "
                             "../shared/eval/warc/*.warc.gz where present)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not (args.data / "gold.jsonl").is_file():
        sys.exit(f"no gold.jsonl under {args.data}")
    also = args.also if args.also is not None else [p for p in [EVAL / "scrapinghub"] if (p / "gold.jsonl").is_file()]
    load_before = load_average()
    print(f"trafilatura {trafilatura.__version__}; timings on this machine, one process, one core used at a time; "
          f"1-min load average {load_before}")
    main_set = run_set(args.data, args.runs)
    extra = {}
    for folder in also:
        if folder.resolve() != args.data.resolve():
            extra[folder.name] = run_set(folder, args.runs)
    warcs = args.warc if args.warc is not None else sorted((EVAL.parent / "warc").glob("*.warc.gz"))
    run_warc(warcs, args.runs)
    ours, stock = main_set["results"]["eurocurate"], main_set["results"]["stock"]
    held = main_set["parts"]["held-out"]
    shape_gaps = [part["f1"] - part["stock_f1"] for result in (main_set, *extra.values())
                  for label, part in result["parts"].items() if label.startswith("shape ")]
    fields = [f"f1={ours['f1']:.4f}", f"stock_f1={stock['f1']:.4f}", f"pages_per_s={ours['pages_per_cpu_s']:.1f}",
              f"stock_pages_per_s={stock['pages_per_cpu_s']:.1f}", f"speedup={main_set['speedup']:.2f}",
              f"heldout_f1={held['f1']:.4f}", f"heldout_stock_f1={held['stock_f1']:.4f}",
              f"heldout_speedup={held['speedup']:.2f}"]
    for name, result in extra.items():
        key = re.sub(r"\W+", "_", name)
        part = result["parts"]["held-out"]
        fields += [f"{key}_f1={result['results']['eurocurate']['f1']:.4f}",
                   f"{key}_stock_f1={result['results']['stock']['f1']:.4f}",
                   f"{key}_heldout_f1={part['f1']:.4f}", f"{key}_heldout_stock_f1={part['stock_f1']:.4f}",
                   f"{key}_speedup={result['speedup']:.2f}"]
    fields += [f"worst_shape_f1_gap={min(shape_gaps):+.4f}", f"load={load_before}/{load_average()}"]
    print("RESULT " + " ".join(fields))


if __name__ == "__main__":
    main()
