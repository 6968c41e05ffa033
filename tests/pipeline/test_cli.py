"""The command line: help, clear one-line errors with a non-zero exit, resume."""

from __future__ import annotations

import json
import shutil

import pyarrow.parquet as pq
import pytest

from tests.conftest import DEMO_CONFIG, ROOT, eurocurate


def test_help_lists_the_run_command():
    proc = eurocurate("--help")
    assert proc.returncode == 0 and "run" in proc.stdout
    proc = eurocurate("run", "--help")
    assert proc.returncode == 0 and "--ray-address" in proc.stdout and "--workers" in proc.stdout


def _config(tmp_path, body: str):
    path = tmp_path / "bad.yaml"
    path.write_text(body)
    return path


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("name: x\ninputs: [{paths: ['*.warc.gz']}]\nlangid: {min_scor: 0.5}\n", "unknown key 'langid.min_scor'"),
        ("name: x\ninputs: [{paths: ['*.warc.gz']}]\nlangid: {min_score: high}\n", "key 'langid.min_score'"),
        ("name: x\n", "missing required key 'inputs'"),
        ("name: x\ninputs: [{paths: ['*.warc.gz']\n", "invalid YAML"),
        ("name: x\ninputs: [{paths: ['no-such-dir/*.warc.gz']}]\n", "input pattern no-such-dir/*.warc.gz matches no file"),
        ("name: x\ninputs: [{paths: ['no-such-file.warc.gz']}]\n", "input not found: no-such-file.warc.gz"),
    ],
)
def test_bad_config_gives_one_line_error_and_exit_code_2(tmp_path, body, expected):
    proc = eurocurate("run", str(_config(tmp_path, body)), "--output", str(tmp_path / "out"))
    assert proc.returncode == 2
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("eurocurate: error:") and expected in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr


def test_missing_config_file(tmp_path):
    proc = eurocurate("run", str(tmp_path / "nope.yaml"))
    assert proc.returncode == 2 and "config file not found" in proc.stderr


def test_output_folder_of_another_config_is_refused(demo_run, tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text(DEMO_CONFIG.read_text().replace("min_score: 0.5", "min_score: 0.6")
                     .replace('"../samples', f'"{ROOT}/samples'))
    proc = eurocurate("run", str(other), "--output", str(demo_run))
    assert proc.returncode == 2 and "different config" in proc.stderr


def _snapshot(run) -> dict:
    rows = {}
    for path in sorted((run / "data").glob("*/*.parquet")):
        for row in pq.read_table(path, columns=["id", "text_sha256", "dup_cluster_id"]).to_pylist():
            rows[row["id"]] = (row["text_sha256"], row["dup_cluster_id"], path.relative_to(run).as_posix())
    return rows


def test_interrupted_run_resumes_and_gives_the_same_output(demo_run, tmp_path):
    """Simulate a run stopped after some input files: only the missing ones are processed again."""
    partial = tmp_path / "partial"
    shutil.copytree(demo_run, partial)
    (partial / "manifest.json").unlink()
    shutil.rmtree(partial / "data")
    done = sorted((partial / "work" / "done").glob("*.json"))
    for marker in done[:2]:
        marker.unlink()
    proc = eurocurate("run", str(DEMO_CONFIG), "--output", str(partial))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Resumed: 2 input file(s) reused, 2 processed" in proc.stdout
    assert _snapshot(partial) == _snapshot(demo_run)
    first = json.loads((demo_run / "manifest.json").read_text())
    again = json.loads((partial / "manifest.json").read_text())
    assert first["run_id"] == again["run_id"] and first["stages"] == again["stages"]
    assert [s["sha256"] for s in first["shards"]] == [s["sha256"] for s in again["shards"]]


def test_catalog_lists_each_distribution_with_its_gate_decision():
    proc = eurocurate("catalog", str(ROOT / "samples" / "dataspace" / "catalogue.ttl"))
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    assert len(lines) >= 8 and all(line["distribution_iri"] for line in lines)
