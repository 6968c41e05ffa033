"""eurocurate: European LLM-pretraining data curation.

The front door. `Pipeline` builds and runs what a YAML config describes; `load_config` reads one; `Stage`,
`Keep` and `Reject` are the contract a stage of your own follows. The subpackages are installed from the
repository's top-level folders: `eurocurate.pipeline` (CLI, planning, runner, audit commands),
`eurocurate.filters` (one subpackage per per-document stage), `eurocurate.dedup`, `eurocurate.core` (the
foundation every layer builds on) and `eurocurate.configs` (bundled per-language settings).
"""

from __future__ import annotations

__version__ = "0.1.0"

# Folders installed into this namespace besides this one (see pyproject.toml's package-dir mapping).
SUBPACKAGES = ("pipeline", "filters", "dedup", "configs")

_API = {
    "Pipeline": "eurocurate.pipeline.api",
    "load_config": "eurocurate.pipeline.config",
    "RunConfig": "eurocurate.pipeline.config",
    "Stage": "eurocurate.core.stage",
    "Keep": "eurocurate.core.stage",
    "Reject": "eurocurate.core.stage",
}


def __getattr__(name: str):
    # Imported on first use: `import eurocurate` stays cheap (Ray workers import it for every task).
    if name in _API:
        import importlib

        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'eurocurate' has no attribute {name!r}")


__all__ = ["__version__", *_API]
