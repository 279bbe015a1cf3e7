"""The 部署自检 page: its judgements under node, and in Chromium against nginx, where it passes on the
shipped configuration and flags each planted fault (issue 20, 'Done means')."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from support.nginx import free_port, running_nginx
from support.release_package import SUBPATH, configured_official, published
from support.waits import WAIT_MS

ROOT = Path(__file__).resolve().parents[2]


TYPES = {"wasm": "application/wasm", "js": "text/javascript", "json": "application/json", "html": "text/html",
         "css": "text/css", "svg": "image/svg+xml", "png": "image/png", "mjs": "text/javascript"}


def _location(path: str, site: Path, csp: str, *, types: dict | None = None, csp_header: bool = True,
              not_found: bool = True, cache: str = "no-cache") -> str:
    """A hand-written location serving the site at `path` as the shipped config does, with one knob to break."""
    mapping = " ".join(f"{mime} {ext};" for ext, mime in {**TYPES, **(types or {})}.items())
    header = f'add_header Content-Security-Policy "{csp}" always;' if csp_header else ""
    error = f"error_page 404 {path}404.html;" if not_found else ""
    return f"""
    location ^~ {path} {{
      alias {site}/;
      types {{ {mapping} }}
      gzip_static on;
      {header}
      add_header X-Content-Type-Options nosniff always;
      add_header Referrer-Policy strict-origin-when-cross-origin always;
      add_header Cache-Control "{cache}" always;
      {error}
    }}"""


FAULTS = {
    # path: (knobs, the check that must fail)
    "/wasm-as-html/": ({"types": {"wasm": "text/html"}}, ".wasm 文件的类型"),
    "/js-as-text/": ({"types": {"js": "text/plain"}}, ".js 文件的类型"),
    "/no-csp/": ({"csp_header": False}, "内容安全策略（CSP）"),
    "/csp-without-wasm/": ({"csp": "default-src 'self'; script-src 'self'"}, "内容安全策略（CSP）"),
    "/no-404/": ({"not_found": False}, "404 页面"),
    "/html-for-a-year/": ({"cache": "public, max-age=31536000"}, "网页缓存"),
}


@pytest.fixture(scope="module")
def hosts(release, tmp_path_factory):
    """nginx serving the configured release with the shipped config at SUBPATH, and broken copies elsewhere."""
    port = free_port()
    folder = configured_official(release, tmp_path_factory.mktemp("selfcheck"), port)
    root = tmp_path_factory.mktemp("webroot")
    site = published(folder, root)
    csp = (site / "csp.txt").read_text("utf-8").strip()
    faults = ""
    for path, (knobs, _) in FAULTS.items():
        knobs = dict(knobs)
        faults += _location(path, site, knobs.pop("csp", csp), **knobs)
    server = f"    root {root};\n    include {folder / 'server' / 'nginx.conf'};\n{faults}"
    with running_nginx(tmp_path_factory.mktemp("nginx"), server, gzip=False, port=port) as base:
        yield base


def _failed(browser, url: str) -> list[str]:
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(url + "self-check/")
    expect(page.locator("[data-gd-self-check]")).to_have_attribute("data-gd-self-check-done", re.compile("^(ok|fail)$"),
                                                                   timeout=WAIT_MS)
    failed = page.locator('[data-gd-check="fail"] > strong').all_inner_texts()
    context.close()
    return [text.removeprefix("需要处理：") for text in failed]


def test_the_self_check_passes_on_the_shipped_nginx_config(browser, hosts):
    assert _failed(browser, hosts + SUBPATH) == []


@pytest.mark.parametrize("path", list(FAULTS), ids=[p.strip("/") for p in FAULTS])
def test_the_self_check_flags_each_planted_fault(browser, hosts, path):
    failed = _failed(browser, hosts + path)
    assert FAULTS[path][1] in failed
    # Served at another path than the configured address: that is flagged too, and nothing else.
    assert set(failed) <= {FAULTS[path][1], "网站地址"}
