"""The project's own promises: the README's commands are what CI runs, and pins are pins."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _readme_commands() -> dict[str, str]:
    block = re.search(r"```sh\n(.+?)```", (ROOT / "README.md").read_text("utf-8"), re.S).group(1)
    return {line.split("#")[0].strip().split()[1]: line.split("#")[0].strip() for line in block.splitlines() if line.strip()}


def test_the_readme_gives_two_commands_serve_and_test():
    assert _readme_commands() == {"serve": "make serve", "test": "make test"}


def test_ci_runs_exactly_the_readme_test_command():
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    assert lines[-1] == _readme_commands()["test"]


def _requirements(path: Path) -> list[str]:
    """The lock's requirements, one per entry, continuation lines joined."""
    text = path.read_text().replace("\\\n", " ")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def test_every_python_dependency_is_pinned_to_one_version_with_its_hashes():
    for lock in ("requirements.lock", ".ci/build-tools.lock"):
        entries = _requirements(ROOT / lock)
        assert entries, lock
        for entry in entries:
            assert re.fullmatch(r"[A-Za-z0-9_.\-]+==[\w.+\-]+(\s+--hash=sha256:[0-9a-f]{64})+", entry), (lock, entry)
    names = {entry.split("==")[0].lower() for entry in _requirements(ROOT / "requirements.lock")}
    assert {"mkdocs-material", "jinja2", "pyodide-build", "pyyaml", "playwright", "jieba"} <= names


def test_the_npm_packages_are_pinned_exactly_and_locked():
    package = json.loads((ROOT / "package.json").read_text())
    lock = json.loads((ROOT / "package-lock.json").read_text())
    for name, version in package["dependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), (name, version)
        assert lock["packages"][f"node_modules/{name}"]["version"] == version


def test_the_calculator_package_imports_only_the_standard_library():
    import ast
    import sys

    for path in (ROOT / "calculator").glob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 else [])
            for name in names:
                top = name.split(".")[0]
                assert top == "calculator" or top in sys.stdlib_module_names, (path.name, name)
