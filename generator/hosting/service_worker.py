"""The site's service worker (`sw.js` at the site root), written after the build.

Its precache list is the runtime the calculator boots from (from `bundle.json`: the files fetched on a
normal boot, i.e. the wasm, the memory snapshot and the lock, and the two modules; not the stdlib boot's
files nor the full stdlib, which are only fallbacks, cached if a boot ever fetches them), the calculator page
with the stylesheets and scripts it links to, worker.js and catalog.json. Its version is the sha256
of those files and of the service worker itself, so a new build installs a new cache and a byte-identical build changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from pathlib import Path

from generator.runtime import SITE_DIR

TEMPLATE = Path(__file__).with_name("service_worker.js")
CALCULATOR_PAGE = "calculator/"
CALCULATOR_FILES = ["assets/calculator/worker.js", "catalog.json"]
_ASSET_RE = re.compile(r'(?:src|href)="(?!https?:|data:|#)([^"#?]+\.(?:css|js|png|svg|ico|woff2?))"')


def _page_assets(site: Path, page: str) -> list[str]:
    """Same-site stylesheets, scripts and images the page links to, as site paths."""
    html = (site / page / "index.html").read_text("utf-8")
    return sorted({posixpath.normpath(posixpath.join(page, link)) for link in _ASSET_RE.findall(html)})


def precache_list(site: Path) -> list[str]:
    """Site paths to keep at install: the calculator page, what it loads, and the runtime it boots."""
    manifest = json.loads((site / SITE_DIR / "bundle.json").read_text("utf-8"))
    runtime = sorted({*manifest["fetched"], *(name for name in manifest["files"] if name.endswith(".js"))})
    paths = [f"{SITE_DIR}/bundle.json", *(f"{SITE_DIR}/{name}" for name in runtime), *CALCULATOR_FILES,
             *_page_assets(site, CALCULATOR_PAGE)]
    files = [path for path in dict.fromkeys(paths) if (site / path).is_file()]
    return [CALCULATOR_PAGE, *files]


def service_worker(site: Path) -> str:
    """The text of sw.js for the built site in `site`."""
    paths = precache_list(site)
    template = TEMPLATE.read_text("utf-8")
    digest = hashlib.sha256(template.encode())
    for path in paths:
        file = site / path / "index.html" if path.endswith("/") else site / path
        digest.update(path.encode() + b"\0" + file.read_bytes())
    return (template.replace("__VERSION__", digest.hexdigest()[:16])
            .replace("__PRECACHE__", json.dumps(paths, indent=2)))


def write_service_worker(site: Path) -> None:
    (site / "sw.js").write_text(service_worker(site), "utf-8")
