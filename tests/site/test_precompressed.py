"""The build's precompressed copies, and the development server that sends them."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import brotli
import pytest

from generator.hosting import built_name
from generator.hosting.precompress import COMPRESSIBLE, MIN_SIZE
from generator.hosting.serve import accepted_encodings, fresh


def _shipped(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("*")) if p.is_file() and p.suffix not in {".gz", ".br"}]


def test_every_compressible_file_has_a_gzip_copy_with_the_same_content(site):
    missing, differing = [], []
    for path in _shipped(site):
        if path.suffix in COMPRESSIBLE and path.stat().st_size >= 16 * MIN_SIZE:
            packed = path.with_name(path.name + ".gz")
            if not packed.is_file():
                missing.append(str(path.relative_to(site)))
            elif gzip.decompress(packed.read_bytes()) != path.read_bytes():
                differing.append(str(path.relative_to(site)))
    assert missing == [] and differing == []


@pytest.mark.parametrize("name", ["pyodide.asm.wasm", "pyodide.asm.esm.js"], ids=["wasm", "runtime-module"])
def test_the_runtime_also_has_a_brotli_copy_smaller_than_its_gzip_copy(site, name):
    path = site / built_name(site, "assets/pyodide/" + name)
    packed = path.with_name(path.name + ".br")
    assert brotli.decompress(packed.read_bytes()) == path.read_bytes()
    assert packed.stat().st_size < path.with_name(path.name + ".gz").stat().st_size


def test_files_that_are_already_compressed_get_no_copy(site):
    copied = [p for p in site.rglob("*") if p.suffix in {".gz", ".br"} and Path(p.stem).suffix in {".zip", ".whl", ".png"}]
    assert copied == []


def test_gzip_copies_carry_no_name_or_time_so_builds_stay_identical(site):
    header = (site / "index.html.gz").read_bytes()[:10]
    assert header[3] == 0 and header[4:8] == b"\0\0\0\0"


@pytest.mark.parametrize(("header", "expected"), [
    ("gzip, deflate, br, zstd", {"gzip", "deflate", "br", "zstd"}),
    ("gzip;q=1.0, br;q=0", {"gzip"}),
    ("", set()),
    ("identity", {"identity"}),
    ("BR ; q=0.5, gzip;q=bad", {"br"}),
], ids=["chromium", "brotli-refused", "none", "identity-only", "case-and-bad-quality"])
def test_the_server_reads_accept_encoding_as_browsers_send_it(header, expected):
    assert accepted_encodings(header) == expected


def test_a_file_changed_after_the_build_is_sent_as_it_is_not_as_its_stale_copy(tmp_path):
    original, packed = tmp_path / "a.js", tmp_path / "a.js.gz"
    original.write_text("old", "utf-8")
    packed.write_bytes(gzip.compress(b"old"))
    assert fresh(str(original), str(packed))
    os.utime(original, ns=(packed.stat().st_mtime_ns + 10**9,) * 2)
    assert not fresh(str(original), str(packed))
