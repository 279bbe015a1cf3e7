"""An nginx config for the built site: a sub-path with the CSP, and a careless location."""

from __future__ import annotations

import os
import socket
from pathlib import Path

SUBPATH = "/gdii/syqpt/2020/"
CARELESS = "/careless/"
MIME_TYPES = Path("/etc/nginx/mime.types")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def nginx_config(tmp: Path, site: Path, port: int, csp: str) -> str:
    user = "user root;" if os.geteuid() == 0 else ""
    temp = "\n".join(f"  {name}_temp_path {tmp}/{name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
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
  gzip on;
  gzip_types text/css text/javascript application/javascript application/json application/wasm image/svg+xml;
  server {{
    listen 127.0.0.1:{port};
    # Debian's stock mime.types, as officials would have it, plus the site's CSP.
    location {SUBPATH} {{
      alias {site}/;
      add_header Content-Security-Policy "{csp}" always;
    }}
    # A careless server: no type for .wasm or .mjs, as on IIS or old Apache.
    location {CARELESS} {{
      alias {site}/;
      types {{ text/html html; text/css css; text/javascript js; application/json json; image/svg+xml svg; }}
      default_type application/octet-stream;
    }}
  }}
}}
"""
