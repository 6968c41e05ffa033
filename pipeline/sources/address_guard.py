"""Which network addresses a catalogue may make us fetch from (server-side request forgery guard).

A catalogue is untrusted: its download URLs could point at cloud metadata (169.254.169.254), at services on
the cluster's private network, or at the machine itself. Every host is resolved and every address it resolves
to is classified; one address of a class the config does not allow refuses the URL.
"""

from __future__ import annotations

import ipaddress
import socket


class AddressRefused(Exception):
    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def address_class(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    """'public', 'loopback', 'link_local', 'private', or 'forbidden' (unspecified, multicast, reserved)."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_unspecified or ip.is_multicast:
        return "forbidden"
    if ip.is_loopback:  # before is_reserved: ::1 lies in the reserved ::/8
        return "loopback"
    if ip.is_link_local:
        return "link_local"
    if ip.is_reserved:
        return "forbidden"
    if ip.is_private or not ip.is_global:  # RFC 1918, fc00::/7, CGNAT 100.64/10, documentation ranges
        return "private"
    return "public"


def resolve_allowed(host: str, port: int, allowed: set[str]) -> str:
    """One address of `host` to connect to, after checking that every address it resolves to is allowed."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise AddressRefused("dns_failed", f"{host}: {type(exc).__name__}") from None
    addresses = sorted({info[4][0] for info in infos})
    if not addresses:
        raise AddressRefused("dns_failed", host)
    for address in addresses:
        kind = address_class(ipaddress.ip_address(address.split("%", 1)[0]))
        if kind != "public" and kind not in allowed:
            raise AddressRefused("address_not_allowed", f"{host} resolves to a {kind} address")
    return addresses[0]
