"""Browser libraries from pinned npm packages (package-lock.json), copied into the site at build time."""

from __future__ import annotations

from pathlib import Path

# Site path -> file inside node_modules. Served as .js: stock nginx, IIS and old Apache have no .mjs type.
VENDORED = {
    "assets/calculator/qrcode-generator.js": "qrcode-generator/dist/qrcode.mjs",
    # The brotli decoder the worker decodes the runtime's brotli forms with (worker/brotli.js): wasm-bindgen's
    # glue and its wasm, under the name the glue itself gives it, so that the build's renaming rewrites both.
    "assets/calculator/brotli-dec.js": "brotli-dec-wasm/pkg/brotli_dec_wasm.js",
    "assets/calculator/brotli_dec_wasm_bg.wasm": "brotli-dec-wasm/pkg/brotli_dec_wasm_bg.wasm",
}


class VendorError(Exception):
    """A pinned browser library is missing from node_modules."""


def vendored_files(root: Path) -> list[tuple[str, Path]]:
    """(site path, file) pairs of the vendored browser libraries."""
    pairs = []
    for site_path, module_path in VENDORED.items():
        source = root / "node_modules" / module_path
        if not source.is_file():
            raise VendorError(f"未找到 node_modules/{module_path}：请先运行 make setup（npm ci 安装锁定版本）")
        pairs.append((site_path, source))
    return pairs
