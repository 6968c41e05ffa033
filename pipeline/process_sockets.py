"""Listening TCP sockets of a process and its descendants, read from /proc (Linux; no ss, no psutil)."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path


def descendants(pid: int) -> set[int]:
    children: dict[int, set[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), set()).add(int(entry.name))
    found, todo = {pid}, [pid]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _listening() -> dict[int, tuple[str, int]]:
    """socket inode -> (address, port) of every listening TCP socket on the machine."""
    sockets = {}
    for name, width in (("tcp", 4), ("tcp6", 16)):
        try:
            lines = Path(f"/proc/net/{name}").read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] != "0A":  # LISTEN
                continue
            address, port = fields[1].split(":")
            raw = bytes.fromhex(address)
            # /proc prints each 32-bit word in host (little-endian) order
            raw = b"".join(raw[i:i + 4][::-1] for i in range(0, width, 4))
            sockets[int(fields[9])] = (str(ipaddress.ip_address(raw)), int(port, 16))
    return sockets


def listening_sockets(pid: int) -> set[tuple[str, int, int]]:
    """(address, port, pid) of every listening socket held by `pid` or a process below it."""
    listening = _listening()
    found = set()
    for process in descendants(pid):
        try:
            fds = os.listdir(f"/proc/{process}/fd")
        except OSError:
            continue
        for fd in fds:
            try:
                target = os.readlink(f"/proc/{process}/fd/{fd}")
            except OSError:
                continue
            if target.startswith("socket:["):
                inode = int(target[8:-1])
                if inode in listening:
                    found.add((*listening[inode], process))
    return found


def process_name(pid: int) -> str:
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "?"
    first = Path(argv[0].decode(errors="replace")).name if argv and argv[0] else "?"
    if first.startswith("python") and len(argv) > 1:  # name the script or module, not the interpreter
        return next((Path(a.decode(errors="replace")).name for a in argv[1:] if a and not a.startswith(b"-")), first)
    return first


def beyond_loopback(pid: int) -> list[str]:
    """'name address:port' of each listening socket of `pid`'s process tree not bound to a loopback address."""
    exposed = []
    for address, port, owner in sorted(listening_sockets(pid)):
        ip = ipaddress.ip_address(address)
        if not (ip.is_loopback or (ip.version == 6 and ip.ipv4_mapped is not None and ip.ipv4_mapped.is_loopback)):
            exposed.append(f"{process_name(owner)} {address}:{port}")
    return exposed
