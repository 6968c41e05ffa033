"""datatrove both ways: its filters and formatters as eurocurate stages, eurocurate stages as datatrove steps."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("datatrove")

from datatrove.data import Document  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.base import PipelineStep  # noqa: E402

from eurocurate.core.stage import StageStats, run_stages  # noqa: E402
from eurocurate.filters.datatrove_adapters import EurocurateStep  # noqa: E402
from eurocurate.pipeline.config import CustomStageConfig  # noqa: E402
from eurocurate.pipeline.registry import build_custom_stage  # noqa: E402
from tests.sample_texts import GERMAN  # noqa: E402

FRENCH_SHORT = "Bonjour.\nMerci.\nOui.\n"


# datatrove's Gopher filter counts English stop words unless given others
STOP_WORDS = {"de": ["der", "die", "das", "und", "den", "zu", "sie"], "fr": ["le", "la", "les", "et", "de", "des"]}


def _stage(path: str, language: str):
    options = {"language": language}
    if "Gopher" in path:
        options["stop_words"] = STOP_WORDS[language]
    return build_custom_stage(CustomStageConfig(stage=path, options=options))


@pytest.mark.parametrize("path", [
    "datatrove.pipeline.filters:GopherQualityFilter",
    "datatrove.pipeline.filters:C4QualityFilter",
    "datatrove.pipeline.filters:FineWebQualityFilter",
])
def test_datatrove_filters_run_as_stages_and_their_reasons_become_rejects(path):
    german = _stage(path, language="de")
    french = _stage(path, language="fr")
    stats = {german.name: StageStats()}
    kept, rejected = run_stages([{"id": "de", "text": GERMAN}], [german], stats)
    assert [d["id"] for d in kept] == ["de"], rejected
    stats = {french.name: StageStats()}
    kept, rejected = run_stages([{"id": "fr", "text": FRENCH_SHORT}], [french], stats)
    assert kept == [] and rejected[0]["stage"] == french.name
    reason = rejected[0]["reason"]
    assert reason and reason != "stage_error", rejected[0]
    assert stats[french.name].reasons == {reason: 1}
    # datatrove's own counters are kept on the step, as its executor keeps them
    assert french.step.stats.stats[f"dropped_{reason}"].total == 1


def test_a_datatrove_formatter_change_is_recorded():
    stage = build_custom_stage(CustomStageConfig(stage="datatrove.pipeline.formatters:SymbolLinesFormatter"))
    doc = {"id": "x", "text": "Ein Absatz mit Text.\n***\n---\nNoch ein Absatz."}
    kept, _ = run_stages([doc], [stage], {stage.name: StageStats()})
    assert kept[0]["text"] == "Ein Absatz mit Text.\nNoch ein Absatz."
    assert kept[0]["annotations"] == [{"stage": "symbol_lines_formatter", "key": "text_changed",
                                       "value": "45->37 chars"}]


class _CollectJsonl(PipelineStep):
    """The last step of the test pipeline: every document it sees as one JSON line."""

    name = "collect"

    def __init__(self, path: str):
        super().__init__()
        self.path = path

    def run(self, data, rank: int = 0, world_size: int = 1):
        with open(self.path, "w", encoding="utf-8") as out:
            for document in data:
                out.write(json.dumps({"id": document.id, "text": document.text, "metadata": document.metadata}) + "\n")
                yield document


def test_eurocurate_stages_run_inside_a_datatrove_executor(tmp_path):
    page = (f"<html><head><title>Datenschutz</title></head><body><nav>Start | Impressum</nav><article><h1>Neue "
            f"Regeln</h1>{''.join(f'<p>{line}</p>' for line in GERMAN.splitlines())}<p>Kontakt: "
            f"redaktion@example.de</p></article></body></html>")
    reserved = '<html><head><meta name="robots" content="noai"></head><body><p>' + GERMAN + "</p></body></html>"
    documents = [
        Document(text=page, id="page", metadata={"url": "https://example.de/regeln"}),
        Document(text=reserved, id="reserved", metadata={"url": "https://example.de/noai"}),
        Document(text="<html><body><p>Kurz.</p></body></html>", id="short", metadata={"url": "https://x.de/"}),
    ]
    out = tmp_path / "out.jsonl"
    steps = [EurocurateStep(name) for name in ("optout", "extract", "langid", "quality", "pii")]
    executor = LocalPipelineExecutor(pipeline=[documents, *steps, _CollectJsonl(str(out))], tasks=1, workers=1,
                                     logging_dir=str(tmp_path / "logs"))
    executor.run()
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["page"]
    row = rows[0]
    assert row["metadata"]["language"] == "de" and row["metadata"]["optout_status"] == "none"
    assert "<p>" not in row["text"] and "Impressum" not in row["text"]
    assert "redaktion@example.de" not in row["text"] and "<EMAIL_ADDRESS>" in row["text"]
    assert row["metadata"]["pii_counts"] == [{"type": "EMAIL_ADDRESS", "count": 1}]
    # the executor's own stats file: each eurocurate stage's rejects under datatrove's dropped_<reason>
    stats = {s["name"].split(": ")[-1]: s["stats"] for s in json.loads((tmp_path / "logs" / "stats.json").read_text())}
    assert stats["eurocurate optout"]["dropped_noai_directive"] == 1
    assert stats["eurocurate extract"]["dropped_too_short"] == 1
    assert stats["eurocurate pii"]["forwarded"] == 1
