"""A stage of your own, in one file, runs from YAML and from Python with the same accounting, lineage and resume."""

from __future__ import annotations

import json
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from tests.conftest import ROOT, eurocurate

MIN_WORDS = 190  # the demo's kept pages have 165-255 words: some pass, some are rejected


def _config(tmp_path, name="plugins") -> str:
    path = tmp_path / f"{name}.yaml"
    path.write_text(f"""name: {name}
inputs:
  - kind: warc
    paths: ["{ROOT / 'samples' / 'demo'}/*.warc.gz"]
stages:
  - stage: tests.stage_plugins:MinWords
    after: quality
    options: {{min_words: {MIN_WORDS}}}
""")
    return str(path)


def _kept(run) -> dict[str, str]:
    table = pq.read_table(run / "data")
    return dict(zip(table["id"].to_pylist(), table["text_sha256"].to_pylist()))


@pytest.fixture(scope="module")
def yaml_run(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("plugins")
    out = tmp_path / "yaml-run"
    proc = eurocurate("run", _config(tmp_path), "--output", str(out))
    assert proc.returncode == 0, proc.stderr[-2000:]
    return out


def test_a_custom_stage_from_yaml_is_accounted_for_like_a_built_in_one(yaml_run):
    manifest = json.loads((yaml_run / "manifest.json").read_text())
    stages = {s["name"]: s for s in manifest["stages"]}
    assert [s["name"] for s in manifest["stages"]] == ["read", "optout", "extract", "langid", "quality",
                                                       "min_words", "pii", "dedup"]
    mine = stages["min_words"]
    assert mine["in"] == stages["quality"]["kept"] and stages["pii"]["in"] == mine["kept"]
    assert mine["in"] == mine["kept"] + mine["rejected"] and 0 < mine["rejected"] < mine["in"]
    rejects = pq.read_table(yaml_run / "rejects" / "min_words").to_pylist()
    assert len(rejects) == mine["rejected"] == mine["reasons"]["too_few_words_custom"]
    for row in rejects:  # the measured value and the line it crossed, and the document's lineage
        assert row["reason"] == "too_few_words_custom" and row["detail"].endswith(f"<{MIN_WORDS}")
        assert row["url"] and row["source_uri"].endswith(".warc.gz") and row["language"]
    kept = pq.read_table(yaml_run / "data").to_pylist()
    for row in kept:
        words = [a for a in row["annotations"] if a["stage"] == "min_words"]
        assert len(words) == 1 and int(words[0]["value"]) >= MIN_WORDS


def test_the_same_stage_as_a_python_object_gives_the_same_run(yaml_run, tmp_path):
    script = f"""
import json, sys
sys.path.insert(0, {str(ROOT)!r})
import eurocurate
from tests.stage_plugins import MinWords
pipe = eurocurate.Pipeline(inputs=[{str(ROOT / 'samples' / 'demo')!r} + "/*.warc.gz"],
                           stages=[dict(stage="tests.stage_plugins:MinWords", after="quality",
                                        options=dict(min_words={MIN_WORDS}))], name="plugins")
obj = eurocurate.Pipeline(inputs=[{str(ROOT / 'samples' / 'demo')!r} + "/*.warc.gz"], name="plugins",
                          stages=[MinWords({MIN_WORDS})])
result = obj.run({str(tmp_path / 'py-run')!r})
print(json.dumps({{"dict_hash": pipe.config.config_hash(), "stages": [s["name"] for s in result.manifest["stages"]]}}))
"""
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    from eurocurate.pipeline.config import load_config

    from_yaml, _ = load_config(_config(tmp_path))
    assert out["dict_hash"] == from_yaml.config_hash()  # a dict stage in Python is the YAML entry
    # the object runs after pii (no `after` attribute): same documents kept, same texts
    assert out["stages"][-2:] == ["min_words", "dedup"]
    assert _kept(tmp_path / "py-run") == _kept(yaml_run)


def test_a_run_with_a_custom_stage_resumes_to_the_same_output(yaml_run, tmp_path):
    import shutil

    copy = tmp_path / "resumed"
    shutil.copytree(yaml_run, copy)
    (copy / "manifest.json").unlink()
    first_done = sorted((copy / "work" / "done").glob("*.json"))[0]
    first_done.unlink()  # one input as if its task had died
    proc = eurocurate("run", _config(tmp_path), "--output", str(copy))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert _kept(copy) == _kept(yaml_run)
