"""The same job on an existing Ray cluster: a real head node on loopback, joined by address."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.conftest import DEMO_CONFIG, eurocurate

RAY = str(Path(sys.executable).with_name("ray"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _head_is_up(address: str, env: dict) -> bool:
    probe = subprocess.run([RAY, "status", f"--address={address}"], env=env, capture_output=True, text=True,
                           timeout=60)
    return probe.returncode == 0


@pytest.fixture(scope="module")
def ray_head():
    """A head node of our own, in the foreground (--block) so that stopping it stops only what it started
    (`ray stop` would stop every Ray on the machine)."""
    env = {**os.environ, "RAY_AUTH_MODE": "token", "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0"}
    env.pop("RAY_ADDRESS", None)
    port = _free_port()
    address = f"127.0.0.1:{port}"
    head = subprocess.Popen(
        [RAY, "start", "--head", "--block", "--node-ip-address=127.0.0.1", f"--port={port}", "--num-cpus=2",
         "--include-dashboard=false", "--disable-usage-stats"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 180
        while not _head_is_up(address, env):
            assert head.poll() is None, head.stderr.read()[-2000:]
            assert time.monotonic() < deadline, "the head node did not come up"
            time.sleep(1)
        yield address, env
    finally:
        head.send_signal(signal.SIGTERM)  # `ray start --block` stops the processes it started on SIGTERM
        try:
            head.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(head.pid, signal.SIGKILL)


def _ids(run: Path) -> set[str]:
    return {i for p in (run / "data").glob("*/*.parquet") for i in pq.read_table(p, columns=["id"])["id"].to_pylist()}


def test_demo_runs_on_a_ray_head_node_by_address(ray_head, demo_run, tmp_path):
    address, env = ray_head
    out = tmp_path / "cluster-run"
    proc = eurocurate("run", str(DEMO_CONFIG), "--output", str(out), "--ray-address", address,
                      env={"RAY_AUTH_MODE": env["RAY_AUTH_MODE"],
                           "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": env["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"]})
    assert proc.returncode == 0, proc.stderr[-3000:]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["execution"]["cluster"] == "external"
    assert _ids(out) == _ids(demo_run)


def test_ray_address_environment_variable_is_honoured(ray_head, tmp_path):
    address, env = ray_head
    out = tmp_path / "env-run"
    proc = eurocurate("run", str(DEMO_CONFIG), "--output", str(out), "--no-progress",
                      env={"RAY_ADDRESS": address, "RAY_AUTH_MODE": "token",
                           "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert json.loads((out / "manifest.json").read_text())["execution"]["cluster"] == "external"
