"""Every pure helper of the pages under node's own test runner: each `tests/js/*.test.js` and
`*.test.mjs` file is one test, so a new helper's tests run as soon as the file exists."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SUITES = sorted([*HERE.glob("*.test.js"), *HERE.glob("*.test.mjs")])


def test_every_node_test_file_is_found():
    assert {"address", "read_aloud", "round_status", "self_check", "plan_state"} <= {p.name.split(".")[0] for p in SUITES}


@pytest.mark.parametrize("suite", SUITES, ids=[p.name for p in SUITES])
def test_the_page_helpers_pass_their_node_unit_tests(suite):
    node = shutil.which("node")
    if node is None:
        pytest.fail("未找到 node。请安装 node 20 或更新版本（make setup 也需要它）。", pytrace=False)
    command = [node, "--experimental-detect-module", "--test", str(suite)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False, cwd=HERE.parents[1])
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "# fail 0" in run.stdout
