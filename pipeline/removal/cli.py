"""The `remove` and `recheck-optout` commands: arguments in, one removal, a few lines out."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from eurocurate.pipeline.cli import _error
from eurocurate.pipeline.removal.selectors import Selector, parse_selector, read_selector_file


def _signing_key(value: str | None) -> Path | None:
    value = value or os.environ.get("EUROCURATE_SIGNING_KEY")
    return Path(value).expanduser().resolve() if value else None


def selectors_from_args(args: argparse.Namespace) -> list[Selector]:
    selectors = [parse_selector(v, kind) for kind in ("url", "domain", "id", "sha256") for v in getattr(args, kind)]
    for path in args.from_file:
        selectors += read_selector_file(path)
    return selectors


def print_outcome(outcome, run: str) -> None:
    if outcome.recovered:
        print(f"first {outcome.recovered}")
    for number, (selector, matched) in enumerate(zip(outcome.selectors, outcome.matched_per_selector, strict=True)):
        if matched == 0:
            print(f"selector {number + 1} ({selector.kind}) matches no document of this run")
    if outcome.already_removed:
        print(f"{outcome.already_removed} match(es) were already removed by an earlier version")
    if outcome.version is None:
        print(f"nothing removed from {run}: 0 documents matched")
        return
    why = ", ".join(f"{n} {w.replace('_', ' ')}" for w, n in sorted(outcome.removed_by_why.items()))
    print(f"removed {outcome.removed} published document(s) from {run} as version {outcome.version} "
          f"(erasure log entry {outcome.entry}): {why or 'none'}; redacted {outcome.redacted} rejected row(s) "
          f"holding the same content; rewrote {outcome.shards_rewritten} of {outcome.shards_total} shard files; "
          f"{outcome.suppressed} signature(s) added to the suppression list; {outcome.seconds:.2f} s")
    print(f"near copies: {outcome.near_search}")


def run_remove(args: argparse.Namespace) -> int:
    from eurocurate.pipeline.cli import EXIT_BUSY, EXIT_CONFIG, EXIT_RUN

    try:
        selectors = selectors_from_args(args)
    except (ValueError, OSError) as exc:
        return _error(str(exc), EXIT_CONFIG)
    return _apply(args, EXIT_CONFIG, EXIT_BUSY, EXIT_RUN, selectors=selectors, category=args.category,
                  reason=args.reason, requester=args.requester, strict=args.strict, copies=not args.no_copies)


def run_recheck_optout(args: argparse.Namespace) -> int:
    from eurocurate.pipeline.cli import EXIT_BUSY, EXIT_CONFIG, EXIT_RUN

    if not args.robots and not args.tdmrep:
        return _error("give at least one --robots or --tdmrep capture", EXIT_CONFIG)
    return _apply(args, EXIT_CONFIG, EXIT_BUSY, EXIT_RUN, recheck=True)


def _apply(args, exit_config: int, exit_busy: int, exit_run: int, recheck: bool = False, **request) -> int:
    from eurocurate.pipeline.manifest import SigningError
    from eurocurate.pipeline.publish import is_remote
    from eurocurate.pipeline.removal.remote import RemoteRun
    from eurocurate.pipeline.removal.remove import RemovalRefused
    from eurocurate.pipeline.run_lock import RunFolderBusy

    key = _signing_key(args.signing_key)
    if key is not None and not key.is_file():
        return _error(f"signing key not found: {key.name}", exit_config)
    remote = RemoteRun(args.run_dir) if is_remote(args.run_dir) else None
    try:
        if remote is not None:
            remote.lock()
            run_dir = remote.local_copy()
        else:
            run_dir = Path(args.run_dir)
            if not (run_dir / "manifest.json").is_file():
                return _error(f"{args.run_dir} has no manifest.json (not a finished eurocurate run)", exit_config)
        if recheck:
            from eurocurate.pipeline.removal.optout_recheck import recheck_optout

            outcome = recheck_optout(run_dir, args.robots, args.tdmrep, captured_at=args.captured_at,
                                     agents=args.agent or None, requester=args.requester, signing_key=key)
        else:
            from eurocurate.pipeline.removal.remove import remove_documents

            outcome = remove_documents(run_dir, signing_key=key, **request)
        if remote is not None and outcome.version is not None:
            count = remote.publish()
            print(f"published version {outcome.version} to {args.run_dir}: {count} file(s) uploaded, manifest last")
            if remote.mirrored and outcome.suppressed:
                print(f"this machine has no staging folder of the run: the suppression list was written to "
                      f"{run_dir / 'work' / 'dedup' / 'index'}; give that folder in dedup.previous_index of later runs")
    except RemovalRefused as exc:
        return _error(str(exc), exit_config)
    except RunFolderBusy as exc:
        return _error(str(exc), exit_busy)
    except SigningError as exc:
        return _error(str(exc), exit_config)
    except OSError as exc:
        return _error(f"{type(exc).__name__}: {exc}; the previous version is still the current one", exit_run)
    finally:
        if remote is not None:
            remote.unlock()
    print_outcome(outcome, args.run_dir)
    return 0
