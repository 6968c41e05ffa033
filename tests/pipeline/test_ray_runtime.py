"""Worker-side hygiene of pipeline/ray_runtime.py, checked in a fresh interpreter (pandas is installed here)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def test_worker_tasks_keep_pandas_out_of_pyarrow_but_pandas_still_works_when_asked():
    out = _run(
        "import sys\n"
        "import pyarrow as pa\n"
        "from eurocurate.core.ray_tasks import worker_task\n"
        "rows = worker_task(lambda n: pa.table({'a': list(range(n))}).num_rows)(3)\n"
        "print(rows, 'pandas' in sys.modules)\n"
        "import pandas as pd\n"
        "print(pa.Table.from_pandas(pd.DataFrame({'x': [1, 2]})).num_rows, pa.table({'a': [1]}).to_pandas().shape)\n"
    )
    assert out.split("\n")[:2] == ["3 False", "2 (1, 1)"]


def test_without_the_guard_pyarrow_would_import_pandas():
    # the premise of the guard: if pyarrow stops importing pandas by itself, the guard can go
    assert _run("import sys, pyarrow as pa\npa.array([0])\nprint('pandas' in sys.modules)\n").strip() == "True"


def test_worker_task_passes_results_and_errors_through():
    out = _run(
        "from eurocurate.core.ray_tasks import worker_task\n"
        "def boom():\n"
        "    raise KeyError('x')\n"
        "print(worker_task(lambda a, b=1: a + b)(2, b=3))\n"
        "try:\n"
        "    worker_task(boom)()\n"
        "except KeyError:\n"
        "    print('raised')\n"
    )
    assert out.split() == ["5", "raised"]
