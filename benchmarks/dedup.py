"""Near-duplicate removal benchmark: eurocurate's Ray dedup stage against datatrove's and data-juicer's MinHash.

    python benchmarks/dedup.py                      # 200,000 generated documents, planted near-duplicates
    python benchmarks/dedup.py --data corpus.jsonl  # a given corpus ({id, text} per line): lists its duplicates

The systems run end to end on the same JSONL input with the same n-gram size, bands and rows, each in its own
subprocess whose whole process tree (Ray's daemons and workers, datatrove's worker pool) is sampled for memory
(PSS, so shared pages count once): signatures -> buckets -> clusters -> kept documents written out.
eurocurate runs at 1 and 2 Ray workers, datatrove and data-juicer with 2 workers. Quality is checked against
brute-force shingle Jaccard on a sample. Ends with one line:
RESULT docs_per_s=.. datatrove_docs_per_s=.. speedup=.. peak_mb=.. datatrove_peak_mb=.. datajuicer_docs_per_s=..
datajuicer_speedup=.. datajuicer_peak_mb=.. datajuicer_work_mb=.. work_mb=..
(datajuicer_docs_per_s=none, with the failed step and why on the line before, when data-juicer cannot run here).

data-juicer (benchmarks/peers/datajuicer_dedup.py) runs its RayExecutor with one operator,
ray_bts_minhash_deduplicator (its distributed union-find mode), on a fresh Ray of 2 CPUs, in its own virtual
environment, .venv-peers (benchmarks/peers/install.sh), with that environment's Python (--peer-python, by default
.venv-peers/bin/python when it exists); without it, or when its operator does not import, the benchmark says which
step failed and why and leaves its column out. Same shingles (5 words, after lower-casing and removing
punctuation), 14 bands x 8 rows; what differs: its hashes are 32-bit (SHA-1 of the shingle, then 112
permutations), it merges every pair that shares a band (eurocurate also checks the pair's estimated Jaccard
against min_similarity 0.7, datatrove merges like data-juicer) and it has no exact-duplicate pass of its own
(eurocurate's exact pass finds the byte-identical copies first); union_find_parallel_num stays "auto" (half the
CPUs: 1 union-find actor here).

datatrove is made offline-safe and runnable here: it tokenises as German (a spaCy blank pipeline; its English
tokenizer would download nltk punkt), and its xxhash64 helper, which hands str to xxhash 4 (TypeError), is
replaced by one that encodes to UTF-8 first: same hash function, same cost.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

SHARDS = 8
PEER_SCRIPTS = {"datajuicer": ROOT / "benchmarks" / "peers" / "datajuicer_dedup.py"}
DEFAULT_PEER_PYTHON = ROOT / ".venv-peers" / "bin" / "python"


# ---------------------------------------------------------------------------------------------- memory sampling
def _process_tree(*roots: int) -> list[int]:
    """The processes `roots` started, directly or not, and the roots themselves."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    tree, todo = [], list(roots)
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def _pss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _cpu_s(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def _tree_mb() -> float:
    return sum(_pss_mb(p) for p in _process_tree(os.getpid()))


def _idle() -> None:
    """Warms a Ray worker with the modules the dedup tasks import, so the idle baseline includes them."""
    import eurocurate.dedup.stage  # noqa: F401


def run_measured(args: list[str], attempts: int = 3, command: list[str] | None = None) -> tuple[dict, float]:
    """run_once, again when the child fails (an embedded Ray can time out starting on a loaded machine)."""
    for attempt in range(1, attempts + 1):
        try:
            return run_once(args, command)
        except RuntimeError as exc:
            if attempt == attempts:
                raise
            print(f"  (child failed, retrying: {str(exc).strip().splitlines()[-1][:160]})", flush=True)
    raise AssertionError("unreachable")


def run_once(args: list[str], command: list[str] | None = None) -> tuple[dict, float]:
    """Run a child benchmark process (this file, or `command` for a peer's script in the peer venv); returns its
    JSON report and the peak PSS of its process tree in MB."""
    proc = subprocess.Popen([*(command or [sys.executable, __file__]), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT)
    peak = [0.0]
    cpu: dict[int, float] = {}

    def sample() -> None:
        while proc.poll() is None:
            tree = _process_tree(proc.pid)
            peak[0] = max(peak[0], sum(_pss_mb(p) for p in tree))
            for pid in tree:
                cpu[pid] = max(cpu.get(pid, 0.0), _cpu_s(pid))
            time.sleep(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"child {args[:3]} failed:\n{err[-3000:]}")
    report = next(json.loads(line[6:]) for line in out.splitlines() if line.startswith("CHILD "))
    # CPU seconds of the whole tree (last sample of each process): a fairer yardstick than wall time when other
    # work shares the machine; up to half a second per process is missed.
    report["cpu_s"] = sum(cpu.values())
    return report, peak[0]


# ---------------------------------------------------------------------------------------------- the two systems
def child_eurocurate(inputs: list[str], work: Path, workers: int) -> dict:
    import ray

    from eurocurate.dedup.apply import write_kept
    from eurocurate.dedup.stage import run_dedup
    from eurocurate.pipeline.config import DedupConfig
    from eurocurate.pipeline.ray_runtime import run_all, start_ray, worker_task

    started = time.perf_counter()
    start_ray(None, workers)
    ray.get([ray.remote(num_cpus=1)(_idle).remote() for _ in range(workers)])
    baseline = _tree_mb()
    outcome = run_dedup(inputs, work / "dedup", DedupConfig(), parallel=workers)
    kept = run_all("write", ray.remote(num_cpus=1)(worker_task(write_kept)),
                   [(path, number, outcome.decision_files, str(work / "kept" / f"{number:05d}.parquet"), 2_000)
                    for number, path in enumerate(inputs)], workers, False)
    elapsed = time.perf_counter() - started
    return {"elapsed": elapsed, "baseline_mb": baseline, "docs": outcome.docs, "kept": sum(k["kept"] for k in kept),
            "removed": outcome.removed, "outcome": outcome.to_dict()}


def _encoded_xxhash64(text: str) -> int:
    import xxhash

    return xxhash.xxh64_intdigest(text.encode("utf-8"))


def child_datatrove(input_dir: Path, work: Path, workers: int, config: dict) -> dict:
    import datatrove.utils.hashes.xxhash as dt_xxhash

    dt_xxhash.xxhash64 = _encoded_xxhash64
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.dedup.minhash import (
        MinhashConfig, MinhashDedupBuckets, MinhashDedupCluster, MinhashDedupFilter, MinhashDedupSignature,
    )
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from datatrove.utils.hashing import HashConfig

    minhash = MinhashConfig(n_grams=config["ngram"], num_buckets=config["bands"], hashes_per_bucket=config["rows"],
                            hash_config=HashConfig(precision=64, hash_fc="xxhash"))
    tasks = len(list(input_dir.glob("*.jsonl")))
    baseline = _tree_mb()
    started = time.perf_counter()

    def run(pipeline: list, count: int, name: str) -> None:
        LocalPipelineExecutor(pipeline=pipeline, tasks=count, workers=min(workers, count),
                              logging_dir=str(work / "logs" / name), skip_completed=False).run()

    run([JsonlReader(str(input_dir), glob_pattern="*.jsonl"),
         MinhashDedupSignature(str(work / "sigs"), config=minhash, language="de")], tasks, "sigs")
    run([MinhashDedupBuckets(str(work / "sigs"), str(work / "buckets"), config=minhash)], minhash.num_buckets,
        "buckets")
    run([MinhashDedupCluster(str(work / "buckets"), str(work / "remove"), config=minhash)], 1, "cluster")
    run([JsonlReader(str(input_dir), glob_pattern="*.jsonl"),
         MinhashDedupFilter(str(work / "remove"), exclusion_writer=JsonlWriter(str(work / "removed"))),
         JsonlWriter(str(work / "kept"))], tasks, "filter")
    elapsed = time.perf_counter() - started
    kept = sum(1 for f in (work / "kept").glob("*.jsonl*") for _ in _open_lines(f))
    removed = sum(1 for f in (work / "removed").glob("*.jsonl*") for _ in _open_lines(f))
    return {"elapsed": elapsed, "baseline_mb": baseline, "kept": kept, "removed": removed}


def _open_lines(path: Path):
    import gzip

    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        yield from handle


def peer_command(peer: str, python: Path) -> list[str]:
    return [str(python), str(PEER_SCRIPTS[peer])]


def probe_peer(peer: str, python: Path) -> str | None:
    """None when the peer's child imports its operator; otherwise the failed step and why."""
    if not python.is_file():
        return (f"set-up: no peer interpreter at {python} (make it with benchmarks/peers/install.sh, or give "
                "--peer-python)")
    from benchmarks.peers.probe import run_probe

    return run_probe([*peer_command(peer, python), "--input", ".", "--work", ".", "--probe"], ROOT)


# ---------------------------------------------------------------------------------------------- corpus and quality
def write_generated(folder: Path, docs: int, seed: int) -> dict[str, dict]:
    from eurocurate.dedup.planted_corpus import CorpusSpec, generate

    folder.mkdir(parents=True, exist_ok=True)
    handles = [open(folder / f"part-{k:03d}.jsonl", "w", encoding="utf-8") for k in range(SHARDS)]
    corpus = {}
    per_shard = -(-docs // SHARDS)
    for number, doc in enumerate(generate(CorpusSpec(docs=docs, seed=seed))):
        handles[number // per_shard].write(json.dumps(doc, ensure_ascii=False) + "\n")
        corpus[doc["id"]] = doc
    for handle in handles:
        handle.close()
    return corpus


def split_given(source: Path, folder: Path) -> dict[str, dict]:
    folder.mkdir(parents=True, exist_ok=True)
    corpus = {}
    with open(source, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                doc = json.loads(line)
                doc["id"] = str(doc["id"])
                corpus[doc["id"]] = {"id": doc["id"], "text": doc["text"]}
    docs = list(corpus.values())
    per_shard = max(1, -(-len(docs) // SHARDS))
    for k in range(0, len(docs), per_shard):
        with open(folder / f"part-{k // per_shard:03d}.jsonl", "w", encoding="utf-8") as out:
            for doc in docs[k : k + per_shard]:
                out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return corpus


def read_decisions(work: Path) -> dict[str, dict]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    files = sorted((work / "dedup" / "decisions").glob("*.parquet"))
    if not files:
        return {}
    return {r["id"]: r for r in pa.concat_tables([pq.read_table(f) for f in files]).to_pylist()}


def quality_report(corpus: dict[str, dict], decisions: dict[str, dict], seed: int) -> dict:
    """Recall of pairs with Jaccard >= 0.8 and share of merged pairs below 0.5, by brute force on a sample."""
    from eurocurate.dedup.evaluation import jaccard, score, shingle_sets
    from eurocurate.pipeline.config import DedupConfig

    cfg = DedupConfig()
    rng = random.Random(seed)
    families: dict[str, list[str]] = {}
    for doc in corpus.values():
        root = doc.get("planted_of") or doc["id"]
        families.setdefault(root, []).append(doc["id"])
    for decision in decisions.values():  # found clusters count as families too (for --data corpora)
        families.setdefault(decision["cluster_id"], []).append(decision["id"])
    roots = sorted(families)
    chosen = rng.sample(roots, min(1500, len(roots)))
    sample_ids = sorted({i for r in chosen for i in families[r]} | set(rng.sample(sorted(corpus), min(1500, len(corpus)))))
    merged = [(i, d["duplicate_of"]) for i, d in decisions.items() if d["duplicate_of"]]
    merged = rng.sample(merged, min(5000, len(merged)))
    needed = sorted(set(sample_ids) | {x for pair in merged for x in pair})
    shingles = dict(zip(needed, shingle_sets([corpus[i]["text"] for i in needed], cfg)))
    cluster_of = {i: d["cluster_id"] for i, d in decisions.items()}
    result = score({i: shingles[i] for i in sample_ids}, cluster_of, merged, shingles)
    by_rate: dict[float, list[float]] = {}
    for doc in corpus.values():
        if doc.get("edit_rate") is not None and doc["id"] in shingles and doc["planted_of"] in shingles:
            by_rate.setdefault(doc["edit_rate"], []).append(jaccard(shingles[doc["id"]], shingles[doc["planted_of"]]))
    return {"sample_docs": len(sample_ids), "pairs_at_0.8": result.pairs_at_threshold, "recall_at_0.8": result.recall,
            "merged_pairs_checked": result.merged_pairs, "merged_below_0.5": result.merged_below_share,
            "jaccard_by_edit_rate": {k: round(statistics.mean(v), 3) for k, v in sorted(by_rate.items())}}


# ---------------------------------------------------------------------------------------------- main
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", help="JSONL of {id, text} to deduplicate (default: a generated corpus)")
    parser.add_argument("--docs", type=int, default=200_000, help="generated corpus size")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=1, help="runs per system; docs/s is the median")
    parser.add_argument("--show-pairs", type=int, default=50, help="duplicate pairs to list with --data")
    parser.add_argument("--peer-python", type=Path, default=DEFAULT_PEER_PYTHON,
                        help="the peers' interpreter (default: .venv-peers/bin/python; benchmarks/peers/install.sh)")
    parser.add_argument("--no-peers", action="store_true", help="run eurocurate and datatrove only")
    parser.add_argument("--child", choices=["eurocurate", "datatrove"], help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=2, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        inputs = sorted(str(p) for p in Path(args.input).glob("*.jsonl"))
        from eurocurate.pipeline.config import DedupConfig

        cfg = DedupConfig()
        if args.child == "eurocurate":
            report = child_eurocurate(inputs, Path(args.work), args.workers)
        else:
            report = child_datatrove(Path(args.input), Path(args.work), args.workers,
                                     {"ngram": cfg.ngram, "bands": cfg.bands, "rows": cfg.rows})
        print("CHILD " + json.dumps(report), flush=True)
        return

    scratch = Path(tempfile.mkdtemp(prefix="eurocurate-dedup-bench-"))
    try:
        input_dir = scratch / "input"
        started = time.perf_counter()
        if args.data:
            corpus = split_given(Path(args.data), input_dir)
            print(f"corpus: {len(corpus):,} documents from {args.data}")
        else:
            corpus = write_generated(input_dir, args.docs, args.seed)
            planted = sum(1 for d in corpus.values() if d["planted_of"])
            print(f"corpus: {len(corpus):,} generated documents (seed {args.seed}), {planted:,} planted duplicates "
                  f"at word-edit rates {sorted({d['edit_rate'] for d in corpus.values() if d['planted_of']})}, "
                  f"{SHARDS} JSONL shards ({time.perf_counter() - started:.0f} s to generate)")
        from eurocurate.pipeline.config import DedupConfig

        cfg = DedupConfig()
        print(f"parameters: {cfg.ngram}-word shingles, {cfg.bands} bands x {cfg.rows} rows, 64-bit hashes; "
              f"machine: {os.cpu_count()} CPU cores")
        import ray._private.utils as ray_utils

        dashboard = ray_utils.get_dashboard_dependency_error() is None
        print("Ray: " + ("ray[default] (dashboard agent and head with their full modules)" if dashboard else
                         "minimal install, as the README's set-up gives (dashboard processes in minimal mode)"))
        import importlib.util

        if importlib.util.find_spec("torch") is not None:
            print("note: torch is installed here, and datatrove imports it (with transformers) in every process, "
                  "which adds about 270 MB to its peak; the README's set-up has no torch")

        runs: dict[str, list[tuple[dict, float]]] = {}
        plan = [("eurocurate, 2 Ray workers", "eurocurate", 2), ("eurocurate, 1 Ray worker", "eurocurate", 1),
                ("datatrove MinHash, 2 workers", "datatrove", 2)]
        peer_failed: dict[str, str] = {}
        dj_label = "data-juicer MinHash, 2 workers"
        if not args.no_peers:
            reason = probe_peer("datajuicer", args.peer_python)
            if reason is None:
                plan.append((dj_label, "datajuicer", 2))
            else:
                peer_failed["datajuicer"] = reason
                print(f"data-juicer: not run, its column is left out; step {reason}", flush=True)
        for attempt in range(args.repeat):
            for label, system, workers in list(plan):
                work = scratch / f"{system}-{workers}-{attempt}"
                child = ["--input", str(input_dir), "--work", str(work), "--workers", str(workers)]
                try:
                    if system == "datajuicer":
                        report, peak = run_measured(child + ["--ngram", str(cfg.ngram), "--bands", str(cfg.bands),
                                                             "--rows", str(cfg.rows),
                                                             "--threshold", str(cfg.min_similarity)],
                                                    command=peer_command(system, args.peer_python))
                    else:
                        report, peak = run_measured(["--child", system, *child])
                except RuntimeError as exc:
                    if system != "datajuicer":
                        raise
                    peer_failed[system] = "run: " + str(exc).strip().splitlines()[-1][:300]
                    print(f"data-juicer: failed, its column is left out: {peer_failed[system]}", flush=True)
                    plan.remove((label, system, workers))
                    runs.pop(label, None)
                    continue
                runs.setdefault(label, []).append((report, peak))
                print(f"  run {attempt + 1}: {label:<30} {len(corpus) / report['elapsed']:>9,.0f} docs/s "
                      f"{peak:>7,.0f} MB peak {report['cpu_s']:>7.0f} CPU s", flush=True)
                if system == "eurocurate" and workers == 2 and attempt == 0:
                    decisions = read_decisions(work)
                shutil.rmtree(work, ignore_errors=True)

        def summary(label: str) -> tuple[float, float, float, dict]:
            reports = runs[label]
            rate = statistics.median(len(corpus) / r["elapsed"] for r, _ in reports)
            peak = statistics.median(p for _, p in reports)
            working = statistics.median(p - r["baseline_mb"] for r, p in reports)
            return rate, peak, working, reports[0][0]

        print(f"\n{'system':<32}{'docs/s':>10}{'seconds':>10}{'CPU s':>10}{'peak MB':>10}{'idle MB':>10}"
              f"{'work MB':>10}{'removed':>10}{'kept':>10}")
        figures = {}
        for label, _, _ in plan:
            rate, peak, working, report = summary(label)
            figures[label] = (rate, peak)
            print(f"{label:<32}{rate:>10,.0f}{len(corpus) / rate:>10.1f}{report['cpu_s']:>10.0f}{peak:>10,.0f}"
                  f"{peak - working:>10,.0f}"
                  f"{working:>10,.0f}{report['removed']:>10,}{report['kept']:>10,}")
        print("peak MB: whole process tree (PSS) during the run; idle MB: the same tree before any document is "
              "read (Ray's daemons and idle workers / datatrove's interpreter); work MB: peak minus idle")
        euro_rate, euro_peak = figures[plan[0][0]]
        one_rate, _ = figures[plan[1][0]]
        dt_rate, dt_peak = figures[plan[2][0]]
        outcome = runs[plan[0][0]][0][0]["outcome"]
        cpu = {label: statistics.median(r["cpu_s"] for r, _ in runs[label]) for label, _, _ in plan}
        print(f"docs per CPU-second (less sensitive to other load on the machine): eurocurate "
              f"{len(corpus) / cpu[plan[0][0]]:,.0f}, datatrove {len(corpus) / cpu[plan[2][0]]:,.0f} "
              f"(x{cpu[plan[2][0]] / cpu[plan[0][0]]:.2f})")
        print(f"eurocurate scaling 1 -> 2 workers: x{euro_rate / one_rate:.2f}; "
              f"partitions {outcome['partitions']}, candidate pairs {outcome['candidate_pairs']:,}, verified "
              f"{outcome['verified_pairs']:,}, connected-components rounds {outcome['rounds']}")
        print("eurocurate (2 workers) seconds per step: "
              + ", ".join(f"{k} {v:.1f}" for k, v in outcome["seconds"].items()))

        quality = quality_report(corpus, decisions, args.seed)
        print(f"quality vs brute-force Jaccard on {quality['sample_docs']:,} sampled documents: recall at J>=0.8 "
              f"{quality['recall_at_0.8']:.4f} over {quality['pairs_at_0.8']:,} pairs; merged pairs below J 0.5: "
              f"{quality['merged_below_0.5']:.4%} of {quality['merged_pairs_checked']:,} checked")
        if quality["jaccard_by_edit_rate"]:
            print("mean Jaccard of planted copy to source by word-edit rate: "
                  + ", ".join(f"{k:g}: {v}" for k, v in quality["jaccard_by_edit_rate"].items()))
        if args.data:
            pairs = sorted((i, d["duplicate_of"], d["reason"]) for i, d in decisions.items() if d["duplicate_of"])
            print(f"\nduplicate pairs found: {len(pairs):,} (removed id -> kept id, reason)")
            for removed, kept, reason in pairs[: args.show_pairs]:
                print(f"  {removed} -> {kept} ({reason})")
            if len(pairs) > args.show_pairs:
                print(f"  ... {len(pairs) - args.show_pairs:,} more (--show-pairs N)")

        euro_work = statistics.median(p - r["baseline_mb"] for r, p in runs[plan[0][0]])
        peers = f" work_mb={euro_work:.0f} datatrove_work_mb=" + format(
            statistics.median(p - r["baseline_mb"] for r, p in runs[plan[2][0]]), ".0f")
        if dj_label in figures:
            dj_rate, dj_peak = figures[dj_label]
            dj_work = statistics.median(p - r["baseline_mb"] for r, p in runs[dj_label])
            print(f"data-juicer: docs per CPU-second {len(corpus) / cpu[dj_label]:,.0f} "
                  f"(x{cpu[dj_label] / cpu[plan[0][0]]:.2f} eurocurate's CPU seconds); removed "
                  f"{runs[dj_label][0][0]['removed']:,} (eurocurate {runs[plan[0][0]][0][0]['removed']:,})")
            peers += (f" datajuicer_docs_per_s={dj_rate:.0f} datajuicer_speedup={euro_rate / dj_rate:.2f} "
                      f"datajuicer_peak_mb={dj_peak:.0f} datajuicer_work_mb={dj_work:.0f}")
        elif not args.no_peers:
            print(f"data-juicer: no figure: {peer_failed.get('datajuicer', 'not run')}")
            peers += " datajuicer_docs_per_s=none"
        print(f"RESULT docs_per_s={euro_rate:.0f} datatrove_docs_per_s={dt_rate:.0f} speedup={euro_rate / dt_rate:.2f} "
              f"peak_mb={euro_peak:.0f} datatrove_peak_mb={dt_peak:.0f}{peers}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
