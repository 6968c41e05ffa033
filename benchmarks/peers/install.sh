#!/usr/bin/env bash
# Makes .venv-peers at the repository root: the peers that benchmarks/e2e.py and benchmarks/dedup.py compare
# eurocurate with, in an environment of their own (installing them into .venv would move its Ray / pyarrow).
#
#   bash benchmarks/peers/install.sh     # PYTHON=python3.11 and VENV=/other/folder are honoured
#
# torch is pinned to 2.13.0 (NeMo Curator needs torch, any version): on this project's machines pip takes that
# release's CPU build from local disk; a plain `torch` would download the multi-GB CUDA build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="${VENV:-$root/.venv-peers}"
"${PYTHON:-python3}" -m venv "$venv"
"$venv/bin/pip" install --upgrade pip
"$venv/bin/pip" install "torch==2.13.0"
"$venv/bin/pip" install "torch==2.13.0" "nemo-curator[text-cpu]==1.4.0" "py-data-juicer==1.6.1" "ray[default]==2.60.0" scipy
# justext 3 (trafilatura's fallback, NeMo's text-cpu extra) imports lxml.html.clean, which lxml 6 no longer ships:
# its own package is needed or trafilatura does not import.
"$venv/bin/pip" install lxml_html_clean
"$venv/bin/python" - <<'PY'
import torch, ray, nemo_curator, data_juicer, trafilatura, fasttext  # noqa: F401
print(f"peers ready: torch {torch.__version__}, ray {ray.__version__}, trafilatura {trafilatura.__version__}")
PY
