"""Building the site into a directory, as `make build` does."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The address a build without SITE_URL writes into canonical links, the sitemap and QR codes.
DEFAULT_SITE_URL = re.search(r'site_url: !ENV \[SITE_URL, "([^"]*)"\]', (ROOT / "mkdocs.yml").read_text("utf-8")).group(1)


def build_site(dest: Path, catalog_dir: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    environ.update({"NO_MKDOCS_2_WARNING": "1", **(env or {})})
    if catalog_dir:
        environ["GD_CATALOG_DIR"] = str(catalog_dir)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(dest)],
                          cwd=ROOT, env=environ, capture_output=True, text=True)

