"""The Pyodide files the build copies are checked against the digests recorded in
generator/runtime/pyodide.sha256: a changed file stops the build with a Chinese message naming it."""

from __future__ import annotations

import pytest
from support.build import ROOT

from generator.runtime.bundle import BundleError, prepare
from generator.runtime.pins import check_pinned, recorded

RUNTIME = ROOT / "node_modules" / "pyodide"


def _runtime_copy(tmp_path, changed: str = "", missing: str = ""):
    """node_modules/pyodide of a checkout at tmp_path: links to the installed files, one changed or missing."""
    runtime = tmp_path / "node_modules" / "pyodide"
    runtime.mkdir(parents=True)
    for path in RUNTIME.iterdir():
        if path.name == missing:
            continue
        if path.name == changed:
            (runtime / path.name).write_bytes(path.read_bytes() + b"\n")
        else:
            (runtime / path.name).symlink_to(path)
    return tmp_path


def test_the_installed_pyodide_files_are_the_recorded_ones():
    assert set(recorded()) >= {"pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                               "pyodide-lock.json"}
    check_pinned(RUNTIME)


@pytest.mark.parametrize("name", ["pyodide.asm.wasm", "pyodide.asm.mjs", "pyodide-lock.json"])
def test_a_changed_pyodide_file_stops_the_build_naming_the_file(tmp_path, name):
    root = _runtime_copy(tmp_path, changed=name)
    with pytest.raises(BundleError) as info:
        prepare(root, tmp_path / "cache", "{}")
    message = str(info.value)
    assert name in message and "sha256 与记录不符" in message and "构建已停止" in message
    assert not (tmp_path / "cache").exists()


def test_a_missing_pyodide_file_stops_the_build_naming_the_file(tmp_path):
    root = _runtime_copy(tmp_path, missing="pyodide.mjs")
    with pytest.raises(BundleError, match=r"缺少 Pyodide 文件 .*pyodide\.mjs"):
        prepare(root, tmp_path / "cache", "{}")
