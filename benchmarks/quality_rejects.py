"""Quality false rejects: how many main texts of real pages a data team would keep does the quality stage reject?

    python benchmarks/quality_rejects.py [--data DIR] [--samples DIR] [--per-rule N]

DIR is a folder of extraction gold sets (default ../shared/eval/extraction), each a subfolder with `gold.jsonl`
and its pages, or one such set. The main texts measured are the gold ones:
- a set with a full `article_body` per page (scrapinghub): that body;
- a set with `with`/`without` snippets (trafilatura's): eurocurate's extract stage output (default settings, so
  tables included) on the pages where it holds every `with` snippet and no `without` one, i.e. where the
  extraction is the page's main text by the set's own judgement; the other pages are left out and counted.
Each text gets its language from the langid stage (its top label, whatever the threshold), then goes through
the quality stage with default settings and the bundled per-language thresholds.

Pages are split by a fixed rule, even and odd lines of each gold.jsonl: `tune` (even) is the half thresholds and
rules may be looked at with, `report` (odd) the half they are judged on; both are printed.

Peer, side by side on the same texts: the same Gopher, C4 and FineWeb rules and thresholds as whole-page rules
(the way datatrove and the papers apply them, and this stage did before): Gopher's letter-word share, table rows
measured as prose, a line rule fires on any number of lines, no line removal. Printed per rule and language: documents rejected, and the distribution of the measured value
(min, quartiles, max) next to the threshold; documents kept after line removal, per rule. A sample of the
rejected texts (up to --per-rule per rule, with their detail) is written to --samples for reading.

Ends with: RESULT false_reject_rate=.. page_rules_false_reject_rate=.. tune_false_reject_rate=..
report_false_reject_rate=.. trimmed_rate=.. texts=..
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eurocurate.filters.extract.config import ExtractConfig
from eurocurate.filters.extract.stage import ExtractStage
from eurocurate.filters.langid.config import LangIdConfig
from eurocurate.filters.langid.stage import LanguageIdStage
from eurocurate.filters.quality.config import QualityConfig
from eurocurate.filters.quality.stage import HeuristicQualityStage, failed_rule, parse_detail, quality_signals

from eurocurate.core.stage import Keep

EVAL = ROOT.parent / "shared" / "eval" / "extraction"
DEFAULT_SAMPLES = Path(tempfile.gettempdir()) / "eurocurate-quality-rejects"


def gold_sets(path: Path) -> list[Path]:
    if (path / "gold.jsonl").is_file():
        return [path]
    return sorted(p for p in path.iterdir() if (p / "gold.jsonl").is_file())


def main_texts(folder: Path, extractor: ExtractStage) -> tuple[list[dict], int]:
    """[{set, index, half, url, text}] for the set's pages with a gold main text; and how many pages were left out."""
    rows = [json.loads(line) for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    texts, left_out = [], 0
    for index, row in enumerate(rows):
        half = "tune" if index % 2 == 0 else "report"
        if row.get("article_body"):
            text = row["article_body"]
        else:
            raw = (folder / row["page"]).read_bytes()
            doc = {"html": gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw, "url": row.get("url")}
            outcome = extractor.process(doc)
            text = doc.get("text") if isinstance(outcome, Keep) else None
            if not text or not all(s in text for s in row.get("with", [])) or \
                    any(s in text for s in row.get("without", [])):
                left_out += 1
                continue
        texts.append({"set": folder.name, "index": index, "half": half, "url": row.get("url"), "text": text})
    return texts, left_out


def page_rules(text: str, language: str, cfg: QualityConfig) -> tuple[str, str] | None:
    """The peer: the published rules as whole-page rules: Gopher's letter-word share (numbers count against the
    page), table rows measured as prose, a line rule on any number of lines, no line removal."""
    published = cfg.model_copy(update={"line_rules_min_lines": 1, "trim_lines": False})
    signals = quality_signals(text, language, published, exclude_tables=False)
    tokens = text.split()
    signals["alpha_word_ratio"] = sum(any(c.isalpha() for c in t) for t in tokens) / max(len(tokens), 1)
    return failed_rule(signals, published)


def _quartiles(values: list[float]) -> str:
    if len(values) == 1:
        return f"{values[0]:.3g}"
    q = statistics.quantiles(values, n=4, method="inclusive")
    return f"{min(values):.3g} / {q[0]:.3g} / {q[1]:.3g} / {q[2]:.3g} / {max(values):.3g}"


def _rate(rejected: int, total: int) -> float:
    return rejected / total if total else 0.0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=EVAL, help="folder of gold sets, or one set")
    parser.add_argument("--samples", type=Path, default=DEFAULT_SAMPLES,
                        help="where rejected texts are written for reading (not part of the repository)")
    parser.add_argument("--per-rule", type=int, default=10, help="rejected texts saved per rule and system")
    args = parser.parse_args(argv)

    sets = gold_sets(args.data)
    if not sets:
        sys.exit(f"no gold.jsonl under {args.data}")
    extractor = ExtractStage(ExtractConfig())
    langid = LanguageIdStage(LangIdConfig())
    cfg = QualityConfig()
    stage = HeuristicQualityStage(cfg)

    texts: list[dict] = []
    for folder in sets:
        found, left_out = main_texts(folder, extractor)
        print(f"{folder.name}: {len(found)} gold main texts ({left_out} pages left out: extraction not confirmed "
              "by the gold snippets)")
        texts.extend(found)
    for item in texts:
        doc = {"text": item["text"]}
        langid.process(doc)
        item["language"] = doc["language"] if doc["language"] != "und" else doc["language_top"][0]["lang"]

    seconds = {"eurocurate": 0.0, "page_rules": 0.0}
    for item in texts:
        lang = item["language"]
        start = time.process_time()
        doc = {"text": item["text"], "language": lang}
        outcome = stage.process(doc)
        seconds["eurocurate"] += time.process_time() - start
        item["ours"] = (outcome.reason, outcome.detail) if not isinstance(outcome, Keep) else None
        item["trimmed"] = outcome.flag if isinstance(outcome, Keep) else None
        item["kept_words"] = doc.get("word_count")
        start = time.process_time()
        peer = page_rules(item["text"], lang, stage.config_for(lang))
        seconds["page_rules"] += time.process_time() - start
        item["peer"] = peer

    args.samples.mkdir(parents=True, exist_ok=True)
    saved: Counter = Counter()
    for system in ("ours", "peer"):
        for item in texts:
            if item[system] is None or saved[(system, item[system][0])] >= args.per_rule:
                continue
            rule, detail = item[system]
            saved[(system, rule)] += 1
            name = f"{system}-{rule}-{item['set']}-{item['index']:04d}.txt"
            (args.samples / name).write_text(f"# {item['url']}\n# language {item['language']}, {detail}\n\n"
                                             f"{item['text']}\n", encoding="utf-8")

    print(f"\n{len(texts)} texts, languages {dict(Counter(t['language'] for t in texts).most_common(8))}")
    print(f"\n{'rule':<28}{'lang':>5}{'ours':>6}{'page rules':>12}   value min / q1 / median / q3 / max (ours), "
          "threshold")
    by_rule: dict[tuple[str, str], dict] = defaultdict(lambda: {"ours": [], "peer": 0})
    for item in texts:
        if item["ours"]:
            by_rule[(item["ours"][0], item["language"])]["ours"].append(item["ours"][1])
        if item["peer"]:
            by_rule[(item["peer"][0], item["language"])]["peer"] += 1
    for (rule, lang), entry in sorted(by_rule.items()):
        parsed = [p for p in (parse_detail(d) for d in entry["ours"]) if p]
        dist = (_quartiles([p[1] for p in parsed]) + f"  {parsed[0][2]} {parsed[0][3]:g}") if parsed else ""
        print(f"{rule:<28}{lang:>5}{len(entry['ours']):>6}{entry['peer']:>12}   {dist}")
    trimmed = Counter(t["trimmed"] for t in texts if t["trimmed"])
    print("\nkept after line removal: " + (", ".join(f"{k}: {n}" for k, n in trimmed.most_common()) or "none"))

    print(f"\n{'half':<8}{'texts':>6}{'rejected':>10}{'rate':>8}{'page rules':>12}{'rate':>8}")
    rates = {}
    for half in ("tune", "report", "all"):
        chosen = [t for t in texts if half in ("all", t["half"])]
        ours = sum(t["ours"] is not None for t in chosen)
        peer = sum(t["peer"] is not None for t in chosen)
        rates[half] = (_rate(ours, len(chosen)), _rate(peer, len(chosen)))
        print(f"{half:<8}{len(chosen):>6}{ours:>10}{rates[half][0]:>8.3f}{peer:>12}{rates[half][1]:>8.3f}")
    for name in sorted({t["set"] for t in texts}):
        chosen = [t for t in texts if t["set"] == name]
        print(f"  {name}: {sum(t['ours'] is not None for t in chosen)}/{len(chosen)} rejected, page rules "
              f"{sum(t['peer'] is not None for t in chosen)}/{len(chosen)}")
    print(f"\nrejected texts written to {args.samples} (up to {args.per_rule} per rule and system)")
    print(f"CPU seconds: eurocurate {seconds['eurocurate']:.2f}, page rules {seconds['page_rules']:.2f}")
    print(f"RESULT false_reject_rate={rates['all'][0]:.4f} page_rules_false_reject_rate={rates['all'][1]:.4f} "
          f"tune_false_reject_rate={rates['tune'][0]:.4f} report_false_reject_rate={rates['report'][0]:.4f} "
          f"trimmed_rate={_rate(sum(trimmed.values()), len(texts)):.4f} texts={len(texts)}")


if __name__ == "__main__":
    main()
