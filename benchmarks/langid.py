"""Language ID: eurocurate's stage against stock lid.176 (correct label mapping), same input, same process.

    python benchmarks/langid.py [--data FILE] [--negatives FILE] [--half report|tune|all] [--runs 3]

FILE is JSONL of {"lang": ISO 639-1, "text": ...}; default: ../shared/eval/langid/sentences.jsonl next to the
repository. Prints per language accuracy (= recall) and precision, accuracy over the EU official languages,
macro-F1, the top confusions and texts/s (median of --runs timed passes, the two alternating every 500 texts)
for both, the same on paragraphs built from consecutive sentences of one language and on the project's own
paragraphs in all 24 EU languages (--own-paragraphs). --negatives is JSONL of {lang, text} in languages that are
not EU official languages (default ../shared/eval/langid/non_eu_udhr.jsonl: UDHR documents in 28 languages):
the false-EU rate is the share of them given an EU official label, per language and over all, for both.
Ends with one RESULT line.

Halves (fixed rules, so that what is tuned on one is reported on the other): sentences on even lines (0, 2, ...)
of --data are the tuning half, odd lines the reporting half; negatives are split by language, the tuning half
being the languages whose sha256(code) starts with an even byte. --half report (the default) measures the
reporting half only; the identifier's settings were chosen on the tuning half.
"""

from __future__ import annotations

import argparse
import hashlib
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
from eurocurate.filters.langid.config import LangIdConfig  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "langid" / "sentences.jsonl"
DEFAULT_NEGATIVES = ROOT.parent / "shared" / "eval" / "langid" / "non_eu_udhr.jsonl"
TOP_CONFUSIONS = 12
# a non-EU language with more than this share of its documents under one EU label is reported
LANGUAGE_LIMIT = 0.20
# Written for the project: two paragraphs in each of the 24 EU official languages, Maltese included (the
# evaluation sentences have none).
OWN_PARAGRAPHS = ROOT / "tests" / "data" / "langid_eu_paragraphs.jsonl"
EU_OFFICIAL = frozenset("bg cs da de el en es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv".split())


def load_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def in_tuning_half(index: int) -> bool:
    """Sentences: even lines tune, odd lines report."""
    return index % 2 == 0


def language_in_tuning_half(lang: str) -> bool:
    """Negatives: whole languages tune or report, by the first byte of sha256 of the code."""
    return hashlib.sha256(lang.encode()).digest()[0] % 2 == 0


def select_half(rows: list[dict], half: str, by_language: bool) -> list[dict]:
    if half == "all":
        return rows
    want_tuning = half == "tune"
    if by_language:
        return [r for r in rows if language_in_tuning_half(r["lang"]) == want_tuning]
    return [r for i, r in enumerate(rows) if in_tuning_half(i) == want_tuning]


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
    precision_of = {lang: right[lang] / predicted_count[lang] if predicted_count[lang] else float("nan")
                    for lang in sorted(total)}
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
        "precision": precision_of,
        "confusions": Counter((g, p) for g, p in zip(gold, predicted) if g != p).most_common(TOP_CONFUSIONS),
        "accuracy": sum(right.values()) / len(gold),
        "eu_accuracy": eu_right / eu_total if eu_total else float("nan"),
        "macro_f1": statistics.mean(f1s),
        "min_eu": (worst, per_language[worst]) if worst else ("none", float("nan")),
    }


def false_eu(gold: list[str], predicted: list[str]) -> dict:
    """Share of non-EU documents given an EU official label, over all and per language (with the EU label most
    often given)."""
    per_language: dict[str, Counter] = defaultdict(Counter)
    for g, p in zip(gold, predicted):
        per_language[g][p] += 1
    worst = {}
    for lang, labels in per_language.items():
        eu_labels = [(n, label) for label, n in labels.items() if label in EU_OFFICIAL]
        n, label = max(eu_labels) if eu_labels else (0, "-")
        worst[lang] = (label, n / sum(labels.values()))
    wrong = sum(p in EU_OFFICIAL for p in predicted)
    return {"rate": wrong / len(predicted) if predicted else float("nan"), "worst": worst,
            "eu_share": {lang: sum(n for label, n in labels.items() if label in EU_OFFICIAL) / sum(labels.values())
                         for lang, labels in per_language.items()}}


def print_confusions(ours: dict, stock: dict) -> None:
    print("top confusions (gold -> label: count), eurocurate | stock lid.176:")
    for i in range(TOP_CONFUSIONS):
        left = ours["confusions"][i] if i < len(ours["confusions"]) else None
        right = stock["confusions"][i] if i < len(stock["confusions"]) else None
        cell = lambda c: f"{c[0][0]} -> {c[0][1]}: {c[1]}" if c else ""  # noqa: E731
        print(f"  {cell(left):<24}| {cell(right)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--negatives", type=Path, default=DEFAULT_NEGATIVES,
                        help="JSONL of {lang, text} in languages that are not EU official languages")
    parser.add_argument("--half", choices=("report", "tune", "all"), default="report",
                        help="which half of --data and --negatives to measure (see the module's doc)")
    parser.add_argument("--runs", type=int, default=3, help="timed passes; texts/s is their median")
    parser.add_argument("--paragraph-size", type=int, default=4, help="sentences per built paragraph")
    parser.add_argument("--own-paragraphs", type=Path, default=OWN_PARAGRAPHS,
                        help="JSONL of {lang, text} paragraphs in all 24 EU languages")
    args = parser.parse_args()
    for path in (args.data, args.negatives):
        if not path.is_file():
            print(f"data not found: {path}", file=sys.stderr)
            return 2

    rows = select_half(load_rows(args.data), args.half, by_language=False)
    texts, gold = [r["text"] for r in rows], [r["lang"] for r in rows]
    ours_label, stock_label = eurocurate_labeller(), stock_labeller()
    timed = timed_predictions({"eurocurate": ours_label, "stock": stock_label}, texts, args.runs)
    (ours_pred, ours_rate), (stock_pred, stock_rate) = timed["eurocurate"], timed["stock"]
    ours, stock = scores(gold, ours_pred), scores(gold, stock_pred)

    half = "all lines" if args.half == "all" else f"{args.half} half"
    print(f"{len(rows)} texts from {args.data.name} ({half}), {len(set(gold))} languages; "
          f"{os.cpu_count()} CPU cores, one process, texts/s = median of {args.runs} passes")
    print(f"{'':<6}{'eurocurate':>22}{'stock lid.176':>22}")
    print(f"{'lang':<6}{'recall':>11}{'precision':>11}{'recall':>11}{'precision':>11}")
    for lang in ours["per_language"]:
        mark = " (EU)" if lang in EU_OFFICIAL else ""
        print(f"{lang:<6}{ours['per_language'][lang]:>11.3f}{ours['precision'][lang]:>11.3f}"
              f"{stock['per_language'][lang]:>11.3f}{stock['precision'][lang]:>11.3f}{mark}")
    print_confusions(ours, stock)
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

    negatives = select_half(load_rows(args.negatives), args.half, by_language=True)
    n_gold = [r["lang"] for r in negatives]
    n_ours = false_eu(n_gold, [ours_label(r["text"]) for r in negatives])
    n_stock = false_eu(n_gold, [stock_label(r["text"]) for r in negatives])
    print(f"negatives ({len(negatives)} documents in {len(set(n_gold))} non-EU languages, {args.negatives.name}, "
          f"{half}): share given an EU official label, and the EU label given most")
    print(f"{'lang':<6}{'eurocurate':>22}{'stock lid.176':>22}")
    over_limit = []
    for lang in sorted(n_ours["worst"]):
        (label, share), (s_label, s_share) = n_ours["worst"][lang], n_stock["worst"][lang]
        flag = ""
        if share > LANGUAGE_LIMIT:
            flag = f"  > {LANGUAGE_LIMIT:.0%} into {label}" + ("" if s_label == label and s_share > LANGUAGE_LIMIT
                                                                 else " (stock not)")
            if flag.endswith("(stock not)"):
                over_limit.append(lang)
        print(f"{lang:<6}{n_ours['eu_share'][lang]:>10.3f} {label:>4} {share:>5.2f}"
              f"{n_stock['eu_share'][lang]:>10.3f} {s_label:>4} {s_share:>5.2f}{flag}")
    print(f"false_eu_rate {n_ours['rate']:.4f} vs stock {n_stock['rate']:.4f}; languages over "
          f"{LANGUAGE_LIMIT:.0%} into one EU label where stock is not: {','.join(over_limit) or 'none'}")

    print(f"RESULT eu_accuracy={ours['eu_accuracy']:.4f} stock_eu_accuracy={stock['eu_accuracy']:.4f} "
          f"min_eu_language={ours['min_eu'][0]}:{ours['min_eu'][1]:.3f} texts_per_s={ours_rate:.0f} "
          f"stock_texts_per_s={stock_rate:.0f} false_eu_rate={n_ours['rate']:.4f} "
          f"stock_false_eu_rate={n_stock['rate']:.4f} own_paragraphs_accuracy={o_ours['accuracy']:.4f} "
          f"non_eu_over_limit={len(over_limit)} half={args.half}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
