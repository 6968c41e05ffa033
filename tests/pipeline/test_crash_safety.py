"""Crash safety for real: SIGKILL a Ray worker, and separately the driver, in the middle of a run; running the
same command again finishes the job with exactly the output of an uninterrupted run."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.conftest import DEMO_CONFIG, ROOT, eurocurate

WORKER_TITLE = "ray::process_input_file"


@pytest.fixture(scope="module")
def crash_config(tmp_path_factory) -> Path:
    """Eight input files (the demo crawl twice, under other names), so a run has a middle to be killed in."""
    folder = tmp_path_factory.mktemp("crash")
    (folder / "in").mkdir()
    sources = sorted((ROOT / "samples" / "demo").glob("*.warc.gz"))
    for i, src in enumerate(sources * 2):
        shutil.copy(src, folder / "in" / f"part-{i:02d}.warc.gz")
    config = folder / "crash.yaml"
    config.write_text(DEMO_CONFIG.read_text().replace("../samples/demo/*.warc.gz", "in/*.warc.gz")
                      + "resources:\n  batch_docs: 4\n")
    return config


def _snapshot(run: Path) -> tuple[dict, set]:
    kept = {}
    for path in sorted((run / "data").glob("*/*.parquet")):
        for row in pq.read_table(path, columns=["id", "text_sha256", "dup_cluster_id"]).to_pylist():
            assert row["id"] not in kept, "a document was written twice"
            kept[row["id"]] = (row["text_sha256"], row["dup_cluster_id"], path.relative_to(run).as_posix())
    rejected = set()
    for path in sorted((run / "rejects").glob("*/*.parquet")):
        for row in pq.read_table(path, columns=["id", "stage", "reason"]).to_pylist():
            assert row["id"] not in kept and (row["id"], row["stage"]) not in rejected
            rejected.add((row["id"], row["stage"], row["reason"]))
    return kept, rejected


@pytest.fixture(scope="module")
def uninterrupted(crash_config, tmp_path_factory) -> tuple[dict, set]:
    out = tmp_path_factory.mktemp("baseline") / "run"
    proc = eurocurate("run", str(crash_config), "--output", str(out), "--no-progress")
    assert proc.returncode == 0, proc.stderr[-2000:]
    return _snapshot(out)


def _start(config: Path, out: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "RAY_ADDRESS"}
    return subprocess.Popen([sys.executable, "-m", "eurocurate.pipeline.cli", "run", str(config), "--output", str(out),
                             "--no-progress", "--workers", "2"], cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for(condition, timeout: float = 180.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def _busy_worker_pid() -> int | None:
    found = subprocess.run(["pgrep", "-f", WORKER_TITLE], capture_output=True, text=True).stdout.split()
    return int(found[0]) if found else None


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _settled_markers(folder: Path, quiet_for: float = 5.0) -> int:
    """Workers of the dead driver may finish the task in hand before Ray reaps them: wait until nothing moves."""
    last, since = None, time.monotonic()
    while True:
        now = sorted(p.name for p in folder.glob("*.json") if not p.name.startswith("."))
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet_for:
            return len(now)
        time.sleep(0.2)


def test_killing_a_ray_worker_mid_run_loses_nothing(crash_config, uninterrupted, tmp_path):
    out = tmp_path / "run"
    proc = _start(crash_config, out)
    try:
        pid = _wait_for(_busy_worker_pid, what="a worker running an input task")
        os.kill(pid, signal.SIGKILL)
        _, stderr = proc.communicate(timeout=600)
    finally:
        _kill_group(proc)
    if proc.returncode != 0:  # Ray retries the task; if retries ran out, the same command resumes
        again = eurocurate("run", str(crash_config), "--output", str(out), "--no-progress")
        assert again.returncode == 0, again.stderr[-2000:]
    assert _snapshot(out) == uninterrupted
    assert eurocurate("verify", str(out)).returncode == 0


def test_killing_the_driver_mid_run_then_rerunning_finishes_the_job(crash_config, uninterrupted, tmp_path):
    out = tmp_path / "run"
    proc = _start(crash_config, out)
    try:
        _wait_for(lambda: list((out / "work" / "done").glob("*.json")), what="the first finished input")
        assert not (out / "manifest.json").exists()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        assert proc.returncode == -signal.SIGKILL
    finally:
        _kill_group(proc)
    finished_before = _settled_markers(out / "work" / "done")
    assert 1 <= finished_before < 8
    again = eurocurate("run", str(crash_config), "--output", str(out), "--no-progress")
    assert again.returncode == 0, again.stderr[-2000:]
    assert f"Resumed: {finished_before} input file(s) reused, {8 - finished_before} processed" in again.stdout
    assert _snapshot(out) == uninterrupted
    assert not list(out.rglob(".tmp-*"))
    assert eurocurate("verify", str(out)).returncode == 0
