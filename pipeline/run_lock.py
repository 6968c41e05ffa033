"""One run per run folder: an exclusive lock held for the whole run.

The lock is a POSIX record lock (fcntl F_SETLK) on `<run folder>/.eurocurate.lock`: local disks and shared POSIX
storage (NFS with lockd, Lustre mounted with `flock`) honour it between machines, and the kernel (or the NFS
server) drops it when the holding process dies, however it dies. The file also names the holder (host, pid,
start time) so that a refused run can say who holds the folder; a lock file whose lock is not held is what a
dead run leaves, and the next run simply takes it over. Read-only commands (report, inspect, verify) never lock.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from pathlib import Path

LOCK_NAME = ".eurocurate.lock"


class RunFolderBusy(RuntimeError):
    """Another run holds the folder."""


class RunLock:
    def __init__(self, folder: Path):
        self.path = Path(folder) / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> RunLock:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = _describe(_read_holder(fd))
            os.close(fd)
            raise RunFolderBusy(f"{self.path.parent} is in use by another run ({holder}); wait for it to finish "
                                "or use another --output") from None
        left_by = _read_holder(fd)  # a dead run's note, if any: we hold the lock now, so it is stale
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps({"host": socket.gethostname(), "pid": os.getpid(),
                                  "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}).encode(), 0)
        os.fsync(fd)
        self._fd = fd
        self.taken_over = left_by or None
        return self

    def release(self) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.lockf(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> RunLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def _read_holder(fd: int) -> dict:
    try:
        return json.loads(os.pread(fd, 4096, 0) or b"{}")
    except (OSError, ValueError):
        return {}


def _describe(holder: dict) -> str:
    if not holder:
        return "holder not recorded yet"
    return f"host {holder.get('host', '?')}, pid {holder.get('pid', '?')}, started {holder.get('started', '?')}"


class RemoteRunLock:
    """For an object-store output (s3://...): a lock object `URL/.eurocurate.lock` written with a conditional put
    (If-None-Match: *), so that of two runs publishing to one URL from different machines the second is refused.
    Stores without conditional writes get an exists-then-write check (a narrow race remains). An object store
    cannot tell that its writer died: a lock left by a run of this machine whose process is gone is taken over;
    one left by another machine is named in the refusal, to be removed by hand once that run is known gone."""

    def __init__(self, url: str, storage_options: dict | None = None):
        import fsspec

        self.url = url.rstrip("/")
        self.fs, root = fsspec.core.url_to_fs(url, **(storage_options or {}))
        self.path = f"{root.rstrip('/')}/{LOCK_NAME}"
        self.note = json.dumps({"host": socket.gethostname(), "pid": os.getpid(),
                                "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}).encode()

    def _holder(self) -> dict:
        try:
            return json.loads(self.fs.cat_file(self.path))
        except (OSError, ValueError):
            return {}

    def acquire(self) -> RemoteRunLock:
        try:
            self.fs.pipe_file(self.path, self.note, mode="create")
            return self
        except FileExistsError:
            pass
        except (TypeError, NotImplementedError):  # a backend without exclusive create
            if not self.fs.exists(self.path):
                self.fs.pipe_file(self.path, self.note)
                return self
        holder = self._holder()
        if holder.get("host") == socket.gethostname() and not _alive(holder.get("pid")):
            self.fs.pipe_file(self.path, self.note)  # left by a run of this machine that has died
            return self
        raise RunFolderBusy(f"{self.url} is in use by another run ({_describe(holder)}); if that run is gone, "
                            f"remove {self.url}/{LOCK_NAME}")

    def release(self) -> None:
        if self._holder() == json.loads(self.note):
            self.fs.rm_file(self.path)

    def __enter__(self) -> RemoteRunLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def _alive(pid) -> bool:
    if not isinstance(pid, int):
        return True  # unknown: assume it runs
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
