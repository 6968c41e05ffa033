"""The report's language-ID section: published labels set beside lid.176's own, counted without gold labels."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from eurocurate.filters.langid.stage import file_sha256, lid176_path
from eurocurate.pipeline.report_langid import langid_section

# written for this project
TAGALOG = ("Ang mga bata ay naglalaro sa labas ng bahay tuwing hapon. Masaya silang nagtatakbuhan habang nagluluto "
           "ang kanilang ina ng hapunan.")
ENGLISH = "The children play outside the house every afternoon while their mother cooks dinner in the kitchen."
GERMAN = "Die Kinder spielen jeden Nachmittag vor dem Haus, während ihre Mutter in der Küche das Abendessen kocht."


def _run(tmp_path: Path, docs: list[tuple[str, str]], sha256: str | None = None) -> Path:
    """A run folder with what the section reads: the manifest's langid model and the kept shards."""
    (tmp_path / "manifest.json").write_text(json.dumps({"models": [
        {"stage": "langid", "name": "lid.176", "sha256": sha256 or file_sha256(str(lid176_path()))}]}))
    by_language: dict[str, list[tuple[str, str]]] = {}
    for label, text in docs:
        by_language.setdefault(label, []).append((label, text))
    for label, rows in by_language.items():
        folder = tmp_path / "data" / label
        folder.mkdir(parents=True)
        pq.write_table(pa.table({
            "language": [r[0] for r in rows],
            "language_top": [[{"lang": r[0], "score": 0.9}] for r in rows],
            "text": [r[1] for r in rows],
        }), folder / "part-00000.parquet")
    return tmp_path


def test_moves_away_from_lid176_are_counted_per_label(tmp_path):
    # as if a stage had published the Tagalog text as Irish: a move from a non-EU label into an EU one
    run = _run(tmp_path, [("ga", TAGALOG), ("en", ENGLISH), ("de", GERMAN)])
    section = langid_section(run)
    assert section["available"] and section["documents_checked"] == 3 == section["documents_kept"]
    assert section["moved"] == 1
    assert section["by_label"]["ga"] == {"documents": 1, "moved_in": 1, "from": {"tl": 1}}
    assert section["by_label"]["en"]["moved_in"] == 0
    assert section["by_model_label"]["tl"]["to"] == {"ga": 1}
    assert section["non_eu_model_label"] == 1 and section["non_eu_to_eu"] == 1
    assert section["non_eu_to_eu_share"] == 1.0
    assert section["top_moves"] == [["tl", "ga", 1]]
    assert "no gold labels" in section["what_it_counts"]


def test_no_moves_when_the_labels_are_lid176s_own(tmp_path):
    section = langid_section(_run(tmp_path, [("tl", TAGALOG), ("en", ENGLISH)]))
    assert section["moved"] == 0 and section["non_eu_to_eu"] == 0 and section["non_eu_model_label"] == 1


def test_a_run_with_another_model_is_not_compared(tmp_path):
    section = langid_section(_run(tmp_path, [("en", ENGLISH)], sha256="0" * 64))
    assert section == {"available": False,
                       "why": "the run used another language-ID model than the lid.176 installed here"}


def test_at_most_the_limit_is_checked(tmp_path):
    section = langid_section(_run(tmp_path, [("en", ENGLISH), ("de", GERMAN)]), limit=1)
    assert section["documents_checked"] == 1 and section["documents_kept"] == 2
