"""Erasure benchmark: `eurocurate remove` of 100 originals and their planted syndicated copies, side by side with
the full run it avoids repeating.

    python benchmarks/removal.py                    # 100,000 generated documents (about 10 min on 2 cores)
    python benchmarks/removal.py --docs 20000 --originals 50

The corpus: JSON-lines documents of 12-30 real sentences of one of 36 languages (--data: eval/langid
sentences.jsonl, Leipzig corpora), under one URL each. Planted: --originals documents, each syndicated
--copies-per times under other hosts (an exact copy, then copies with 1-3% of their words changed and a
syndication line added). A copy counts as one when its estimated Jaccard to the original reaches the run's
dedup.min_similarity (the run's own definition of a near copy); those below it are reported apart. The pipeline runs once with its default stages (language ID, quality, PII, dedup) on an
embedded Ray, then `eurocurate report` and `summary` (timed together: the full run a re-run without the removed
documents would repeat, with what a team publishes beside it). Then the originals' URLs are given to
`eurocurate remove --from-file` (timed; it regenerates the report and summary), and the benchmark reads both
versions (the removal is also run on a copy of the run without report and summary, against the pipeline run
alone):
- copy recall: planted copies whose content is no longer published (not in data/ of version 2) / planted copies
  that version 1 published or rejected as duplicates;
- others removed: published documents of version 1 that are gone in version 2 and are not planted (must be 0);
- shards rewritten, and `verify` on the new version.
No curation tool offers removal to compare with; the peer is the full re-run. With --rerun, the pipeline is run
again on the corpus without the planted groups, and its published URLs are compared with version 2's.
Ends with one line:
RESULT docs=.. originals=.. planted_copies=.. copy_recall=.. copies_below_threshold=.. others_removed=..
shards_rewritten=../.. remove_s=.. full_run_s=.. pipeline_s=.. remove_share=.. remove_plain_s=..
remove_plain_share_of_pipeline=..
verify=ok|FAIL [rerun_same_urls=..]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "langid" / "sentences.jsonl"
INPUT_FILES = 16


def load_sentences(path: Path) -> dict[str, list[str]]:
    by_language: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        by_language.setdefault(row["lang"], []).append(row["text"])
    return {lang: texts for lang, texts in by_language.items() if len(texts) >= 50}


def _edit(text: str, rate: float, rng: random.Random) -> str:
    words = text.split()
    for _ in range(max(1, int(len(words) * rate))):
        i = rng.randrange(len(words))
        words[i] = words[rng.randrange(len(words))]
    return " ".join(words)


def make_corpus(sentences: dict[str, list[str]], docs: int, originals: int, copies_per: int, seed: int,
                folder: Path) -> dict:
    """JSON-lines files under `folder`; returns the planted groups {original_url: [copy urls]}."""
    rng = random.Random(seed)
    languages = sorted(sentences)
    base = docs - originals * copies_per
    records = []
    for n in range(base):
        lang = languages[n % len(languages)]
        text = " ".join(rng.sample(sentences[lang], rng.randrange(12, 31)))
        records.append({"text": text, "url": f"https://site{n % 997}.{lang}.example/article/{n}"})
    planted: dict[str, list[str]] = {}
    texts: dict[str, str] = {}
    for k, index in enumerate(rng.sample(range(base), originals)):
        original = records[index]
        copies = []
        for c in range(copies_per):
            text = original["text"] if c == 0 else (
                _edit(original["text"], rng.uniform(0.01, 0.03), rng) + f" Syndicated by partner {c}.")
            url = f"https://syndication{c}.example/story/{k}"
            records.append({"text": text, "url": url})
            copies.append(url)
            texts[url] = text
        planted[original["url"]] = copies
        texts[original["url"]] = original["text"]
    rng.shuffle(records)
    folder.mkdir(parents=True, exist_ok=True)
    per_file = -(-len(records) // INPUT_FILES)
    for f in range(INPUT_FILES):
        chunk = records[f * per_file:(f + 1) * per_file]
        (folder / f"part-{f:02d}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in chunk),
                                                    encoding="utf-8")
    return planted, texts


def similarity_to_original(planted: dict[str, list[str]], texts: dict[str, str], dedup: dict) -> dict[str, float]:
    """Each planted copy's estimated Jaccard to its original, as the run's dedup settings measure it."""
    from eurocurate.dedup.config import DedupConfig
    from eurocurate.dedup.minhash import Signer, estimated_jaccard

    signer = Signer(DedupConfig.model_validate(dedup))
    found = {}
    for original, copies in planted.items():
        signatures = signer.sign([texts[original], *(texts[c] for c in copies)], [None] * (1 + len(copies)))[1]
        for copy, sig in zip(copies, signatures[1:], strict=True):
            found[copy] = float(estimated_jaccard(signatures[0], sig))
    return found


def eurocurate(*args: str) -> tuple[subprocess.CompletedProcess, float]:
    env = {k: v for k, v in os.environ.items() if k != "RAY_ADDRESS"}
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "eurocurate.pipeline.cli", *args], env=env, capture_output=True,
                          text=True)
    return proc, time.perf_counter() - started


def write_config(path: Path, inputs: Path, workers: int | None) -> None:
    ray = f"ray:\n  workers: {workers}\n" if workers else ""
    path.write_text(f"name: removal-bench\ninputs:\n  - kind: jsonl\n    paths: ['{inputs}/*.jsonl']\n"
                    f"quality:\n  min_words: 50\n{ray}output:\n  compression: zstd\n  shard_max_rows: 5000\n")


def table(run: Path, folder: str, columns: list[str], manifest: dict | None = None) -> pa.Table:
    manifest = manifest or json.loads((run / "manifest.json").read_text())
    entries = manifest["shards"] if folder == "data" else manifest["rejects"]
    tables = [pq.read_table(run / e["path"], columns=columns) for e in entries]
    return pa.concat_tables(tables, promote_options="permissive") if tables else pa.table({c: [] for c in columns})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="sentences.jsonl ({lang, text} per line)")
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--originals", type=int, default=100)
    parser.add_argument("--copies-per", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, help="Ray workers (default: every CPU)")
    parser.add_argument("--work", type=Path, help="keep the corpus and run here (default: a temporary folder)")
    parser.add_argument("--rerun", action="store_true", help="also run the pipeline on the corpus without the "
                        "planted groups and compare its published URLs with version 2's")
    args = parser.parse_args()

    work = args.work or Path(tempfile.mkdtemp(prefix="removal-bench-"))
    sentences = load_sentences(args.data)
    planted, texts = make_corpus(sentences, args.docs, args.originals, args.copies_per, args.seed, work / "corpus")
    copy_urls = {u for copies in planted.values() for u in copies}
    group_urls = set(planted) | copy_urls
    write_config(work / "config.yaml", work / "corpus", args.workers)
    run = work / "run"
    shutil.rmtree(run, ignore_errors=True)
    proc, pipeline_s = eurocurate("run", str(work / "config.yaml"), "--output", str(run), "--no-progress")
    if proc.returncode != 0:
        sys.exit(f"the pipeline run failed:\n{proc.stderr[-3000:]}")
    # what a team publishes with a run, and what a re-run would make again: the report and the public summary
    report, report_s = eurocurate("report", str(run))
    summary, summary_s = eurocurate("summary", str(run))
    if report.returncode or summary.returncode:
        sys.exit(f"report/summary failed:\n{report.stderr[-2000:]}{summary.stderr[-2000:]}")
    full_run_s = pipeline_s + report_s + summary_s
    v1 = json.loads((run / "manifest.json").read_text())
    before = table(run, "data", ["url"], v1)["url"].to_pylist()
    dup_rejects = table(run, "rejects", ["url", "stage"], v1).to_pylist()
    similarity = similarity_to_original(planted, texts, v1["config"]["dedup"])
    threshold = v1["config"]["dedup"]["min_similarity"]
    below = {u for u, j in similarity.items() if j < threshold}  # not copies by the run's own definition
    reached = {u for u in before if u in copy_urls} | {r["url"] for r in dup_rejects
                                                         if r["stage"] == "dedup" and r["url"] in copy_urls}
    reached -= below
    requests = work / "originals.txt"
    requests.write_text("".join(f"url:{u}\n" for u in sorted(planted)))
    # the same removal on a copy without report and summary: the run a team makes without publishing those
    plain = work / "run-plain"
    shutil.rmtree(plain, ignore_errors=True)
    shutil.copytree(run, plain, ignore=shutil.ignore_patterns("report.*", "public-summary.*", "croissant.json",
                                                              "report", ".eurocurate.lock"))
    proc, remove_plain_s = eurocurate("remove", str(plain), "--from-file", str(requests), "--category", "takedown")
    if proc.returncode != 0:
        sys.exit(f"remove (no report) failed:\n{proc.stderr[-3000:]}")
    plain_urls = set(table(plain, "data", ["url"])["url"].to_pylist())
    shutil.rmtree(plain, ignore_errors=True)
    proc, remove_s = eurocurate("remove", str(run), "--from-file", str(requests), "--category", "takedown",
                                "--reason", "benchmark: syndicated originals")
    if proc.returncode != 0:
        sys.exit(f"remove failed:\n{proc.stderr[-3000:]}")
    print(proc.stdout.strip())
    after = set(table(run, "data", ["url"])["url"].to_pylist())
    gone = set(before) - after
    copies_still_published = {u for u in reached if u in after}
    recall = (len(reached) - len(copies_still_published)) / len(reached) if reached else 1.0
    others = sorted(gone - group_urls)
    below_removed = len(below & gone)
    v2 = json.loads((run / "manifest.json").read_text())
    v1_files = {(e["path"], e["sha256"]) for e in v1["shards"] + v1["rejects"]}
    rewritten = sum(1 for e in v1["shards"] + v1["rejects"] if (e["path"], e["sha256"]) not in
                    {(x["path"], x["sha256"]) for x in v2["shards"] + v2["rejects"]})
    verify, verify_s = eurocurate("verify", str(run))
    print(f"corpus: {args.docs} documents in {INPUT_FILES} JSON-lines files, {len(planted)} originals with "
          f"{len(copy_urls)} planted copies ({len(reached)} of them published or rejected as duplicates by the run)")
    print(f"full run: {full_run_s:.1f} s (pipeline {pipeline_s:.1f} s, report {report_s:.1f} s, summary "
          f"{summary_s:.1f} s), {v1['totals']['documents']} published; remove: {remove_s:.1f} s "
          f"({remove_s / full_run_s:.1%} of the full run), {len(gone)} published documents removed, "
          f"{len(copies_still_published)} planted copies still published, {len(others)} other documents removed; "
          f"verify {verify_s:.1f} s: {verify.stdout.strip()[:160]}")
    if others:
        print("removed although not planted:", ", ".join(others[:10]))
    print(f"the same removal on the run without report and summary: {remove_plain_s:.1f} s ({remove_plain_s / pipeline_s:.1%} "
          f"of the pipeline run alone); same documents left: {plain_urls == after}")
    print(f"planted copies below the run's dedup threshold ({threshold}) to their original: {len(below)} (not "
          f"counted as copies; {below_removed} of them removed anyway, through a cluster); estimated Jaccard of "
          f"the planted copies: min {min(similarity.values()):.3f}, median {sorted(similarity.values())[len(similarity) // 2]:.3f}")
    for u in sorted(copies_still_published)[:10]:
        print(f"still published: {u} (estimated Jaccard to its original {similarity[u]:.3f})")
    extra = ""
    if args.rerun:
        clean = work / "corpus-clean"
        shutil.rmtree(clean, ignore_errors=True)
        clean.mkdir()
        for path in sorted((work / "corpus").glob("*.jsonl")):
            kept = [line for line in path.read_text(encoding="utf-8").splitlines()
                    if json.loads(line)["url"] not in group_urls]
            (clean / path.name).write_text("".join(line + "\n" for line in kept), encoding="utf-8")
        write_config(work / "clean.yaml", clean, args.workers)
        shutil.rmtree(work / "rerun", ignore_errors=True)
        proc, rerun_s = eurocurate("run", str(work / "clean.yaml"), "--output", str(work / "rerun"), "--no-progress")
        rerun_urls = set(table(work / "rerun", "data", ["url"])["url"].to_pylist())
        print(f"re-run without the planted groups: {rerun_s:.1f} s, {len(rerun_urls)} published; same URLs as "
              f"version 2: {rerun_urls == after} ({len(rerun_urls ^ after)} differ)")
        extra = f" rerun_same_urls={rerun_urls == after} rerun_s={rerun_s:.1f}"
    print(f"RESULT docs={args.docs} originals={len(planted)} planted_copies={len(reached)} copy_recall={recall:.3f} "
          f"copies_below_threshold={len(below)} "
          f"others_removed={len(others)} shards_rewritten={rewritten}/{len(v1_files)} remove_s={remove_s:.2f} "
          f"full_run_s={full_run_s:.1f} pipeline_s={pipeline_s:.1f} remove_share={remove_s / full_run_s:.4f} "
          f"remove_plain_s={remove_plain_s:.2f} remove_plain_share_of_pipeline={remove_plain_s / pipeline_s:.4f} "
          f"verify={'ok' if verify.returncode == 0 else 'FAIL'}{extra}")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
