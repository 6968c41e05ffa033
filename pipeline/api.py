"""The Python API: `eurocurate.Pipeline(...)` builds what a YAML config describes, and runs it.

    import eurocurate
    from eurocurate.filters.langid import LangIdConfig

    pipe = eurocurate.Pipeline(
        inputs=["crawl/*.warc.gz"],
        stages=[LangIdConfig(languages=["de", "fr"]), MyFilter(min_words=80)],
        dedup=True,
        output="runs/mine",
    )
    result = pipe.run()          # what `eurocurate run` does with pipe.to_yaml()

YAML is its serialised form: `to_yaml()` writes a config whose run has the same config hash, and
`Pipeline.from_yaml(path)` reads one.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from eurocurate.core.config import ConfigError
from eurocurate.dedup.config import DedupConfig
from eurocurate.pipeline.config import CustomStageConfig, InputSpec, OutputConfig, RunConfig, load_config

# Built-in stages' settings classes -> their key in a run config.
_BUILTIN_SETTINGS = {
    "ExtractConfig": "extract", "OptOutConfig": "optout", "LangIdConfig": "langid", "QualityConfig": "quality",
    "PiiConfig": "pii", "ModelQualityConfig": "model_quality",
}
_KIND_BY_SUFFIX = {
    ".warc": "warc", ".arc": "warc", ".wet": "wet", ".html": "html", ".htm": "html", ".jsonl": "jsonl",
    ".json": "jsonl", ".parquet": "parquet", ".ttl": "dcat", ".jsonld": "dcat", ".rdf": "dcat", ".nt": "dcat",
}


def _input_kind(path: str) -> str:
    suffixes = [s for s in Path(path.rstrip("/*")).suffixes if s != ".gz"]
    if ".wet" in suffixes:
        return "wet"
    return _KIND_BY_SUFFIX.get(suffixes[-1] if suffixes else "", "warc")


def _input_spec(item) -> InputSpec:
    if isinstance(item, InputSpec):
        return item
    if isinstance(item, dict):
        return InputSpec.model_validate(item)
    if isinstance(item, (str, Path)):
        return InputSpec(kind=_input_kind(str(item)), paths=[str(item)])
    raise ConfigError(f"inputs: expected a path, a dict or an InputSpec, got {type(item).__name__}")


def _plain_options(obj) -> dict:
    """The public, YAML-writable attributes of a stage object: what `to_yaml` records as its options."""
    simple = (str, int, float, bool, type(None))

    def plain(value) -> bool:
        if isinstance(value, simple):
            return True
        if isinstance(value, (list, tuple)):
            return all(plain(v) for v in value)
        if isinstance(value, dict):
            return all(isinstance(k, str) and plain(v) for k, v in value.items())
        return False

    return {k: v for k, v in sorted(vars(obj).items()) if not k.startswith("_") and k != "name" and plain(v)}


class Pipeline:
    """A run's settings and stages; `run()` executes them on Ray (embedded, or the cluster at `ray_address`).

    inputs: paths (their kind read from the suffix: .warc[.gz], .wet, .html, .jsonl, .parquet, .ttl/.jsonld),
        dicts or InputSpec.
    stages: in any order, each one of: a built-in stage's settings (e.g. LangIdConfig(...), QualityConfig(...)),
        replacing its defaults; a CustomStageConfig or a dict like YAML's `stages:` entries; or an object of
        your own with `process(doc) -> Keep | Reject` (or a datatrove filter or formatter), run after `pii`
        unless it has an `after` attribute naming another stage.
    dedup: True (defaults), False (off) or a DedupConfig.
    output: the run folder (or an OutputConfig).
    settings: any other top-level key of a run config (name, ray, resources, dataspace, ...).
    """

    def __init__(self, inputs, stages=(), dedup: bool | DedupConfig = True, output=None, **settings):
        data: dict = dict(settings)
        data["inputs"] = [_input_spec(i) for i in ([inputs] if isinstance(inputs, (str, Path)) else inputs)]
        if isinstance(dedup, DedupConfig):
            data["dedup"] = dedup
        else:
            data["dedup"] = DedupConfig(enabled=bool(dedup))
        if output is not None:
            data["output"] = output if isinstance(output, OutputConfig) else OutputConfig(dir=str(output))
        custom: list[CustomStageConfig] = []
        self.stage_objects: dict[str, object] = {}
        for stage in stages:
            key = _BUILTIN_SETTINGS.get(type(stage).__name__)
            if key is not None:
                data[key] = stage
            elif isinstance(stage, (CustomStageConfig, dict)):
                custom.append(CustomStageConfig.model_validate(stage) if isinstance(stage, dict) else stage)
            else:
                custom.append(self._add_object(stage))
        data["stages"] = custom
        try:
            self.config = RunConfig.model_validate(data)
        except Exception as exc:  # pydantic's message names the key
            raise ConfigError(f"Pipeline: {exc}") from None
        self.base_dir = Path.cwd()

    def _add_object(self, stage) -> CustomStageConfig:
        from eurocurate.pipeline.registry import is_datatrove_step, custom_stage_name

        cls = type(stage)
        spec = CustomStageConfig(stage=f"{cls.__module__}:{cls.__qualname__}",
                                 after=getattr(stage, "after", None) or "pii", options=_plain_options(stage))
        if is_datatrove_step(stage):
            from eurocurate.filters.datatrove_adapters import DatatroveStage

            stage = DatatroveStage(stage)
        elif not callable(getattr(stage, "process", None)):
            raise ConfigError(f"stages: {cls.__name__} has no process(doc) method and is not a datatrove step")
        name = custom_stage_name(spec, stage)
        spec = spec.model_copy(update={"name": name})
        self.stage_objects[name] = stage
        return spec

    @classmethod
    def from_yaml(cls, path: str | Path) -> Pipeline:
        cfg, base_dir = load_config(path)
        pipe = cls.__new__(cls)
        pipe.config, pipe.base_dir, pipe.stage_objects = cfg, base_dir, {}
        return pipe

    def to_yaml(self) -> str:
        """The config this pipeline stands for (what `eurocurate run` reads); the run's config hash is the same."""
        data = self.config.model_dump(mode="json", exclude_defaults=True)
        data.setdefault("inputs", [i.model_dump(mode="json") for i in self.config.inputs])
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)

    def run(self, output: str | Path | None = None, ray_address: str | None = None, workers: int | None = None,
            overwrite: bool = False, progress: bool = False):
        """Run into `output` (default: the config's output.dir, else runs/<name>); returns a RunResult."""
        from eurocurate.pipeline.runner import run_pipeline

        out_dir = Path(output or self.config.output.dir or f"runs/{self.config.name}")
        address = ray_address or os.environ.get("RAY_ADDRESS") or self.config.ray.address
        return run_pipeline(self.config, self.base_dir, out_dir, address=address,
                            workers=workers or self.config.ray.workers, overwrite=overwrite,
                            show_progress=progress, stage_objects=self.stage_objects or None)
