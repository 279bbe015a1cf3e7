"""Precompressed copies of what the site ships, written beside each file after the build.

A server with nginx's `gzip_static` (in Debian's stock build) or `brotli_static` sends `name.gz` or
`name.br` instead of compressing on every request, or of sending the file as it is: Debian's stock
nginx compresses only HTML unless told otherwise, and the runtime is most of the calculator's bytes.
Every compressible file of at least `MIN_SIZE` bytes gets a `.gz` (level 9, no name or time in its
header, so builds stay byte-identical); the Pyodide runtime also gets a `.br` at quality 11, which
saves a fifth of the wasm against gzip and is worth the 30 s it costs once. Both are cached by the
sha256 of the content under `.cache/precompress/`, each written to a private file and renamed into
place, so parallel builds never read a half-written copy.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache" / "precompress"
COMPRESSIBLE = frozenset({".html", ".js", ".mjs", ".css", ".json", ".wasm", ".svg", ".xml", ".txt", ".csv"})
MIN_SIZE = 1024
# A compressed copy must save at least this share, or the server may as well send the file itself.
MAX_RATIO = 0.9
BROTLI_DIR = "assets/pyodide"


def gzip_bytes(data: bytes) -> bytes:
    """The `.gz` copy of `data`: the same bytes in every build (generator/release/configure.py uses it too)."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def _brotli(data: bytes) -> bytes:
    import brotli  # the build's; a configured release writes no brotli copy (only the runtime has one)

    return brotli.compress(data, quality=11)


def _cached(data: bytes, suffix: str, compress: Callable[[bytes], bytes], cache: Path) -> bytes:
    """`compress(data)`, from the content-addressed cache when another build already made it."""
    entry = cache / f"{hashlib.sha256(data).hexdigest()}{suffix}"
    if entry.is_file():
        return entry.read_bytes()
    packed = compress(data)
    cache.mkdir(parents=True, exist_ok=True)
    fd, staging = tempfile.mkstemp(prefix=f".{entry.name}-", dir=cache)
    with os.fdopen(fd, "wb") as out:
        out.write(packed)
    os.replace(staging, entry)
    return packed


def compressible(path: Path) -> bool:
    """Whether `path` is worth a compressed copy. (MkDocs' own `sitemap.xml.gz` is rewritten with the
    same content: a gzip of `sitemap.xml`.)"""
    return path.suffix in COMPRESSIBLE and path.stat().st_size >= MIN_SIZE


def wants_brotli(site: Path, path: Path) -> bool:
    """The Pyodide runtime: large, the same in every build, and most of the calculator's bytes."""
    return path.relative_to(site).as_posix().startswith(BROTLI_DIR + "/")


def precompress_site(site: Path, cache: Path = CACHE) -> list[Path]:
    """Write `.gz` (and for the runtime `.br`) beside every compressible file; return what was written."""
    written = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        if not compressible(path):
            continue
        data = path.read_bytes()
        copies = [(".gz", gzip_bytes)] + ([(".br", _brotli)] if wants_brotli(site, path) else [])
        for suffix, compress in copies:
            packed = _cached(data, suffix, compress, cache)
            if len(packed) <= len(data) * MAX_RATIO:
                target = path.with_name(path.name + suffix)
                target.write_bytes(packed)
                written.append(target)
    return written
