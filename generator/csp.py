"""The Content-Security-Policy the built site works under, with a hash for every inline script."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

_SCRIPT_RE = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)

# 'wasm-unsafe-eval' lets Pyodide compile WebAssembly; nothing else is loosened for scripts.
BASE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'none'"],
    "frame-ancestors": ["'self'"],
}


def inline_script_hashes(site: Path) -> list[str]:
    """`'sha256-…'` of every executable inline script in the built pages, sorted."""
    hashes = set()
    for page in site.rglob("*.html"):
        for match in _SCRIPT_RE.finditer(page.read_text("utf-8")):
            attrs, body = match.group("attrs"), match.group("body")
            if "src=" in attrs or "application/json" in attrs or not body.strip():
                continue
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            hashes.add(f"'sha256-{digest}'")
    return sorted(hashes)


def content_security_policy(site: Path) -> str:
    policy = {key: list(values) for key, values in BASE_POLICY.items()}
    policy["script-src"] += inline_script_hashes(site)
    return "; ".join(f"{key} {' '.join(values)}" for key, values in policy.items())
