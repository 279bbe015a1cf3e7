"""The build-time memory snapshot the calculator restores instead of starting Python.

Pyodide's own Python start-up (`finalizeBootstrap`, about 1 s in Chromium) runs on every visit. At
build time `snapshot_maker.mjs` boots the pinned Pyodide under node on the trimmed stdlib, installs the
wheel, imports the engine and builds the session from the site's catalog.json, then writes Pyodide's
memory snapshot (its private `_makeSnapshot` API: the whole 30 MiB wasm heap plus a small header that
binds it to Pyodide's build id). Its heap is stored as the difference (XOR) from the memory that
instantiating the wasm gives, which the worker has at the same moment, so the unchanged static data
costs nothing; the long runs of zeros are left out (the worker knows where the shipped segments go);
and it is shipped gzip-compressed (30 MiB become about 3.5 MB), so a server that compresses nothing
still sends it small. The worker decompresses it with `DecompressionStream`.
The snapshot is an optimisation only: the worker checks it and falls back to booting on the stdlib
when anything about it is wrong (see worker.js).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

MAKER = Path(__file__).with_name("snapshot_maker.mjs")
# Pyodide 314's wasm heap starts at 30 MiB and a snapshot cannot be restored into a heap that had to
# grow (INITIAL_MEMORY is ignored by the built module; Pyodide issue #6254).
MAX_HEAP = 30 * 1024 * 1024
# Runs of zeros at least this long are left out of the shipped snapshot (64 KiB: a handful of segments).
ZERO_GAP = 64 * 1024


class SnapshotError(Exception):
    """The snapshot cannot be built; the message says why."""


def probe_plan(catalog_json: str) -> dict:
    """The plan the worker runs after a restore to check the engine, and whose result the build records:
    the catalogue's first city that may apply, its first products, each contracted for the enterprise cap
    written in 万 (so that the amount parser runs too). py/warm_up.py starts from this plan."""
    data = json.loads(catalog_json)
    policy = data.get("policy", {})
    excluded = set(policy.get("excluded_cities", {}).get("value", []))
    city = next((c for c in policy.get("cities", {}).get("members", {}) if c not in excluded), "")
    contract = f"{int(policy.get('enterprise_cap', {}).get('value', 10000)) // 10000}万"
    products = [p["id"] for p in data.get("products", [])][:3] or [1]
    return {"city": city, "cluster_pilot": False, "claimed_before": [],
            "items": [{"product": p, "contract": contract, "devices": "40"} for p in products]}


def build_snapshot(runtime: Path, stdlib: Path, lock: Path, wheel: Path, package: str, catalog_json: str,
                   out: Path) -> dict:
    """Write the gzip-compressed snapshot to `out` (in a private build directory); return what the
    manifest records about it: the probe plan, its expected result text, the snapshot's size, the
    segments that are shipped (the rest is zeros) with their total size and sha256, and where its
    XORed part is."""
    node = shutil.which("node")
    if node is None:
        raise SnapshotError("未找到 node：构建内存快照需要 node 20+（README 的环境要求）")
    catalog = out.with_name("catalog.snapshot.json")
    catalog.write_text(catalog_json, "utf-8")
    plan = probe_plan(catalog_json)
    probe = out.with_name("probe.snapshot.json")
    probe.write_text(json.dumps(plan, ensure_ascii=False), "utf-8")
    raw = out.with_name("snapshot.raw")
    try:
        done = subprocess.run([node, str(MAKER), str(runtime), str(stdlib), str(lock), str(wheel.parent), package,
                               str(catalog), str(probe), str(raw)],
                              capture_output=True, text=True, timeout=600, env={**os.environ, "TZ": "UTC"})
        if done.returncode != 0 or not raw.exists():
            raise SnapshotError(f"在 node 中运行 Pyodide 以生成内存快照失败：\n{done.stdout}\n{done.stderr[-3000:]}")
        report = json.loads(done.stdout.strip().splitlines()[-1])
        if report["heap"] > MAX_HEAP:
            raise SnapshotError(f"内存快照过大：堆 {report['heap']} 字节，超过 Pyodide 可恢复的 {MAX_HEAP} 字节")
        data = raw.read_bytes()
    finally:
        for path in (catalog, probe, raw):
            path.unlink(missing_ok=True)
    segments = nonzero_segments(data)
    packed = b"".join(data[offset:offset + length] for offset, length in segments)
    # mtime=0 and no file name in the header: the same snapshot always compresses to the same bytes.
    out.write_bytes(gzip.compress(packed, compresslevel=9, mtime=0))
    return {"plan": plan, "check": report["check"], "size": len(data), "segments": segments,
            "packed_size": len(packed), "packed_sha256": hashlib.sha256(packed).hexdigest(),
            "heap_start": report["heapStart"], "xor_length": report["xorLength"]}


def nonzero_segments(data: bytes, gap: int = ZERO_GAP) -> list[list[int]]:
    """[offset, length] of the parts of `data` between runs of at least `gap` zero bytes. Only these
    are shipped: two thirds of the heap are zeros, which the worker need not decompress at all."""
    segments: list[list[int]] = []
    start = 0
    for run in re.finditer(rb"\0{%d,}" % gap, data):
        if run.start() > start:
            segments.append([start, run.start() - start])
        start = run.end()
    if start < len(data):
        segments.append([start, len(data) - start])
    return segments
