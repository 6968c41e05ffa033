"""Read ZIP containers from untrusted publishers without unpacking anything to disk.

The whole archive is refused when any member is unsafe: an absolute path, a '..' component, a symlink, too
many members, too much uncompressed data, a compression ratio typical of a ZIP bomb, or more data than a
member's header declared. Members are read into memory one at a time, each under the caps.
"""

from __future__ import annotations

import io
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath


class ArchiveRefused(Exception):
    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class ArchiveLimits:
    max_members: int
    max_total_bytes: int
    max_ratio: float


def _unsafe_name(name: str) -> str | None:
    normalised = name.replace("\\", "/")
    if normalised.startswith("/") or (len(normalised) > 1 and normalised[1] == ":"):
        return "absolute path"
    if ".." in PurePosixPath(normalised).parts:
        return "'..' in path"
    if "\x00" in normalised:
        return "NUL in name"
    return None


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16)


def check_members(archive: zipfile.ZipFile, limits: ArchiveLimits) -> list[zipfile.ZipInfo]:
    """The file members, after checking every member's header; raises ArchiveRefused."""
    members = archive.infolist()
    if len(members) > limits.max_members:
        raise ArchiveRefused("archive_too_many_members", f"{len(members)} > {limits.max_members}")
    total = 0
    files = []
    for index, info in enumerate(members):
        where = f"member {index}"  # member names are untrusted text: reported by position only
        problem = _unsafe_name(info.filename)
        if problem:
            raise ArchiveRefused("archive_path_traversal", f"{where}: {problem}")
        if _is_symlink(info):
            raise ArchiveRefused("archive_symlink", where)
        if info.is_dir():
            continue
        total += info.file_size
        if total > limits.max_total_bytes:
            raise ArchiveRefused("archive_too_large", f"uncompressed >{limits.max_total_bytes} bytes")
        if info.file_size > limits.max_ratio * max(info.compress_size, 1) and info.file_size > 1024 * 1024:
            ratio = info.file_size / max(info.compress_size, 1)
            raise ArchiveRefused("archive_bomb", f"{where}: compression ratio {ratio:.0f} > {limits.max_ratio:.0f}")
        files.append(info)
    return files


def iter_members(data: bytes, limits: ArchiveLimits) -> Iterator[tuple[str, bytes]]:
    """(name, content) of each file member, in archive order; raises ArchiveRefused."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ArchiveRefused("archive_unreadable", type(exc).__name__) from None
    with archive:
        for info in check_members(archive, limits):
            if info.flag_bits & 0x1:
                raise ArchiveRefused("archive_encrypted", "encrypted member")
            try:
                with archive.open(info) as member:
                    content = member.read(info.file_size + 1)
            except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, ValueError) as exc:
                raise ArchiveRefused("archive_unreadable", type(exc).__name__) from None
            if len(content) > info.file_size:
                raise ArchiveRefused("archive_bomb", "member larger than its header says")
            yield info.filename, content
