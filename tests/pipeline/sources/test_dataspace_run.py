"""End to end: one run over a web crawl and a data space served from loopback, with hostile distributions.

Every distribution is accounted for: kept documents carry their dataset/distribution lineage next to web
documents in the same output, and each refusal (failing, slow, tampered, oversize, link-local, ZIP bomb,
XML entity bomb, licence, access) is a rejected document at stage "read" with its own reason.
"""

from __future__ import annotations

import hashlib
import json
import runpy
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import yaml

from eurocurate.pipeline.config import load_config
from tests.conftest import ROOT, eurocurate
from tests.pipeline.sources.test_converters import BILLION_LAUGHS, make_zip
from tests.pipeline.sources.test_fetch_helpers import LoopbackServer, Route

SAMPLES = runpy.run_path(str(ROOT / "scripts" / "make_dataspace_samples.py"))
DEMO_WARC = ROOT / "samples" / "demo" / "demo-0000.warc.gz"
PROSE = ("The beekeepers of the island counted their hives again this spring and wrote down what they saw. " * 4)
# name -> (route, licence, what the run must say about it: a kept family or a read-stage reason)
HOSTILE = {
    "broken.txt": (Route(status=500), "http_status"),
    "slow.txt": (Route(PROSE.encode(), delay_s=2.0), "fetch_timeout"),
    "tampered.txt": (Route(PROSE.encode()), "checksum_mismatch"),
    "huge.txt": (Route(b"x" * 300_000), "too_large"),
    "bomb.zip": (Route(make_zip({"../../escape.txt": b"x", "zeros.txt": b"\0" * (20 << 20)})),
                 "archive_path_traversal"),
    "lol.xml": (Route(BILLION_LAUGHS), "xml_forbidden_construct"),
}
METADATA_URL = "http://169.254.169.254/latest/meta-data/iam/"


def _hostile_turtle(base_url: str) -> str:
    lines = ["", "@prefix ex: <https://hostile.example/id/> ."]
    entries = [(name, f"{base_url}{name}") for name in HOSTILE] + [("metadata", METADATA_URL)]
    for name, url in entries:
        checksum = "0" * 64 if name == "tampered.txt" else hashlib.sha256(PROSE.encode()).hexdigest()
        key = name.replace(".", "-")
        lines += [
            f"ex:ds-{key} a dcat:Dataset ; dct:license lic:CC_BY_4_0 ; dcat:distribution ex:dist-{key} .",
            f"ex:dist-{key} a dcat:Distribution ; dcat:downloadURL <{url}>"
            + (f' ; spdx:checksum [ spdx:algorithm spdx:checksumAlgorithm_sha256 ; spdx:checksumValue "{checksum}" ]'
               if name in ("tampered.txt", "slow.txt") else "") + " .",
        ]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def mixed_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("mixed")
    files = SAMPLES["sample_files"]()
    routes = {f"/files/{name}": Route(content) for name, content in files.items()}
    routes.update({f"/files/{name}": route for name, (route, _reason) in HOSTILE.items()})
    with LoopbackServer(routes) as server:
        base_url = server.url("/files/")
        catalogue = tmp / "catalogue.ttl"
        catalogue.write_text(SAMPLES["catalogue_turtle"](base_url, files) + _hostile_turtle(base_url))
        config = {
            "name": "mixed",
            "inputs": [{"kind": "warc", "paths": [str(DEMO_WARC)]}, {"kind": "dcat", "paths": [str(catalogue)]}],
            "dataspace": {"allow_addresses": ["loopback"], "read_timeout_s": 0.5, "retries": 1, "backoff_s": 0.01,
                          "max_download_bytes": 200_000, "csv_text_columns": ["report"]},
            "pii": {"entities": ["EMAIL_ADDRESS", "PHONE_NUMBER", "IBAN_CODE", "IP_ADDRESS", "CREDIT_CARD"]},
        }
        config_path = tmp / "mixed.yaml"
        config_path.write_text(yaml.safe_dump(config))
        out = tmp / "run"
        proc = eurocurate("run", str(config_path), "--output", str(out), "--no-progress")
        hits = {path: route.hits for path, route in routes.items()}
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out, hits


def _rows(run: Path, folder: str) -> list[dict]:
    return [row for path in sorted(run.glob(f"{folder}/*/*.parquet")) for row in pq.read_table(path).to_pylist()]


def test_one_output_whose_lineage_names_each_documents_family(mixed_run):
    run, _ = mixed_run
    kept = _rows(run, "data")
    families = {row["source_family"] for row in kept}
    assert families == {"web", "dataspace"}
    for row in kept:
        if row["source_family"] == "web":
            assert row["source_kind"] == "warc" and row["dataset_iri"] is None
        else:
            assert row["source_kind"] == "dcat" and row["source_uri"].endswith("catalogue.ttl")
            assert row["dataset_iri"].startswith("https://data.example.eu/id/dataset/")
            assert row["distribution_iri"] and row["license"] and row["url"].startswith("http://127.0.0.1:")
            assert row["fetch_date"] and row["checksum"].startswith("sha256:")
    dataspace = {(row["dataset_identifier"], row["archive_member"], row["language"]) for row in kept
                 if row["source_family"] == "dataspace"}
    assert dataspace == {
        ("beekeeping-de", None, "de"), ("pollinator-regulation", None, "en"), ("beekeeping-fr", None, "fr"),
        ("survey-memory", None, "en"), ("survey-memory", None, "de"), ("beekeeping-pl", None, "pl"),
        ("reports-south", "reports/alpine.jsonl", "it"), ("reports-south", "reports/south.xml", "es"),
    }


def test_every_hostile_or_gated_distribution_is_a_counted_rejection(mixed_run):
    run, hits = mixed_run
    read_rejects = [row for row in _rows(run, "rejects") if row["stage"] == "read" and row["source_family"] == "dataspace"]
    by_url = {row["url"].rsplit("/", 1)[-1]: row["reason"] for row in read_rejects}
    expected = {name: reason for name, (_route, reason) in HOSTILE.items()}
    expected.update({"colmenas-es.txt": "license_not_allowed", "wewnetrzny-pl.txt": "access_not_public"})
    assert {name: reason for name, reason in by_url.items() if name} == expected  # "": the metadata URL
    metadata = [row for row in read_rejects if row["url"] == METADATA_URL]
    assert [row["reason"] for row in metadata] == ["address_not_allowed"]
    licence_row = next(row for row in read_rejects if row["reason"] == "license_not_allowed")
    assert licence_row["license"] == licence_row["detail"] == "CC-BY-NC-4.0"
    # the run's accounting holds, and the manifest counts the same reasons
    manifest = json.loads((run / "manifest.json").read_text())
    stages = {stage["name"]: stage for stage in manifest["stages"]}
    for stage in stages.values():
        assert stage["in"] == stage["kept"] + stage["rejected"]
    for reason in list(expected.values()) + ["address_not_allowed"]:
        assert stages["read"]["reasons"].get(reason, 0) >= 1, reason
    # gated distributions were never downloaded; a failing server was retried once
    assert hits["/files/colmenas-es.txt"] == 0 and hits["/files/wewnetrzny-pl.txt"] == 0
    assert hits["/files/broken.txt"] == 2


def test_the_shipped_example_config_is_valid_and_its_samples_are_reproducible():
    cfg, base_dir = load_config(ROOT / "configs" / "dataspace.yaml")
    assert [spec.kind for spec in cfg.inputs] == ["dcat"] and cfg.dataspace.network is False
    folder = ROOT / "samples" / "dataspace"
    files = SAMPLES["sample_files"]()
    for name, content in files.items():
        assert (folder / "mirror" / SAMPLES["HOST"] / "files" / name).read_bytes() == content, name
    expected = SAMPLES["catalogue_turtle"](f"https://{SAMPLES['HOST']}/files/", files)
    assert (folder / "catalogue.ttl").read_text(encoding="utf-8") == expected
