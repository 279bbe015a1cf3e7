"""The calculator's bundle is reproducible from nothing: the site build reuses `.cache/bundle/`, so
this builds it twice into empty caches, the memory snapshot and the trimmed stdlib included."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from support.build import ROOT

from generator.runtime.bundle import prepare


def test_two_bundle_builds_without_a_cache_write_byte_identical_files(site, tmp_path):
    catalog_json = (site / "catalog.json").read_text("utf-8")
    first = prepare(ROOT, tmp_path / "one", catalog_json)
    second = prepare(ROOT, tmp_path / "two", catalog_json)
    digests = [{name: hashlib.sha256(path.read_bytes()).hexdigest() for name, path in built.items()}
               for built in (first, second)]
    manifest = json.loads(first["bundle.json"].read_text("utf-8"))
    assert manifest["snapshot"]["file"] in digests[0]
    assert digests[0] == digests[1]


# What the bundle is built from (bundle._source_key and build_wheel): copied to another checkout path.
CHECKOUT = ["calculator", "generator", "pyproject.toml", "README.md", ".gitignore", "package.json", "node_modules/pyodide"]
BUILD_THERE = """
import sys
from pathlib import Path
from generator.runtime.bundle import prepare
root = Path.cwd()
for name, path in sorted(prepare(root, root / ".cache" / "bundle", sys.stdin.read()).items()):
    print(name, path, sep="\\t")
"""


def _copy_checkout(dest: Path) -> None:
    for name in CHECKOUT:
        source, target = ROOT / name, dest / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif source.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def test_a_bundle_built_at_another_checkout_path_is_byte_identical_and_names_no_path_of_the_machine(site, tmp_path):
    other = tmp_path / "another checkout of the project" / "gd"
    _copy_checkout(other)
    done = subprocess.run([sys.executable, "-c", BUILD_THERE], cwd=other, input=(site / "catalog.json").read_text("utf-8"),
                          env={**os.environ, "PYTHONPATH": str(other)}, capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, done.stderr[-3000:]
    built_there = dict(line.split("\t") for line in done.stdout.splitlines())
    assert "generator/runtime/bundle.py" not in built_there, "the copy's own generator must have built it"
    # The site's build took its bundle from this checkout's cache before naming the files by content
    # (hosting/fingerprint.py), which also rewrites the manifests' references: compare with that cache.
    here = prepare(ROOT, ROOT / ".cache" / "bundle", (site / "catalog.json").read_text("utf-8"))
    assert sorted(built_there) == sorted(here)
    differing = [name for name, path in built_there.items() if Path(path).read_bytes() != here[name].read_bytes()]
    assert not differing, f"built differently at {other}: {differing}"
    for name, path in built_there.items():
        data = Path(path).read_bytes()
        if name.endswith(".gz"):
            data = gzip.decompress(data)
        for checkout in (ROOT, other):
            assert str(checkout).encode() not in data, f"{name} names the path of the checkout that built it ({checkout})"
