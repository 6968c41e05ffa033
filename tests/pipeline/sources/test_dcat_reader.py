"""The data-space reader on its own (no Ray): what it yields per distribution, and what it counts per catalogue."""

from __future__ import annotations

from eurocurate.pipeline.config import DataSpaceConfig
from eurocurate.pipeline.sources.dataspace import iter_dataspace_documents
from eurocurate.pipeline.sources.warc import ReadReport

PROSE = "Die Bienen haben im Frühjahr viel Nektar gesammelt, und die Imker sind mit dem Jahr zufrieden. " * 3


def _catalogue(tmp_path, entries: list[tuple[str, str | None, str]]) -> str:
    """entries: (name, licence id or None, download URL)."""
    lines = ["@prefix dcat: <http://www.w3.org/ns/dcat#> .", "@prefix dct: <http://purl.org/dc/terms/> .",
             "@prefix lic: <http://publications.europa.eu/resource/authority/licence/> ."]
    for name, licence, url in entries:
        licence_triple = f" dct:license lic:{licence} ;" if licence else ""
        lines += [f"<https://x.eu/ds/{name}> a dcat:Dataset ;{licence_triple} dcat:distribution <https://x.eu/d/{name}> .",
                  f"<https://x.eu/d/{name}> a dcat:Distribution ; dcat:downloadURL <{url}> ."]
    path = tmp_path / "catalogue.ttl"
    path.write_text("\n".join(lines))
    return str(path)


def test_each_distribution_gives_documents_or_one_rejection_with_lineage(tmp_path):
    files = tmp_path / "files"
    files.mkdir()
    (files / "a.txt").write_text(PROSE)
    (files / "b.pdf").write_bytes(b"%PDF-1.4 broken")
    path = _catalogue(tmp_path, [
        ("a", "CC0", (files / "a.txt").as_uri()),
        ("b", "CC_BY_4_0", (files / "b.pdf").as_uri()),
        ("c", None, (files / "a.txt").as_uri()),
        ("d", "CC_BY_4_0", "file:///etc/hostname"),
        ("e", "CC_BY_4_0", "ftp://x.eu/file.txt"),
    ])
    report = ReadReport()
    docs = list(iter_dataspace_documents(path, path, report, DataSpaceConfig(file_roots=["files"])))
    by_dataset = {doc["dataset_iri"].rsplit("/", 1)[-1]: doc for doc in docs}
    assert len(docs) == 5 and not report.file_errors
    kept = by_dataset["a"]
    assert "_reject" not in kept and kept["text"] == PROSE and kept["license"] == "CC0-1.0"
    assert kept["source_family"] == "dataspace" and kept["distribution_iri"] == "https://x.eu/d/a"
    assert {k: by_dataset[k]["_reject"][0] for k in "bcde"} == {
        "b": "unparseable", "c": "license_missing", "d": "file_url_not_allowed", "e": "url_not_allowed"}
    assert len({doc["id"] for doc in docs}) == 5


def test_ids_are_stable_across_reads(tmp_path):
    (tmp_path / "a.txt").write_text(PROSE)
    path = _catalogue(tmp_path, [("a", "CC0", (tmp_path / "a.txt").as_uri())])
    cfg = DataSpaceConfig(file_roots=["."])
    first = [d["id"] for d in iter_dataspace_documents(path, path, ReadReport(), cfg)]
    assert first == [d["id"] for d in iter_dataspace_documents(path, path, ReadReport(), cfg)]


def test_an_unreadable_catalogue_is_a_counted_file_error(tmp_path):
    path = tmp_path / "bad.ttl"
    path.write_text("this is not turtle <")
    report = ReadReport()
    assert list(iter_dataspace_documents(str(path), str(path), report, DataSpaceConfig())) == []
    (error,) = report.file_errors
    assert error["file"] == str(path) and error["error"] == "catalogue_unparseable"
    assert error["detail"].startswith("turtle: BadSyntax at line 1: ")  # rdflib's line and cause, not the input
