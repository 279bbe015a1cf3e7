"""Shared fixtures: the validated catalogue and the catalog.json the calculator reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.cases import policy_of

from generator.catalogue.export import catalogue_json
from generator.catalogue.reader import load_catalogue

ROOT = Path(__file__).resolve().parent.parent
# The 2020 round, which these tests state; a new round brings its own cases in catalog/<round>/cases/.
CATALOG_DIR = ROOT / "catalog" / "2020"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium (or Playwright's, where apt was not available). Missing is a failure, never a skip."""
    from playwright.sync_api import sync_playwright
    from support.browser import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        except Exception as err:
            pytest.fail(f"无法启动 Chromium（{err}）。请运行 make test 安装 chromium。", pytrace=False)
        _wait_long_in_every_context(browser)
        yield browser
        browser.close()


def _wait_long_in_every_context(browser) -> None:
    """Playwright's own limits (5 s for `expect`, 30 s for actions and waits) become WAIT_MS, the one
    upper bound every browser wait shares (support/waits.py): the machine is often at load 12."""
    from playwright.sync_api import expect
    from support.waits import WAIT_MS

    expect.set_options(timeout=WAIT_MS)
    new_context = browser.new_context

    def new_context_waiting_long(*args, **options):
        context = new_context(*args, **options)
        context.set_default_timeout(WAIT_MS)
        return context

    browser.new_context = new_context_waiting_long


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site built once per session (per xdist worker) into a temporary directory."""
    from support.build import build_site

    dest = tmp_path_factory.mktemp("site") / "site"
    done = build_site(dest)
    assert done.returncode == 0, done.stderr
    return dest


@pytest.fixture(scope="session")
def catalogue():
    return load_catalogue(CATALOG_DIR)


@pytest.fixture(scope="session")
def catalog_data(catalogue) -> dict:
    return json.loads(catalogue_json(catalogue))


@pytest.fixture(scope="session")
def policy():
    """The policy built from the current round as it is now, so tests never read a stale catalog.json."""
    return policy_of(CATALOG_DIR)
