"""The calculator page's pure helpers (plan-state.js, engine-client.js) under node's own test runner."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent


def test_the_page_helpers_pass_their_node_unit_tests():
    assert shutil.which("node"), "node is needed (make setup installs the npm packages with it)"
    files = sorted(str(p) for p in HERE.glob("*.test.mjs"))
    command = ["node", "--experimental-detect-module", "--test", *files]
    run = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
