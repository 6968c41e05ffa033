"""DCAT-AP catalogues: eurocurate's reader against stock rdflib (offline, context given), same files, same process.

    python benchmarks/dcat.py [--data FOLDER] [--runs 3] [--repeat 20]

FOLDER holds DCAT-AP examples as Turtle + JSON-LD pairs and the JSON-LD context file; default:
../shared/eval/dcat next to the repository. The stock peer is rdflib's own Graph.parse, given the local context
so that it too stays offline, and a SPARQL count of datasets and distributions. Prints per file what each
found, whether Turtle and JSON-LD agree, parse time (median of --runs passes over the folder, each pass reading
every file --repeat times), and ends with one RESULT line. Any network access fails the benchmark.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import rdflib  # noqa: E402

from eurocurate.pipeline.sources.dcat import read_catalogue  # noqa: E402
from eurocurate.pipeline.sources.rdf_loading import CatalogueRefused  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "dcat"
COUNT_QUERY = """
SELECT (COUNT(DISTINCT ?d) AS ?datasets) (COUNT(DISTINCT ?x) AS ?distributions) WHERE {
  { ?d a <http://www.w3.org/ns/dcat#Dataset> } UNION { ?x a <http://www.w3.org/ns/dcat#Distribution> }
  UNION { ?s <http://www.w3.org/ns/dcat#distribution> ?x }
}"""


def _refuse_network(*args, **kwargs):
    raise RuntimeError("network access during the benchmark")


def _context_map(folder: Path) -> tuple[dict[str, Path], dict]:
    """The remote context URL each JSON-LD file names -> the local context file (and its parsed content)."""
    context_file = folder / "context.jsonld"
    urls = {json.loads(p.read_text())["@context"] for p in folder.glob("*.jsonld") if p != context_file
            and isinstance(json.loads(p.read_text()).get("@context"), str)}
    content = json.loads(context_file.read_text())
    return {url: context_file for url in urls}, content


def eurocurate_counts(path: Path, contexts: dict[str, Path]) -> tuple[int, int] | str:
    try:
        catalogue = read_catalogue(path, contexts)
    except CatalogueRefused as exc:
        return exc.reason
    return len(catalogue.datasets), len(catalogue.distributions)


def stock_counts(path: Path, context: dict, count: bool = True) -> tuple[int, int] | str:
    graph = rdflib.Graph()
    try:
        if path.suffix == ".jsonld":
            document = json.loads(path.read_text())
            document.pop("@context", None)
            graph.parse(data=json.dumps(document), format="json-ld", context=context["@context"])
        else:
            graph.parse(path, format="turtle")
    except Exception as exc:  # noqa: BLE001 - the stock parser's failure is a result here
        return type(exc).__name__
    if not count:
        return len(graph), 0
    row = next(iter(graph.query(COUNT_QUERY)))
    return int(row[0]), int(row[1])


def timed(function, files: list[Path], runs: int, repeat: int) -> float:
    """Median seconds of `runs` passes, each reading every file `repeat` times."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(repeat):
            for path in files:
                function(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"no data: {args.data} (the DCAT-AP examples of ../shared/eval/dcat)", file=sys.stderr)
        return 2
    socket.socket.connect = _refuse_network  # both readers must stay offline
    socket.create_connection = _refuse_network
    contexts, context = _context_map(args.data)
    files = sorted(p for p in args.data.glob("*") if p.suffix in (".ttl", ".jsonld") and p.name != "context.jsonld")

    ours = {p.name: eurocurate_counts(p, contexts) for p in files}
    stock = {p.name: stock_counts(p, context) for p in files}
    print(f"{'file':<72} {'eurocurate':>12} {'stock rdflib':>16}")
    for path in files:
        print(f"{path.name:<72} {str(ours[path.name]):>12} {str(stock[path.name]):>16}")

    def parsed(results: dict) -> int:
        return sum(isinstance(v, tuple) for v in results.values())

    def agree(results: dict) -> int:
        return sum(isinstance(results[p.name], tuple) and results[p.name] == results.get(p.with_suffix(".ttl").name)
                   for p in files if p.suffix == ".jsonld")

    pairs = sum(p.suffix == ".jsonld" for p in files)
    datasets = sum(v[0] for k, v in ours.items() if k.endswith(".ttl") and isinstance(v, tuple))
    distributions = sum(v[1] for k, v in ours.items() if k.endswith(".ttl") and isinstance(v, tuple))
    ours_s = timed(lambda p: eurocurate_counts(p, contexts), files, args.runs, args.repeat)
    stock_s = timed(lambda p: stock_counts(p, context), files, args.runs, args.repeat)
    stock_parse_s = timed(lambda p: stock_counts(p, context, count=False), files, args.runs, args.repeat)
    reads = len(files) * args.repeat
    print(f"\nfiles parsed: eurocurate {parsed(ours)}/{len(files)}, stock rdflib {parsed(stock)}/{len(files)}")
    print(f"Turtle/JSON-LD pairs that agree: eurocurate {agree(ours)}/{pairs}, stock rdflib {agree(stock)}/{pairs}")
    print(f"datasets {datasets}, distributions {distributions} (eurocurate, Turtle side)")
    print(f"parse time, median of {args.runs} passes of {reads} file reads: eurocurate {ours_s * 1000:.0f} ms "
          f"({reads / ours_s:.0f} files/s), stock rdflib {stock_s * 1000:.0f} ms ({reads / stock_s:.0f} files/s); "
          f"stock parse alone, no SPARQL count: {stock_parse_s * 1000:.0f} ms ({reads / stock_parse_s:.0f} files/s)")
    print(f"RESULT files={len(files)} parsed={parsed(ours)} stock_parsed={parsed(stock)} pairs_agree={agree(ours)} "
          f"stock_pairs_agree={agree(stock)} pairs={pairs} datasets={datasets} distributions={distributions} "
          f"files_per_s={reads / ours_s:.1f} stock_files_per_s={reads / stock_s:.1f} "
          f"stock_parse_only_files_per_s={reads / stock_parse_s:.1f} time_ratio={ours_s / stock_s:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
