"""Asking a peer child whether it can run here: it is started with --probe and prints one `PROBE {json}` line."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path


def run_probe(command: list[str], cwd: Path) -> str | None:
    """None when the child reports it is ready; otherwise the failed step and why."""
    try:
        proc = subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=600)
    except subprocess.TimeoutExpired:
        return "import: the peer's modules did not import within 600 s"
    lines = [line[6:] for line in proc.stdout.splitlines() if line.startswith("PROBE ")]
    if not lines:
        tail = (proc.stderr.strip().splitlines() or ["(no output)"])[-1][:300]
        return f"import: the peer child exited {proc.returncode}: {tail}"
    probe = json.loads(lines[-1])
    return None if probe["ok"] else f"{probe['step']}: {probe['error']}"
