"""Learned quality classifiers (fastText or transformers) scoring every kept document, on GPUs where Ray has
them. Runs as its own phase on Ray actors (models load once per actor), after the per-document stages."""

from eurocurate.core.config import StageResources
from eurocurate.core.stage import StageInfo
from eurocurate.filters.model_quality.config import ModelQualityConfig

INFO = StageInfo(
    name="model_quality", stage_class="eurocurate.filters.model_quality.stage:ModelQualityWorker",
    config_key="model_quality", columns=("quality_model_scores",),
    # actors ask for model_quality.num_cpus / num_gpus (one GPU each where the cluster has GPUs)
    resources=StageResources(num_cpus=1.0, num_gpus=1.0),
    summary="scores documents with learned classifiers; rejects those under a model's threshold",
)

__all__ = ["INFO", "ModelQualityConfig"]
