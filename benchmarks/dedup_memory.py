"""Does dedup's memory follow its configuration rather than the corpus? eurocurate's dedup at growing corpus sizes.

    python benchmarks/dedup_memory.py                                # 200,000, 800,000 and 1,600,000 documents
    python benchmarks/dedup_memory.py --sizes 100000,400000 --workers 2

For each size a seeded synthetic corpus with planted near-duplicates (dedup/planted_corpus.py, as
benchmarks/dedup.py makes it) is written as JSON lines, and benchmarks/dedup.py's eurocurate child runs on it
(embedded Ray, --workers workers, default DedupConfig: partitions chosen so that none holds more than
dedup.partition_rows bucket rows) while the whole process tree's PSS is sampled. Reported per size: peak MB,
the idle MB of the same tree before any document is read (Ray's daemons and warmed workers), and the work MB
(peak minus idle), which is what the configuration is meant to bound. --data is the corpus generator's seed
source here: there is no shared evaluation set for this (given for the benchmark convention; a JSONL file of
{id, text} is split into the sizes' prefixes instead when given).

Peers are not run by default: datatrove's MinHash stages take about 8x longer than ours on this machine
(benchmarks/dedup.py), which at 1.6M documents is well over an hour on two cores. --peers also runs data-juicer's
Ray MinHash deduplicator (benchmarks/dedup.py's data-juicer child, in .venv-peers: benchmarks/peers/README.md) at
each size, measured the same way, and adds datajuicer_work_mb / datajuicer_peak_mb to the RESULT line.
Ends with one line: RESULT sizes=.. work_mb=.. peak_mb=.. idle_mb=.. work_growth=.. docs_per_s=..
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dedup import DEFAULT_PEER_PYTHON, SHARDS, peer_command, probe_peer, run_measured  # noqa: E402 - benchmarks/dedup.py


def write_corpus(folder: Path, docs: int, seed: int, given: Path | None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    handles = [open(folder / f"part-{k:03d}.jsonl", "w", encoding="utf-8") for k in range(SHARDS)]
    per_shard = -(-docs // SHARDS)
    if given is not None:
        with given.open(encoding="utf-8") as source:
            for number, line in enumerate(source):
                if number == docs:
                    break
                handles[number // per_shard].write(line if line.endswith("\n") else line + "\n")
    else:
        from eurocurate.dedup.planted_corpus import CorpusSpec, generate

        for number, doc in enumerate(generate(CorpusSpec(docs=docs, seed=seed))):
            handles[number // per_shard].write(json.dumps({"id": doc["id"], "text": doc["text"]},
                                                          ensure_ascii=False) + "\n")
    for handle in handles:
        handle.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="JSONL of {id, text}; its first N lines for each size "
                        "(default: the generated corpus)")
    parser.add_argument("--sizes", default="200000,800000,1600000")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--peers", action="store_true", help="also data-juicer's Ray MinHash at each size")
    parser.add_argument("--peer-python", type=Path, default=DEFAULT_PEER_PYTHON)
    args = parser.parse_args()
    peer_rows: list[dict] = []
    if args.peers:
        reason = probe_peer("datajuicer", args.peer_python)
        if reason is not None:
            print(f"data-juicer: not run; step {reason}", flush=True)
            args.peers = False
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    for size in sizes:
        scratch = Path(tempfile.mkdtemp(prefix="eurocurate-dedup-memory-"))
        try:
            started = time.perf_counter()
            write_corpus(scratch / "input", size, args.seed, args.data)
            made = time.perf_counter() - started
            report, peak = run_measured(["--child", "eurocurate", "--input", str(scratch / "input"),
                                         "--work", str(scratch / "work"), "--workers", str(args.workers)])
            if args.peers:
                from eurocurate.dedup.config import DedupConfig

                cfg = DedupConfig()
                peer, peer_peak = run_measured(
                    ["--input", str(scratch / "input"), "--work", str(scratch / "peer"), "--workers",
                     str(args.workers), "--ngram", str(cfg.ngram), "--bands", str(cfg.bands), "--rows", str(cfg.rows),
                     "--threshold", str(cfg.min_similarity)], command=peer_command("datajuicer", args.peer_python))
                peer_rows.append({"peak": peer_peak, "work": peer_peak - peer["baseline_mb"],
                                  "rate": size / peer["elapsed"]})
                peer_rows[-1]["line"] = (
                    f"{size:>10,} docs, data-juicer: {size / peer['elapsed']:>7,.0f} docs/s, peak {peer_peak:>6,.0f} MB, "
                    f"idle {peer['baseline_mb']:>5,.0f} MB, work {peer_peak - peer['baseline_mb']:>6,.0f} MB, "
                    f"{peer['removed']:,} removed")
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        idle = report["baseline_mb"]
        rows.append({"docs": size, "peak": peak, "idle": idle, "work": peak - idle,
                     "rate": size / report["elapsed"], "partitions": report["outcome"]["partitions"],
                     "removed": report["removed"]})
        print(f"{size:>10,} docs ({made:.0f} s to write): {size / report['elapsed']:>7,.0f} docs/s, peak {peak:>6,.0f} MB,"
              f" idle {idle:>5,.0f} MB, work {peak - idle:>6,.0f} MB, {report['outcome']['partitions']} partitions, "
              f"{report['removed']:,} removed", flush=True)
        if args.peers:
            print(peer_rows[-1]["line"], flush=True)
    growth = rows[-1]["work"] / rows[0]["work"] if rows[0]["work"] > 0 else float("nan")
    print(f"work MB from {sizes[0]:,} to {sizes[-1]:,} documents ({sizes[-1] / sizes[0]:.0f}x the corpus): "
          f"x{growth:.2f}")
    def joined(key: str, fmt: str = ".0f") -> str:
        return "/".join(format(r[key], fmt) for r in rows)

    print(f"RESULT sizes={joined('docs', 'd')} work_mb={joined('work')} peak_mb={joined('peak')} "
          f"idle_mb={joined('idle')} work_growth={growth:.2f} docs_per_s={joined('rate')}"
          + (" datajuicer_work_mb=" + "/".join(f"{r['work']:.0f}" for r in peer_rows)
             + " datajuicer_peak_mb=" + "/".join(f"{r['peak']:.0f}" for r in peer_rows) if peer_rows else ""))


if __name__ == "__main__":
    main()
