"""datatrove both ways (`pip install 'eurocurate[datatrove]'`).

- `DatatroveStage`: any datatrove filter or formatter as a eurocurate stage. A filter's `(False, reason)` becomes
  a reject with that reason; a formatter's change to the text is recorded in `annotations`; the step's own
  counters are kept on it (`step.stats`) as datatrove keeps them.
- `EurocurateStep`: a eurocurate per-document stage (opt-out, extraction, language ID, PII scrub, heuristic
  quality, or one of your own) as a datatrove `PipelineStep` on datatrove `Document`s, for teams that run
  datatrove pipelines.

datatrove is imported only when one of these is used.
"""

_WHERE = {"DatatroveStage": "from_datatrove", "EurocurateStep": "to_datatrove"}


def __getattr__(name: str):
    if name in _WHERE:
        import importlib

        try:
            module = importlib.import_module(f"eurocurate.filters.datatrove_adapters.{_WHERE[name]}")
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.split(".")[0] == "datatrove":
                raise ImportError("datatrove is not installed: pip install 'eurocurate[datatrove]'") from None
            raise
        return getattr(module, name)
    raise AttributeError(name)


__all__ = ["DatatroveStage", "EurocurateStep"]
