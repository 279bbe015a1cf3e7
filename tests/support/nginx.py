"""nginx for the hosting tests: the site under a sub-path with the CSP, a careless location, and a
helper that runs any set of locations in a private nginx and stops it afterwards."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from support.listening import wait_until_listening

SUBPATH = "/gdii/syqpt/2020/"
CARELESS = "/careless/"
MIME_TYPES = Path("/etc/nginx/mime.types")
GZIP_TYPES = "text/css text/javascript application/javascript application/json application/wasm image/svg+xml"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_config(tmp: Path, port: int, locations: str, gzip: bool = True, http_extra: str = "") -> str:
    """A whole nginx.conf that keeps every file it writes in `tmp` and serves `locations` on `port`;
    `http_extra` goes at the http level (the cache policy's map)."""
    user = "user root;" if os.geteuid() == 0 else ""
    temp = "\n".join(f"  {name}_temp_path {tmp}/{name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    compress = f"  gzip on;\n  gzip_types {GZIP_TYPES};" if gzip else ""
    return f"""
{user}
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
  include {MIME_TYPES};
  default_type application/octet-stream;
  access_log off;
{temp}
{compress}
{http_extra}
  server {{
    listen 127.0.0.1:{port};
{locations}
  }}
}}
"""


def site_locations(site: Path, csp: str) -> str:
    """The site under SUBPATH with its CSP, as officials would serve it with Debian's stock mime.types,
    and under CARELESS with no type for .wasm or .mjs, as on IIS or old Apache."""
    return f"""
    location {SUBPATH} {{
      alias {site}/;
      add_header Content-Security-Policy "{csp}" always;
    }}
    location {CARELESS} {{
      alias {site}/;
      types {{ text/html html; text/css css; text/javascript js; application/json json; image/svg+xml svg; }}
      default_type application/octet-stream;
    }}"""


@contextmanager
def running_nginx(tmp: Path, locations: str, gzip: bool = True, http_extra: str = "",
                  port: int | None = None) -> Iterator[str]:
    """Start nginx with these locations (on `port`, or a free one), yield its base URL once it listens, and
    stop it afterwards."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        pytest.fail("未找到 nginx。请运行 make test（以 root 身份会通过 apt 安装 nginx）。", pytrace=False)
    port = port or free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(http_config(tmp, port, locations, gzip, http_extra), "utf-8")
    process = subprocess.Popen([binary, "-c", str(conf), "-p", str(tmp), "-e", str(tmp / "error.log")],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    wait_until_listening(process, port, "nginx", tmp / "error.log")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
