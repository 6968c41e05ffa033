"""data-juicer's Ray MinHash deduplicator (BTS union-find), as benchmarks/dedup.py's peer child (peer venv's Python).

    .venv-peers/bin/python benchmarks/peers/datajuicer_dedup.py --input JSONL_DIR --work DIR --workers 2 \
        --ngram 5 --bands 14 --rows 8

Not run by hand: benchmarks/dedup.py starts it in its own process, samples the PSS of its whole process tree, and
reads the one `CHILD {json}` line it prints. It imports nothing from eurocurate.

It runs data-juicer's own RayExecutor on a config of one operator, `ray_bts_minhash_deduplicator` (its distributed
union-find mode), reading the JSONL shards and exporting the kept documents as JSONL. Set here:
- Ray: a fresh instance of --workers CPUs on loopback, started before data-juicer's initialize_ray (which then
  joins it: ray_address is this instance's address, RAY_ADDRESS too, so nothing picks another Ray on the machine).
- shingles, bands, rows: eurocurate's (`--ngram` words per shingle, `--bands` x `--rows` permutations); words split
  on whitespace after removing punctuation (ignore_pattern \\p{P}) and lower-casing, the nearest of its
  tokenizations to eurocurate's (Unicode word runs, case-folded). Its other options stay at their defaults
  (union_find_parallel_num "auto": half the Ray CPUs; 32-bit hashes: its only kind).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")


def _tree_mb() -> float:
    """PSS of this process and its descendants (Ray's daemons and workers), in MB."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    children.setdefault(int(handle.read().rsplit(")", 1)[1].split()[1]), []).append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    total, todo = 0.0, [os.getpid()]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/smaps_rollup") as handle:
                total += next((int(line.split()[1]) / 1024 for line in handle if line.startswith("Pss:")), 0.0)
        except OSError:
            pass
    return total


def config_yaml(input_dir: Path, work: Path, address: str, workers: int, args) -> str:
    op = {"tokenization": "space", "window_size": args.ngram, "lowercase": True, "ignore_pattern": r"\p{P}",
          "num_permutations": args.bands * args.rows, "num_bands": args.bands, "num_rows_per_band": args.rows,
          "jaccard_threshold": args.threshold}
    config = {"project_name": "dedup-benchmark", "executor_type": "ray", "ray_address": address,
              "dataset_path": str(input_dir), "export_path": str(work / "kept" / "kept.jsonl"),
              "work_dir": str(work / "dj"), "np": workers, "text_keys": "text", "open_tracer": False,
              "process": [{"ray_bts_minhash_deduplicator": op}]}
    return json.dumps(config)  # YAML is a superset of JSON


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--input", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--ngram", type=int, default=5)
    parser.add_argument("--bands", type=int, default=14)
    parser.add_argument("--rows", type=int, default=8)
    parser.add_argument("--threshold", type=float, default=0.7)
    parser.add_argument("--probe", action="store_true", help="import the operator and exit")
    args = parser.parse_args()
    input_dir, work = Path(args.input), Path(args.work)

    if args.probe:
        try:
            from data_juicer.core.executor.ray_executor import RayExecutor  # noqa: F401
            from data_juicer.ops.deduplicator.ray_bts_minhash_deduplicator import (  # noqa: F401
                RayBTSMinhashDeduplicator,
            )
        except Exception as exc:  # noqa: BLE001
            print("PROBE " + json.dumps({"ok": False, "step": "import data-juicer's RayExecutor and "
                                         "ray_bts_minhash_deduplicator", "error": f"{type(exc).__name__}: {exc}"}))
            return
        print("PROBE " + json.dumps({"ok": True}))
        return

    import ray
    from loguru import logger

    logger.remove()
    started = time.perf_counter()
    ray.init(address="local", num_cpus=args.workers, include_dashboard=False, log_to_driver=False,
             _node_ip_address="127.0.0.1")
    address = ray.get_runtime_context().gcs_address
    os.environ["RAY_ADDRESS"] = address
    baseline = _tree_mb()
    from data_juicer.config import init_configs
    from data_juicer.core.executor.ray_executor import RayExecutor

    work.mkdir(parents=True, exist_ok=True)
    (work / "config.yaml").write_text(config_yaml(input_dir, work, address, args.workers, args))
    cfg = init_configs(args=["--config", str(work / "config.yaml")])
    RayExecutor(cfg).run()
    elapsed = time.perf_counter() - started
    ray.shutdown()
    kept = 0
    for path in (work / "kept").rglob("*.json*"):  # its exporter writes a folder of that name
        if not path.is_file():
            continue
        with open(path, encoding="utf-8") as handle:
            kept += sum(1 for line in handle if line.strip())
    docs = 0
    for path in input_dir.glob("*.jsonl"):
        with open(path, encoding="utf-8") as handle:
            docs += sum(1 for line in handle if line.strip())
    print("CHILD " + json.dumps({"elapsed": elapsed, "baseline_mb": baseline, "docs": docs, "kept": kept,
                                 "removed": docs - kept}), flush=True)


if __name__ == "__main__":
    main()
