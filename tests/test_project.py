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


def test_the_build_tools_lock_repeats_the_entries_of_requirements_lock():
    # docs/dependencies.md: the tools installed first are the same pins, with the same hashes.
    def entries(path: Path) -> dict[str, str]:
        return {" ".join(entry.split()).split("==")[0].lower(): " ".join(entry.split()) for entry in _requirements(path)}

    tools, full = entries(ROOT / ".ci" / "build-tools.lock"), entries(ROOT / "requirements.lock")
    assert {"hatchling", "setuptools", "wheel"} <= tools.keys()
    assert {name: entry for name, entry in tools.items() if full.get(name) != entry} == {}


def test_the_npm_packages_are_pinned_exactly_and_locked():
    package = json.loads((ROOT / "package.json").read_text())
    lock = json.loads((ROOT / "package-lock.json").read_text())
    pins = {**package["dependencies"], **package["devDependencies"]}
    assert {"pyodide", "eslint"} <= pins.keys()
    for name, version in pins.items():
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


def test_the_engine_wheel_is_made_only_from_what_the_bundle_cache_key_covers():
    # generator/runtime/bundle.py keys the cached wheel and snapshot on calculator/ and pyproject.toml. A
    # `readme` would copy README.md into the wheel's METADATA, and so into every visitor's download and the
    # snapshot, while an edit of the README left a stale cached bundle that a fresh build would not match.
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert "readme" not in project and "license-files" not in project
