"""Building the site into a directory, as `make build` does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def build_site(dest: Path, catalog_dir: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    environ.update({"NO_MKDOCS_2_WARNING": "1", **(env or {})})
    if catalog_dir:
        environ["GD_CATALOG_DIR"] = str(catalog_dir)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(dest)],
                          cwd=ROOT, env=environ, capture_output=True, text=True)



def configured_copy(site: Path, dest: Path, address: str) -> Path:
    """A copy of the built site at `dest`, configured for `address` as a release's configure.py leaves it
    (the default build names no address, issue 20); "" takes a configured address away again."""
    from generator.hosting import host_identity
    from generator.release import SiteConfig, configure_site

    shutil.copytree(site, dest)
    configure_site(dest, SiteConfig(address, host_identity(None), []))
    return dest
