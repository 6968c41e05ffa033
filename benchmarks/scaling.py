"""Scaling model inputs: per-stage CPU-seconds and memory per document, and whole runs at 1 worker, 2 workers and
3 nodes, with a projection to one Common Crawl snapshot (docs/scaling.md).

    python benchmarks/scaling.py                         # 1,500 generated pages (make_web_corpus.py), 2 runs each
    python benchmarks/scaling.py --generate 2000 --runs 3 --configs 1w,2w,3n
    python benchmarks/scaling.py --data DIR_OR_GLOB      # given WARC files (e.g. ../shared/eval/warc)

1. Profile (one subprocess, no Ray): the per-document chain is built as the file task builds it
   (pipeline/registry.py build_chain on the run's config) and every input file is streamed through it in
   `resources.batch_docs` batches with core/stage.py run_stages, as pipeline/file_task.py does; each stage's
   `process` (and the reader's iterator) is wrapped in time.process_time, so the figure is CPU seconds of that
   call alone. Reported per stage: calls, CPU s per call and per input document, split into generated pages (hosts
   `*.example`) and real crawled pages (the eval set's WARC responses and extraction pages mixed into the corpus).
   Memory: PSS of the process after the imports, after the chain is built (models loaded) and at its peak.
2. Whole runs (each its own subprocess running pipeline/runner.py run_pipeline, PII on, dedup on): 1 node 1
   worker (embedded Ray, num_cpus=1), 1 node 2 workers (embedded, num_cpus=2), 3 nodes (a head and two worker
   nodes, `ray start --block --num-cpus=1` each on 127.0.0.1, started one at a time as
   tests/pipeline/test_node_loss.py does, run with --ray-address). runner.run_tasks and dedup/stage.py's
   run_tasks are wrapped (timing only, the pipeline is unchanged) so that a sampler thread in the driver knows
   the phase: every 0.3 s it reads /proc for the process tree of the driver (embedded Ray: its GCS, raylet and
   workers) and, on the cluster, of the three `ray start` processes: CPU s (utime+stime of live processes plus
   cutime+cstime of what they reaped) split by role (driver, Ray workers, Ray daemons), PSS (peak of the tree,
   peak of any one worker) and the bytes under the run's work/ folder (peak: intermediate storage). CPU is
   charged to the phase in which it was seen to grow; the sampler's own CPU (thread_time) is taken off the
   driver's. Phases: startup (ray.init or connecting), documents, dedup (its steps apart), write, rejects,
   driver (planning, manifest and everything between tasks).
   Output bytes: data/ and rejects/ after the run.
3. The model, checked: from the 1-worker run, wall time at W workers = start-up + driver time + per phase its
   serial part (wall minus the task CPU in it) + its task CPU over min(W, cores, tasks) (documents: each worker's
   start once, then ceil(files / lanes) waves), parallel efficiency 1; CPU at W workers and N nodes = the 1-worker
   run's worker and driver CPU + a worker start per extra worker + the Ray daemons' CPU once per node. Both are
   printed beside the medians measured at 2 workers and 3 nodes.
4. Dedup alone at --dedup-sizes (benchmarks/dedup.py's eurocurate child on its planted corpus, 1 worker): CPU of
   the process tree and peak PSS; the slope between the sizes is dedup's marginal CPU per document.
5. The projection to one Common Crawl snapshot (constants CC_* below; docs/scaling.md gives the reasons): per
   stage, CPU per call on the real pages x the share of pages reaching it x 3e9; the reading stages scaled by
   HTML size (CC's WARC bytes per page x its gzip ratio over the real pages' HTML), what follows the chain by kept
   text size; core-hours, 64-core nodes for 24 h at efficiency 0.8, memory per node (64 x the largest worker
   PSS + the idle daemons), work/ and output storage.

The machine is shared and has 2 cores: the three "nodes" share them, so 3 nodes can show the distributed
mechanics and per-node overhead but not a 3x speed-up. CPU seconds are the robust figures; wall times are medians.
Ends with one line: RESULT docs=.. docs_per_s_1w=.. docs_per_s_2w=.. docs_per_s_3n=.. cpu_ms_per_doc=..
documents_cpu_ms_per_doc=.. dedup_cpu_ms_per_doc=.. output_cpu_ms_per_doc=.. peak_mb_1w=.. peak_mb_3n=..
worker_peak_mb=.. work_kb_per_doc=.. output_kb_per_doc=.. pred_err_2w=.. pred_err_3n=.. cpu_pred_err_2w=..
cpu_pred_err_3n=.. cc_core_hours=.. cc_nodes_24h=.. load=..
--replay FILE prints the tables again from a --json file (measuring dedup at --dedup-sizes if the file lacks it).
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

RAY = str(Path(sys.executable).with_name("ray"))
CLUSTER_ENV = {"RAY_AUTH_MODE": "token", "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "1"}  # as test_node_loss.py
CONFIGS = {"1w": ("1 node, 1 worker", None, 1), "2w": ("1 node, 2 workers", None, 2),
           "3n": ("3 nodes, 1 CPU each", "cluster", 3)}
TICKS = os.sysconf("SC_CLK_TCK")
CORES = os.cpu_count() or 1


def load() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


# ---------------------------------------------------------------------------------------------- /proc helpers
from benchmarks.dedup import _process_tree, _pss_mb as pss_mb  # noqa: E402 - its /proc readers


def process_tree(roots: list[int]) -> list[int]:
    return _process_tree(*roots)


def cpu_s(pid: int) -> float:
    """utime + stime of the process and cutime + cstime of the children it reaped (a worker that exited)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return sum(int(fields[i]) for i in (11, 12, 13, 14)) / TICKS
    except (OSError, IndexError, ValueError):
        return 0.0


def role(pid: int, driver: int) -> str:
    if pid == driver:
        return "driver"
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "daemon"
    return "worker" if cmdline.startswith(b"ray::") or b"default_worker.py" in cmdline else "daemon"


def folder_bytes(path: Path) -> int:
    total, todo = 0, [str(path)]
    while todo:
        try:
            with os.scandir(todo.pop()) as entries:
                for entry in entries:
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            todo.append(entry.path)
                        else:
                            total += entry.stat(follow_symlinks=False).st_size
                    except OSError:
                        continue
        except OSError:
            continue
    return total


# ---------------------------------------------------------------------------------------------- input
def count_responses(paths: list[Path]) -> tuple[int, int]:
    """Response records and their payload bytes."""
    from warcio.archiveiterator import ArchiveIterator

    records = payload = 0
    for path in paths:
        with open(path, "rb") as handle:
            for record in ArchiveIterator(handle):
                if record.rec_type == "response":
                    records += 1
                    payload += len(record.content_stream().read())
    return records, payload


def input_files(data: str) -> list[Path]:
    import glob

    path = Path(data)
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and (".warc" in p.name or p.name.endswith(".arc.gz")))
    if path.is_file():
        return [path]
    return sorted(Path(p) for p in glob.glob(data))


def run_config(input_dir: Path):
    from eurocurate.pipeline.config import RunConfig

    return RunConfig.model_validate({
        "name": "scaling-benchmark",
        "inputs": [{"kind": "warc", "paths": [str(input_dir / "*")]}],
        "pii": {"enabled": True},
        "dedup": {"enabled": True},
    })


# ---------------------------------------------------------------------------------------------- child: profile
class _Timed:
    """A stage whose `process` calls are timed in CPU seconds, by origin of the document."""

    def __init__(self, stage, totals: dict):
        self.stage, self.name, self.totals = stage, stage.name, totals

    def process(self, doc: dict):
        started = time.process_time()
        try:
            return self.stage.process(doc)
        finally:
            entry = self.totals[(self.name, doc.get("_origin", "generated"))]
            entry[0] += 1
            entry[1] += time.process_time() - started


def _origin(doc: dict) -> str:
    from urllib.parse import urlsplit

    host = urlsplit(doc.get("url") or "").hostname or ""
    return "generated" if host.endswith(".example") else "real"


def child_profile(input_dir: Path, passes: int = 1) -> dict:
    from eurocurate.pipeline.registry import build_chain
    from eurocurate.pipeline.sources import InputFile, iter_documents
    from eurocurate.pipeline.sources.warc import ReadReport

    from eurocurate.core.stage import StageStats, run_stages

    peak = [0.0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], pss_mb(os.getpid()))
            stop.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    cfg = run_config(input_dir)
    after_imports = pss_mb(os.getpid())
    started = time.process_time()
    chain = build_chain(cfg)
    build_cpu = time.process_time() - started
    cold_cpu = time.process_time()  # the whole process so far: interpreter, imports, models (a worker's first task)
    after_build = pss_mb(os.getpid())
    totals: dict[tuple[str, str], list] = defaultdict(lambda: [0, 0.0])
    timed = [_Timed(stage, totals) for stage in chain]
    stats = {stage.name: StageStats() for stage in chain}
    docs_by_origin: dict[str, int] = defaultdict(int)
    html_by_origin: dict[str, int] = defaultdict(int)
    kept_by_origin: dict[str, int] = defaultdict(int)
    text_by_origin: dict[str, int] = defaultdict(int)  # UTF-8 bytes of the kept documents' text
    for number in range(passes):
        if number == passes - 1 and passes > 1:  # earlier passes only warm up (lazy tables, first-use caches)
            for counter in (totals, docs_by_origin, html_by_origin, kept_by_origin, text_by_origin):
                counter.clear()
            stats = {stage.name: StageStats() for stage in chain}
        for path in sorted(input_dir.iterdir()):
            report = ReadReport()
            docs = iter_documents(InputFile("warc", str(path)), report, cfg)
            while True:
                begun = time.process_time()
                batch = list(itertools.islice(docs, cfg.resources.batch_docs))
                read_cpu = time.process_time() - begun
                if not batch:
                    break
                for doc in batch:
                    doc["_origin"] = _origin(doc)
                    docs_by_origin[doc["_origin"]] += 1
                    html_by_origin[doc["_origin"]] += len(doc.get("html") or b"")
                share = read_cpu / len(batch)  # the reader's CPU, shared evenly over the batch it yielded
                for doc in batch:
                    entry = totals[("reader", doc["_origin"])]
                    entry[0] += 1
                    entry[1] += share
                kept, _ = run_stages(batch, timed, stats)
                for doc in kept:
                    kept_by_origin[doc["_origin"]] += 1
                    text_by_origin[doc["_origin"]] += len((doc.get("text") or "").encode("utf-8"))
    stop.set()
    sampler.join()
    stages: dict[str, dict] = {}
    for (name, origin), (calls, seconds) in totals.items():
        stages.setdefault(name, {})[origin] = {"calls": calls, "cpu_s": seconds}
    return {"passes": passes, "docs": dict(docs_by_origin), "html_bytes": dict(html_by_origin),
            "kept": dict(kept_by_origin),
            "text_bytes": dict(text_by_origin), "stages": stages,
            "order": ["reader", *[stage.name for stage in chain]],
            "counts": {name: s.to_dict() for name, s in stats.items()}, "build_cpu_s": build_cpu, "cold_cpu_s": cold_cpu,
            "pss_after_imports_mb": after_imports, "pss_after_build_mb": after_build, "pss_peak_mb": peak[0]}


# ---------------------------------------------------------------------------------------------- child: a whole run
class Sampler:
    """Samples the process trees under `roots` (the driver first): CPU by phase and role, PSS, work/ bytes."""

    def __init__(self, roots: list[int], work: Path, interval: float = 0.3):
        self.roots, self.work, self.interval = roots, work, interval
        self.phase = "startup"
        self.lock = threading.Lock()
        self.last: dict[int, float] = {}
        self.roles: dict[int, str] = {}
        self.cpu = defaultdict(lambda: defaultdict(float))  # phase -> role -> seconds
        self.wall = defaultdict(float)
        self.phase_started = time.perf_counter()
        self.peak_mb = 0.0
        self.peak_by_phase = defaultdict(float)
        self.worker_peak_mb = 0.0
        self.worker_peak_by_phase = defaultdict(float)
        self.idle_mb = 0.0
        self.work_peak = 0
        self.stop_event = threading.Event()
        self.own_cpu = 0.0
        self._snapshot(count=False)
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def _snapshot(self, count: bool = True) -> list[int]:
        tree = process_tree(self.roots)
        for pid in tree:
            if pid not in self.roles:
                self.roles[pid] = role(pid, self.roots[0])
            now = cpu_s(pid)
            before = self.last.get(pid)
            if before is None:
                # a process first seen: its CPU so far counts to this phase, except what was there at the start
                before = 0.0 if count else now
            if count and now > before:
                self.cpu[self.phase][self.roles[pid]] += now - before
            self.last[pid] = max(now, before)
        return tree

    def set_phase(self, phase: str) -> None:
        with self.lock:
            self._snapshot()
            now = time.perf_counter()
            self.wall[self.phase] += now - self.phase_started
            self.phase, self.phase_started = phase, now

    def _loop(self) -> None:
        while not self.stop_event.wait(self.interval):
            with self.lock:
                tree = self._snapshot()
                phase = self.phase
            sizes = {pid: pss_mb(pid) for pid in tree}
            total = sum(sizes.values())
            workers = [mb for pid, mb in sizes.items() if self.roles.get(pid) == "worker"]
            self.peak_mb = max(self.peak_mb, total)
            self.peak_by_phase[phase] = max(self.peak_by_phase[phase], total)
            if workers:
                self.worker_peak_mb = max(self.worker_peak_mb, max(workers))
                self.worker_peak_by_phase[phase] = max(self.worker_peak_by_phase[phase], max(workers))
            self.work_peak = max(self.work_peak, folder_bytes(self.work))
            self.own_cpu = time.thread_time()

    def measure_idle(self) -> None:
        """PSS of the trees now (after Ray is up, before the first task): the idle footprint."""
        with self.lock:
            tree = self._snapshot()
        self.idle_mb = sum(pss_mb(pid) for pid in tree)

    def close(self) -> dict:
        self.set_phase("end")
        self.stop_event.set()
        self.thread.join()
        cpu = {phase: dict(roles) for phase, roles in self.cpu.items()}
        # the sampler's own CPU is the driver's: taken off the phases in proportion to their wall time
        wall_total = sum(self.wall.values()) or 1.0
        for phase, seconds in self.wall.items():
            if "driver" in cpu.get(phase, {}):
                cpu[phase]["driver"] = max(0.0, cpu[phase]["driver"] - self.own_cpu * seconds / wall_total)
        return {"cpu": cpu, "wall": dict(self.wall), "peak_mb": self.peak_mb, "peak_by_phase": dict(self.peak_by_phase),
                "worker_peak_mb": self.worker_peak_mb, "worker_peak_by_phase": dict(self.worker_peak_by_phase),
                "idle_mb": self.idle_mb, "work_peak_bytes": self.work_peak, "sampler_cpu_s": self.own_cpu,
                "workers_seen": sum(1 for r in self.roles.values() if r == "worker")}


def child_run(input_dir: Path, out: Path, workers: int, address: str | None, roots: list[int]) -> dict:
    import eurocurate.dedup.stage as dedup_stage
    from eurocurate.pipeline import runner
    from eurocurate.pipeline.ray_runtime import start_ray, stop_ray

    cfg = run_config(input_dir)
    sampler = Sampler([os.getpid(), *roots], out / "work")
    run_tasks_runner, run_tasks_dedup, run_dedup = runner.run_tasks, dedup_stage.run_tasks, runner.run_dedup
    dedup_outcome: dict = {}

    def phase_of(name: str, inner):
        def wrapped(label, *args, **kwargs):
            sampler.set_phase(name.format(label=label))
            try:
                return inner(label, *args, **kwargs)
            finally:
                sampler.set_phase("driver")
        return wrapped

    def timed_dedup(*args, **kwargs):
        outcome = run_dedup(*args, **kwargs)
        dedup_outcome.update(outcome.to_dict())
        return outcome

    runner.run_tasks = phase_of("{label}", run_tasks_runner)
    dedup_stage.run_tasks = phase_of("dedup:{label}", run_tasks_dedup)
    runner.run_dedup = timed_dedup
    started = time.perf_counter()
    resources = start_ray(address, workers if address is None else None)
    ready = time.perf_counter()
    sampler.set_phase("driver")
    sampler.measure_idle()
    runner.run_pipeline(cfg, input_dir, out, address=address, workers=workers, show_progress=False)
    finished = time.perf_counter()
    measured = sampler.close()
    stop_ray()
    manifest = json.loads((out / "manifest.json").read_text())
    stats = json.loads((out / "stats.json").read_text())
    return {"elapsed": finished - started, "startup": ready - started, "resources": resources,
            "stats": stats, "dedup": dedup_outcome, "measured": measured,
            "tasks_by_node": manifest["execution"].get("tasks_by_node", {}),
            "nodes": len(manifest["execution"].get("nodes", [])),
            "data_bytes": folder_bytes(out / "data"), "rejects_bytes": folder_bytes(out / "rejects"),
            "work_after_bytes": folder_bytes(out / "work"),
            "work_docs_bytes": folder_bytes(out / "work" / "docs"),
            "work_rejects_bytes": folder_bytes(out / "work" / "rejects"),
            "index_bytes": folder_bytes(out / "work" / "dedup" / "index")}


# ---------------------------------------------------------------------------------------------- cluster
def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LoopbackCluster:
    """A head and worker nodes, `ray start --block --num-cpus=1` each in its own session (as
    tests/pipeline/test_node_loss.py); stop() sends SIGTERM (ray start --block stops what it started), then
    SIGKILL to the process group of any that do not end."""

    def __init__(self, workers: int):
        self.env = {**os.environ, **CLUSTER_ENV}
        self.env.pop("RAY_ADDRESS", None)
        self.address = f"127.0.0.1:{_free_port()}"
        self.processes: list[subprocess.Popen] = []
        started = time.perf_counter()
        try:
            self.processes.append(self._start(["--head", f"--port={self.address.split(':')[1]}",
                                               "--include-dashboard=false"]))
            self._wait_for(1)
            for _ in range(workers):  # one at a time: two starting together on two cores can time out
                for attempt in range(3):
                    node = self._start([f"--address={self.address}"])
                    deadline = time.monotonic() + 120
                    while node.poll() is None and self.alive_nodes() < len(self.processes) + 1:
                        if time.monotonic() > deadline:
                            break
                        time.sleep(1)
                    if node.poll() is None and self.alive_nodes() >= len(self.processes) + 1:
                        self.processes.append(node)
                        break
                    self._kill(node)
                else:
                    raise RuntimeError("a worker node did not join")
        except BaseException:
            self.stop()
            raise
        self.startup_s = time.perf_counter() - started

    def _start(self, args: list[str]) -> subprocess.Popen:
        return subprocess.Popen([RAY, "start", "--block", "--node-ip-address=127.0.0.1", "--num-cpus=1",
                                 "--disable-usage-stats", *args], env=self.env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)

    def alive_nodes(self) -> int:
        try:
            status = subprocess.run([RAY, "status", f"--address={self.address}"], env=self.env, check=False,
                                    capture_output=True, text=True, timeout=60)
        except subprocess.TimeoutExpired:
            return 0
        active = status.stdout.split("Active:", 1)[-1].split("Pending:", 1)[0]
        return sum(1 for line in active.splitlines() if "node_" in line) if status.returncode == 0 else 0

    def _wait_for(self, nodes: int) -> None:
        deadline = time.monotonic() + 180
        while self.alive_nodes() != nodes:
            if time.monotonic() > deadline:
                raise RuntimeError(f"the cluster did not reach {nodes} live nodes")
            time.sleep(1)

    @staticmethod
    def _kill(process: subprocess.Popen) -> None:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=30)

    def pids(self) -> list[int]:
        return [p.pid for p in self.processes]

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                pass
            self._kill(process)  # whatever the group still holds (a worker that outlived its raylet)


# ---------------------------------------------------------------------------------------------- driver
def run_child(args: list[str], env: dict | None = None, attempts: int = 2, timeout: int = 1800) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), *args]
    for attempt in range(1, attempts + 1):
        proc = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False)
        reports = [line[6:] for line in proc.stdout.splitlines() if line.startswith("CHILD ")]
        if proc.returncode == 0 and reports:
            return json.loads(reports[-1])
        tail = (proc.stderr.strip().splitlines() or ["(no output)"])[-1][:300]
        if attempt == attempts:
            raise RuntimeError(f"child {args[:2]} failed {attempts} times; last error: {tail}")
        print(f"  (child failed, retrying: {tail})", flush=True)
    raise AssertionError("unreachable")


def phase_group(phase: str) -> str | None:
    if phase.startswith("dedup:"):
        return "dedup"
    if phase in ("write", "rejects"):
        return "output"
    return {"documents": "documents", "startup": "startup", "driver": "driver"}.get(phase)


def summarise(report: dict) -> dict:
    """Wall and CPU per phase group (startup, documents, dedup, output, driver) and role."""
    measured = report["measured"]
    wall, cpu, task_cpu, by_role = defaultdict(float), defaultdict(float), defaultdict(float), defaultdict(float)
    for phase, seconds in measured["wall"].items():
        if group := phase_group(phase):
            wall[group] += seconds
    for phase, roles in measured["cpu"].items():
        if group := phase_group(phase):
            cpu[group] += sum(roles.values())
            task_cpu[group] += roles.get("worker", 0.0)
            for name, seconds in roles.items():
                by_role[name] += seconds
    return {"wall": dict(wall), "cpu": dict(cpu), "task_cpu": dict(task_cpu), "by_role": dict(by_role),
            "cpu_total": sum(cpu.values()), "elapsed": report["elapsed"]}


def med(values) -> float:
    values = list(values)
    return statistics.median(values) if values else 0.0


def predict(one: dict, workers: int, startup: float, tasks: dict[str, int], cold: float = 0.0,
            efficiency: float = 1.0) -> float:
    """Wall time at `workers` from the 1-worker run: start-up, the driver's own time, and per phase its serial part
    (wall time minus the task CPU that ran in it) plus its task CPU spread over lanes = min(workers, cores, tasks)
    at `efficiency`. Documents: every worker first pays `cold` (interpreter, imports, models: the profile's
    figure) at the same time, then the files go round in ceil(files / lanes) waves of equal files."""
    total = startup + one["wall"].get("driver", 0.0)
    for group in ("documents", "dedup", "output"):
        wall, work = one["wall"].get(group, 0.0), one["task_cpu"].get(group, 0.0)
        serial = max(0.0, wall - work)
        lanes = max(1, min(workers, CORES, tasks.get(group, workers)))
        if group == "documents":
            files = tasks[group]
            spread = min(cold, work) + max(0.0, work - cold) * -(-files // lanes) / files
        else:
            spread = work / lanes
        total += serial + spread / efficiency
    return total


def print_profile(profile: dict) -> dict:
    docs = profile["docs"]
    all_docs = sum(docs.values())
    print(f"\nprofile (in-process chain, CPU s by time.process_time, pass {profile.get('passes', 1)} of "
          f"{profile.get('passes', 1)}; {all_docs} documents: "
          f"{docs.get('generated', 0)} generated, {docs.get('real', 0)} real; mean HTML "
          + ", ".join(f"{o} {profile['html_bytes'].get(o, 0) / max(1, docs.get(o, 0)) / 1024:.1f} KB"
                      for o in ("generated", "real")) + ")")
    print(f"{'stage':<10}{'calls':>7}{'ms/call':>9}{'ms/input doc':>14}{'gen ms/call':>13}{'real ms/call':>14}")
    per_doc = {}
    for name in profile["order"]:
        entry = profile["stages"].get(name, {})
        calls = sum(e["calls"] for e in entry.values())
        seconds = sum(e["cpu_s"] for e in entry.values())
        per_doc[name] = seconds / all_docs * 1000
        cols = []
        for origin in ("generated", "real"):
            e = entry.get(origin)
            cols.append(f"{e['cpu_s'] / e['calls'] * 1000:.2f}" if e and e["calls"] else "-")
        print(f"{name:<10}{calls:>7}{seconds / max(1, calls) * 1000:>9.2f}{per_doc[name]:>14.2f}"
              f"{cols[0]:>13}{cols[1]:>14}")
    total = {o: sum(e.get(o, {}).get("cpu_s", 0.0) for e in profile["stages"].values()) / max(1, docs.get(o, 0))
             * 1000 for o in ("generated", "real")}
    print(f"{'chain':<10}{'':>7}{'':>9}{sum(per_doc.values()):>14.2f}{total['generated']:>13.2f}"
          f"{total['real']:>14.2f}   (per input doc of that origin)")
    if "text_bytes" in profile:
        print("kept by the chain: " + ", ".join(
            f"{o} {profile['kept'].get(o, 0)} of {docs.get(o, 0)}, mean text "
            f"{profile['text_bytes'].get(o, 0) / max(1, profile['kept'].get(o, 0)) / 1024:.1f} KB"
            for o in ("generated", "real")))
    print(f"chain build (models): {profile['build_cpu_s']:.1f} CPU s, {profile['cold_cpu_s']:.1f} CPU s with the "
          f"interpreter and imports (once per worker); PSS after imports "
          f"{profile['pss_after_imports_mb']:.0f} MB, after build {profile['pss_after_build_mb']:.0f} MB, "
          f"peak {profile['pss_peak_mb']:.0f} MB")
    return {"per_doc_ms": per_doc, "chain_ms": sum(per_doc.values()), "real_ms": total["real"],
            "generated_ms": total["generated"], "cold_cpu_s": profile["cold_cpu_s"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", help="WARC files (folder or glob) instead of a generated corpus")
    parser.add_argument("--generate", type=int, default=1500, metavar="N",
                        help="pages made by benchmarks/make_web_corpus.py from ../shared/eval (default 1500)")
    parser.add_argument("--files", type=int, default=12, help="WARC files of the generated corpus (tasks)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=2, help="runs per configuration; wall times are medians")
    parser.add_argument("--configs", default="1w,2w,3n", help="of 1w, 2w, 3n")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--profile-passes", type=int, default=1,
                        help="passes of the profile over the input; all but the last only warm up (use 2 or 3 on a "
                        "small input such as the eval set's 38 crawled pages, where first-use costs would dominate)")
    parser.add_argument("--dedup-sizes", default="25000,100000",
                        help="dedup alone at these sizes (benchmarks/dedup.py's corpus) for its marginal CPU per "
                        "document; empty to skip")
    parser.add_argument("--json", help="write every measurement to this file")
    parser.add_argument("--replay", help="print the tables again from a --json file (no runs)")
    parser.add_argument("--child", choices=("profile", "run"), help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--address", help=argparse.SUPPRESS)
    parser.add_argument("--roots", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child == "profile":
        print("CHILD " + json.dumps(child_profile(Path(args.input), args.profile_passes)), flush=True)
        return
    if args.child == "run":
        roots = [int(p) for p in args.roots.split(",") if p]
        report = child_run(Path(args.input), Path(args.out), args.workers, args.address, roots)
        print("CHILD " + json.dumps(report), flush=True)
        return

    if args.replay:
        everything = json.loads(Path(args.replay).read_text())
        sizes = [int(n) for n in args.dedup_sizes.split(",") if n]
        if sizes and "dedup_sizes" not in everything:  # measured now and kept in the file
            everything["dedup_sizes"] = measure_dedup_at(sizes, args.seed)
            Path(args.replay).write_text(json.dumps(everything, indent=1))
        profiled = print_profile(everything["profile"]) if "profile" in everything else None
        configs = [c for c in CONFIGS if everything["runs"].get(c)]
        medians, errors = print_runs(everything, configs, profiled)
        projected = projection(everything, medians, profiled, everything.get("dedup_sizes", []))
        print(result_line(everything, configs, medians, errors, profiled, projected))
        return
    configs = [c for c in args.configs.split(",") if c]
    unknown = set(configs) - set(CONFIGS)
    if unknown or "1w" not in configs:
        raise SystemExit(f"--configs takes 1w, 2w, 3n and needs 1w (the model's base); got {args.configs}")
    scratch = Path(tempfile.mkdtemp(prefix="eurocurate-scaling-bench-"))
    cluster: LoopbackCluster | None = None
    try:
        input_dir = scratch / "input"
        if args.data:
            paths = input_files(args.data)
            if not paths:
                raise SystemExit(f"no WARC files at {args.data}")
            input_dir.mkdir()
            for number, path in enumerate(paths):
                (input_dir / f"{number:04d}-{path.name}").symlink_to(path.resolve())
            print(f"input: {len(paths)} WARC file(s) from {args.data}")
        else:
            from benchmarks.make_web_corpus import DEFAULT_EVAL, make_corpus

            if not (DEFAULT_EVAL / "langid" / "sentences.jsonl").is_file():
                raise SystemExit(f"the generated corpus needs the evaluation set at {DEFAULT_EVAL}; use --data")
            made = make_corpus(input_dir, docs=args.generate, files=args.files, seed=args.seed)
            print(f"input: {made['responses']:,} generated pages in {len(made['files'])} WARC files "
                  f"({made['html_mb']} MB of HTML, seed {args.seed}): {json.dumps(made['planted'])}")
        responses, payload = count_responses(sorted(input_dir.iterdir()))
        warc_bytes = sum(p.stat().st_size for p in input_dir.iterdir())
        files = len(list(input_dir.iterdir()))
        print(f"{responses} response records, {payload / responses / 1024:.1f} KB payload and "
              f"{warc_bytes / responses / 1024:.1f} KB of gzipped WARC each; {CORES} cores; load {load()}")
        everything: dict = {"responses": responses, "payload_bytes": payload, "warc_bytes": warc_bytes,
                            "files": files, "cores": CORES, "runs": defaultdict(list)}

        profiled = None
        if not args.no_profile:
            started_load = load()
            profile = run_child(["--child", "profile", "--input", str(input_dir),
                                 "--profile-passes", str(args.profile_passes)])
            everything["profile"] = profile | {"load": started_load}
            profiled = print_profile(profile)
            print(f"(load {started_load} at start, {load()} at end)")

        env = {**os.environ}
        for attempt in range(args.runs):
            shift = attempt % len(configs)
            for name in configs[shift:] + configs[:shift]:
                label, kind, workers = CONFIGS[name]
                child_env, roots, address = env, "", None
                if kind == "cluster":
                    if cluster is None:
                        cluster = LoopbackCluster(workers - 1)
                        print(f"  cluster of {workers} nodes up in {cluster.startup_s:.1f} s at {cluster.address}",
                              flush=True)
                        everything.setdefault("cluster_startup_s", []).append(cluster.startup_s)
                    child_env = {**cluster.env}
                    roots, address = ",".join(map(str, cluster.pids())), cluster.address
                out = scratch / "runs" / f"{name}-{attempt}"
                before = load()
                command = ["--child", "run", "--input", str(input_dir), "--out", str(out),
                           "--workers", str(workers), "--roots", roots]
                if address:
                    command += ["--address", address]
                report = run_child(command, env=child_env)
                report["load_before"], report["load_after"] = before, load()
                report["summary"] = summarise(report)
                everything["runs"][name].append(report)
                s = report["summary"]
                print(f"  run {attempt + 1} {label:<20} {responses / report['elapsed']:>6.1f} docs/s "
                      f"{report['elapsed']:>6.1f} s (start-up {report['startup']:.1f} s) "
                      f"{s['cpu_total']:.0f} CPU s, peak {report['measured']['peak_mb']:.0f} MB, "
                      f"load {before}->{report['load_after']}", flush=True)
                shutil.rmtree(out, ignore_errors=True)
            if cluster is not None and attempt == args.runs - 1:
                cluster.stop()
                cluster = None
        sizes = [int(n) for n in args.dedup_sizes.split(",") if n]
        if sizes:
            everything["dedup_sizes"] = measure_dedup_at(sizes, args.seed)
        if args.json:
            Path(args.json).write_text(json.dumps(everything, indent=1, default=dict))
        medians, errors = print_runs(everything, configs, profiled)
        projected = projection(everything, medians, profiled, everything.get("dedup_sizes", []))
        print(result_line(everything, configs, medians, errors, profiled, projected))
    finally:
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(scratch, ignore_errors=True)


def print_runs(everything: dict, configs: list[str], profiled: dict | None) -> None:
    responses, runs = everything["responses"], everything["runs"]
    groups = ("startup", "documents", "dedup", "output", "driver")
    medians: dict[str, dict] = {}
    print(f"\nwhole runs ({responses} input documents; medians of {len(runs['1w'])} runs; CPU s of the process "
          "tree(s) by phase: driver + Ray daemons + workers)")
    print(f"{'config':<22}{'docs/s':>7}{'wall s':>8}" + "".join(f"{g + ' s':>12}" for g in groups)
          + f"{'CPU ms/doc':>11}{'peak MB':>9}{'idle MB':>8}{'worker MB':>10}{'work KB/doc':>12}{'out KB/doc':>11}")
    for name in configs:
        reports = runs[name]
        summaries = [summarise(r) for r in reports]
        m = {
            "elapsed": med(r["elapsed"] for r in reports), "startup": med(r["startup"] for r in reports),
            "wall": {g: med(s["wall"].get(g, 0.0) for s in summaries) for g in groups},
            "cpu": {g: med(s["cpu"].get(g, 0.0) for s in summaries) for g in groups},
            "task_cpu": {g: med(s["task_cpu"].get(g, 0.0) for s in summaries) for g in groups},
            "cpu_total": med(s["cpu_total"] for s in summaries),
            "by_role": {r: med(s["by_role"].get(r, 0.0) for s in summaries) for r in ("driver", "daemon", "worker")},
            "peak_mb": med(r["measured"]["peak_mb"] for r in reports),
            "idle_mb": med(r["measured"]["idle_mb"] for r in reports),
            "worker_mb": med(r["measured"]["worker_peak_mb"] for r in reports),
            "worker_mb_by_phase": {g: med(r["measured"]["worker_peak_by_phase"].get(p, 0.0) for r in reports)
                                   for g, p in (("documents", "documents"), ("write", "write"))},
            "work_bytes": med(r["measured"]["work_peak_bytes"] for r in reports),
            "out_bytes": med(r["data_bytes"] + r["rejects_bytes"] for r in reports),
            "data_bytes": med(r["data_bytes"] for r in reports),
            "kept": reports[0]["stats"].get("dedup", {}).get("kept", 0),
            "loads": [f"{r['load_before']}->{r['load_after']}" for r in reports],
            "dedup_seconds": reports[0]["dedup"].get("seconds", {}),
            "partitions": reports[0]["dedup"].get("partitions", 0),
            "tasks_by_node": reports[0]["tasks_by_node"],
        }
        medians[name] = m
        print(f"{CONFIGS[name][0]:<22}{responses / m['elapsed']:>7.1f}{m['elapsed']:>8.1f}"
              + "".join(f"{m['wall'][g]:>5.1f} / {m['cpu'][g]:>4.0f}" for g in groups)
              + f"{m['cpu_total'] / responses * 1000:>11.1f}{m['peak_mb']:>9.0f}{m['idle_mb']:>8.0f}"
              f"{m['worker_mb']:>10.0f}{m['work_bytes'] / responses / 1024:>12.1f}"
              f"{m['out_bytes'] / responses / 1024:>11.1f}")
    print("(phase cells: wall s / CPU s)")
    for name in configs:
        m = medians[name]
        per_doc = {g: m["cpu"][g] / responses * 1000 for g in groups}
        print(f"  {name}: CPU ms per input doc " + ", ".join(f"{g} {v:.1f}" for g, v in per_doc.items())
              + f"; task CPU s documents {m['task_cpu']['documents']:.1f}, dedup {m['task_cpu']['dedup']:.1f}, "
              f"output {m['task_cpu']['output']:.1f}; worker peak MB documents "
              f"{m['worker_mb_by_phase']['documents']:.0f}, write {m['worker_mb_by_phase']['write']:.0f}; "
              f"kept {m['kept']}; dedup partitions {m['partitions']}; loads {' '.join(m['loads'])}")
        print(f"      dedup step seconds {json.dumps(m['dedup_seconds'])}; tasks by node "
              f"{json.dumps({k: len(v) for k, v in m['tasks_by_node'].items()})}")

    one = medians["1w"]
    languages = sum(runs["1w"][0]["tasks_by_node"].get("write", {}).values()) or 1
    tasks = {"documents": everything["files"], "dedup": 10**6, "output": languages}  # dedup: >= workers partitions
    if profiled:
        outside = one["task_cpu"]["documents"] - profiled["chain_ms"] * responses / 1000
        print(f"  1w documents-phase task CPU outside the chain's stage calls: {outside:.1f} s "
              f"({outside / responses * 1000:.1f} ms/doc; the worker's start, about {profiled['cold_cpu_s']:.1f} s "
              "of it, then Parquet writes and hashing)")
    print(f"\npredicted vs measured wall time (from the 1-worker run: serial part + task CPU / "
          f"min(workers, {CORES} cores, tasks), parallel efficiency 1; tasks: {json.dumps(tasks)})")
    print(f"{'config':<22}{'predicted s':>12}{'measured s':>11}{'error':>8}{'parallel eff.':>14}"
          f"{'pred. CPU s':>12}{'meas. CPU s':>12}{'error':>8}")
    cold = profiled["cold_cpu_s"] if profiled else 0.0
    errors, cpu_errors = {}, {}
    for name in configs:
        workers = CONFIGS[name][2]
        m = medians[name]
        predicted = predict({"wall": one["wall"], "task_cpu": one["task_cpu"]}, workers, m["startup"], tasks,
                            cold=profiled["cold_cpu_s"] if profiled else 0.0)
        errors[name] = predicted / m["elapsed"] - 1
        # efficiency: ideal parallel time of the 1-worker task CPU over the time measured for the same work
        ideal = sum(one["task_cpu"][g] / max(1, min(workers, CORES, tasks[g])) for g in tasks)
        spent = sum(m["wall"][g] for g in tasks) - sum(max(0.0, one["wall"][g] - one["task_cpu"][g]) for g in tasks)
        # 'parallel eff.': the 1-worker task CPU over ideal lanes, against the time the tasks took here
        # CPU: the 1-worker run's work, plus a worker start (interpreter, imports, models) per extra worker and
        # the Ray daemons once per node (a node's raylet and agents cost about what the one node's did)
        nodes = workers if CONFIGS[name][1] == "cluster" else 1
        cpu_pred = (one["by_role"]["worker"] + (workers - 1) * cold + one["by_role"]["driver"]
                    + nodes * one["by_role"]["daemon"])
        cpu_meas = m["by_role"]["worker"] + m["by_role"]["driver"] + m["by_role"]["daemon"]
        cpu_errors[name] = cpu_pred / cpu_meas - 1 if cpu_meas else 0.0
        print(f"{CONFIGS[name][0]:<22}{predicted:>12.1f}{m['elapsed']:>11.1f}{errors[name]:>+8.1%}"
              f"{ideal / spent if spent > 0 else 0:>14.2f}{cpu_pred:>12.1f}{cpu_meas:>12.1f}{cpu_errors[name]:>+8.1%}")
    for name in configs:
        m = medians[name]
        print(f"  {name}: CPU s by role (medians) " + ", ".join(f"{r} {m['by_role'][r]:.1f}"
                                                            for r in ("worker", "driver", "daemon"))
              + f"; the worker CPU got {m['task_cpu']['documents'] / max(1e-9, m['wall']['documents']):.2f} "
              "cores on average in the documents phase")
    errors.update({f"cpu_{k}": v for k, v in cpu_errors.items()})

    return medians, errors


def result_line(everything: dict, configs: list[str], medians: dict, errors: dict, profiled: dict | None,
                projection: dict | None) -> str:
    responses, one = everything["responses"], medians["1w"]
    cpu_ms = one["cpu_total"] / responses * 1000
    return (f"RESULT docs={responses} "
            + " ".join(f"docs_per_s_{n}={responses / medians[n]['elapsed']:.1f}" for n in configs)
            + f" cpu_ms_per_doc={cpu_ms:.1f}"
            + "".join(f" {g}_cpu_ms_per_doc={one['cpu'][g] / responses * 1000:.1f}"
                      for g in ("documents", "dedup", "output"))
            + (f" chain_cpu_ms_per_doc={profiled['chain_ms']:.1f} real_page_chain_ms={profiled['real_ms']:.1f}"
               f" generated_page_chain_ms={profiled['generated_ms']:.1f}" if profiled else "")
            + "".join(f" peak_mb_{n}={medians[n]['peak_mb']:.0f}" for n in configs)
            + f" worker_peak_mb={one['worker_mb']:.0f} work_kb_per_doc={one['work_bytes'] / responses / 1024:.1f}"
            f" output_kb_per_doc={one['out_bytes'] / responses / 1024:.1f}"
            + "".join(f" pred_err_{n}={errors[n]:+.3f}" for n in configs if n != "1w")
            + "".join(f" cpu_pred_err_{n}={errors['cpu_' + n]:+.3f}" for n in configs if n != "1w")
            + (f" cc_core_hours={projection['core_hours']:.0f} cc_nodes_24h={projection['nodes_24h']}"
               if projection else "")
            + f" load={load()}")


# ---------------------------------------------------------------------------------------------- dedup at size
def measure_dedup_at(sizes: list[int], seed: int) -> list[dict]:
    """benchmarks/dedup.py's eurocurate child (run_dedup + kept written, embedded Ray, 1 worker) on its planted
    corpus at each size: CPU s of the process tree and peak PSS; the slope between sizes is dedup's marginal CPU
    per document, free of start-up and per-step overheads that dominate a 2,000-page run."""
    from benchmarks.dedup import run_measured, write_generated

    rows = []
    for size in sizes:
        scratch = Path(tempfile.mkdtemp(prefix="eurocurate-scaling-dedup-"))
        try:
            corpus = write_generated(scratch / "input", size, seed)
            chars = sum(len(d["text"]) for d in corpus.values()) / max(1, len(corpus))
            del corpus
            before = load()
            report, peak = run_measured(["--child", "eurocurate", "--input", str(scratch / "input"),
                                         "--work", str(scratch / "work"), "--workers", "1"])
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        rows.append({"docs": size, "cpu_s": report["cpu_s"], "elapsed": report["elapsed"], "peak_mb": peak,
                     "idle_mb": report["baseline_mb"], "partitions": report["outcome"]["partitions"],
                     "seconds": report["outcome"]["seconds"], "mean_chars": chars, "load": before})
        print(f"  dedup alone at {size:,} docs (mean {chars:,.0f} chars): {report['cpu_s']:.1f} CPU s, "
              f"{report['elapsed']:.1f} s, peak {peak:.0f} MB (idle {report['baseline_mb']:.0f} MB), "
              f"{report['outcome']['partitions']} partitions, load {before}", flush=True)
    return rows


# ---------------------------------------------------------------------------------------------- the projection
# One Common Crawl snapshot, as the model's assumptions (docs/scaling.md says where each comes from).
CC_PAGES = 3.0e9            # response records (pages) in one snapshot
CC_WARC_BYTES = 100e12      # gzipped WARC of the snapshot (~33 KB per page with its request and metadata records)
CC_FILES = 90_000           # WARC files of ~1 GB: one documents task each
CC_GZIP_RATIO = 3.6         # response payload bytes per gzipped WARC byte (the eval set's two real WARCs: 3.8, 3.5)
# share of the input pages that reach each stage (the rest were rejected before it); extract: non-HTML and
# unusable records go at read/optout; langid: pages with >= extract.min_chars of text; quality: langid's min_score
# passed; pii: the quality rules passed (about half, as Gopher/C4/FineWeb-style rules remove on crawled pages);
# dedup input = pii's; kept after dedup: within-snapshot near-duplicates removed (a quarter)
CC_REACH = {"reader": 1.0, "read": 1.0, "optout": 0.97, "extract": 0.97, "langid": 0.80, "quality": 0.76,
            "pii": 0.40, "dedup": 0.40, "kept": 0.30}
NODE_CORES = 64
EFFICIENCY = 0.8            # parallel efficiency assumed for a real cluster (stragglers, barriers, I/O)


def projection(everything: dict, medians: dict, profiled: dict | None, dedup_rows: list[dict]) -> dict | None:
    if not profiled:
        return None
    profile, responses, one = everything["profile"], everything["responses"], medians["1w"]
    # per call on real crawled pages (the generated pages' text and HTML are smaller); all pages where none are real
    per_call = {}
    for name in profile["order"]:
        entry = profile["stages"].get(name, {})
        real = entry.get("real")
        use = real if real and real["calls"] >= 10 else {
            "calls": sum(e["calls"] for e in entry.values()), "cpu_s": sum(e["cpu_s"] for e in entry.values())}
        per_call[name] = use["cpu_s"] / max(1, use["calls"])
    chain_docs = profile["counts"]
    kept_by_chain = chain_docs[profile["order"][-1]]["kept"]
    # documents phase outside the stage calls (Parquet writes, hashing, the task itself), per input document;
    # the workers' one-off start is left out (a worker runs for hours at this scale)
    outside = max(0.0, one["task_cpu"]["documents"] - profiled["chain_ms"] * responses / 1000
                  - profiled["cold_cpu_s"]) / responses
    overhead = (one["cpu"]["driver"] + one["cpu"]["documents"] - one["task_cpu"]["documents"]) / responses
    if len(dedup_rows) >= 2:
        a, b = dedup_rows[0], dedup_rows[-1]
        dedup_per_doc = (b["cpu_s"] - a["cpu_s"]) / (b["docs"] - a["docs"])
        dedup_source = f"slope of dedup alone between {a['docs']:,} and {b['docs']:,} documents"
    else:
        dedup_per_doc = one["cpu"]["dedup"] / max(1, kept_by_chain)
        dedup_source = "the 1-worker run's dedup phase (fixed step costs included)"
    output_per_doc = one["cpu"]["output"] / responses
    # sizes: the reading stages' cost follows the page's HTML, what comes after the chain follows the kept text
    real_html = profile["html_bytes"].get("real", 0) / max(1, profile["docs"].get("real", 0))
    cc_html = CC_WARC_BYTES / CC_PAGES * CC_GZIP_RATIO
    html_scale = cc_html / real_html if real_html else 1.0
    kept_all = sum(profile.get("kept", {}).values())
    mean_text = sum(profile.get("text_bytes", {}).values()) / max(1, kept_all)
    real_text = profile.get("text_bytes", {}).get("real", 0) / max(1, profile.get("kept", {}).get("real", 0))
    text_scale = real_text / mean_text if real_text and mean_text else 1.0
    if len(dedup_rows) >= 2:
        dedup_per_doc *= real_text / dedup_rows[-1]["mean_chars"] if real_text else 1.0
    else:
        dedup_per_doc *= text_scale
    by_html = {"reader", "read", "optout", "extract"}
    rows = [(name, per_call[name] * (html_scale if name in by_html else 1.0), CC_REACH.get(name, 1.0))
            for name in profile["order"]]
    rows += [("task I/O", outside * text_scale, 1.0), ("Ray + driver", overhead, 1.0),
             ("dedup", dedup_per_doc, CC_REACH["dedup"]), ("output", output_per_doc * text_scale, 1.0)]
    print(f"\nsizes: real pages {real_html / 1024:.0f} KB of HTML and {real_text / 1024:.1f} KB of kept text, the "
          f"run's kept documents {mean_text / 1024:.1f} KB; a Common Crawl page ~{cc_html / 1024:.0f} KB of HTML "
          f"(WARC bytes per page x {CC_GZIP_RATIO}): reading stages x{html_scale:.2f}, after the chain "
          f"x{text_scale:.2f}")
    print(f"\nprojection to one Common Crawl snapshot ({CC_PAGES:.1e} pages, {CC_WARC_BYTES / 1e12:.0f} TB WARC; "
          f"per-call CPU on real pages; dedup per document: {dedup_source})")
    print(f"{'stage':<14}{'ms/call':>9}{'reach':>7}{'core-hours':>12}")
    core_hours = {}
    for name, seconds, reach in rows:
        core_hours[name] = seconds * reach * CC_PAGES / 3600
        print(f"{name:<14}{seconds * 1000:>9.2f}{reach:>7.2f}{core_hours[name]:>12,.0f}")
    total = sum(core_hours.values())
    documents = total - core_hours["dedup"] - core_hours["output"]
    print(f"{'total':<14}{'':>9}{'':>7}{total:>12,.0f}   (documents phase {documents:,.0f}, dedup "
          f"{core_hours['dedup']:,.0f}, output {core_hours['output']:,.0f})")
    nodes_24h = math.ceil(total / (NODE_CORES * 24 * EFFICIENCY))
    walls = {n: total / (n * NODE_CORES * EFFICIENCY) for n in (10, 25, 50, 100)}
    print(f"{NODE_CORES}-core nodes at parallel efficiency {EFFICIENCY}: {nodes_24h} nodes for 24 h; wall "
          + ", ".join(f"{n} nodes {h:.1f} h" for n, h in walls.items()))
    worker_mb = max(one["worker_mb_by_phase"]["documents"], one["worker_mb_by_phase"]["write"])
    dedup_worker = max((r["peak_mb"] - r["idle_mb"] for r in dedup_rows), default=0.0)
    daemons = one["idle_mb"]
    node_gb = (NODE_CORES * max(worker_mb, dedup_worker) + daemons) / 1024
    print(f"memory per node: {NODE_CORES} workers x {max(worker_mb, dedup_worker):.0f} MB (peak PSS of one worker: "
          f"documents {one['worker_mb_by_phase']['documents']:.0f}, write {one['worker_mb_by_phase']['write']:.0f}, "
          f"dedup work {dedup_worker:.0f}) + {daemons:.0f} MB daemons and driver = {node_gb:.1f} GB")
    last = everything["runs"]["1w"][0]
    kept_final = last["stats"].get("dedup", {}).get("kept", 0) or 1
    work_per_kept = one["work_bytes"] / max(1, kept_by_chain) * text_scale
    data_per_kept = one["data_bytes"] / kept_final * text_scale
    rejects_per_doc = (one["out_bytes"] - one["data_bytes"]) / responses
    work_tb = work_per_kept * CC_REACH["pii"] * CC_PAGES / 1e12
    out_tb = (data_per_kept * CC_REACH["kept"] + rejects_per_doc) * CC_PAGES / 1e12
    print(f"intermediate storage (work/ at its peak, {work_per_kept / 1024:.1f} KB per document the chain kept, "
          f"scaled to real text): "
          f"{work_tb:.0f} TB; output {out_tb:.0f} TB ({data_per_kept / 1024:.1f} KB per kept document, "
          f"{rejects_per_doc / 1024:.2f} KB of rejects per input document)")
    return {"core_hours": total, "by_stage": core_hours, "html_scale": html_scale, "text_scale": text_scale, "nodes_24h": nodes_24h, "walls_h": walls,
            "node_gb": node_gb, "work_tb": work_tb, "output_tb": out_tb}


if __name__ == "__main__":
    main()
