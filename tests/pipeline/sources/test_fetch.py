"""The guarded distribution fetcher against a real HTTP server on loopback (and local files)."""

from __future__ import annotations

import hashlib
import ipaddress

import pytest

from eurocurate.pipeline.config import DataSpaceConfig
from eurocurate.pipeline.sources.address_guard import address_class
from eurocurate.pipeline.sources.fetch import FetchError, fetch_distribution, mirror_path
from tests.pipeline.sources.test_fetch_helpers import LoopbackServer, Route

BODY = "Ein kurzer Text über Bienen in Griechenland. ".encode() * 20


def _cfg(**overrides) -> DataSpaceConfig:
    settings = dict(allow_addresses=["loopback"], connect_timeout_s=2, read_timeout_s=0.5, total_timeout_s=10,
                    retries=2, backoff_s=0.01, backoff_max_s=0.02)
    settings.update(overrides)
    return DataSpaceConfig(**settings)


def _reason(url, cfg, tmp_path, **kwargs) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetch_distribution(url, cfg, tmp_path, **kwargs)
    return caught.value


@pytest.mark.parametrize("address, expected", [
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("169.254.169.254", "link_local"), ("fe80::1", "link_local"),
    ("10.1.2.3", "private"), ("172.16.0.1", "private"), ("192.168.1.1", "private"), ("fd00::1", "private"),
    ("100.64.0.1", "private"), ("0.0.0.0", "forbidden"), ("::ffff:169.254.169.254", "link_local"),
    ("224.0.0.1", "forbidden"), ("8.8.8.8", "public"), ("2a00:1450::1", "public"),
])
def test_address_classes(address, expected):
    assert address_class(ipaddress.ip_address(address)) == expected


def test_fetch_with_checksum_from_loopback_when_allowed(tmp_path):
    with LoopbackServer({"/bees.txt": Route(BODY, headers={"Content-Type": "text/plain"})}) as server:
        fetched = fetch_distribution(server.url("/bees.txt"), _cfg(), tmp_path,
                                     checksum=("sha256", hashlib.sha256(BODY).hexdigest()))
    assert fetched.data == BODY and fetched.via == "http" and fetched.attempts == 1
    assert fetched.content_type == "text/plain"


def test_loopback_is_refused_by_default_and_no_request_is_made(tmp_path):
    with LoopbackServer({"/bees.txt": Route(BODY)}) as server:
        error = _reason(server.url("/bees.txt"), _cfg(allow_addresses=[]), tmp_path)
        assert server.routes["/bees.txt"].hits == 0
    assert error.reason == "address_not_allowed" and "loopback" in error.detail


@pytest.mark.parametrize("url, kind", [
    ("http://169.254.169.254/latest/meta-data/", "link_local"),  # cloud metadata
    ("http://[fe80::1]/", "link_local"),
    ("http://10.0.0.7/data.csv", "private"),
    ("http://0.0.0.0:8080/", "forbidden"),
])
def test_link_local_private_and_unspecified_addresses_are_refused(url, kind, tmp_path):
    error = _reason(url, _cfg(), tmp_path)
    assert error.reason == "address_not_allowed" and kind in error.detail


def test_every_redirect_hop_is_checked(tmp_path):
    routes = {"/go": Route(status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})}
    with LoopbackServer(routes) as server:
        error = _reason(server.url("/go"), _cfg(), tmp_path)
    assert error.reason == "address_not_allowed" and "link_local" in error.detail


def test_redirect_to_a_file_url_is_refused_and_good_redirects_are_followed(tmp_path):
    routes = {"/to-file": Route(status=301, headers={"Location": "file:///etc/passwd"}),
              "/moved": Route(status=307, headers={"Location": "/bees.txt"}), "/bees.txt": Route(BODY)}
    with LoopbackServer(routes) as server:
        assert _reason(server.url("/to-file"), _cfg(), tmp_path).reason == "url_not_allowed"
        fetched = fetch_distribution(server.url("/moved"), _cfg(), tmp_path)
    assert fetched.data == BODY and fetched.url.endswith("/bees.txt")


def test_failing_server_is_retried_then_counted(tmp_path):
    with LoopbackServer({"/broken": Route(status=500)}) as server:
        error = _reason(server.url("/broken"), _cfg(retries=2), tmp_path)
        assert server.routes["/broken"].hits == 3
    assert error.reason == "http_status" and error.detail.startswith("500") and error.attempts == 3


def test_client_errors_are_not_retried(tmp_path):
    with LoopbackServer({"/gone": Route(status=410)}) as server:
        error = _reason(server.url("/gone"), _cfg(retries=3), tmp_path)
        assert server.routes["/gone"].hits == 1
    assert (error.reason, error.detail) == ("http_status", "410")


def test_a_transient_failure_is_retried_with_success(tmp_path):
    with LoopbackServer({"/flaky": Route(BODY, fail_first=1)}) as server:
        fetched = fetch_distribution(server.url("/flaky"), _cfg(), tmp_path)
    assert fetched.data == BODY and fetched.attempts == 2


def test_slow_server_times_out(tmp_path):
    with LoopbackServer({"/slow": Route(BODY, delay_s=1.5)}) as server:
        error = _reason(server.url("/slow"), _cfg(read_timeout_s=0.3, retries=1), tmp_path)
    assert error.reason == "fetch_timeout" and error.attempts == 2


def test_checksum_mismatch_is_refused(tmp_path):
    with LoopbackServer({"/bees.txt": Route(BODY)}) as server:
        error = _reason(server.url("/bees.txt"), _cfg(), tmp_path, checksum=("sha256", "0" * 64))
    assert error.reason == "checksum_mismatch"


def test_oversize_file_is_refused_by_header_by_stream_and_by_declared_size(tmp_path):
    routes = {"/big": Route(BODY), "/big-unannounced": Route(BODY, headers={"Content-Length": "10"})}
    with LoopbackServer(routes) as server:
        assert _reason(server.url("/big"), _cfg(max_download_bytes=100), tmp_path).reason == "too_large"
        # a server that says 10 bytes but sends more still cannot push past the cap
        fetched = fetch_distribution(server.url("/big-unannounced"), _cfg(max_download_bytes=100), tmp_path)
        assert len(fetched.data) <= 100
        error = _reason(server.url("/big"), _cfg(max_download_bytes=100), tmp_path, declared_size=10**9)
        assert error.reason == "too_large" and "declared" in error.detail
        assert server.routes["/big"].hits == 1  # the declared size refused it before any request


def test_file_urls_only_inside_allowed_roots(tmp_path):
    inside = tmp_path / "files" / "a.txt"
    inside.parent.mkdir()
    inside.write_bytes(BODY)
    cfg = _cfg(file_roots=["files"])
    assert fetch_distribution(inside.as_uri(), cfg, tmp_path).data == BODY
    assert _reason("file:///etc/passwd", cfg, tmp_path).reason == "file_url_not_allowed"
    assert _reason(inside.as_uri(), _cfg(), tmp_path).reason == "file_url_not_allowed"  # no roots: none allowed


def test_mirror_is_used_offline_and_cannot_be_escaped(tmp_path):
    mirrored = tmp_path / "mirror" / "data.example.eu" / "bees" / "2023.txt"
    mirrored.parent.mkdir(parents=True)
    mirrored.write_bytes(BODY)
    cfg = _cfg(mirror_dir="mirror", network=False)
    fetched = fetch_distribution("https://data.example.eu/bees/2023.txt", cfg, tmp_path)
    assert fetched.data == BODY and fetched.via == "mirror"
    assert _reason("https://data.example.eu/bees/other.txt", cfg, tmp_path).reason == "not_in_mirror"
    assert mirror_path("https://data.example.eu/%2e%2e/%2e%2e/secret", tmp_path / "mirror") is None
