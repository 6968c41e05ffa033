"""Node loss on a real multi-node Ray cluster on loopback: a head and two worker nodes, each its own raylet with
one CPU (`ray start --head` / `ray start --address`). A worker node is killed (SIGKILL to its raylet and its
workers) while a phase runs; the run must finish on the nodes left (or stop and resume on re-run) and write the
same shards, row for row, as an uninterrupted run on an embedded Ray."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from eurocurate.pipeline.verify import verify_run
from tests.conftest import DEMO_CONFIG, ROOT, eurocurate

RAY = str(Path(sys.executable).with_name("ray"))
# Ray refuses a second node on one machine unless told this is meant (the embedded Ray sets it to 0)
CLUSTER_ENV = {"RAY_AUTH_MODE": "token", "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "1"}
INPUT_COPIES = 3  # the demo's 4 WARCs three times over (under other names): 12 tasks for 3 one-CPU nodes


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LoopbackCluster:
    """A head and worker nodes started with `ray start --block` in their own process groups, so that one can be
    killed whole and stopping them stops only what they started."""

    def __init__(self):
        self.env = {**os.environ, **CLUSTER_ENV}
        self.env.pop("RAY_ADDRESS", None)
        self.address = f"127.0.0.1:{_free_port()}"
        self.head = self._start(["--head", f"--port={self.address.split(':')[1]}", "--include-dashboard=false"])
        self.workers: list[subprocess.Popen] = []
        self._wait_for(1)

    def _start(self, args: list[str]) -> subprocess.Popen:
        return subprocess.Popen([RAY, "start", "--block", "--node-ip-address=127.0.0.1", "--num-cpus=1",
                                 "--disable-usage-stats", *args], env=self.env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)

    def alive_nodes(self) -> int:
        status = subprocess.run([RAY, "status", f"--address={self.address}"], env=self.env, capture_output=True,
                                text=True, timeout=60)
        active = status.stdout.split("Active:", 1)[-1].split("Pending:", 1)[0]
        return sum(1 for line in active.splitlines() if "node_" in line) if status.returncode == 0 else 0

    def _wait_for(self, nodes: int) -> None:
        deadline = time.monotonic() + 180
        while self.alive_nodes() != nodes:
            assert time.monotonic() < deadline, f"the cluster did not reach {nodes} live nodes"
            time.sleep(1)

    def ensure_workers(self, count: int) -> None:
        """One node at a time (two starting together on two cores can time out); a node that fails to start is
        started again."""
        self.workers = [w for w in self.workers if w.poll() is None]
        attempts = 0
        while len(self.workers) < count:
            worker = self._start([f"--address={self.address}"])
            deadline = time.monotonic() + 120
            while worker.poll() is None and self.alive_nodes() < 2 + len(self.workers):
                assert time.monotonic() < deadline, "a worker node did not join"
                time.sleep(1)
            if worker.poll() is None:
                self.workers.append(worker)
            else:
                attempts += 1
                assert attempts < 3, "worker nodes keep failing to start"
        self._wait_for(1 + count)

    def kill_worker(self) -> None:
        victim = self.workers.pop(0)
        os.killpg(victim.pid, signal.SIGKILL)  # the raylet, its workers and its agents, without warning
        victim.wait(timeout=30)

    def stop(self) -> None:
        for process in [*self.workers, self.head]:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)  # `ray start --block` stops what it started on SIGTERM
        for process in [*self.workers, self.head]:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def cluster():
    started = LoopbackCluster()
    try:
        yield started
    finally:
        started.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The demo crawl three times over under other file names, and a config that spreads tasks over the nodes."""
    root = tmp_path_factory.mktemp("node-loss")
    inputs = root / "inputs"
    inputs.mkdir()
    for copy in range(INPUT_COPIES):
        for warc in sorted((ROOT / "samples" / "demo").glob("*.warc.gz")):
            shutil.copyfile(warc, inputs / f"c{copy}-{warc.name}")
    config = root / "config.yaml"
    config.write_text(DEMO_CONFIG.read_text().replace('"../samples/demo/*.warc.gz"', f'"{inputs}/*.warc.gz"')
                      + "ray:\n  scheduling: spread\n")
    return config


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("reference") / "run"
    proc = eurocurate("run", str(corpus), "--output", str(out), "--no-progress")
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out


def _rows(run: Path) -> dict[str, list]:
    manifest = json.loads((run / "manifest.json").read_text())
    columns = ["id", "language", "text_sha256", "dup_cluster_id"]
    return {e["path"]: pq.read_table(run / e["path"], columns=columns).to_pylist()
            for e in manifest["shards"] + manifest["rejects"]}


def _run_losing_a_node(cluster: LoopbackCluster, config: Path, out: Path, moment) -> tuple[bool, int]:
    """Run on the cluster, kill a worker node once `moment(out)` holds; re-run once if the run stopped.
    Returns (killed while the run was going, how many invocations it took)."""
    command = [sys.executable, "-m", "eurocurate.pipeline.cli", "run", str(config), "--output", str(out),
               "--ray-address", cluster.address, "--no-progress"]
    env = {**cluster.env}
    run = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while run.poll() is None and not moment(out):
        assert time.monotonic() < deadline, "the moment to kill a node never came"
        time.sleep(0.05)
    killed_while_running = run.poll() is None
    cluster.kill_worker()
    _, stderr = run.communicate(timeout=600)
    if run.returncode == 0:
        return killed_while_running, 1
    assert run.returncode == 3, stderr[-3000:]  # a failed phase: resume
    again = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr[-3000:]
    return killed_while_running, 2


def _check_same_output(out: Path, reference: Path) -> dict:
    assert _rows(out) == _rows(reference)
    assert verify_run(out) == []
    return json.loads((out / "manifest.json").read_text())


def test_a_worker_node_lost_in_the_documents_phase(cluster, corpus, reference, tmp_path):
    cluster.ensure_workers(2)
    out = tmp_path / "run"
    done = out / "work" / "done"
    killed, _ = _run_losing_a_node(cluster, corpus, out, lambda o: done.is_dir() and any(done.iterdir()))
    assert killed
    manifest = _check_same_output(out, reference)
    ran_on = manifest["execution"]["tasks_by_node"]["documents"]
    assert sum(ran_on.values()) >= 4 * INPUT_COPIES and len(ran_on) >= 2  # the run used more than one node


def test_every_phase_lands_on_every_node(cluster, corpus, reference, tmp_path):
    cluster.ensure_workers(2)
    out = tmp_path / "run"
    proc = eurocurate("run", str(corpus), "--output", str(out), "--ray-address", cluster.address, "--no-progress",
                      env=CLUSTER_ENV)
    assert proc.returncode == 0, proc.stderr[-3000:]
    manifest = _check_same_output(out, reference)
    nodes = {n["node_id"] for n in manifest["execution"]["nodes"]}
    assert len(nodes) == 3
    by_phase = manifest["execution"]["tasks_by_node"]
    for phase in ("documents", "signatures", "write"):
        assert set(by_phase[phase]) == nodes, (phase, by_phase[phase])


@pytest.mark.slow
@pytest.mark.parametrize("phase", ["dedup", "output"])
def test_a_worker_node_lost_in_a_later_phase(cluster, corpus, reference, tmp_path, phase):
    cluster.ensure_workers(2)
    out = tmp_path / "run"
    marker = out / "work" / "dedup" / "nodes" if phase == "dedup" else out / "data"
    killed, _ = _run_losing_a_node(cluster, corpus, out, lambda o: marker.exists())
    assert killed
    _check_same_output(out, reference)


def test_a_cluster_whose_work_space_is_object_storage(cluster, corpus, reference, tmp_path):
    """The work space on a loopback S3 server (moto) instead of a folder the nodes share; the endpoint and keys
    reach the cluster's workers only through the run's work_storage_options (Ray's runtime env), not their
    environment. The shards equal the embedded run's, row for row."""
    moto_server = pytest.importorskip("moto.server")
    s3fs = pytest.importorskip("s3fs")
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        options = {"key": "test", "secret": "test",
                   "client_kwargs": {"endpoint_url": f"http://{host}:{port}"}}
        s3fs.S3FileSystem(**options, skip_instance_cache=True).mkdir("cluster-work")
        config = tmp_path / "config.yaml"
        config.write_text(corpus.read_text().replace(
            "  dir: runs/demo\n", f"  dir: runs/demo\n  work_dir: s3://cluster-work/run\n"
                                  f"  work_storage_options: {json.dumps(options)}\n"))
        cluster.ensure_workers(2)
        out = tmp_path / "run"
        proc = eurocurate("run", str(config), "--output", str(out), "--ray-address", cluster.address,
                          "--no-progress", env=CLUSTER_ENV)
        assert proc.returncode == 0, proc.stderr[-3000:]
        manifest = _check_same_output(out, reference)
        assert manifest["execution"]["work_space"] == "object storage"
        assert not (out / "work").exists()
        assert len(manifest["execution"]["tasks_by_node"]["documents"]) >= 2
        moved = manifest["execution"]["work_space_transfer"]
        assert moved["bytes_fetched"] <= 1.2 * moved["bytes_needed"], moved
        assert "test" not in json.dumps(manifest["config"]["output"])  # the options are not recorded
    finally:
        server.stop()
