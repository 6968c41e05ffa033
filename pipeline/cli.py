"""The `eurocurate` command line."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from pathlib import Path

from eurocurate import __version__

# Exit codes (docs/operations.md has the table; tests/pipeline/test_fault_injection.py checks them)
EXIT_MISMATCH = 1  # verify found a file, row or count that does not match
EXIT_CONFIG = 2  # a bad config, input or output path, or a folder that holds another run: fix and re-run
EXIT_RUN = 3  # the run failed part way: re-run the same command to resume
EXIT_BUSY = 4  # another run holds the output folder
EXIT_SIGNAL = 128  # + the signal: 130 after SIGINT (Ctrl-C), 143 after SIGTERM; re-run the same command to resume


def _force_exit(signum, frame) -> None:
    os._exit(EXIT_SIGNAL + signum)  # a second signal while stopping: stop now


def _on_signal(signum, frame) -> None:
    # Only noted here: the run stops at its next check between task completions (an exception raised from a
    # handler would surface inside Ray's own calls).
    from eurocurate.core.ray_tasks import request_stop

    signal.signal(signal.SIGINT, _force_exit)
    signal.signal(signal.SIGTERM, _force_exit)
    request_stop(signum)


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
    run.add_argument("--signing-key", help="OpenSSH private key to sign manifest.json with (ssh-keygen -Y sign); "
                     "default: output.signing_key, else $EUROCURATE_SIGNING_KEY; none: the run says it is unsigned")

    report = sub.add_parser("report", help="write report.html (self-contained, with charts) and report.json")
    report.add_argument("run_dir", help="a finished run folder")
    report.add_argument("--out", help="folder for the report files (default: the run folder)")

    inspect = sub.add_parser("inspect", help="one document's path: source, each stage's decision, where it ended; "
                                            "found by id (or id prefix), URL or text sha256")
    inspect.add_argument("run_dir")
    inspect.add_argument("doc_id", metavar="QUERY", help="a document id or its prefix; a URL (normalised: scheme and "
                         "host case, default port, trailing slash); or a text_sha256/content_sha256")
    inspect.add_argument("--json", action="store_true", help="print JSON instead of text (one match: its trace; "
                         "several: {'matches': [...]})")

    summary = sub.add_parser("summary", help="EU AI Act public training-content summary (Markdown + JSON) and "
                                            "Croissant JSON-LD")
    summary.add_argument("run_dir")
    summary.add_argument("--out", help="folder for the files (default: the run folder)")
    summary.add_argument("--sme", action="store_true", help="the template's SME rule for the most relevant domains "
                         "(top 5%% of domain names or 1,000, whichever is lower; default: top 10%%)")
    summary.add_argument("--base-url", help="where the run is published (https://..., s3://...): Croissant file URLs "
                         "under it (default: relative to the run folder)")

    catalog = sub.add_parser("catalog", help="list a DCAT-AP catalogue's distributions and the gate decision for "
                                            "each (one JSON line per distribution; fetches nothing)")
    from eurocurate.pipeline.sources import catalog_listing

    catalog_listing.add_arguments(catalog)

    verify = sub.add_parser("verify", help="re-hash every output file against the manifest and re-check the "
                                          "accounting; exit 1 on any mismatch")
    verify.add_argument("run_dir", help="a run folder or the URL a run was published to (s3://...)")
    verify.add_argument("--public-key", help="OpenSSH public key (KEY.pub file or 'ssh-ed25519 AAAA...') the "
                                             "manifest must be signed with; without it the signature is not checked")

    remove = sub.add_parser("remove", help="remove documents and the copies of their content from a finished run "
                                          "as a new, logged version of it (erasure, takedown, late opt-out)")
    remove.add_argument("run_dir", help="a run folder or the s3://... URL it was published to")
    for flag, what in (("url", "a URL (normalised as inspect does)"), ("domain", "a domain and every host under it"),
                       ("id", "a document id"), ("sha256", "a text_sha256 or content_sha256")):
        remove.add_argument(f"--{flag}", action="append", default=[], help=f"{what}; repeatable")
    remove.add_argument("--from-file", action="append", default=[], help="one selector per line, kinds mixed "
                        "(url:, domain:, id:, sha256: prefixes, or told apart by their shape)")
    remove.add_argument("--category", required=True, choices=["erasure", "takedown", "optout", "other"],
                        help="the reason's category (erasure: GDPR art. 17 request)")
    remove.add_argument("--reason", default="", help="free text for the erasure log (no personal data: it is "
                        "kept as written)")
    remove.add_argument("--requester", help="a reference to the request (ticket number), kept in the erasure log")
    remove.add_argument("--strict", action="store_true", help="exit 2 and change nothing when a selector matches "
                        "no document")
    remove.add_argument("--no-copies", action="store_true", help="remove only the documents named, not the "
                        "copies of their content")
    remove.add_argument("--signing-key", help="OpenSSH private key to sign the new manifest with (required when "
                        "the run is signed; default $EUROCURATE_SIGNING_KEY)")

    recheck = sub.add_parser("recheck-optout", help="apply robots.txt and TDMRep captures taken after the crawl to "
                                                   "a finished run: reserved documents are removed (category optout)")
    recheck.add_argument("run_dir", help="a run folder or the s3://... URL it was published to")
    recheck.add_argument("--robots", action="append", default=[], help="robots.txt captures: WARC files of "
                         "robots.txt responses or files named <host>.robots.txt; repeatable")
    recheck.add_argument("--tdmrep", action="append", default=[], help="TDMRep captures: WARC files of "
                         "/.well-known/tdmrep.json responses or files named <host>.tdmrep.json; repeatable")
    recheck.add_argument("--captured-at", help="capture date for plain files (default: the file's modification "
                         "date); WARC captures carry their own WARC-Date")
    recheck.add_argument("--agent", action="append", default=[], help="user agents whose robots.txt disallow "
                         "reserves a page (default: the run's optout.robots_agents)")
    recheck.add_argument("--requester", help="a reference for the erasure log")
    recheck.add_argument("--signing-key", help="as for remove")

    train = sub.add_parser("train-classifier", help="train a small PyTorch quality classifier from labelled JSONL "
                                                    "or Parquet; writes a model folder with a model card")
    train.add_argument("data", help="labelled rows (.jsonl or .parquet) with text, label and language fields")
    train.add_argument("out", help="model folder to write (used as model_quality.models[].path)")
    train.add_argument("--encoder", help="local Hugging Face encoder folder: train a head on its frozen embeddings "
                                         "(default: a small BERT from scratch)")
    train.add_argument("--regression", action="store_true", help="labels are numeric scores (FineWeb-Edu style)")
    train.add_argument("--text-field", default="text")
    train.add_argument("--label-field", default="label")
    train.add_argument("--language-field", default="language")
    train.add_argument("--held-out", type=float, default=0.1, help="share of rows held out for the metrics")
    train.add_argument("--epochs", type=int, default=3)
    train.add_argument("--lr", type=float, default=5e-4)
    train.add_argument("--batch-size", type=int, default=16)
    train.add_argument("--max-tokens", type=int, default=256)
    train.add_argument("--seed", type=int, default=0)
    return parser


def _error(message: str, code: int) -> int:
    print(f"eurocurate: error: {message}", file=sys.stderr)
    return code


def _cmd_run(args: argparse.Namespace) -> int:
    from eurocurate.pipeline.config import ConfigError, load_config

    try:
        cfg, base_dir = load_config(args.config)
    except ConfigError as exc:
        return _error(str(exc), EXIT_CONFIG)
    if args.workers is not None and args.workers < 1:
        return _error("--workers must be at least 1", EXIT_CONFIG)
    if args.signing_key:
        key = str(Path(args.signing_key).expanduser().resolve())
        cfg = cfg.model_copy(update={"output": cfg.output.model_copy(update={"signing_key": key})})
    from eurocurate.pipeline.manifest import SigningError, signing_key_path

    try:
        signing_key_path(cfg)  # a missing key is found now, not after the run
    except SigningError as exc:
        return _error(str(exc), EXIT_CONFIG)
    destination = args.output or cfg.output.dir or f"runs/{cfg.name}"
    from eurocurate.pipeline.publish import is_remote, staging_dir_for

    remote = is_remote(destination)
    out_dir = staging_dir_for(destination, cfg.output.staging_dir) if remote else Path(destination)
    address = args.ray_address or os.environ.get("RAY_ADDRESS") or cfg.ray.address
    workers = args.workers or cfg.ray.workers

    from eurocurate.core.ray_tasks import StopRequested
    from eurocurate.pipeline.run_lock import RunFolderBusy
    from eurocurate.pipeline.runner import RunFolderError, run_pipeline

    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)
    remote_lock = None
    try:
        if remote:  # held through the run and its publishing; the staging folder has its own lock
            from eurocurate.pipeline.run_lock import RemoteRunLock

            remote_lock = RemoteRunLock(destination, cfg.output.storage_options).acquire()
        result = run_pipeline(cfg, base_dir, out_dir, address=address, workers=workers, overwrite=args.overwrite,
                              show_progress=not args.no_progress and sys.stderr.isatty())
        return _report_and_publish(result, remote, destination, out_dir, cfg)
    except StopRequested as stop:
        return _stop_cleanly(stop.signum, out_dir, args.config)
    except ConfigError as exc:
        return _error(str(exc), EXIT_CONFIG)
    except RunFolderBusy as exc:
        return _error(str(exc), EXIT_BUSY)
    except RunFolderError as exc:
        return _error(str(exc), EXIT_CONFIG)
    except (RuntimeError, OSError) as exc:
        return _error(str(exc), EXIT_RUN)
    except ValueError as exc:  # e.g. a dedup index from an incompatible earlier run
        return _error(f"{type(exc).__name__}: {exc}", EXIT_CONFIG)
    finally:
        if remote_lock is not None:
            remote_lock.release()


def _report_and_publish(result, remote: bool, destination: str, out_dir: Path, cfg) -> int:
    from eurocurate.pipeline.publish import publish, remote_manifest
    from eurocurate.pipeline.summary import print_summary

    print_summary(result)
    if remote:
        try:
            if remote_manifest(destination, cfg.output.storage_options) == result.manifest:
                print(f"{destination} already holds this run's output")
            else:
                count = publish(out_dir, destination, cfg.output.storage_options)
                print(f"published {count} files to {destination} (manifest last)")
        except (OSError, ValueError) as exc:
            return _error(f"publishing to {destination} failed: {type(exc).__name__}: {exc}; the run is complete "
                          f"in {out_dir}: run the same command again to retry", EXIT_RUN)
    return 0


def _stop_cleanly(signum: int, out_dir: Path, config: str) -> int:
    """In-flight tasks cancelled (Ray stopped), half-written files removed, one line on how to resume."""
    from eurocurate.pipeline.ray_runtime import stop_ray
    from eurocurate.pipeline.runner import remove_stale_temp_files

    stop_ray()
    if out_dir.is_dir():
        remove_stale_temp_files(out_dir)
    name = signal.Signals(signum).name
    print(f"eurocurate: stopped by {name}; finished work is kept in {out_dir}: run the same command again to resume "
          f"(eurocurate run {config} --output {out_dir})", file=sys.stderr)
    return EXIT_SIGNAL + signum


def _cmd_report(args: argparse.Namespace) -> int:
    from eurocurate.pipeline.report import write_report

    html_path, json_path = write_report(Path(args.run_dir), Path(args.out) if args.out else None)
    print(f"report: {html_path}\nnumbers: {json_path}")
    return 0


def _cmd_inspect(args: argparse.Namespace) -> int:
    import json

    from eurocurate.pipeline.inspect_doc import format_result, inspect_query

    result = inspect_query(Path(args.run_dir), args.doc_id)
    if not result["matches"] and result["removals"]:
        print(json.dumps(result, indent=2, default=str) if args.json else format_result(result))
        return 0
    if not result["matches"]:
        if args.json:
            print(json.dumps(result, indent=2, default=str))
        return _error(result["not_found"], 1)
    if args.json:
        shown = ({**result["matches"][0], "query": result["query"], "matched_by": result["matched_by"]}
                 if len(result["matches"]) == 1 else result)
        print(json.dumps(shown, indent=2, default=str))
    else:
        print(format_result(result))
    return 0


def _cmd_summary(args: argparse.Namespace) -> int:
    from eurocurate.pipeline.public_summary import write_summary

    for path in write_summary(Path(args.run_dir), Path(args.out) if args.out else None, sme=args.sme,
                              base_url=args.base_url):
        print(path)
    return 0


def _cmd_verify(args: argparse.Namespace) -> int:
    from eurocurate.pipeline.manifest import SigningError
    from eurocurate.pipeline.verify import read_public_key, signature_note, verify_run

    try:
        public_key = read_public_key(args.public_key) if args.public_key else None
        problems = verify_run(args.run_dir, public_key=public_key)  # a path or a URL
    except (ValueError, OSError, SigningError) as exc:
        if type(exc).__name__ == "NotARunFolder":
            raise
        return _error(f"{type(exc).__name__}: {exc}", EXIT_CONFIG)
    for problem in problems:
        print(f"FAIL {problem}")
    if problems:
        print(f"{len(problems)} problem(s) in {args.run_dir}")
        return 1
    signed = (f"the manifest is signed by the given key ({args.public_key})" if public_key else
              signature_note(args.run_dir))
    from eurocurate.pipeline.removal.chain import history_note
    from eurocurate.pipeline.verify import RunLocation

    location = RunLocation(args.run_dir)
    chain = history_note(location, location.manifest())
    if chain:
        signed += f"; {chain}"
    print(f"OK {args.run_dir}: every file matches the manifest, every row's text its text_sha256, and every stage "
          f"accounts for its documents; {signed}")
    return 0


def _cmd_train_classifier(args: argparse.Namespace) -> int:
    if not Path(args.data).is_file():
        return _error(f"training data not found: {args.data}", EXIT_CONFIG)
    if not 0 < args.held_out < 1:
        return _error("--held-out must be between 0 and 1", EXIT_CONFIG)
    import importlib.util

    if not all(importlib.util.find_spec(m) for m in ("torch", "transformers")):
        return _error("train-classifier needs PyTorch and transformers: pip install 'eurocurate[classifier]'",
                      EXIT_CONFIG)
    from eurocurate.filters.model_quality.train import train_classifier

    try:
        summary = train_classifier(
            Path(args.data), Path(args.out), encoder=Path(args.encoder) if args.encoder else None,
            regression=args.regression, text_field=args.text_field, label_field=args.label_field,
            language_field=args.language_field, held_out=args.held_out, epochs=args.epochs, lr=args.lr,
            batch_size=args.batch_size, max_tokens=args.max_tokens, seed=args.seed)
    except (ValueError, KeyError, OSError) as exc:
        return _error(f"{type(exc).__name__}: {exc}", EXIT_CONFIG)
    print(f"model: {args.out}  held-out metrics: "
          + ", ".join(f"{k}={v}" for k, v in summary["metrics"].items() if not isinstance(v, dict)))
    return 0


def _cmd_catalog(args: argparse.Namespace) -> int:
    from eurocurate.pipeline.sources import catalog_listing

    return catalog_listing.run(args)


def _cmd_remove(args: argparse.Namespace) -> int:
    from eurocurate.pipeline.removal.cli import run_remove

    return run_remove(args)


def _cmd_recheck_optout(args: argparse.Namespace) -> int:
    from eurocurate.pipeline.removal.cli import run_recheck_optout

    return run_recheck_optout(args)


COMMANDS = {"run": _cmd_run, "remove": _cmd_remove, "recheck-optout": _cmd_recheck_optout, "report": _cmd_report, "inspect": _cmd_inspect, "summary": _cmd_summary,
            "verify": _cmd_verify, "train-classifier": _cmd_train_classifier, "catalog": _cmd_catalog}


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = _build_parser().parse_args(argv)
    if args.command in ("report", "inspect", "summary") and not Path(args.run_dir).is_dir():
        return _error(f"run folder not found: {args.run_dir}", EXIT_CONFIG)
    from eurocurate.pipeline.run_folder import NotARunFolder

    try:
        return COMMANDS[args.command](args)
    except NotARunFolder as exc:
        return _error(str(exc), EXIT_CONFIG)
    except KeyboardInterrupt:  # a read-only command stopped with Ctrl-C: nothing to clean up
        return EXIT_SIGNAL + signal.SIGINT


if __name__ == "__main__":
    sys.exit(main())
