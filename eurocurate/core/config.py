"""The config base every stage's settings build on: strict models (a mistyped key is an error naming it)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ConfigError(ValueError):
    """A config that cannot be used; the message is one line naming the key and what was expected."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StageResources(Strict):
    """What one Ray task of a phase asks the scheduler for."""

    num_cpus: float = Field(1.0, gt=0)
    num_gpus: float = Field(0.0, ge=0)
    memory_mb: int | None = Field(None, gt=0, description="reserve this much memory per task (Ray 'memory')")

    def ray_options(self) -> dict:
        options: dict = {"num_cpus": self.num_cpus}
        if self.num_gpus:
            options["num_gpus"] = self.num_gpus
        if self.memory_mb:
            options["memory"] = self.memory_mb * 1024 * 1024
        return options


def absolute_path(path: str, base_dir) -> str:
    """A path from a config, made absolute against the config's folder (workers may run elsewhere); URLs as given."""
    from pathlib import Path

    if "://" in path:
        return path
    candidate = Path(path)
    return str((candidate if candidate.is_absolute() else Path(base_dir) / candidate).resolve())
