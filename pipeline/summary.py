"""The end-of-run summary printed to the terminal: per-stage accounting and where the output is."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table


def print_summary(result) -> None:
    manifest = result.manifest
    console = Console(highlight=False)
    if result.skipped:
        console.print(f"Run in {result.out_dir} is already complete; nothing to do.")
    elif result.resumed_files:
        console.print(f"Resumed: {result.resumed_files} input file(s) reused, {result.processed_files} processed.")
    table = Table(title=f"eurocurate run {manifest['run_id']}")
    for column in ("stage", "in", "kept", "rejected", "top reasons"):
        table.add_column(column, justify="right" if column in ("in", "kept", "rejected") else "left")
    for stage in manifest["stages"]:
        reasons = sorted(stage["reasons"].items(), key=lambda kv: (-kv[1], kv[0]))[:4]
        flagged = sorted(stage.get("flagged", {}).items(), key=lambda kv: (-kv[1], kv[0]))[:2]
        table.add_row(stage["name"], str(stage["in"]), str(stage["kept"]), str(stage["rejected"]),
                      ", ".join([*(f"{r} {n}" for r, n in reasons), *(f"flagged {r} {n}" for r, n in flagged)]))
    console.print(table)
    languages = sorted({s["language"] for s in manifest["shards"]})
    console.print(f"{manifest['totals']['documents']} documents in {len(manifest['shards'])} shard(s), "
                  f"{len(languages)} language(s): {' '.join(languages)}")
    problems = manifest["input_problems"]["file_errors"]
    if problems:
        console.print(f"{len(problems)} input file problem(s) recorded in manifest.json (input_problems)")
    console.print(f"output: {result.out_dir}/data  rejects: {result.out_dir}/rejects  manifest: "
                  f"{result.out_dir}/manifest.json")
    signing = manifest.get("signing") or {}
    if signing.get("signed"):
        console.print(f"manifest signed by {signing['public_key_fingerprint']} ({signing['signature_file']}); "
                      "check: eurocurate verify RUN --public-key KEY.pub")
    else:
        console.print("manifest " + signing.get("note", "unsigned: made before signing existed"))
