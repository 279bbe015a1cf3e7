"""The preview server of `make serve`, for this computer only: the MIME types Pyodide needs (.mjs, .wasm),
the build's precompressed copies (`.br`, `.gz`) as nginx's `brotli_static`/`gzip_static` send them, with
their validators, the build's CSP (csp.txt) and the security headers, the site's own 404 page, no
directory listing, a real listen backlog and a timeout on idle connections (issue 20). It is not a
production server: a release is published with `make dist` and nginx, Apache or IIS (docs/publishing.md)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import sys
from email.utils import formatdate
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

from generator.hosting.cache_policy import cache_control
from generator.hosting.headers import SECURITY_HEADERS

PREVIEW = "仅供本机预览，不是生产服务器；发布网站请用 make dist 生成发布包（见 docs/publishing.md）。"


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    timeout = 30  # seconds a connection may stay silent before it is closed
    send_policy = False  # the CSP and security headers: on in `make serve` (PolicyHandler)
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

    def end_headers(self) -> None:
        # The policy the build wrote and the headers a host sends, so the preview fails where a host would.
        csp = Path(self.directory) / "csp.txt"
        if self.send_policy and csp.is_file():
            self.send_header("Content-Security-Policy", csp.read_text("utf-8").strip())
        for name, value in SECURITY_HEADERS.items() if self.send_policy else ():
            self.send_header(name, value)
        # Every answer says how long it may be reused, as the shipped server configurations do.
        self.send_header("Cache-Control", cache_control(unquote(urlsplit(self.path).path)))
        super().end_headers()

    def list_directory(self, path: str) -> None:
        # A folder without index.html is not a page: the site's 404, as a host with autoindex off sends.
        self.send_error(404)
        return None

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # The site's own Chinese 404 page, as docs/deploying.md asks servers to send (error_page in nginx),
        # so that `make serve` previews what visitors of the hosted site will see.
        script = "zh-Hant/" if self.path.lstrip("/").startswith("zh-Hant/") else ""
        page = Path(self.directory) / script / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        if os.path.isfile(path):
            for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
                if encoding in accepted_encodings(self.headers.get("Accept-Encoding", "")) and fresh(path, path + suffix):
                    return self._send_encoded(path, path + suffix, encoding)
        return super().send_head()

    def _send_encoded(self, path: str, packed: str, encoding: str):
        stat = os.stat(path)
        tag = f'"{stat.st_size:x}-{stat.st_mtime_ns:x}-{encoding}"'
        if tag in [t.strip() for t in self.headers.get("If-None-Match", "").split(",")]:
            self.send_response(304)
            self.send_header("ETag", tag)
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            return None
        body = open(packed, "rb")  # noqa: SIM115 - the base class copies and closes it, as for any file
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Last-Modified", formatdate(stat.st_mtime, usegmt=True))
        self.send_header("ETag", tag)
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(os.fstat(body.fileno()).st_size))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return body


class PolicyHandler(SiteHandler):
    """`make serve`'s handler: the site with the build's CSP and the security headers. (The browser tests
    serve without them, as they inject axe-core and evaluate scripts; tests/release checks the headers.)"""

    send_policy = True


def fresh(path: str, packed: str) -> bool:
    """Whether a compressed copy exists and is no older than its file: a file changed after the build
    (as the fault tests damage one) is sent as it is, never as the stale copy of what it was."""
    return os.path.isfile(packed) and os.stat(packed).st_mtime_ns >= os.stat(path).st_mtime_ns


def accepted_encodings(header: str) -> set[str]:
    """The content codings an Accept-Encoding header accepts (`q=0` refuses one)."""
    accepted = set()
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        quality = params.strip().removeprefix("q=").strip() if params.strip().startswith("q=") else "1"
        try:
            if float(quality) > 0 and name.strip():
                accepted.add(name.strip().lower())
        except ValueError:
            continue
    return accepted


class SiteServer(http.server.ThreadingHTTPServer):
    request_queue_size = 128  # the listen backlog (socketserver's default of 5 queued clients for seconds)
    daemon_threads = True
    def handle_error(self, request, client_address) -> None:
        # A browser that stops a download it no longer needs (a new page, a cancelled boot) is not an error.
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


def make_server(directory: Path, host: str = "127.0.0.1", port: int = 0,
                policy: bool = False) -> http.server.ThreadingHTTPServer:
    """A server of the built site in `directory`; `policy`: send the CSP and security headers (`make serve`)."""
    handler = functools.partial(PolicyHandler if policy else SiteHandler, directory=str(directory))
    return SiteServer((host, port), handler)


def serve_forever(directory: Path, host: str, port: int) -> None:
    if not (directory / "index.html").is_file():
        raise SystemExit(f"{directory} 中没有已构建的网站，请先运行 make build")
    try:
        server = make_server(directory, host, port, policy=True)
    except OSError:
        server = make_server(directory, host, 0, policy=True)
        print(f"端口 {port} 已被占用，改用端口 {server.server_address[1]}", flush=True)
    print(f"网站已在 http://{host}:{server.server_address[1]}/ 提供（Ctrl+C 停止）。{PREVIEW}", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
