"""`eurocurate catalog FILE...`: what catalogues offer, one JSON line per distribution, nothing fetched.

Each line says whether the run's licence/access gate would take the distribution (`decision`), so an auditor
or a planner sees what a data space would contribute before anything is downloaded.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import TextIO

from eurocurate.pipeline.config import DataSpaceConfig
from eurocurate.pipeline.sources.dataspace import explain_gate, gate_distribution, license_hint
from eurocurate.pipeline.sources.dcat import read_catalogue
from eurocurate.pipeline.sources.rdf_loading import CatalogueRefused


def list_catalogues(files: list[str], cfg: DataSpaceConfig, out: TextIO, err: TextIO, explain: bool = False) -> int:
    """Write the JSON lines; returns 0, or 1 when a catalogue could not be read (the others are still listed)."""
    status = 0
    for name in files:
        path = Path(name)
        contexts = {url: path.resolve().parent / local for url, local in cfg.jsonld_contexts.items()}
        try:
            catalogue = read_catalogue(path, contexts, cfg.max_catalogue_bytes)
        except CatalogueRefused as exc:
            print(f"eurocurate: {name}: {exc.reason}" + (f" ({exc.detail})" if exc.detail else ""), file=err)
            status = 1
            continue
        for warning in catalogue.warnings:
            print(f"eurocurate: {name}: {warning}", file=err)
        if not catalogue.distributions:
            print(f"eurocurate: {name}: no distributions ({len(catalogue.datasets)} dataset(s), "
                  f"{catalogue.format}): nothing a run could take", file=err)
            continue
        decisions: Counter = Counter()
        for record in catalogue.distributions:
            refusal = gate_distribution(record, cfg)
            line = {"catalogue": name, "catalogue_format": catalogue.format, **record.to_json(),
                    "decision": "take" if refusal is None else refusal[0]}
            if refusal is not None and refusal[0] == "license_not_allowed" and (hint := license_hint(record)):
                line["hint"] = hint
            if explain:
                line["gate"] = explain_gate(record, cfg)
            decisions[line["decision"]] += 1
            out.write(json.dumps(line, ensure_ascii=False, sort_keys=False) + "\n")
        print(f"eurocurate: {name}: {len(catalogue.distributions)} distribution(s) in {len(catalogue.datasets)} "
              "dataset(s): " + ", ".join(f"{d} {n}" for d, n in sorted(decisions.items(), key=lambda kv: -kv[1])),
              file=err)
    return status


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="DCAT-AP catalogues (Turtle, JSON-LD, RDF/XML, N-Triples)")
    parser.add_argument("--config", help="a run config whose `dataspace` settings (licence allow-list, JSON-LD "
                                         "contexts) apply; default: the built-in defaults")
    parser.add_argument("--explain", action="store_true", help="add a 'gate' list to each line: every gate step "
                        "(licence, access rights, download URL, checksum) with whether it passed and why")


def run(args: argparse.Namespace) -> int:
    cfg = DataSpaceConfig()
    if args.config:
        from eurocurate.pipeline.config import ConfigError, load_config

        try:
            run_cfg, _ = load_config(args.config)
        except ConfigError as exc:
            print(f"eurocurate: error: {exc}", file=sys.stderr)
            return 2
        cfg = run_cfg.dataspace
    return list_catalogues(args.files, cfg, sys.stdout, sys.stderr, explain=getattr(args, "explain", False))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="eurocurate catalog", description=__doc__.splitlines()[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
