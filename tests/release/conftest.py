"""The release package of the session's build (`make dist`), for the tests of tests/release; what they do
with it (unpack, configure, publish) is in support/release_package.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.release import make_dist


@pytest.fixture(scope="session")
def release(site, tmp_path_factory) -> Path:
    """dist/ of the session's build."""
    out = tmp_path_factory.mktemp("dist")
    make_dist(site, out, "test")
    return out
