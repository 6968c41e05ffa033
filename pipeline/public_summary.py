"""`eurocurate summary RUN_DIR`: the parts of the EU AI Act public summary of training content that a data
pipeline can fill (following the sections of the Commission's template for GPAI providers), and Croissant
JSON-LD metadata with its Responsible-AI (RAI) fields describing the output shards.

Fields only the model provider can answer are marked as such rather than guessed.
"""

from __future__ import annotations

import json
from pathlib import Path

from eurocurate import __version__
from eurocurate.core.parquet_io import write_text_atomic
from eurocurate.pipeline.report_data import build_report_data
from eurocurate.pipeline.run_folder import load_manifest
from eurocurate.core.schema import DOCUMENT_SCHEMA

PROVIDER = "to be completed by the model provider"
# Size bands of the template's "training data size" question, in tokens (words used as the token proxy).
SIZE_BANDS = ((1e9, "less than 1 billion tokens"), (1e12, "1 billion to 10 trillion tokens"),
              (float("inf"), "more than 10 trillion tokens"))
DOMAIN_SHARE = 0.10  # the template asks for the top 10% of domain names by size


def _size_band(words: int) -> str:
    return next(label for limit, label in SIZE_BANDS if words < limit)


def _collection_period(manifest: dict, run_dir: Path) -> dict:
    import pyarrow.compute as pc

    from eurocurate.pipeline.run_folder import kept_table

    dates = kept_table(run_dir, ["fetch_date"])["fetch_date"]
    valid = pc.drop_null(dates)
    if len(valid) == 0:
        return {"from": None, "to": None}
    return {"from": pc.min(valid).as_py(), "to": pc.max(valid).as_py()}


def build_public_summary(run_dir: Path) -> dict:
    run_dir = Path(run_dir)
    manifest = load_manifest(run_dir)
    data = build_report_data(run_dir)
    domains_ranked = list(data["top_domains"].items())
    n_top = max(1, int(round(data["domains"] * DOMAIN_SHARE)))
    optout = data["optout_status"]
    removals = data["removals"]
    return {
        "template": "EU AI Act Art. 53(1)(d): public summary of training content (pipeline-fillable parts)",
        "generated_by": f"eurocurate {__version__}",
        "run_id": data["run_id"],
        "1_general_information": {
            "provider_and_model": PROVIDER,
            "modalities": ["text"],
            "training_data_size": {"text": _size_band(data["totals"]["words"]),
                                   "words": data["totals"]["words"], "documents": data["totals"]["documents"]},
            "languages": sorted(data["languages"]),
            "latest_data_collection_date": _collection_period(manifest, run_dir)["to"],
        },
        "2_list_of_data_sources": {
            "2_1_publicly_available_datasets": [],
            "2_2_private_datasets_licensed": [],
            "2_3_crawled_and_scraped_online_sources": {
                "crawler_and_inputs": [{"uri": i["uri"], "sha256": i["sha256"], "bytes": i["bytes"]}
                                       for i in manifest["inputs"]],
                "collection_period": _collection_period(manifest, run_dir),
                "type_of_content": "web pages (HTML), main text extracted with trafilatura",
                "most_relevant_domains": {
                    "rule": f"top {int(DOMAIN_SHARE * 100)}% of {data['domains']} domains by kept documents "
                            f"(at most {len(domains_ranked)} listed)",
                    "domains": [d for d, _ in domains_ranked[:n_top]],
                },
            },
            "2_4_user_data": PROVIDER,
            "2_5_synthetic_data": PROVIDER,
            "2_6_other_sources": PROVIDER,
        },
        "3_data_processing_aspects": {
            "3_1_respect_of_reservation_of_rights_tdm": {
                "measures": "opt-out status recorded per document (optout_status column); documents with a "
                            "machine-readable reservation are dropped or flagged according to the run config",
                "documents_by_optout_status": optout,
                "documents_removed_for_optout": sum(removals.get("optout", {}).values()),
            },
            "3_2_removal_of_undesirable_content": {
                "measures": [
                    "heuristic quality rules (Gopher/C4-style) with a reason per removal",
                    "personal data replaced by typed placeholders (Presidio-based recognizers)",
                    "exact and MinHash near-duplicate removal",
                ],
                "documents_removed_by_stage": {s["stage"]: s["rejected"] for s in data["stages"]},
                "personal_data_items_removed": data["pii_by_type"],
            },
            "3_3_other_information": f"config sha256 {manifest['config_hash']}; every output file is listed with "
                                     "its sha256 in manifest.json",
        },
    }


def _markdown(summary: dict) -> str:
    general = summary["1_general_information"]
    crawl = summary["2_list_of_data_sources"]["2_3_crawled_and_scraped_online_sources"]
    processing = summary["3_data_processing_aspects"]
    tdm = processing["3_1_respect_of_reservation_of_rights_tdm"]
    cleaning = processing["3_2_removal_of_undesirable_content"]
    lines = [
        "# Public summary of training content (pipeline-fillable parts)", "",
        f"Generated by {summary['generated_by']} for run `{summary['run_id']}`. Items marked "
        f"\"{PROVIDER}\" are outside what a data pipeline knows.", "",
        "## 1. General information", "",
        f"- Provider and model: {general['provider_and_model']}",
        f"- Modalities: {', '.join(general['modalities'])}",
        f"- Training data size (text): {general['training_data_size']['text']} "
        f"({general['training_data_size']['words']:,} words in {general['training_data_size']['documents']:,} "
        "documents)",
        f"- Languages: {', '.join(general['languages'])}",
        f"- Latest data collection date: {general['latest_data_collection_date']}", "",
        "## 2. List of data sources", "",
        "### 2.3 Data crawled and scraped from online sources", "",
        f"- Collection period: {crawl['collection_period']['from']} to {crawl['collection_period']['to']}",
        f"- Type of content: {crawl['type_of_content']}",
        f"- Input files: {len(crawl['crawler_and_inputs'])} (sha256 of each in the JSON version)",
        f"- Most relevant domains ({crawl['most_relevant_domains']['rule']}): "
        + ", ".join(crawl["most_relevant_domains"]["domains"]), "",
        "### 2.1, 2.2, 2.4-2.6", "", "- Publicly available and licensed datasets: none in this run",
        f"- User data, synthetic data, other sources: {PROVIDER}", "",
        "## 3. Data processing aspects", "",
        "### 3.1 Respect of reservation of rights (text and data mining opt-out)", "",
        f"- Measures: {tdm['measures']}",
        "- Documents by opt-out status: " + ", ".join(f"{k}: {v}" for k, v in tdm["documents_by_optout_status"].items()),
        f"- Documents removed for an opt-out: {tdm['documents_removed_for_optout']}", "",
        "### 3.2 Removal of undesirable content", "",
        *[f"- {m}" for m in cleaning["measures"]],
        "- Documents removed per stage: " + ", ".join(f"{k}: {v}" for k, v in
                                                       cleaning["documents_removed_by_stage"].items()),
        "- Personal data items removed: " + (", ".join(f"{k}: {v}" for k, v in
                                                       cleaning["personal_data_items_removed"].items()) or "none"),
        "", "### 3.3 Other information", "", f"- {processing['3_3_other_information']}", "",
    ]
    return "\n".join(lines)


_CROISSANT_TYPES = {"string": "sc:Text", "float": "sc:Float", "int32": "sc:Integer", "int64": "sc:Integer"}


def build_croissant(run_dir: Path, name: str | None = None) -> dict:
    run_dir = Path(run_dir)
    manifest = load_manifest(run_dir)
    data = build_report_data(run_dir)
    period = _collection_period(manifest, run_dir)
    files = [{
        "@type": "cr:FileObject", "@id": entry["path"], "name": entry["path"], "contentUrl": entry["path"],
        "encodingFormat": "application/x-parquet", "sha256": entry["sha256"], "contentSize": f"{entry['bytes']} B",
    } for entry in manifest["shards"]]
    fields = [{
        "@type": "cr:Field", "@id": f"documents/{f.name}", "name": f.name,
        "dataType": _CROISSANT_TYPES.get(str(f.type), "sc:Text"),
        "source": {"fileSet": {"@id": "shards"}, "extract": {"column": f.name}},
    } for f in DOCUMENT_SCHEMA if str(f.type) in _CROISSANT_TYPES]
    removed = ", ".join(f"{s['stage']} {s['rejected']}" for s in data["stages"])
    return {
        "@context": {
            "@language": "en", "@vocab": "https://schema.org/", "sc": "https://schema.org/",
            "cr": "http://mlcommons.org/croissant/", "rai": "http://mlcommons.org/croissant/RAI/",
            "dct": "http://purl.org/dc/terms/", "citeAs": "cr:citeAs", "column": "cr:column",
            "conformsTo": "dct:conformsTo", "data": {"@id": "cr:data", "@type": "@json"},
            "dataType": {"@id": "cr:dataType", "@type": "@vocab"}, "examples": {"@id": "cr:examples", "@type": "@json"},
            "extract": "cr:extract", "field": "cr:field", "fileObject": "cr:fileObject", "fileSet": "cr:fileSet",
            "includes": "cr:includes", "isLiveDataset": "cr:isLiveDataset", "key": "cr:key", "recordSet": "cr:recordSet",
            "source": "cr:source", "transform": "cr:transform",
        },
        "@type": "sc:Dataset",
        "conformsTo": ["http://mlcommons.org/croissant/1.0", "http://mlcommons.org/croissant/RAI/1.0"],
        "name": name or f"eurocurate-{manifest['config']['name']}",
        "description": f"Curated multilingual web text produced by eurocurate run {manifest['run_id']}: "
                       f"{data['totals']['documents']:,} documents in {data['totals']['languages']} languages.",
        "version": "1.0.0",
        "license": sorted(data["licenses"]),
        "inLanguage": sorted(data["languages"]),
        "dateCreated": manifest["finished_at"],
        "distribution": files + [{
            "@type": "cr:FileSet", "@id": "shards", "name": "shards", "encodingFormat": "application/x-parquet",
            "includes": "data/*/*.parquet",
        }],
        "recordSet": [{"@type": "cr:RecordSet", "@id": "documents", "name": "documents", "key": {"@id": "documents/id"},
                       "field": fields}],
        "rai:dataCollection": "Web pages from WARC crawl files; main text extracted with trafilatura.",
        "rai:dataCollectionType": ["Web Scraping"],
        "rai:dataCollectionRawData": [i["uri"] for i in manifest["inputs"]],
        "rai:dataCollectionTimeframe": [period["from"], period["to"]],
        "rai:dataPreprocessingProtocol": [
            "charset detection and boilerplate removal (trafilatura)",
            "language identification with fastText lid.176",
            "heuristic quality rules (Gopher/C4-style), one reason code per removal",
        ],
        "rai:dataManipulationProtocol": [
            "personal data (e-mail, phone, IBAN, IP, payment card) replaced by typed placeholders",
            "exact and MinHash LSH near-duplicate removal, one copy per cluster kept",
            f"documents removed per stage: {removed}",
        ],
        "rai:personalSensitiveInformation": (
            "Detected personal identifiers were replaced by placeholders; counts per type are in the pii_counts "
            f"column ({sum(data['pii_by_type'].values())} items removed). Names are not detected by default."),
        "rai:dataLimitations": "Pattern-based PII detection misses identifiers it has no recognizer for; language "
                               "identification is less reliable on short texts.",
        "rai:dataBiases": "Reflects the crawled sources: see the per-language and per-domain counts in report.json.",
        "rai:dataUseCases": "Pretraining of language models.",
    }


def write_summary(run_dir: Path, out_dir: Path | None = None) -> list[Path]:
    target = Path(out_dir or run_dir)
    summary = build_public_summary(run_dir)
    paths = [target / "public-summary.json", target / "public-summary.md", target / "croissant.json"]
    write_text_atomic(json.dumps(summary, indent=2), paths[0])
    write_text_atomic(_markdown(summary), paths[1])
    write_text_atomic(json.dumps(build_croissant(run_dir), indent=2), paths[2])
    return paths
