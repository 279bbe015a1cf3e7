"""nginx sending the build's precompressed copies (`gzip_static on`, docs/deploying.md's setting) with
on-the-fly compression off, as a server that compresses nothing by itself would be set up."""

from __future__ import annotations

import urllib.request
from urllib.parse import quote

import pytest
from playwright.sync_api import expect
from support.browser import new_guarded_context
from support.nginx import running_nginx
from support.waits import WAIT_MS

from generator.hosting import built_name

STATIC = "/static/"


@pytest.fixture(scope="module")
def static_nginx(site, tmp_path_factory):
    csp = (site / "csp.txt").read_text("utf-8").strip()
    location = f"""
    location {STATIC} {{
      alias {site}/;
      gzip_static on;
      add_header Content-Security-Policy "{csp}" always;
    }}"""
    with running_nginx(tmp_path_factory.mktemp("nginx-static"), location, gzip=False) as base:
        yield base


def _head(url: str, encoding: str) -> tuple[str | None, int]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    with urllib.request.urlopen(request) as response:
        return response.headers["Content-Encoding"], len(response.read())


def test_nginx_sends_the_wasm_precompressed_to_a_browser_that_accepts_gzip(site, static_nginx):
    wasm = built_name(site, "assets/pyodide/pyodide.asm.wasm")
    encoding, size = _head(static_nginx + STATIC + wasm, "gzip")
    assert encoding == "gzip"
    assert size == (site / (wasm + ".gz")).stat().st_size


def test_nginx_sends_the_plain_file_to_a_client_that_accepts_no_compression(site, static_nginx):
    wasm = built_name(site, "assets/pyodide/pyodide.asm.wasm")
    encoding, size = _head(static_nginx + STATIC + wasm, "identity")
    assert encoding is None
    assert size == (site / wasm).stat().st_size


def test_the_calculator_computes_from_precompressed_files_under_the_csp(browser, site, static_nginx):
    context, guard = new_guarded_context(browser, static_nginx)
    page = context.new_page()
    encodings: dict[str, str | None] = {}
    page.on("response", lambda r: encodings.__setitem__(r.url.rsplit("/", 1)[-1], r.headers.get("content-encoding")))
    page.goto(static_nginx + STATIC + "calculator/#city=" + quote("佛山市") + "&item=5:" + quote("20万") + ":40")
    expect(page.locator("#gd-status")).to_contain_text("60,000.00 元", timeout=WAIT_MS)
    context.close()
    # The worker fetches the wasm's brotli form, sent as it is, and decodes it itself (issue 24): the plain
    # wasm, which nginx would send as its .gz copy, is not fetched.
    form = built_name(site, "assets/pyodide/pyodide.asm.wasm.brotli").rsplit("/", 1)[-1]
    assert form in encodings and encodings[form] is None
    assert built_name(site, "assets/pyodide/pyodide.asm.wasm").rsplit("/", 1)[-1] not in encodings
    assert guard.external == []
