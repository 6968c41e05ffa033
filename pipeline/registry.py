"""The stage registry: which stages a run has, in which order, built from the config.

Built-in stages declare themselves (`INFO`, a StageInfo, in each stage subpackage); stages of your own are
named by import path in the config (`stages: [{stage: mypkg.module:MyFilter, after: quality}]`) or given as
objects through the Python API. Everything that lists stages (file task, runner, manifest, inspect, report,
schema docs) asks this module instead of keeping a list of its own.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Sequence

from eurocurate.core.config import ConfigError, StageResources
from eurocurate.core.stage import ReadStage, StageInfo, snake_case
from eurocurate.pipeline.config import BUILTIN_CHAIN, CustomStageConfig, RunConfig

# The stage subpackages, in chain order; each holds an INFO.
STAGE_PACKAGES = {
    "optout": "eurocurate.filters.optout",
    "extract": "eurocurate.filters.extract",
    "langid": "eurocurate.filters.langid",
    "quality": "eurocurate.filters.quality",
    "pii": "eurocurate.filters.pii",
    "model_quality": "eurocurate.filters.model_quality",
    "dedup": "eurocurate.dedup",
}
READ_INFO = StageInfo(
    name="read", stage_class="eurocurate.core.stage:ReadStage",
    columns=("id", "url", "host", "fetch_date", "source_family", "source_kind", "source_uri", "record_id",
             "record_offset", "license", "dataset_iri", "distribution_iri", "dataset_identifier", "dataset_title",
             "publisher", "access_rights", "media_type", "declared_languages", "checksum", "odrl_policy",
             "archive_member"),
    summary="accounts for what the readers yielded: records they could not use are rejected here",
)
# Columns the run itself fills (not a stage): when phase 1 finishes a document, and from run.json.
RUN_COLUMNS = ("text_sha256", "run_id", "models")


def stage_info(name: str) -> StageInfo:
    if name == "read":
        return READ_INFO
    return importlib.import_module(STAGE_PACKAGES[name]).INFO


def builtin_infos() -> list[StageInfo]:
    """Every built-in stage, in the order documents meet them."""
    return [stage_info(name) for name in ("read", *STAGE_PACKAGES)]


def load_object(path: str):
    """`package.module:Attribute` -> the attribute."""
    module_name, _, attribute = path.partition(":")
    try:
        target = importlib.import_module(module_name)
    except ImportError as exc:
        raise ConfigError(f"stage '{path}': cannot import {module_name} ({exc})") from None
    for part in attribute.split("."):
        try:
            target = getattr(target, part)
        except AttributeError:
            raise ConfigError(f"stage '{path}': {module_name} has no {attribute}") from None
    return target


def custom_stage_name(spec: CustomStageConfig, stage=None) -> str:
    if spec.name:
        return spec.name
    if stage is not None and isinstance(getattr(stage, "name", None), str):
        return stage.name
    return snake_case(spec.stage.rpartition(":")[2].rpartition(".")[2])


def _place(custom: Sequence[tuple[str, str]]) -> list[str]:
    """Chain order: the built-ins, each custom stage right after the one it names (in listed order)."""
    order = list(BUILTIN_CHAIN)
    for name, after in custom:
        if name in order:
            raise ConfigError(f"stages: the name '{name}' is taken; give the stage another `name`")
        if after not in order:
            raise ConfigError(f"stages: '{name}' runs after '{after}', which is not a stage before it "
                              f"(one of {', '.join(order)})")
        index = order.index(after) + 1
        # after the same stage as an earlier custom one: keep the order they are listed in
        while index < len(order) and order[index] not in BUILTIN_CHAIN:
            index += 1
        order.insert(index, name)
    return order


def chain_names(cfg: RunConfig) -> tuple[str, ...]:
    """Names of the per-document stages (phase 1) in order."""
    return tuple(_place([(custom_stage_name(s), s.after) for s in cfg.stages]))


def build_custom_stage(spec: CustomStageConfig):
    """An instance of a configured stage of your own; datatrove filters and formatters are wrapped."""
    target = load_object(spec.stage)
    try:
        stage = target(**spec.options) if callable(target) else target
    except TypeError as exc:
        raise ConfigError(f"stage '{spec.stage}': options do not fit ({exc})") from None
    if is_datatrove_step(stage):
        from eurocurate.filters.datatrove_adapters import DatatroveStage

        stage = DatatroveStage(stage, name=custom_stage_name(spec))
    elif not callable(getattr(stage, "process", None)):
        raise ConfigError(f"stage '{spec.stage}': has no process(doc) method and is not a datatrove step")
    stage.name = custom_stage_name(spec, stage)
    return stage


def is_datatrove_step(obj) -> bool:
    return any(f"{c.__module__}.{c.__name__}" == "datatrove.pipeline.base.PipelineStep" for c in type(obj).__mro__)


def build_chain(cfg: RunConfig, objects: dict | None = None) -> list:
    """The per-document stages of a run, ready to process documents (loads models: once per worker)."""
    built = {"read": ReadStage()}
    for name in BUILTIN_CHAIN[1:]:
        info = stage_info(name)
        built[name] = load_object(info.stage_class)(getattr(cfg, info.config_key))
    for spec in cfg.stages:
        name = custom_stage_name(spec)
        if objects and name in objects:
            stage = objects[name]
            stage.name = name
        else:
            stage = build_custom_stage(spec)
        built[stage.name] = stage
    return [built[name] for name in chain_names(cfg)]


def stage_resources(cfg: RunConfig, name: str, declared: StageResources | None = None) -> StageResources:
    if name in cfg.resources.stages:
        return cfg.resources.stages[name]
    if declared is not None:
        return declared
    return stage_info(name).resources if name in ("read", *STAGE_PACKAGES) else StageResources()


def documents_task_resources(cfg: RunConfig, objects: dict | None = None) -> StageResources:
    """One phase-1 task runs the whole chain, so it asks for the most that any stage of it needs."""
    needs = [cfg.resources.documents]
    for name in chain_names(cfg):
        declared = getattr((objects or {}).get(name), "resources", None)
        needs.append(stage_resources(cfg, name, declared if isinstance(declared, StageResources) else None))
    memory = [n.memory_mb for n in needs if n.memory_mb]
    return StageResources(num_cpus=max(n.num_cpus for n in needs), num_gpus=max(n.num_gpus for n in needs),
                          memory_mb=max(memory) if memory else None)


def models_declared(cfg: RunConfig, languages: Sequence[str] = ()) -> list[dict]:
    """The models and data files the per-document stages use, as each declares them."""
    entries: list[dict] = []
    for name in BUILTIN_CHAIN[1:]:
        info = stage_info(name)
        if info.models:
            entries.extend(load_object(info.models)(getattr(cfg, info.config_key), list(languages)))
    return entries


def resolve_references(cfg: RunConfig, base_dir) -> tuple[RunConfig, str]:
    """The config with the files its stages name made absolute (workers may run elsewhere), and a fingerprint of
    what is read from them, so that changing a threshold or robots.txt file is a change of config."""
    update, fingerprint = {}, {}
    for name in BUILTIN_CHAIN[1:]:
        info = stage_info(name)
        if info.references:
            settings, read = load_object(info.references)(getattr(cfg, info.config_key), base_dir)
            update[info.config_key] = settings
            fingerprint.update(read)
    return cfg.model_copy(update=update), json.dumps(fingerprint, sort_keys=True)


def stage_columns(name: str) -> tuple[str, ...]:
    """The output columns a stage fills (custom stages fill none of the fixed schema)."""
    return stage_info(name).columns if name in ("read", *STAGE_PACKAGES) else ()
