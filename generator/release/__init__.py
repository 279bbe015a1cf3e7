"""The release an official publishes (issue 20): `make dist`, and what its zip carries to configure the
site after download without a toolchain.

- `facts`: what a server must send (types, headers, cache policy), in one place.
- `config`: the one plain file a host fills in (`site-config.ini`, `read_ini`), or SITE_URL and
  `extra.host`/`extra.frame_origins` of a source build (`from_build`); both give a `SiteConfig`.
- `configure`: applies a configuration to a built site (addresses, QR codes, footer, 404 pages, CSP,
  server files); the build runs it too, so a configured release and a build from source are the same.
- `address`, `footer`, `qr`: the marked places of a built page that depend on the address and the host.
- `servers`: the nginx, Apache (`.htaccess`) and IIS (`web.config`) configurations.
- `cli`: `configure.py` of the release. `dist`: the zip (build time only, not shipped).

Everything but `dist` ships in the zip and runs on Python 3.8+ with the standard library and the vendored
segno (tests/release runs it with the system's Python 3.11).
"""

from __future__ import annotations

from pathlib import Path

from generator.release.config import ConfigError, SiteConfig, from_build, read_ini
from generator.release.configure import configure_site
from generator.release.qr import qr_placeholder


def make_dist(site: Path, out: Path, version: str | None = None) -> Path:
    """`make dist` (generator/release/dist.py, build time only: imported here on use, as it is not shipped)."""
    from generator.release.dist import make_dist as make

    return make(site, out, version)


__all__ = ["ConfigError", "SiteConfig", "configure_site", "from_build", "make_dist", "qr_placeholder", "read_ini"]
