"""A development server for the built site, with the MIME types Pyodide needs (.mjs, .wasm)."""

from __future__ import annotations

import contextlib
import functools
import http.server
from pathlib import Path
from typing import ClassVar


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".csv": "text/csv; charset=utf-8",
    }

    def log_message(self, format: str, *args: object) -> None:
        pass


def make_server(directory: Path, host: str = "127.0.0.1", port: int = 0) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(SiteHandler, directory=str(directory))
    return http.server.ThreadingHTTPServer((host, port), handler)


def serve_forever(directory: Path, host: str, port: int) -> None:
    if not (directory / "index.html").is_file():
        raise SystemExit(f"{directory} 中没有已构建的网站，请先运行 make build")
    try:
        server = make_server(directory, host, port)
    except OSError:
        server = make_server(directory, host, 0)
        print(f"端口 {port} 已被占用，改用端口 {server.server_address[1]}", flush=True)
    print(f"网站已在 http://{host}:{server.server_address[1]}/ 提供（Ctrl+C 停止）", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
