"""`make serve` is a preview and says so; it still sends what a host sends (CSP, security headers,
validators on compressed copies), lists no directory, queues clients and drops silent ones (issue 20)."""

from __future__ import annotations

import subprocess
import sys
import threading
import urllib.error
import urllib.request

import pytest

from generator.hosting import make_server
from generator.hosting.serve import SiteHandler


@pytest.fixture(scope="module")
def preview(site):
    httpd = make_server(site, policy=True)  # as `make serve` (serve_forever) makes it
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def _get(url: str, **headers: str):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def test_every_response_carries_the_build_s_csp_and_the_security_headers(preview, site):
    _, base = preview
    csp = (site / "csp.txt").read_text("utf-8").strip()
    for path in ("", "assets/js/site.js", "no-such-page/"):
        _, headers, _ = _get(base + path)
        assert headers["Content-Security-Policy"] == csp, path
        assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"]


def test_a_folder_without_index_is_the_site_s_404_not_a_listing(preview):
    _, base = preview
    status, _, body = _get(base + "assets/")
    assert status == 404 and b"Directory listing" not in body and b'lang="zh"' in body


def test_a_compressed_copy_has_validators_and_revalidates_to_304(preview):
    _, base = preview
    status, headers, _ = _get(base + "catalog.json", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert headers["Last-Modified"] and headers["ETag"]
    status, _, body = _get(base + "catalog.json", **{"Accept-Encoding": "gzip", "If-None-Match": headers["ETag"]})
    assert status == 304 and body == b""


def test_clients_queue_in_a_real_backlog_and_silent_connections_time_out(preview):
    httpd, _ = preview
    assert httpd.request_queue_size >= 128
    assert 0 < SiteHandler.timeout <= 60


def test_make_serve_says_it_is_a_preview_for_this_computer_only(site):
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", str(site), "--port", "0"],
                               stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert "仅供本机预览" in line and "make dist" in line
