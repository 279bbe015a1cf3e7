"""The in-browser calculator bundle: the pinned Pyodide runtime and the calculator wheel.

Only the files the calculator needs are copied from the npm package `pyodide`. The two ES modules
get a `.js` name, because servers without an `.mjs` MIME type (stock nginx, IIS, old Apache) would
send them as octet-stream, which browsers refuse for module scripts. The calculator is built into a
pure-Python wheel and registered in the lock file with pyodide-build (`pyodide lockfile add-wheels`),
which records its sha256; the lock is then pruned to that one package, since no other is shipped.
The worker restores a build-time memory snapshot (generator/runtime/snapshot.py) and, should that fail, boots
from a trimmed, precompiled stdlib (generator/runtime/stdlib.py); both are named by their content, and the
full `python_stdlib.zip` stays beside them as the last fallback. The wasm, the snapshot and the trimmed stdlib
are also shipped in brotli form, which the worker decodes itself (generator/runtime/brotli_forms.py).
`bundle.json`, the manifest the worker reads, gives every file's size and sha256.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from generator.runtime.brotli_forms import WASM_WINDOW, stored_zip, write_form
from generator.runtime.pins import PinError, check_pinned
from generator.runtime.snapshot import SnapshotError, build_snapshot
from generator.runtime.stdlib import StdlibError, build_trimmed_stdlib

SITE_DIR = "assets/pyodide"
BROTLI = ".brotli"
WHEEL_PACKAGE = "gd-voucher-calculator"
# npm file -> name in the site
RUNTIME = {
    "pyodide.mjs": "pyodide.esm.js",
    "pyodide.asm.mjs": "pyodide.asm.esm.js",
    "pyodide.asm.wasm": "pyodide.asm.wasm",
    "python_stdlib.zip": "python_stdlib.zip",
}


class BundleError(Exception):
    """The bundle cannot be built; the message says what to install or run."""


def _source_key(root: Path, runtime: Path, catalog_json: str) -> str:
    """Content address of the bundle: everything that goes into it, including the build's own code."""
    digest = hashlib.sha256()
    # Every file of the folders that make the bundle, so a new helper file can never be left out of the key.
    room = Path(__file__).resolve().parent
    sources = [*_files_under(root / "calculator"), *_files_under(room), root / "pyproject.toml", runtime / "package.json"]
    for path in sources:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    digest.update(catalog_json.encode())
    return digest.hexdigest()[:16]


def _files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run(args: list[str], **kwargs) -> None:
    done = subprocess.run(args, capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        raise BundleError(f"命令失败：{' '.join(args)}\n{done.stdout}\n{done.stderr}")


def wheel_epoch(catalog_json: str) -> str:
    """The date of every file in the wheel: the notice's publication, as for the site's own dates. Taken from
    the catalogue (part of the cache key), never from the environment, so that whoever builds the bundle, and
    however (`mkdocs build`, or `prepare` called directly), the same sources give the same wheel."""
    published = datetime.fromisoformat(json.loads(catalog_json)["notice"]["published"]).replace(tzinfo=UTC)
    return str(int(published.timestamp()))


def build_wheel(root: Path, out: Path, epoch: str) -> Path:
    """A reproducible py3-none-any wheel of calculator/ (hatchling honours SOURCE_DATE_EPOCH)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch}
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-cache-dir",
          "--disable-pip-version-check", "-w", str(out), str(root)], env=env)
    wheels = sorted(out.glob("gd_voucher_calculator-*-py3-none-any.whl"))
    if len(wheels) != 1:
        raise BundleError(f"未能生成测算引擎的 wheel：{[w.name for w in out.iterdir()]}")
    return wheels[0]


def register_wheel(runtime_lock: Path, wheel: Path, out: Path) -> Path:
    """Add the wheel to Pyodide's lock file with pyodide-build, then keep only our package."""
    pyodide = Path(sys.executable).parent / "pyodide"
    if not pyodide.exists():
        raise BundleError("未找到 pyodide 命令（pyodide-build），请运行 make setup")
    full = out / "pyodide-lock.full.json"
    _run([str(pyodide), "lockfile", "add-wheels", "--input", str(runtime_lock), "--output", str(full),
          "--base-path", str(wheel.parent), str(wheel)])
    lock = json.loads(full.read_text("utf-8"))
    ours = {name: entry for name, entry in lock["packages"].items() if name == WHEEL_PACKAGE}
    if not ours:
        raise BundleError(f"pyodide lockfile add-wheels 未登记 {WHEEL_PACKAGE}")
    lock["packages"] = ours
    target = out / "pyodide-lock.json"
    target.write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n", "utf-8")
    full.unlink()
    return target


def prepare(root: Path, work: Path, catalog_json: str) -> dict[str, Path]:
    """Build (or reuse from `work`) the bundle; returns site name -> file."""
    runtime = root / "node_modules" / "pyodide"
    if not (runtime / "pyodide.asm.wasm").exists():
        raise BundleError("未找到 node_modules/pyodide：请先运行 make setup（npm ci 安装锁定版本的 Pyodide）")
    try:
        check_pinned(runtime)
    except PinError as err:
        raise BundleError(str(err)) from None
    cache = work / _source_key(root, runtime, catalog_json)
    if not (cache / "bundle.json").exists():
        _build_into(cache, root, runtime, catalog_json, root / ".cache" / "brotli")
    return _built_files(cache, runtime) | {"bundle.json": cache / "bundle.json"}


def _built_files(cache: Path, runtime: Path) -> dict[str, Path]:
    wheel = next((cache / "wheel").glob("*.whl"))
    stdlib = next((cache / "stdlib").glob("*.zip"))
    snapshot = next((cache / "snapshot").glob("*.gz"))
    forms = {path.name: path for path in (cache / "brotli").glob(f"*{BROTLI}")}
    return _runtime_files(runtime) | forms | {wheel.name: wheel, "pyodide-lock.json": cache / "pyodide-lock.json",
                                              stdlib.name: stdlib, snapshot.name: snapshot}


def _runtime_files(runtime: Path) -> dict[str, Path]:
    return {site: runtime / npm for npm, site in RUNTIME.items()}


def _brotli_forms(out: Path, wasm: Path, snapshot: Path, stdlib: Path, cache: Path) -> dict[str, dict[str, object]]:
    """plain file name -> its brotli form (written to `out`): the wasm, the snapshot's segments (what its gzip
    holds) and the trimmed stdlib with its members stored (generator/runtime/brotli_forms.py)."""
    return {
        RUNTIME["pyodide.asm.wasm"]: write_form(wasm.read_bytes(), out / f"pyodide.asm.wasm{BROTLI}", cache, WASM_WINDOW),
        snapshot.name: write_form(gzip.decompress(snapshot.read_bytes()), out / f"pyodide-snapshot{BROTLI}", cache),
        stdlib.name: write_form(stored_zip(stdlib), out / f"python_stdlib_trimmed.zip{BROTLI}", cache),
    }


def _build_into(cache: Path, root: Path, runtime: Path, catalog_json: str, brotli_cache: Path) -> None:
    """Build the wheel, lock and manifest in a private directory, then move it into place in one step,
    so that concurrent builds (parallel test workers, `mkdocs serve`) never see or clobber a half-built one."""
    cache.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{cache.name}-", dir=cache.parent))
    try:
        (staging / "wheel").mkdir()
        (staging / "stdlib").mkdir()
        (staging / "snapshot").mkdir()
        (staging / "brotli").mkdir()
        wheel = build_wheel(root, staging / "wheel", wheel_epoch(catalog_json))
        lock = register_wheel(runtime / "pyodide-lock.json", wheel, staging)
        try:
            probe = build_trimmed_stdlib(runtime, lock, wheel, WHEEL_PACKAGE, catalog_json,
                                         staging / "stdlib" / "stdlib.zip")
        except StdlibError as err:
            raise BundleError(str(err)) from None
        # Named by content, so a browser or service worker never mixes the stdlib of two builds.
        stdlib = probe.rename(probe.with_name(f"python_stdlib.{_sha256(probe)[:12]}.zip"))
        try:
            packed = staging / "snapshot" / "snapshot.gz"
            snapshot = build_snapshot(runtime, stdlib, lock, wheel, WHEEL_PACKAGE, catalog_json, packed)
        except SnapshotError as err:
            raise BundleError(str(err)) from None
        packed = packed.rename(packed.with_name(f"pyodide-snapshot.{_sha256(packed)[:12]}.gz"))
        brotli = _brotli_forms(staging / "brotli", runtime / "pyodide.asm.wasm", packed, stdlib, brotli_cache)
        files = _built_files(staging, runtime)
        manifest = {
            "pyodide": json.loads((runtime / "package.json").read_text("utf-8"))["version"],
            "package": WHEEL_PACKAGE,
            "wheel": wheel.name,
            "stdlib": stdlib.name,
            "stdlib_full": RUNTIME["python_stdlib.zip"],
            # The snapshot (gzip): its full size, the [offset, length] segments shipped (zeros elsewhere)
            # with their total size and sha256, the bytes XORed with the freshly instantiated memory,
            # and the worker's check after a restore: a plan and the exact result text the build gave.
            "snapshot": {"file": packed.name, "size": snapshot["size"], "segments": snapshot["segments"],
                         "packed_size": snapshot["packed_size"], "packed_sha256": snapshot["packed_sha256"],
                         "heap_start": snapshot["heap_start"], "xor_length": snapshot["xor_length"],
                         "plan": snapshot["plan"], "check": snapshot["check"]},
            # Each plain file the worker may fetch in brotli form instead, decoding it itself: that form's
            # file and the size and sha256 of its decoded bytes (for the snapshot, of its segments).
            "brotli": brotli,
            "files": {name: {"size": path.stat().st_size, "sha256": _sha256(path)} for name, path in sorted(files.items())},
        }
        # The progress bar counts what the worker fetches: not the two modules (imported before it starts)
        # nor the full stdlib (the last fallback). A restore needs the wasm, the snapshot and the lock
        # (Pyodide reads it); a boot on the stdlib needs the wasm, the trimmed stdlib, the lock and the wheel.
        manifest["fetched"] = sorted(["pyodide.asm.wasm", packed.name, "pyodide-lock.json"])
        manifest["total"] = sum(manifest["files"][n]["size"] for n in manifest["fetched"])
        manifest["fetched_stdlib"] = sorted(["pyodide.asm.wasm", stdlib.name, "pyodide-lock.json", wheel.name])
        manifest["total_stdlib"] = sum(manifest["files"][n]["size"] for n in manifest["fetched_stdlib"])
        (staging / "bundle.json").write_text(json.dumps(manifest, indent=1) + "\n", "utf-8")
        try:
            staging.rename(cache)
        except OSError:
            if not (cache / "bundle.json").exists():  # not another build's finished copy: a real failure
                raise
    finally:
        if staging.exists():
            shutil.rmtree(staging)


def refreshed_manifest(text: str, folder: Path) -> str:
    """bundle.json once the files it lists have been given content-addressed names and their references
    rewritten (generator/hosting/fingerprint.py): each file's size and sha256 as shipped, and the totals."""
    manifest = json.loads(text)
    manifest["files"] = {name: {"size": (folder / name).stat().st_size, "sha256": _sha256(folder / name)}
                         for name in manifest["files"]}
    manifest["total"] = sum(manifest["files"][n]["size"] for n in manifest["fetched"])
    manifest["total_stdlib"] = sum(manifest["files"][n]["size"] for n in manifest["fetched_stdlib"])
    return json.dumps(manifest, indent=1) + "\n"


def bundle_files(root: Path, work: Path, catalog_json: str) -> Iterator[tuple[str, Path]]:
    """(site path, file) pairs to copy into the built site."""
    for name, path in sorted(prepare(root, work, catalog_json).items()):
        yield f"{SITE_DIR}/{name}", path
