"""The calculator's bundle is reproducible from nothing: the site build reuses `.cache/bundle/`, so
this builds it twice into empty caches, the memory snapshot and the trimmed stdlib included."""

from __future__ import annotations

import hashlib
import json

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
