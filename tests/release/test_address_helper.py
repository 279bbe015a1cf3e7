"""The address helper (assets/js/address.js) under node, without a browser."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_the_address_helper_passes_its_node_tests():
    node = shutil.which("node")
    if node is None:
        pytest.fail("未找到 node。请安装 node 20 或更新版本（make setup 也需要它）。", pytrace=False)
    done = subprocess.run([node, "--test", str(ROOT / "tests" / "js" / "address.test.js")],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# fail 0" in done.stdout
