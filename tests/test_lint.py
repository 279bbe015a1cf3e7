"""Every JS file of the project passes ESLint (eslint.config.mjs at the root, pinned in package.json)."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ESLINT = ROOT / "node_modules" / "eslint" / "bin" / "eslint.js"


@pytest.fixture(scope="module")
def eslint_results() -> list[dict]:
    """ESLint run as `make lint` runs it: over the whole repository, with the config it finds itself."""
    node = shutil.which("node")
    if node is None or not ESLINT.exists():
        pytest.fail("未找到 node 或 ESLint：请先运行 make setup（npm ci 安装 package.json 中固定版本的 eslint）。", pytrace=False)
    done = subprocess.run([node, str(ESLINT), "--format", "json", "."], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


def _tracked_js() -> set[str]:
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard",
                             "*.js", "*.mjs", "*.cjs"], capture_output=True, text=True, cwd=ROOT, check=True)
    return {path for path in listed.stdout.split("\0") if path}


def test_eslint_checks_every_js_file_of_the_project(eslint_results):
    linted = {Path(r["filePath"]).relative_to(ROOT).as_posix() for r in eslint_results}
    assert _tracked_js() - linted == set()
    assert {"site_src/docs/assets/calculator/app.js", "generator/hosting/service_worker.js",
            "generator/runtime/snapshot_maker.mjs", "tests/js/plan_state.test.mjs", "eslint.config.mjs"} <= linted


def test_eslint_finds_no_error_in_any_js_file(eslint_results):
    errors = Counter(Path(r["filePath"]).relative_to(ROOT).as_posix()
                     for r in eslint_results for m in r["messages"] if m["severity"] == 2)
    assert not errors, "ESLint 报错（文件：个数）：" + "，".join(f"{path}：{n}" for path, n in sorted(errors.items()))
