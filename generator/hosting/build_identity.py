"""The build identity: which data and which engine a page, a result, a printed sheet or a CSV came from.

Two things, both deterministic, so that two builds of the same sources stay byte-identical:

- the **identity** shown to readers: the build date (from `SOURCE_DATE_EPOCH` when whoever builds sets
  it, else the date of the latest commit; never the wall clock) and short content hashes of the
  catalogue (`catalog.json`, so anyone can check a figure's source with `sha256sum catalog.json`) and of
  the engine (the runtime manifest `bundle.json`, which records the sha256 of the calculator's wheel,
  its memory snapshot and the Pyodide runtime);
- the **site build** id, a hash of every file the build wrote (pages included), which each page carries
  in `<meta name="gd-build">` and which `build.json`, fetched by every page with `cache: "no-store"`,
  names for the build the server holds now. A page whose id differs is of another build: the page says
  so and offers to reload (assets/js/build-check.js).

Pages are rendered before the site id can be known, so they carry `SITE_BUILD_SLOT`, replaced in
every page once the rest of the build is written (`stamp_site_build`).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from calculator.wording import build_label

MANIFEST = "build.json"
SITE_BUILD_SLOT = "gd-site-build-pending"
# Where the calculator's page (generator/pages/templates/calculator.md.j2) shows the identity.
BUILD_LABEL_SLOT = "<!--gd-build-label-->"
# Written after the site id is known (sw.js) or holding it (build.json), or copies of other files.
_NOT_HASHED = frozenset({MANIFEST, "sw.js"})
_COPIES = (".gz", ".br")


def short_hash(data: bytes, length: int = 8) -> str:
    return hashlib.sha256(data).hexdigest()[:length]


def build_date(root: Path, environ: dict[str, str] | None = None) -> str:
    """The build date as YYYY-MM-DD: `SOURCE_DATE_EPOCH` if set, else the latest commit's, else ""."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        try:
            done = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"],
                                  capture_output=True, text=True, timeout=30)
            epoch = done.stdout.strip() if done.returncode == 0 else ""
        except (OSError, subprocess.SubprocessError):
            epoch = ""
    if not epoch.isdigit():
        return ""
    return datetime.fromtimestamp(int(epoch), tz=UTC).date().isoformat()


def identity(catalog_json: str, bundle_json: bytes, date: str) -> dict[str, str]:
    """The identity of a build: date, catalogue and engine hashes, and the one line readers see."""
    catalogue = short_hash(catalog_json.encode("utf-8"))
    engine = short_hash(bundle_json)
    return {"date": date, "catalogue": catalogue, "engine": engine, "label": build_label(date, catalogue, engine)}


def site_build(site: Path) -> str:
    """A hash of every file of the built site (pages still holding SITE_BUILD_SLOT), in a fixed order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        name = path.relative_to(site).as_posix()
        if name in _NOT_HASHED or name.endswith(_COPIES):
            continue
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def stamp_site_build(site: Path, build: dict[str, str], extra: bytes = b"") -> dict[str, str]:
    """Put the site id into every page and write build.json; returns what build.json holds.

    `extra` joins the hash: the service worker's template, whose sw.js is written afterwards."""
    site_id = short_hash(site_build(site).encode() + extra, 12)
    slot = SITE_BUILD_SLOT.encode()
    for page in sorted(site.rglob("*.html")):
        data = page.read_bytes()
        if slot in data:
            page.write_bytes(data.replace(slot, site_id.encode()))
    manifest = {"build": site_id, **build}
    (site / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return manifest
