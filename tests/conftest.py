from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_EVAL = ROOT.parent / "shared" / "eval"
DEMO_CONFIG = ROOT / "configs" / "demo.yaml"

# Tests stay offline and on loopback.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")


def eurocurate(*args: str, env: dict | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run the installed CLI exactly as a user would."""
    full_env = {k: v for k, v in os.environ.items() if k != "RAY_ADDRESS"}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "eurocurate.pipeline.cli", *args], cwd=ROOT, env=full_env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory) -> Path:
    """The demo config run once on an embedded local Ray; many tests read its output."""
    out = tmp_path_factory.mktemp("demo") / "run"
    proc = eurocurate("run", str(DEMO_CONFIG), "--output", str(out))
    assert proc.returncode == 0, proc.stderr[-3000:]
    (out.parent / "stderr.txt").write_text(proc.stderr)
    return out


@pytest.fixture(scope="session")
def manifest(demo_run) -> dict:
    return json.loads((demo_run / "manifest.json").read_text())


@pytest.fixture(scope="session")
def planted() -> dict:
    return json.loads((ROOT / "samples" / "demo" / "planted.json").read_text())


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    if not SHARED_EVAL.is_dir():
        pytest.skip("../shared/eval is not present")
    return SHARED_EVAL
