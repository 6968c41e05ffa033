"""The shape of the code: one eurocurate namespace, layers that import one way, stages that declare themselves."""

from __future__ import annotations

import ast
import shutil
import tomllib
from pathlib import Path

import pytest

from eurocurate.core.config import ConfigError
from eurocurate.core.language_settings import bundled_languages_dir, language_sections
from eurocurate.core.schema import DOCUMENT_SCHEMA
from eurocurate.pipeline.config import CustomStageConfig, RunConfig, load_config
from eurocurate.pipeline.registry import RUN_COLUMNS, builtin_infos, chain_names, documents_task_resources

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
PACKAGE_DIRS = PYPROJECT["tool"]["setuptools"]["package-dir"]  # "eurocurate.pipeline" -> "pipeline", ...


def _module_files() -> dict[str, Path]:
    """Every installed module of ours: dotted name -> file."""
    modules = {}
    for package, folder in PACKAGE_DIRS.items():
        for path in (ROOT / folder).rglob("*.py"):
            relative = path.relative_to(ROOT / folder).with_suffix("")
            parts = [p for p in relative.parts if p != "__init__"]
            name = ".".join([package, *parts])
            if name.startswith("eurocurate.") and any(name.startswith(f"{p}.") or name == p
                                                     for p in PACKAGE_DIRS if p != "eurocurate" and p != package):
                continue  # a subpackage mapped from another folder owns it
            modules[name] = path
    return modules


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return {name for name in found if name == "eurocurate" or name.startswith("eurocurate.")}


MODULES = _module_files()


def _layer(module: str) -> str:
    if module.startswith("eurocurate.core"):
        return "foundation"
    if module.startswith(("eurocurate.filters.", "eurocurate.dedup")):
        return "stage"
    if module.startswith("eurocurate.pipeline"):
        return "pipeline"
    return "front"


def test_every_installed_package_is_listed_and_mapped_from_its_folder():
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    on_disk = {name for name, path in MODULES.items() if path.name == "__init__.py"}
    assert on_disk == listed
    assert {PACKAGE_DIRS[p] for p in ("eurocurate.pipeline", "eurocurate.filters", "eurocurate.dedup")} == \
        {"pipeline", "filters", "dedup"}
    assert "eurocurate.configs" in listed  # the bundled per-language settings are package data


def test_imports_point_one_way_foundation_then_stages_then_pipeline():
    wrong = []
    for module, path in MODULES.items():
        layer = _layer(module)
        for target in _imports(path):
            target_layer = _layer(target)
            if layer == "foundation" and target_layer != "foundation":
                wrong.append(f"{module} (foundation) imports {target}")
            if layer == "stage":
                own = ".".join(module.split(".")[:3]) if module.startswith("eurocurate.filters.") \
                    else "eurocurate.dedup"
                if target_layer == "pipeline" or (target_layer == "stage" and not target.startswith(own)) \
                        or target == "eurocurate":
                    wrong.append(f"{module} (stage) imports {target}")
    assert wrong == []
    assert len(MODULES) > 80  # the walk did see the code


def test_the_columns_stages_declare_are_the_output_schema():
    declared = [c for info in builtin_infos() for c in info.columns]
    # `text` is filled by extract and rewritten by pii; every other column has one owner
    assert sorted(c for c in declared if c != "text") == sorted(set(c for c in declared if c != "text"))
    schema = set(DOCUMENT_SCHEMA.names)
    assert set(declared) | set(RUN_COLUMNS) | {"annotations"} == schema
    assert [i.name for i in builtin_infos()] == ["read", "optout", "extract", "langid", "quality", "pii",
                                                "model_quality", "dedup"]


def test_custom_stages_are_placed_after_the_stage_they_name_and_bad_ones_are_config_errors():
    cfg = RunConfig(inputs=[{"paths": ["x"]}], stages=[
        CustomStageConfig(stage="tests.stage_plugins:MinWords", after="quality"),
        CustomStageConfig(stage="a.b:Other", name="other", after="quality"),
        CustomStageConfig(stage="a.b:Late", name="late"),
    ])
    assert chain_names(cfg) == ("read", "optout", "extract", "langid", "quality", "min_words", "other", "pii",
                                "late")
    with pytest.raises(ConfigError, match="not a stage before it"):
        chain_names(RunConfig(inputs=[{"paths": ["x"]}], stages=[{"stage": "a.b:C", "after": "dedup"}]))
    with pytest.raises(ConfigError, match="is taken"):
        chain_names(RunConfig(inputs=[{"paths": ["x"]}], stages=[{"stage": "a.b:C", "name": "langid"}]))


def test_the_documents_task_asks_for_the_most_any_stage_of_its_chain_needs():
    cfg = RunConfig(inputs=[{"paths": ["x"]}],
                    resources={"stages": {"langid": {"num_cpus": 2, "memory_mb": 3000}}})
    needs = documents_task_resources(cfg)
    assert (needs.num_cpus, needs.num_gpus, needs.memory_mb) == (2, 0, 3000)
    assert documents_task_resources(RunConfig(inputs=[{"paths": ["x"]}])).ray_options() == {"num_cpus": 1.0}


def test_a_config_without_stages_of_its_own_keeps_its_hash_and_the_python_api_gives_the_yaml_hash(tmp_path):
    import eurocurate
    from eurocurate.filters.langid import LangIdConfig
    from tests.stage_plugins import MinWords

    cfg, _ = load_config(ROOT / "configs" / "demo.yaml")
    assert '"stages"' not in cfg.canonical_json()
    pipe = eurocurate.Pipeline(inputs=["crawl/*.warc.gz"], stages=[LangIdConfig(min_score=0.6), MinWords(150)],
                               dedup=False, output="runs/x", name="api")
    path = tmp_path / "api.yaml"
    path.write_text(pipe.to_yaml())
    from_yaml, _ = load_config(path)
    assert from_yaml.config_hash() == pipe.config.config_hash()
    assert from_yaml.stages[0].options == {"min_words": 150} and from_yaml.langid.min_score == 0.6
    assert from_yaml.dedup.enabled is False


def test_bundled_language_settings_are_package_data_and_a_missing_folder_is_an_error(tmp_path):
    bundled = bundled_languages_dir()
    assert len(list(bundled.glob("*.yaml"))) >= 24
    with pytest.raises(ConfigError, match="not found"):
        language_sections(tmp_path / "nowhere", "quality")


def test_a_changed_per_language_threshold_file_changes_the_result(tmp_path):
    from eurocurate.filters.quality.config import QualityConfig
    from eurocurate.filters.quality.stage import HeuristicQualityStage

    from tests.sample_texts import GERMAN as text

    doc = {"id": "x", "text": text, "language": "de"}
    assert type(HeuristicQualityStage(QualityConfig()).process(dict(doc))).__name__ == "Keep"
    folder = tmp_path / "languages"
    shutil.copytree(bundled_languages_dir(), folder)
    german = folder / "de.yaml"
    german.write_text("quality:\n  min_words: 100000\n")
    outcome = HeuristicQualityStage(QualityConfig(languages_dir=str(folder))).process(dict(doc))
    assert type(outcome).__name__ == "Reject" and outcome.reason == "too_few_words"


def test_the_config_hash_follows_the_settings_files_content_not_where_they_are_installed(tmp_path):
    from eurocurate.pipeline.runner import resolve_referenced_files

    fingerprints = []
    for name in ("one", "two"):
        folder = tmp_path / name
        shutil.copytree(bundled_languages_dir(), folder)
        cfg = RunConfig(inputs=[{"paths": ["x"]}], langid={"languages_dir": str(folder)},
                        quality={"languages_dir": str(folder)})
        fingerprints.append(resolve_referenced_files(cfg, tmp_path)[1])
    assert fingerprints[0] == fingerprints[1]
    (tmp_path / "two" / "de.yaml").write_text("quality:\n  min_words: 60\n")
    cfg = RunConfig(inputs=[{"paths": ["x"]}], quality={"languages_dir": str(tmp_path / "two")})
    assert resolve_referenced_files(cfg, tmp_path)[1] != fingerprints[0]


def test_the_schema_docs_name_each_columns_stage_as_the_stage_declares_it():
    import re

    documented = {}
    for line in (ROOT / "docs" / "schema.md").read_text().splitlines():
        match = re.match(r"\| `(\w+)` \| `[^|]*`[^|]* \| ([^|]*) \|", line)
        if match:
            documented.setdefault(match.group(1), match.group(2))
    assert set(DOCUMENT_SCHEMA.names) <= set(documented)
    for info in builtin_infos():
        for column in info.columns:
            assert info.name in documented[column], (column, info.name, documented[column])


def test_tests_are_laid_out_like_the_code():
    """Each test folder mirrors a package of ours (tests/filters/pii <-> filters/pii, tests/core <-> eurocurate/core),
    so a stage's tests are found beside its name."""
    folders = [p.parent.relative_to(ROOT / "tests") for p in (ROOT / "tests").rglob("test_*.py")]
    nested = {f for f in folders if f != Path(".")}
    assert nested, "tests are not laid out in folders"
    for folder in nested:
        code = [ROOT / folder, ROOT / "eurocurate" / folder]  # eurocurate/core is the foundation's folder
        assert any((c / "__init__.py").is_file() for c in code), f"tests/{folder} mirrors no package folder"
        assert (ROOT / "tests" / folder / "__init__.py").is_file(), f"tests/{folder} has no __init__.py"
