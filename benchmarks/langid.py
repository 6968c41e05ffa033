"""Language ID: eurocurate's stage against stock lid.176 (correct label mapping), same input, same process.

    python benchmarks/langid.py [--data FILE] [--runs 3] [--paragraph-size 4]

FILE is JSONL of {"lang": ISO 639-1, "text": ...}; default: ../shared/eval/langid/sentences.jsonl next to the
repository. Prints accuracy per language, accuracy over the EU official languages, macro-F1 and texts/s (median
of --runs timed passes, the two alternating every 500 texts) for both, the same on paragraphs built from consecutive sentences of one language and on
the project's own paragraphs in all 24 EU languages (--own-paragraphs), and ends with one RESULT line.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eurocurate.filters.langid.stage import LanguageIdStage, lid176_path, load_fasttext_model  # noqa: E402
from eurocurate.filters.langid.labels import normalise_label  # noqa: E402
from eurocurate.pipeline.config import LangIdConfig  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "langid" / "sentences.jsonl"
# Written for the project: two paragraphs in each of the 24 EU official languages, Maltese included (the
# evaluation sentences have none).
OWN_PARAGRAPHS = ROOT / "tests" / "data" / "langid_eu_paragraphs.jsonl"
EU_OFFICIAL = frozenset("bg cs da de el en es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv".split())


def load_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def paragraphs_from(rows: list[dict], size: int) -> list[dict]:
    """Consecutive sentences of one language joined into paragraphs of `size` sentences."""
    by_lang: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        by_lang[row["lang"]].append(row["text"])
    return [{"lang": lang, "text": " ".join(texts[i:i + size])}
            for lang, texts in sorted(by_lang.items()) for i in range(0, len(texts) - size + 1, size)]


def stock_labeller():
    model = load_fasttext_model(str(lid176_path()))

    def label(text: str) -> str:
        labels, _ = model.predict(" ".join(text.split()), k=1)
        return normalise_label(labels[0])

    return label


def eurocurate_labeller():
    stage = LanguageIdStage(LangIdConfig())

    def label(text: str) -> str:
        doc = {"text": text}
        stage.process(doc)
        return doc["language"]

    return label


CHUNK = 500  # texts per timed slice; the labellers alternate slice by slice


def timed_predictions(labellers: dict, texts: list[str], runs: int) -> dict[str, tuple[list[str], float]]:
    """Each labeller over all texts; within a pass they alternate every CHUNK texts, so that background load
    (other processes on a shared machine come and go within seconds) hits both alike. Median texts/s."""
    rates: dict[str, list[float]] = {name: [] for name in labellers}
    predictions: dict[str, list[str]] = {}
    for _ in range(runs):
        elapsed = dict.fromkeys(labellers, 0.0)
        labelled: dict[str, list[str]] = {name: [] for name in labellers}
        for start in range(0, len(texts), CHUNK):
            chunk = texts[start:start + CHUNK]
            for name, label in labellers.items():
                started = time.perf_counter()
                labelled[name].extend(label(t) for t in chunk)
                elapsed[name] += time.perf_counter() - started
        for name in labellers:
            rates[name].append(len(texts) / elapsed[name])
        predictions = labelled
    return {name: (predictions[name], statistics.median(rates[name])) for name in labellers}


def scores(gold: list[str], predicted: list[str]) -> dict:
    total, right = Counter(gold), Counter(g for g, p in zip(gold, predicted) if g == p)
    predicted_count = Counter(predicted)
    per_language = {lang: right[lang] / total[lang] for lang in sorted(total)}
    f1s = []
    for lang in total:
        precision = right[lang] / predicted_count[lang] if predicted_count[lang] else 0.0
        recall = right[lang] / total[lang]
        f1s.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    eu_total = sum(n for lang, n in total.items() if lang in EU_OFFICIAL)
    eu_right = sum(n for lang, n in right.items() if lang in EU_OFFICIAL)
    eu_langs = [lang for lang in per_language if lang in EU_OFFICIAL]
    worst = min(eu_langs, key=per_language.__getitem__) if eu_langs else None
    return {
        "per_language": per_language,
        "accuracy": sum(right.values()) / len(gold),
        "eu_accuracy": eu_right / eu_total if eu_total else float("nan"),
        "macro_f1": statistics.mean(f1s),
        "min_eu": (worst, per_language[worst]) if worst else ("none", float("nan")),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--runs", type=int, default=3, help="timed passes; texts/s is their median")
    parser.add_argument("--paragraph-size", type=int, default=4, help="sentences per built paragraph")
    parser.add_argument("--own-paragraphs", type=Path, default=OWN_PARAGRAPHS,
                        help="JSONL of {lang, text} paragraphs in all 24 EU languages")
    args = parser.parse_args()
    if not args.data.is_file():
        print(f"data not found: {args.data}", file=sys.stderr)
        return 2

    rows = load_rows(args.data)
    texts, gold = [r["text"] for r in rows], [r["lang"] for r in rows]
    ours_label, stock_label = eurocurate_labeller(), stock_labeller()
    timed = timed_predictions({"eurocurate": ours_label, "stock": stock_label}, texts, args.runs)
    (ours_pred, ours_rate), (stock_pred, stock_rate) = timed["eurocurate"], timed["stock"]
    ours, stock = scores(gold, ours_pred), scores(gold, stock_pred)

    print(f"{len(rows)} texts from {args.data.name}, {len(set(gold))} languages; "
          f"{os.cpu_count()} CPU cores, one process, texts/s = median of {args.runs} passes")
    print(f"{'lang':<6}{'eurocurate':>12}{'stock lid.176':>15}")
    for lang in ours["per_language"]:
        mark = " (EU)" if lang in EU_OFFICIAL else ""
        print(f"{lang:<6}{ours['per_language'][lang]:>12.3f}{stock['per_language'][lang]:>15.3f}{mark}")
    for key in ("accuracy", "eu_accuracy", "macro_f1"):
        print(f"{key:<12}{ours[key]:>12.4f}{stock[key]:>15.4f}")
    print(f"{'min EU lang':<12}{ours['min_eu'][0] + ':' + format(ours['min_eu'][1], '.3f'):>12}"
          f"{stock['min_eu'][0] + ':' + format(stock['min_eu'][1], '.3f'):>15}")
    print(f"{'texts/s':<12}{ours_rate:>12.0f}{stock_rate:>15.0f}   ratio {ours_rate / stock_rate:.2f}x")

    paragraphs = paragraphs_from(rows, args.paragraph_size)
    p_gold = [p["lang"] for p in paragraphs]
    p_ours = scores(p_gold, [ours_label(p["text"]) for p in paragraphs])
    p_stock = scores(p_gold, [stock_label(p["text"]) for p in paragraphs])
    print(f"paragraphs of {args.paragraph_size} sentences ({len(paragraphs)}): eu_accuracy "
          f"{p_ours['eu_accuracy']:.4f} vs stock {p_stock['eu_accuracy']:.4f}; min EU "
          f"{p_ours['min_eu'][0]}:{p_ours['min_eu'][1]:.3f} vs stock {p_stock['min_eu'][0]}:{p_stock['min_eu'][1]:.3f}")

    own = load_rows(args.own_paragraphs)
    o_gold = [p["lang"] for p in own]
    o_ours = scores(o_gold, [ours_label(p["text"]) for p in own])
    o_stock = scores(o_gold, [stock_label(p["text"]) for p in own])
    print(f"own paragraphs ({len(own)}, {len(set(o_gold))} languages, {args.own_paragraphs.name}): accuracy "
          f"{o_ours['accuracy']:.4f} vs stock {o_stock['accuracy']:.4f}; min {o_ours['min_eu'][0]}:"
          f"{o_ours['min_eu'][1]:.3f} vs stock {o_stock['min_eu'][0]}:{o_stock['min_eu'][1]:.3f}")

    print(f"RESULT eu_accuracy={ours['eu_accuracy']:.4f} stock_eu_accuracy={stock['eu_accuracy']:.4f} "
          f"min_eu_language={ours['min_eu'][0]}:{ours['min_eu'][1]:.3f} texts_per_s={ours_rate:.0f} "
          f"stock_texts_per_s={stock_rate:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
