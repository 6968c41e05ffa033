"""Fetch one distribution file: from the local mirror, a file:// URL inside an allowed folder, or http(s).

http(s) fetches resolve the host and check every address (address_guard) on every hop, connect to the
checked address (no second DNS lookup an attacker could answer differently), follow redirects by hand,
time out (connect, between reads, and overall), retry transient failures with exponential back-off, stop at
the size cap and verify the catalogue's checksum. Every failure is a FetchError with a stable reason code.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import urllib3
from urllib3.exceptions import HTTPError, SSLError
from urllib3.exceptions import TimeoutError as Urllib3Timeout

from eurocurate.pipeline.config import DataSpaceConfig
from eurocurate.pipeline.sources.address_guard import AddressRefused, resolve_allowed

REDIRECT_STATUSES = (301, 302, 303, 307, 308)
CHUNK = 64 * 1024
SUPPORTED_CHECKSUMS = ("md5", "sha1", "sha224", "sha256", "sha384", "sha512")


class FetchError(Exception):
    def __init__(self, reason: str, detail: str = "", retryable: bool = False):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
        self.retryable = retryable
        self.attempts = 1


@dataclass
class Fetched:
    data: bytes
    url: str  # after redirects
    content_type: str | None
    via: str  # "mirror", "file" or "http"
    attempts: int = 1


def _read_capped(stream, cap: int, deadline: float | None) -> bytes:
    chunks, size = [], 0
    while True:
        chunk = stream.read(CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > cap:
            raise FetchError("too_large", f">{cap} bytes")
        if deadline is not None and time.monotonic() > deadline:
            raise FetchError("fetch_timeout", "download took longer than total_timeout_s", retryable=True)
        chunks.append(chunk)


def _read_local(path: Path, cap: int) -> bytes:
    try:
        if path.stat().st_size > cap:
            raise FetchError("too_large", f">{cap} bytes")
        with path.open("rb") as handle:
            return _read_capped(handle, cap, None)
    except OSError as exc:
        raise FetchError("cannot_open", type(exc).__name__) from None


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def mirror_path(url: str, mirror_dir: Path) -> Path | None:
    """<mirror>/<host>/<path>; None when the URL would leave the mirror (e.g. '..' in the path)."""
    parts = urlsplit(url)
    relative = unquote(parts.path).lstrip("/") or "index.html"
    if relative.endswith("/"):
        relative += "index.html"
    candidate = mirror_dir / (parts.hostname or "_") / relative
    return candidate if _inside(candidate, mirror_dir) else None


def _fetch_file_url(url: str, cfg: DataSpaceConfig, roots: list[Path]) -> Fetched:
    path = Path(unquote(urlsplit(url).path))
    if not any(_inside(path, root) for root in roots):
        raise FetchError("file_url_not_allowed", "outside dataspace.file_roots")
    if not path.resolve().is_file():
        raise FetchError("not_found", "file:// target is not a file")
    return Fetched(_read_local(path.resolve(), cfg.max_download_bytes), url, None, "file")


def _pool(scheme: str, address: str, port: int, host: str, cfg: DataSpaceConfig) -> urllib3.HTTPConnectionPool:
    timeout = urllib3.Timeout(connect=cfg.connect_timeout_s, read=cfg.read_timeout_s)
    if scheme == "https":
        return urllib3.HTTPSConnectionPool(address, port, timeout=timeout, retries=False, maxsize=1,
                                           server_hostname=host, assert_hostname=host, cert_reqs="CERT_REQUIRED")
    return urllib3.HTTPConnectionPool(address, port, timeout=timeout, retries=False, maxsize=1)


def _get_once(url: str, cfg: DataSpaceConfig, deadline: float) -> Fetched:
    allowed = set(cfg.allow_addresses)
    current = url
    for _hop in range(cfg.max_redirects + 1):
        parts = urlsplit(current)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError("url_not_allowed", f"redirect to a {parts.scheme or 'relative'} URL")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            address = resolve_allowed(parts.hostname, port, allowed)
        except AddressRefused as exc:
            raise FetchError(exc.reason, exc.detail, retryable=exc.reason == "dns_failed") from None
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = {"Host": parts.netloc.rsplit("@", 1)[-1], "User-Agent": cfg.user_agent, "Accept": "*/*"}
        pool = _pool(parts.scheme, address, port, parts.hostname, cfg)
        try:
            response = pool.urlopen("GET", target, headers=headers, redirect=False, preload_content=False,
                                    assert_same_host=False, decode_content=True)
            try:
                status = response.status
                if status in REDIRECT_STATUSES and response.headers.get("Location"):
                    current = urljoin(current, response.headers["Location"])
                    continue
                if status == 429 or status >= 500:
                    raise FetchError("http_status", str(status), retryable=True)
                if status != 200:
                    raise FetchError("http_status", str(status))
                declared = response.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > cfg.max_download_bytes:
                    raise FetchError("too_large", f"Content-Length >{cfg.max_download_bytes} bytes")
                data = _read_capped(response, cfg.max_download_bytes, deadline)
                return Fetched(data, current, response.headers.get("Content-Type"), "http")
            finally:
                response.release_conn()
        except SSLError as exc:
            raise FetchError("tls_error", type(exc).__name__) from None
        except Urllib3Timeout:
            raise FetchError("fetch_timeout", f"no data within {cfg.read_timeout_s}s", retryable=True) from None
        except HTTPError as exc:
            raise FetchError("connection_failed", type(exc).__name__, retryable=True) from None
        finally:
            pool.close()
    raise FetchError("too_many_redirects", f">{cfg.max_redirects}")


def _get_with_retries(url: str, cfg: DataSpaceConfig) -> Fetched:
    deadline = time.monotonic() + cfg.total_timeout_s
    for attempt in range(cfg.retries + 1):
        try:
            fetched = _get_once(url, cfg, deadline)
            fetched.attempts = attempt + 1
            return fetched
        except FetchError as exc:
            exc.attempts = attempt + 1
            wait = min(cfg.backoff_s * 2 ** attempt, cfg.backoff_max_s)
            if not exc.retryable or attempt == cfg.retries or time.monotonic() + wait > deadline:
                if exc.attempts > 1:
                    exc.detail = f"{exc.detail} (after {exc.attempts} attempts)"
                raise
            time.sleep(wait)
    raise AssertionError("unreachable")


def verify_checksum(data: bytes, algorithm: str | None, expected: str | None) -> None:
    if not expected:
        return
    if algorithm not in SUPPORTED_CHECKSUMS:
        raise FetchError("checksum_unsupported", str(algorithm))
    actual = hashlib.new(algorithm, data).hexdigest()
    if actual != expected.lower():
        raise FetchError("checksum_mismatch", f"{algorithm} differs from the catalogue")


def fetch_distribution(url: str, cfg: DataSpaceConfig, base_dir: Path, declared_size: int | None = None,
                       checksum: tuple[str | None, str | None] = (None, None)) -> Fetched:
    """The file behind `url`, checked against the size cap and the checksum; raises FetchError."""
    if declared_size is not None and declared_size > cfg.max_download_bytes:
        raise FetchError("too_large", f"declared byteSize >{cfg.max_download_bytes} bytes")
    if cfg.require_checksum and not checksum[1]:
        raise FetchError("checksum_missing", "dataspace.require_checksum is on")
    scheme = urlsplit(url).scheme.lower()
    if scheme == "file":
        fetched = _fetch_file_url(url, cfg, [base_dir / root for root in cfg.file_roots])
    elif scheme in ("http", "https"):
        local = mirror_path(url, base_dir / cfg.mirror_dir) if cfg.mirror_dir else None
        if local is not None and local.is_file():
            fetched = Fetched(_read_local(local, cfg.max_download_bytes), url, None, "mirror")
        elif not cfg.network:
            raise FetchError("not_in_mirror", "dataspace.network is off")
        else:
            fetched = _get_with_retries(url, cfg)
    else:
        raise FetchError("url_not_allowed", f"scheme {scheme or '(none)'}")
    verify_checksum(fetched.data, *checksum)
    return fetched
