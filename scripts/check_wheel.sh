#!/usr/bin/env bash
# The wheel as users get it: build it, install it into a fresh venv with no source tree on the path, run the demo
# config, and compare with the editable install's run of the same config (same kept ids and text hashes, same
# config hash, which covers the bundled per-language thresholds). `import pipeline` must fail there.
# Usage: bash scripts/check_wheel.sh   (from anywhere; uses the repository's .venv for the editable run)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "check_wheel: building the wheel"
"$repo/.venv/bin/python" -m pip wheel -q --no-deps -w "$work/dist" "$repo"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q "$work"/dist/eurocurate-*.whl
cd "$work"  # nothing of the source tree on sys.path from here on
"$work/venv/bin/python" - <<'PY'
import importlib.util
import eurocurate
from eurocurate.core.language_settings import bundled_languages_dir
assert "site-packages" in eurocurate.__file__, eurocurate.__file__
for top in ("pipeline", "filters", "dedup"):
    assert importlib.util.find_spec(top) is None, f"the wheel installs a top-level {top!r}"
assert len(list(bundled_languages_dir().glob("*.yaml"))) >= 24
print("check_wheel: eurocurate", eurocurate.__version__, "from", eurocurate.__file__, "; no top-level pipeline")
PY
"$work/venv/bin/eurocurate" run "$repo/configs/demo.yaml" --output "$work/wheel-run" --no-progress > /dev/null
"$repo/.venv/bin/eurocurate" run "$repo/configs/demo.yaml" --output "$work/editable-run" --no-progress > /dev/null
"$repo/.venv/bin/python" - "$work/wheel-run" "$work/editable-run" <<'PY'
import json, sys
import pyarrow.parquet as pq
wheel, editable = sys.argv[1:]
def kept(run):
    table = pq.read_table(f"{run}/data")
    return sorted(zip(table["id"].to_pylist(), table["text_sha256"].to_pylist()))
def config_hash(run):
    return json.load(open(f"{run}/run.json"))["config_hash"]
assert kept(wheel) == kept(editable), "the wheel's run kept other documents or texts"
assert config_hash(wheel) == config_hash(editable), "the wheel read other settings (per-language thresholds?)"
print(f"check_wheel: OK, {len(kept(wheel))} kept documents, same ids and text hashes, config hash "
      f"{config_hash(wheel)[:12]} in both")
PY
