"""PII benchmark: eurocurate's scrubber against stock Presidio, same texts, same process, one core.

Accuracy on labelled sets: the presidio-research synthetic English set (../shared/eval/pii/presidio-synth-en.json)
and the multilingual set of benchmarks/make_pii_set.py (24 languages, with look-alikes that must not be flagged),
or any file given with --data (JSONL {lang, text, spans, negatives} or presidio-research JSON). A gold span counts
as found when a detection of the same type overlaps it; only the six types eurocurate scrubs are scored.

Throughput is KB of UTF-8 text per CPU-second of this process (one thread), each system detecting on the same
documents in the same language, in alternating rounds (--rounds, default 3); each figure is the median over the
rounds. Two inputs:
- web (the RESULT line's kb_per_s, stock_kb_per_s, speedup = their ratio): real web text, the main text of the
  pages given with --web (HTML files and WARC files, by default ../shared/eval/extraction/trafilatura/pages and
  ../shared/eval/warc), extracted with stock trafilatura, one document per page, language by lid.176
  (benchmarks/pii_web_text.py). This is what the pipeline scrubs: mostly prose, some contact details.
- PII-dense (printed above the RESULT line): every labelled text as a document, nearly every one with PII.

Stock Presidio: its predefined recognizers for the same languages (the EU national-ID ones that ship disabled,
DE tax ID, FI HETU, SE personnummer, switched on), on tokenizer-only spaCy pipelines, asked for the scored types
only (the entity types it has a recognizer for in the text's language), as eurocurate is.

Numbers in context: the real sentences of --lookalikes (default ../shared/eval/pii/web-lookalikes.jsonl), each
with one number that is not personal data (a DOI, citation, decree number, amount, ISBN, coordinate, timestamp),
scored apart from the labelled sets: the share flagged by each system, for a fixed tuning half (even lines) and
reporting half (odd lines), on the RESULT line as web_lookalikes_flagged (both halves), stock_web_lookalikes_flagged,
web_lookalikes_flagged_tune and web_lookalikes_flagged_report.

Detections: --detections FILE writes eurocurate's detections on every input (labelled sets, look-alike files, web
documents); --same-detections-as FILE compares them with such a file of an earlier version (exit 1 when any
differs), so that a change meant only to be faster can be shown to find the same things.

    python benchmarks/pii.py [--data FILE ...] [--per-language N] [--web PATH ...] [--rounds N] [--lookalikes FILE]
                             [--detections FILE] [--same-detections-as FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import spacy  # noqa: E402
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry  # noqa: E402
from presidio_analyzer.nlp_engine import SpacyNlpEngine  # noqa: E402
from presidio_analyzer.predefined_recognizers import (  # noqa: E402
    DeTaxIdRecognizer,
    FiPersonalIdentityCodeRecognizer,
    SePersonnummerRecognizer,
)

import make_pii_set  # noqa: E402
from pii_web_text import web_documents  # noqa: E402
from eurocurate.filters.pii.scrubber import EU_LANGUAGES, find_pii  # noqa: E402
from eurocurate.filters.pii.languages import SPACY_CODE  # noqa: E402
from eurocurate.pipeline.config import PiiConfig  # noqa: E402

SCORED = ("EMAIL_ADDRESS", "PHONE_NUMBER", "IBAN_CODE", "IP_ADDRESS", "CREDIT_CARD", "NATIONAL_ID")
# Stock Presidio's names for national identifiers of EU member states.
STOCK_NATIONAL_IDS = {"DE_TAX_ID", "ES_NIF", "ES_NIE", "IT_FISCAL_CODE", "PL_PESEL", "FI_PERSONAL_IDENTITY_CODE",
                      "SE_PERSONNUMMER"}
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "pii" / "presidio-synth-en.json"
DEFAULT_LOOKALIKES = REPO.parent / "shared" / "eval" / "pii" / "web-lookalikes.jsonl"
EVAL = REPO.parent / "shared" / "eval"
DEFAULT_WEB = (EVAL / "extraction" / "trafilatura" / "pages", EVAL / "warc")


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


class BlankSpacyNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine on blank (tokenizer-only) pipelines, for stock Presidio: nothing to download."""

    def __init__(self, languages: tuple[str, ...]):
        super().__init__(models=[{"lang_code": lang, "model_name": "blank"} for lang in languages])

    def load(self) -> None:
        self.nlp = {m["lang_code"]: spacy.blank(SPACY_CODE.get(m["lang_code"], m["lang_code"])) for m in self.models}


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


def stock_entities(engine: AnalyzerEngine, lang: str) -> list[str]:
    """What stock Presidio is asked for: the scored types (its names for them) it has a recognizer for in `lang`,
    so that both systems do the same job (its other types, URL, DATE_TIME..., would only cost it time)."""
    wanted = set(SCORED) | STOCK_NATIONAL_IDS
    return sorted(e for e in engine.get_supported_entities(language=lang) if e in wanted)


def stock_detect(engine: AnalyzerEngine, entities: list[str], text: str, lang: str) -> list[tuple[int, int, str]]:
    found = []
    for res in engine.analyze(text=text, language=lang, entities=entities):
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


def web_lookalike_rates(files: list[Path], ours, theirs) -> dict:
    """Share of the look-alikes in `files` flagged by each system, for the tuning half (even lines of each file),
    the reporting half (odd lines) and both; printed per kind. {} without files."""
    halves: dict[str, list[dict]] = {"tune": [], "report": []}
    for path in files:
        for index, record in enumerate(load_labelled(path)):
            halves["tune" if index % 2 == 0 else "report"].append(record)
    if not any(halves.values()):
        return {}
    halves["all"] = halves["tune"] + halves["report"]
    rates: dict[str, dict[str, float]] = {}
    print(f"\n== web look-alikes ({', '.join(p.name for p in files)}): numbers in real sentences that are not "
          "personal data; flagged (eurocurate / stock)")
    for half, records in halves.items():
        scores = {name: score(records, [detect(r["text"], r["lang"]) for r in records])
                  for name, detect in (("eurocurate", ours), ("stock", theirs))}
        rates[half] = {name: s["lookalikes_flagged"] for name, s in scores.items()}
        kinds = scores["eurocurate"]["negatives"]
        per_kind = ", ".join(f"{k} {scores['eurocurate']['flagged'][k]}/{scores['stock']['flagged'][k]} of {n}"
                             for k, n in sorted(kinds.items()))
        print(f"{half:<7}{len(records):>5} sentences  eurocurate {rates[half]['eurocurate']:.4f}  stock "
              f"{rates[half]['stock']:.4f}   {per_kind}")
    return rates


def cpu_seconds(detect, docs: list[tuple[str, str]]) -> float:
    start = time.process_time()
    for lang, text in docs:
        detect(text, lang)
    return time.process_time() - start


def throughput(systems: dict, docs: list[tuple[str, str]], rounds: int) -> dict[str, float]:
    """KB/s per system: the median over `rounds` alternating passes (load on a shared machine shifts over time)."""
    kb = sum(len(text.encode("utf-8")) for _, text in docs) / 1024
    seconds = {name: [] for name in systems}
    for _ in range(rounds):
        for name, detect in systems.items():
            seconds[name].append(cpu_seconds(detect, docs))
    return {name: kb / statistics.median(s) for name, s in seconds.items()}


def _fmt(x) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def same_detections(before: dict, after: dict) -> bool:
    """Print, per input, whether eurocurate's detections are the same as in `before`; True when all are."""
    print("\n== detections compared with the earlier version")
    differ = False
    for name, docs in after.items():
        old = [[tuple(d) for d in dets] for dets in before.get(name, [])]
        changed = [i for i, dets in enumerate(docs) if i >= len(old) or [tuple(d) for d in dets] != old[i]]
        same = not changed and len(old) == len(docs)
        differ |= not same
        print(f"{name:<28}{len(docs):>6} texts {sum(map(len, docs)):>6} detections  "
              f"{'identical' if same else f'DIFFERENT in {len(changed)} texts (first: {changed[:5]})'}")
    return not differ


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, action="append",
                        help=f"labelled set (repeatable); default: {DEFAULT_DATA.relative_to(REPO.parent)} "
                             "when present")
    parser.add_argument("--per-language", type=int, default=40,
                        help="texts per language in the generated multilingual set (0: none)")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--web", type=Path, action="append",
                        help="HTML or WARC file or folder of them, for web-text throughput (repeatable); default: "
                             + ", ".join(str(p.relative_to(REPO.parent)) for p in DEFAULT_WEB))
    parser.add_argument("--rounds", type=int, default=3,
                        help="alternating timed passes per system and input (0: no timing, accuracy and detections only)")
    parser.add_argument("--lookalikes", type=Path, action="append",
                        help="real sentences whose numbers are not personal data (JSONL with negatives; repeatable), "
                             f"scored apart as web_lookalikes_flagged; default: "
                             f"{DEFAULT_LOOKALIKES.relative_to(REPO.parent)} when present. Split by a fixed rule: "
                             "even lines are the tuning half, odd lines the reporting half; both printed")
    parser.add_argument("--detections", type=Path,
                        help="write eurocurate's detections on every text (labelled sets, look-alike files, web "
                             "documents) to this JSON file, to compare a change with (--same-detections-as)")
    parser.add_argument("--same-detections-as", type=Path,
                        help="a --detections file of an earlier version: say per input whether every detection is the "
                             "same; the exit status is 1 when one is not")
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
    stock_types = {lang: stock_entities(stock, lang) for lang in EU_LANGUAGES}
    theirs = lambda text, lang: stock_detect(stock, stock_types[lang], text, lang)  # noqa: E731
    for lang in EU_LANGUAGES:  # engines are built once per worker and language: keep that out of the timing
        ours("warm-up 0301234567 a@b.de", lang)
        theirs("warm-up 0301234567 a@b.de", lang)

    lookalike_files = args.lookalikes if args.lookalikes is not None else \
        [p for p in (DEFAULT_LOOKALIKES,) if p.is_file()]
    web_lookalikes = web_lookalike_rates(lookalike_files, ours, theirs)

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

    systems = {"eurocurate": ours, "stock": theirs}
    dense = [(r["lang"], r["text"]) for r in every]
    web = web_documents(args.web or list(DEFAULT_WEB))
    if not web:
        sys.exit("no web text: pass --web with HTML or WARC files")
    differ = False
    if args.detections or args.same_detections_as:
        inputs = {**{name: [(r["lang"], r["text"]) for r in records] for name, records in sets.items()},
                  **{path.name: [(r["lang"], r["text"]) for r in load_labelled(path)] for path in lookalike_files},
                  "web": web}
        detections = {name: [ours(text, lang) for lang, text in docs] for name, docs in inputs.items()}
        if args.detections:
            args.detections.write_text(json.dumps(detections), encoding="utf-8")
        if args.same_detections_as:
            differ = not same_detections(json.loads(args.same_detections_as.read_text(encoding="utf-8")), detections)
    if args.rounds == 0:
        sys.exit(1 if differ else 0)
    speed = {}
    for name, docs in (("PII-dense", dense), ("web", web)):
        kb = sum(len(t.encode("utf-8")) for _, t in docs) / 1024
        langs = Counter(lang for lang, _ in docs)
        print(f"\n== throughput on {name} text, one core, CPU seconds of this process: {len(docs)} documents, "
              f"{kb:.0f} KB, languages {dict(langs.most_common(6))}")
        speed[name] = throughput(systems, docs, args.rounds)
        ours_kbs, stock_kbs = speed[name]["eurocurate"], speed[name]["stock"]
        print(f"eurocurate {ours_kbs:10.1f} KB/s\nstock      {stock_kbs:10.1f} KB/s   (medians of {args.rounds} "
              f"rounds)\nspeedup    {ours_kbs / stock_kbs:10.1f}x")

    dense_ours, dense_stock = speed["PII-dense"]["eurocurate"], speed["PII-dense"]["stock"]
    print(f"\nPII-dense: kb_per_s={dense_ours:.1f} stock_kb_per_s={dense_stock:.1f} "
          f"speedup={dense_ours / dense_stock:.1f}")
    ours_kbs, stock_kbs = speed["web"]["eurocurate"], speed["web"]["stock"]
    r_ours, r_stock = results["eurocurate"], results["stock"]
    print(f"\nlook-alikes: {sum(r_ours['negatives'].values())}, flagged by eurocurate "
          f"{sum(r_ours['flagged'].values())}, by stock {sum(r_stock['flagged'].values())}")
    web = ""
    if web_lookalikes:
        web = (f"web_lookalikes_flagged={web_lookalikes['all']['eurocurate']:.4f} "
               f"stock_web_lookalikes_flagged={web_lookalikes['all']['stock']:.4f} "
               f"web_lookalikes_flagged_tune={web_lookalikes['tune']['eurocurate']:.4f} "
               f"web_lookalikes_flagged_report={web_lookalikes['report']['eurocurate']:.4f} ")
    print(f"RESULT recall={r_ours['recall']:.3f} stock_recall={r_stock['recall']:.3f} "
          f"national_id_recall={_fmt(r_ours['per_type']['NATIONAL_ID']['recall'])} "
          f"lookalikes_flagged={r_ours['lookalikes_flagged']:.4f} {web}kb_per_s={ours_kbs:.1f} "
          f"stock_kb_per_s={stock_kbs:.1f} speedup={ours_kbs / stock_kbs:.1f}")
    if differ:
        sys.exit(1)


if __name__ == "__main__":
    main()
