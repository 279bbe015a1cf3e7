"""nginx serving the built site under a sub-path, from a config written to a temporary directory."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.build import build_site
from support.nginx import SUBPATH, running_nginx, site_locations


@pytest.fixture(scope="session")
def nginx(site, tmp_path_factory):
    csp = (site / "csp.txt").read_text("utf-8").strip()
    with running_nginx(tmp_path_factory.mktemp("nginx"), site_locations(site, csp)) as base:
        yield base


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory) -> Path:
    """The site built for the sub-path it is served at (SITE_URL, docs/deploying.md), once for both 404 tests."""
    dest = tmp_path_factory.mktemp("subpath") / "site"
    done = build_site(dest, env={"SITE_URL": f"http://127.0.0.1{SUBPATH}"})
    assert done.returncode == 0, done.stderr
    return dest
