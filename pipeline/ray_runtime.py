"""Starting an embedded Ray on loopback, or joining a cluster with this code shipped to its workers."""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import signal
import threading
import shutil
import tempfile
from pathlib import Path

import ray

from eurocurate.core.ray_tasks import release_free_memory, run_all, worker_task  # noqa: F401 - re-exported

# Arrow's default allocator (mimalloc) keeps freed pages for a while; a worker that runs one large task after
# another would otherwise hold each task's peak. Read by the allocator when a worker process starts.
WORKER_ENV = {"MIMALLOC_PURGE_DELAY": "0"}
# Set by the driver before Ray starts and handed to a cluster's workers as they are (an embedded Ray's workers
# inherit the driver's environment anyway).
FORWARDED_ENV = ("EUROCURATE_WORK_STORAGE_OPTIONS",)
LOOPBACK = "127.0.0.1"
log = logging.getLogger("eurocurate")


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
    with _signal_handlers_kept():
        return _start_ray(address, workers)


@contextlib.contextmanager
def _signal_handlers_kept():
    """ray.init installs its own SIGTERM handler in the driver; the CLI's (clean stop, exit 143) stays."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    kept = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in kept.items():
            if callable(handler):
                signal.signal(signum, handler)


def _start_ray(address: str | None, workers: int | None) -> dict:
    if address:
        # Ship this install's code to the cluster so workers run the same version as the driver.
        env_vars = {**WORKER_ENV, **{name: os.environ[name] for name in FORWARDED_ENV if name in os.environ}}
        ray.init(address=address, runtime_env={"py_modules": [str(package_snapshot())], "env_vars": env_vars},
                 logging_level=logging.WARNING,
                 log_to_driver=False)
    else:
        # Keep an embedded Ray on 127.0.0.1 rather than the machine's network address. Ray reads the variable
        # once, when it is imported (often before this runs): its constant is set as well.
        os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
        _single_machine_mode()
        # Workers of an embedded Ray inherit this process's environment (a runtime_env would start new ones).
        for name, value in WORKER_ENV.items():
            os.environ.setdefault(name, value)
        # Ray warns on every start that it turned token authentication on by default; for a cluster of one
        # machine bound to loopback that is expected, and the warning only buries the run's own output.
        logging.getLogger("ray._private.authentication.authentication_token_setup").setLevel(logging.ERROR)
        # "local" always starts a fresh instance: with no address at all, Ray would join whatever cluster
        # `ray start` last left running on this machine.
        # The node IP given explicitly: Ray binds its gRPC servers (GCS, raylet, workers) to the node IP it is
        # given, and to every interface without one.
        # Idle footprint: no dashboard; no Python workers started ahead of the first task (Ray prestarts one per
        # CPU, about 47 MB each, while the driver is still planning). Ray 2.60 starts its DashboardAgent and
        # RuntimeEnvAgent whatever it is told; a smaller object store changes nothing resident while idle.
        # Measured at 2 CPUs (PSS of Ray's processes, 15 s after start): 436 MB -> 349 MB; the demo's wall time
        # is unchanged (interleaved runs, median 11.1 s with prestart, 11.3 s without).
        ray.init(address="local", num_cpus=workers, include_dashboard=False, logging_level=logging.WARNING,
                 log_to_driver=False, _node_ip_address=LOOPBACK,
                 _system_config={"enable_worker_prestart": False, "prestart_worker_first_driver": False})
        _say_what_listens_beyond_loopback()
    return ray.cluster_resources()


def _say_what_listens_beyond_loopback() -> None:
    """Ray 2.60's gRPC servers (GCS, raylet, core workers) and its runtime-env agent bind to every interface
    whatever node IP they are given; say so once per run, from what this machine shows, and whether token
    authentication (which makes them refuse callers without this machine's token) is on."""
    from eurocurate.pipeline.process_sockets import beyond_loopback

    try:
        exposed = beyond_loopback(os.getpid())
    except OSError:  # no /proc (not Linux): nothing to report
        return
    if not exposed:
        return
    try:
        from ray._private.authentication.authentication_utils import is_token_auth_enabled

        auth = "token authentication is on" if is_token_auth_enabled() else "token authentication is OFF"
    except ImportError:
        auth = "this Ray has no token authentication"
    log.warning("embedded Ray: %d listening socket(s) beyond loopback (%s); Ray binds them to all interfaces "
                "whatever node IP it is given; %s (docs/operations.md, 'Network exposure')",
                len(exposed), ", ".join(exposed), auth)


def _single_machine_mode() -> None:
    if os.environ.get("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER") != "0":
        return  # the user asked for Ray's multi-machine mode on this one
    try:
        from ray._private import ray_constants

        ray_constants.ENABLE_RAY_CLUSTER = False
    except (ImportError, AttributeError):  # a Ray without it: the variable alone
        pass


def stop_ray() -> None:
    if ray.is_initialized():
        ray.shutdown()
