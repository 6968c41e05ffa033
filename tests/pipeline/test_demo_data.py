"""The bundled demo crawl is exactly what scripts/make_demo_data.py generates."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_generator_reproduces_the_committed_sample_byte_for_byte(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_demo_data.py"), "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    committed = sorted((ROOT / "samples" / "demo").iterdir())
    assert [p.name for p in committed] == sorted(p.name for p in tmp_path.iterdir())
    for path in committed:
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name
