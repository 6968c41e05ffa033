"""PII benchmark: eurocurate's scrubber against stock Presidio, same texts, same process, one core.

Accuracy on labelled sets: the presidio-research synthetic English set (../shared/eval/pii/presidio-synth-en.json)
and the multilingual set of benchmarks/make_pii_set.py (24 languages, with look-alikes that must not be flagged),
or any file given with --data (JSONL {lang, text, spans, negatives} or presidio-research JSON). A gold span counts
as found when a detection of the same type overlaps it; only the six types eurocurate scrubs are scored.

Throughput (KB/s, one process, one thread) on a web-like mix: real sentences from ../shared/eval/langid
(Leipzig corpora, the EU languages, grouped into documents of 20 sentences) plus every labelled text as a document.

Stock Presidio: its predefined recognizers for the same languages (the EU national-ID ones that ship disabled,
DE tax ID, FI HETU, SE personnummer, switched on), on tokenizer-only spaCy pipelines.

    python benchmarks/pii.py [--data FILE ...] [--per-language N] [--web FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry  # noqa: E402
from presidio_analyzer.predefined_recognizers import (  # noqa: E402
    DeTaxIdRecognizer,
    FiPersonalIdentityCodeRecognizer,
    SePersonnummerRecognizer,
)

import make_pii_set  # noqa: E402
from filters.pii import EU_LANGUAGES, BlankSpacyNlpEngine, find_pii  # noqa: E402
from pipeline.config import PiiConfig  # noqa: E402

SCORED = ("EMAIL_ADDRESS", "PHONE_NUMBER", "IBAN_CODE", "IP_ADDRESS", "CREDIT_CARD", "NATIONAL_ID")
# Stock Presidio's names for national identifiers of EU member states.
STOCK_NATIONAL_IDS = {"DE_TAX_ID", "ES_NIF", "ES_NIE", "IT_FISCAL_CODE", "PL_PESEL", "FI_PERSONAL_IDENTITY_CODE",
                      "SE_PERSONNUMMER"}
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "pii" / "presidio-synth-en.json"
DEFAULT_WEB = REPO.parent / "shared" / "eval" / "langid" / "sentences.jsonl"
SENTENCES_PER_DOC = 20


def load_labelled(path: Path) -> list[dict]:
    """Either format, as {lang, text, spans: [{start, end, type}], negatives: [...]}; unscored types dropped."""
    text = path.read_text(encoding="utf-8")
    if text.lstrip().startswith("["):
        records = [{"lang": "en", "text": r["full_text"], "negatives": [],
                    "spans": [{"start": s["start_position"], "end": s["end_position"], "type": s["entity_type"]}
                              for s in r["spans"]]} for r in json.loads(text)]
    else:
        records = [json.loads(line) for line in text.splitlines() if line.strip()]
    for r in records:
        r["spans"] = [s for s in r["spans"] if s["type"] in SCORED]
        r.setdefault("negatives", [])
    return records


def build_stock() -> AnalyzerEngine:
    languages = list(EU_LANGUAGES)
    registry = RecognizerRegistry(supported_languages=languages)
    registry.load_predefined_recognizers(languages=languages)
    for recognizer, language in ((DeTaxIdRecognizer, "de"), (FiPersonalIdentityCodeRecognizer, "fi"),
                                 (SePersonnummerRecognizer, "sv")):
        registry.add_recognizer(recognizer(supported_language=language))
    nlp = BlankSpacyNlpEngine(tuple(languages))
    nlp.load()
    return AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=languages)


def stock_detect(engine: AnalyzerEngine, text: str, lang: str) -> list[tuple[int, int, str]]:
    found = []
    for res in engine.analyze(text=text, language=lang):
        kind = "NATIONAL_ID" if res.entity_type in STOCK_NATIONAL_IDS else res.entity_type
        if kind in SCORED:
            found.append((res.start, res.end, kind))
    return found


def ours_detect(cfg: PiiConfig, text: str, lang: str) -> list[tuple[int, int, str]]:
    return [(f.start, f.end, f.entity_type) for f in find_pii(text, lang, cfg)]


def _overlaps(a_start, a_end, b_start, b_end) -> bool:
    return a_start < b_end and b_start < a_end


def score(records: list[dict], detections: list[list[tuple[int, int, str]]]) -> dict:
    gold, found, predicted, correct = Counter(), Counter(), Counter(), Counter()
    negatives, flagged = Counter(), Counter()
    for record, dets in zip(records, detections):
        for span in record["spans"]:
            gold[span["type"]] += 1
            if any(t == span["type"] and _overlaps(s, e, span["start"], span["end"]) for s, e, t in dets):
                found[span["type"]] += 1
        for s, e, t in dets:
            predicted[t] += 1
            if any(t == g["type"] and _overlaps(s, e, g["start"], g["end"]) for g in record["spans"]):
                correct[t] += 1
        for neg in record["negatives"]:
            negatives[neg["kind"]] += 1
            if any(_overlaps(s, e, neg["start"], neg["end"]) for s, e, _ in dets):
                flagged[neg["kind"]] += 1
    per_type = {t: {"gold": gold[t], "recall": found[t] / gold[t] if gold[t] else None,
                    "precision": correct[t] / predicted[t] if predicted[t] else None} for t in SCORED}
    return {"per_type": per_type, "recall": sum(found.values()) / max(1, sum(gold.values())),
            "gold": sum(gold.values()), "negatives": negatives, "flagged": flagged,
            "lookalikes_flagged": sum(flagged.values()) / max(1, sum(negatives.values()))}


def web_mix(web_path: Path, labelled: list[dict]) -> list[tuple[str, str]]:
    docs: list[tuple[str, str]] = []
    if web_path.is_file():
        by_lang = defaultdict(list)
        for line in web_path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row["lang"] in EU_LANGUAGES:
                by_lang[row["lang"]].append(row["text"])
        for lang, sentences in sorted(by_lang.items()):
            for i in range(0, len(sentences), SENTENCES_PER_DOC):
                docs.append((lang, " ".join(sentences[i : i + SENTENCES_PER_DOC])))
    docs.extend((r["lang"], r["text"]) for r in labelled)
    return docs


def throughput(detect, docs: list[tuple[str, str]]) -> float:
    size = sum(len(text.encode("utf-8")) for _, text in docs)
    start = time.process_time()
    for lang, text in docs:
        detect(text, lang)
    return size / 1024 / (time.process_time() - start)


def _fmt(x) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, action="append",
                        help=f"labelled set (repeatable); default: {DEFAULT_DATA.relative_to(REPO.parent)} "
                             "when present")
    parser.add_argument("--per-language", type=int, default=40,
                        help="texts per language in the generated multilingual set (0: none)")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--web", type=Path, default=DEFAULT_WEB, help="JSONL sentences {lang, text} for throughput")
    args = parser.parse_args(argv)

    data = args.data if args.data is not None else [p for p in (DEFAULT_DATA,) if p.is_file()]
    sets: dict[str, list[dict]] = {}
    for path in data:
        sets[path.name] = load_labelled(path)
    if args.per_language:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "multilingual.jsonl"
            make_pii_set.main([str(out), "--per-language", str(args.per_language), "--seed", str(args.seed)])
            sets["multilingual (generated)"] = load_labelled(out)
    if not sets:
        sys.exit("no labelled data: pass --data FILE or --per-language N")

    cfg = PiiConfig()
    stock = build_stock()
    ours = lambda text, lang: ours_detect(cfg, text, lang)  # noqa: E731
    theirs = lambda text, lang: stock_detect(stock, text, lang)  # noqa: E731
    for lang in EU_LANGUAGES:  # engines are built once per worker and language: keep that out of the timing
        ours("warm-up 0301234567 a@b.de", lang)
        theirs("warm-up 0301234567 a@b.de", lang)

    every = [r for records in sets.values() for r in records]
    results = {}
    for name, detect in (("eurocurate", ours), ("stock", theirs)):
        results[name] = score(every, [detect(r["text"], r["lang"]) for r in every])
    for set_name, records in sets.items():
        print(f"\n== {set_name}: {len(records)} texts, "
              f"{sum(len(r['spans']) for r in records)} gold spans, {sum(len(r['negatives']) for r in records)} "
              "look-alikes")
        print(f"{'type':<14}{'gold':>6}  {'recall':>8}{'stock':>8}  {'precision':>10}{'stock':>8}")
        per_set = {n: score(records, [d(r["text"], r["lang"]) for r in records]) for n, d in
                   (("eurocurate", ours), ("stock", theirs))}
        for t in SCORED:
            a, b = per_set["eurocurate"]["per_type"][t], per_set["stock"]["per_type"][t]
            if a["gold"]:
                print(f"{t:<14}{a['gold']:>6}  {_fmt(a['recall']):>8}{_fmt(b['recall']):>8}  "
                      f"{_fmt(a['precision']):>10}{_fmt(b['precision']):>8}")
        print(f"{'all':<14}{per_set['eurocurate']['gold']:>6}  {per_set['eurocurate']['recall']:>8.3f}"
              f"{per_set['stock']['recall']:>8.3f}")
        negatives = per_set["eurocurate"]["negatives"]
        if negatives:
            print("look-alikes flagged (eurocurate / stock):")
            for kind in sorted(negatives):
                print(f"  {kind:<18}{negatives[kind]:>5}  {per_set['eurocurate']['flagged'][kind]:>4}"
                      f"  {per_set['stock']['flagged'][kind]:>4}")

    docs = web_mix(args.web, every)
    mix_kb = sum(len(t.encode("utf-8")) for _, t in docs) / 1024
    print(f"\n== throughput, one core: {len(docs)} documents, {mix_kb:.0f} KB "
          f"({len(docs) - len(every)} web documents of {SENTENCES_PER_DOC} real sentences + {len(every)} labelled "
          "texts), CPU seconds of this process")
    ours_kbs = statistics.median(throughput(ours, docs) for _ in range(3))
    stock_kbs = throughput(theirs, docs)
    print(f"eurocurate {ours_kbs:10.1f} KB/s (median of 3 passes)\nstock      {stock_kbs:10.1f} KB/s")

    r_ours, r_stock = results["eurocurate"], results["stock"]
    print(f"\nlook-alikes: {sum(r_ours['negatives'].values())}, flagged by eurocurate "
          f"{sum(r_ours['flagged'].values())}, by stock {sum(r_stock['flagged'].values())}")
    print(f"RESULT recall={r_ours['recall']:.3f} stock_recall={r_stock['recall']:.3f} "
          f"national_id_recall={_fmt(r_ours['per_type']['NATIONAL_ID']['recall'])} "
          f"lookalikes_flagged={r_ours['lookalikes_flagged']:.4f} kb_per_s={ours_kbs:.1f} "
          f"stock_kb_per_s={stock_kbs:.1f} speedup={ours_kbs / stock_kbs:.1f}")


if __name__ == "__main__":
    main()
