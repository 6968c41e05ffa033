"""Starting an embedded Ray on loopback, or joining a cluster with this code shipped to its workers."""

from __future__ import annotations

import importlib
import logging
import os
import shutil
import tempfile
from pathlib import Path

import ray

from eurocurate.core.ray_tasks import release_free_memory, run_all, worker_task  # noqa: F401 - re-exported

# Arrow's default allocator (mimalloc) keeps freed pages for a while; a worker that runs one large task after
# another would otherwise hold each task's peak. Read by the allocator when a worker process starts.
WORKER_ENV = {"MIMALLOC_PURGE_DELAY": "0"}


def package_snapshot() -> Path:
    """The `eurocurate` package assembled in one folder, as Ray's py_modules needs it: its subpackages are
    installed from separate folders of the source tree (pyproject.toml's package-dir mapping)."""
    import eurocurate

    target = Path(tempfile.mkdtemp(prefix="eurocurate-code-")) / "eurocurate"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(Path(eurocurate.__file__).parent, target, ignore=ignore)
    for name in eurocurate.SUBPACKAGES:
        module = importlib.import_module(f"eurocurate.{name}")
        shutil.copytree(Path(module.__file__).parent, target / name, ignore=ignore, dirs_exist_ok=True)
    return target


def start_ray(address: str | None, workers: int | None) -> dict:
    """Join the cluster at `address`, or start an embedded single-machine Ray on loopback."""
    if ray.is_initialized():
        return ray.cluster_resources()
    if address:
        # Ship this install's code to the cluster so workers run the same version as the driver.
        ray.init(address=address, runtime_env={"py_modules": [str(package_snapshot())], "env_vars": WORKER_ENV},
                 logging_level=logging.WARNING,
                 log_to_driver=False)
    else:
        # Keep an embedded Ray on 127.0.0.1 rather than the machine's network address.
        os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
        # Workers of an embedded Ray inherit this process's environment (a runtime_env would start new ones).
        for name, value in WORKER_ENV.items():
            os.environ.setdefault(name, value)
        # Ray warns on every start that it turned token authentication on by default; for a cluster of one
        # machine bound to loopback that is expected, and the warning only buries the run's own output.
        logging.getLogger("ray._private.authentication.authentication_token_setup").setLevel(logging.ERROR)
        # "local" always starts a fresh instance: with no address at all, Ray would join whatever cluster
        # `ray start` last left running on this machine.
        ray.init(address="local", num_cpus=workers, include_dashboard=False, logging_level=logging.WARNING,
                 log_to_driver=False)
    return ray.cluster_resources()


def stop_ray() -> None:
    if ray.is_initialized():
        ray.shutdown()
