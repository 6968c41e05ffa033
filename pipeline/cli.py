"""The `eurocurate` command line."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from pipeline import __version__

EXIT_CONFIG = 2
EXIT_RUN = 3


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eurocurate",
        description="Curate European LLM-pretraining data: WARC in; deduplicated, PII-scrubbed, "
        "language-labelled Parquet out, with a manifest that accounts for every document.",
    )
    parser.add_argument("--version", action="version", version=f"eurocurate {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = sub.add_parser("run", help="run a pipeline config (resumes when the output folder holds the same run)")
    run.add_argument("config", help="YAML run config, e.g. configs/demo.yaml")
    run.add_argument("--output", "-o", help="run folder (default: output.dir of the config, else runs/<name>)")
    run.add_argument("--ray-address", help="join this Ray cluster (default: $RAY_ADDRESS, else an embedded local Ray)")
    run.add_argument("--workers", type=int, help="parallel tasks (default: the CPUs Ray reports)")
    run.add_argument("--overwrite", action="store_true", help="discard what the run folder holds and start over")
    run.add_argument("--no-progress", action="store_true", help="no progress bars")
    return parser


def _error(message: str, code: int) -> int:
    print(f"eurocurate: error: {message}", file=sys.stderr)
    return code


def _cmd_run(args: argparse.Namespace) -> int:
    from pipeline.config import ConfigError, load_config

    try:
        cfg, base_dir = load_config(args.config)
    except ConfigError as exc:
        return _error(str(exc), EXIT_CONFIG)
    if args.workers is not None and args.workers < 1:
        return _error("--workers must be at least 1", EXIT_CONFIG)
    out_dir = Path(args.output or cfg.output.dir or f"runs/{cfg.name}")
    address = args.ray_address or os.environ.get("RAY_ADDRESS") or cfg.ray.address
    workers = args.workers or cfg.ray.workers

    from pipeline.runner import RunFolderError, run_pipeline
    from pipeline.summary import print_summary

    try:
        result = run_pipeline(cfg, base_dir, out_dir, address=address, workers=workers, overwrite=args.overwrite,
                              show_progress=not args.no_progress and sys.stderr.isatty())
    except ConfigError as exc:
        return _error(str(exc), EXIT_CONFIG)
    except RunFolderError as exc:
        return _error(str(exc), EXIT_CONFIG)
    except (RuntimeError, OSError) as exc:
        return _error(str(exc), EXIT_RUN)
    print_summary(result)
    return 0


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = _build_parser().parse_args(argv)
    if args.command == "run":
        return _cmd_run(args)
    return _error(f"unknown command {args.command}", EXIT_CONFIG)


if __name__ == "__main__":
    sys.exit(main())
