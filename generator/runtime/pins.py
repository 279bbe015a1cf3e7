"""The Pyodide files the build copies, checked against the digests recorded in `pyodide.sha256`.

`npm ci` checks the package's tarball, but not what is in node_modules afterwards: a file edited, swapped
or left from another version there would otherwise be shipped to every visitor. The build stops instead,
naming the file, before anything is copied or cached.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

PINS = Path(__file__).resolve().parent / "pyodide.sha256"


class PinError(Exception):
    """A Pyodide file is missing or differs from its recorded digest; the message names it."""


def recorded(pins: Path = PINS) -> dict[str, str]:
    """file name -> sha256, from a sha256sum listing (comment lines start with #)."""
    out: dict[str, str] = {}
    for line in pins.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            digest, name = line.split(maxsplit=1)
            out[name.lstrip("*")] = digest.lower()
    return out


def check_pinned(runtime: Path, pins: Path = PINS) -> None:
    """Raise PinError unless every recorded file of `runtime` (node_modules/pyodide) has its recorded digest."""
    for name, digest in recorded(pins).items():
        path = runtime / name
        if not path.is_file():
            raise PinError(f"缺少 Pyodide 文件 {path}：请运行 make setup（npm ci）重新安装锁定版本。")
        actual = hashlib.sha256(path.read_bytes()).hexdigest()
        if actual != digest:
            raise PinError(
                f"Pyodide 文件 {path} 的 sha256 与记录不符（记录 {digest[:16]}…，实际 {actual[:16]}…），"
                f"文件可能被替换或损坏，构建已停止。请删除 node_modules 后运行 make setup 重新安装；"
                f"如系有意升级 Pyodide，请同时更新 {pins.name}（generator/runtime/）。")
