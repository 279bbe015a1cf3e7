"""nginx serving the built site under a sub-path, from a config written to a temporary directory."""

from __future__ import annotations

import pytest
from support.nginx import running_nginx, site_locations


@pytest.fixture(scope="session")
def nginx(site, tmp_path_factory):
    csp = (site / "csp.txt").read_text("utf-8").strip()
    with running_nginx(tmp_path_factory.mktemp("nginx"), site_locations(site, csp)) as base:
        yield base
