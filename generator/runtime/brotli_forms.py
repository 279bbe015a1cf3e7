"""The runtime's large files in brotli form, decoded by the worker itself (issue 24).

Browsers ask for `Content-Encoding: br` only over HTTPS, and many hosts compress nothing (or only text): the
wasm then travels as 9.6 MB. So the build also ships the three files that make most of the calculator's
bytes as brotli streams under names of their own, ending in `.brotli` (a suffix no server maps to an
encoding, unlike `.br`, which the release's own Apache configuration labels `Content-Encoding: br` and
which docs/publishing.md lets a host leave out), that the worker fetches as plain bytes and decodes with the
vendored `brotli-dec-wasm` (site_src/docs/assets/calculator/worker/brotli.js):

- the wasm, as it is;
- the snapshot's shipped segments (what its `.gz` holds), so the worker checks them against the
  `packed_sha256` it already knows;
- the trimmed stdlib rewritten with every member stored (no per-file deflate): brotli then sees the whole
  archive, 1.03 MB instead of the 1.49 MB of the deflated zip. It is another zip than the deflated one the
  stdlib boot falls back to, with its own size and sha256, and holds the same members.

Quality 11 is slow, about a minute for the snapshot, so every form is cached by the sha256 of its input under
`.cache/brotli/`, written to a private file and renamed into place (parallel builds). bundle.json maps each plain file to its form
(`brotli`: file, and the size and sha256 of the decoded bytes); the fingerprinter names the forms by content.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import zipfile
from pathlib import Path

SUFFIX = ".brotli"
QUALITY = 11
# brotli's window (`lgwin`, standard brotli up to 24, which every decoder reads): 16 MiB gives the snapshot
# 2.52 MB instead of 2.59 MB, but the wasm 2.77 MB instead of 2.74 MB, so each form has its own.
WINDOW = 24
WASM_WINDOW = 22
HEAD = 8


def compressed(data: bytes, cache: Path, window: int = WINDOW) -> bytes:
    """`data` as a brotli stream (quality 11), from the cache when a build already made it."""
    import brotli  # the build's (requirements.lock)

    entry = cache / f"{hashlib.sha256(data).hexdigest()}-q{QUALITY}w{window}{SUFFIX}"
    if entry.is_file():
        return entry.read_bytes()
    packed = brotli.compress(data, quality=QUALITY, lgwin=window)
    cache.mkdir(parents=True, exist_ok=True)
    fd, staging = tempfile.mkstemp(prefix=f".{entry.name}-", dir=cache)
    with os.fdopen(fd, "wb") as out:
        out.write(packed)
    os.replace(staging, entry)
    return packed


def stored_zip(path: Path) -> bytes:
    """The zip at `path` with every member stored rather than deflated, in the same order with the same
    dates and attributes, so that the same zip gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            data = source.read(info)
            copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            copy.external_attr = info.external_attr
            copy.compress_type = zipfile.ZIP_STORED
            target.writestr(copy, data)
    return out.getvalue()


def write_form(decoded: bytes, target: Path, cache: Path, window: int = WINDOW) -> dict[str, object]:
    """Write the brotli form of `decoded` to `target`; its manifest entry (the decoded size and sha256)."""
    target.write_bytes(compressed(decoded, cache, window))
    # `head`: the first bytes of the decoded file, by which the worker knows a form the server decoded.
    return {"file": target.name, "size": len(decoded), "sha256": hashlib.sha256(decoded).hexdigest(),
            "head": decoded[:HEAD].hex()}
