"""The site's service worker (`sw.js` at the site root), written after the build.

Its precache is what the calculator needs to start offline after one visit: the calculator page, every
script and style it loads and, from the import graph the build rewrote (generator/hosting/fingerprint.py),
every module those import, statically or dynamically, so that a new module is covered without a list
to keep; the catalogue the page names; and the runtime the engine boots from (from `bundle.json`: the
files fetched on a normal boot, i.e. the brotli forms of the wasm and the memory snapshot, the lock and the
two modules, and the brotli decoder; not the plain files, the stdlib boot's files nor the full stdlib, which
are only fallbacks, cached if a boot ever fetches them). Its version is the site's build id
(generator/hosting/build_identity.py), so a new build installs a new cache and a byte-identical build changes
nothing; the page it precaches must carry that id, so a half-uploaded site is never taken offline as one build.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

from generator.hosting.cache_policy import HASHED_NAME
from generator.hosting.fingerprint import Fingerprints
from generator.runtime import SITE_DIR

TEMPLATE = Path(__file__).with_name("service_worker.js")
CALCULATOR_PAGE = "calculator/"
# Earlier rounds are sites of their own under this folder (generator/pages/rounds.py), each with its own
# worker and caches: this site's worker leaves their requests alone.
NESTED_SITES = "archive/"
_TAG = re.compile(r"<(script|link)\b([^>]*)>", re.I)
_ATTR = re.compile(r'\s(src|href|data-catalog|rel)="([^"]*)"')
_LOADED_RELS = {"stylesheet", "icon", "modulepreload", "preload"}


def build_meta(build: str) -> str:
    """The start of the tag that names a page's build (site_src/overrides/main.html writes it, with the
    build's date and hashes after it)."""
    return f'<meta name="gd-build" content="{build}"'


def _page_loads(site: Path, page: str) -> list[str]:
    """Site paths of the scripts, styles, icon and catalogue the page loads."""
    text = (site / page / "index.html").read_text("utf-8")
    out = set()
    for tag in _TAG.finditer(text):
        attrs = {name: value for name, value in _ATTR.findall(tag.group(2))}
        links = [attrs.get("src"), attrs.get("data-catalog")]
        if tag.group(1).lower() == "link" and set(attrs.get("rel", "").split()) & _LOADED_RELS:
            links.append(attrs.get("href"))
        for link in filter(None, links):
            if not re.match(r"^(?:[a-z]+:|/|#)", link):
                out.add(posixpath.normpath(posixpath.join(page, link.split("?")[0].split("#")[0])))
    return sorted(out)


def precache_list(site: Path, fingerprints: Fingerprints) -> list[str]:
    """Site paths to keep at install: the calculator page, what it loads with every module that imports,
    and the runtime it boots."""
    todo = _page_loads(site, CALCULATOR_PAGE)
    seen: list[str] = []
    while todo:
        path = todo.pop(0)
        if path in seen or not (site / path).is_file():
            continue
        seen.append(path)
        # Scripts and styles, and a wasm a script loads outside the runtime (the brotli decoder's).
        todo += [ref for ref in fingerprints.refs.get(path, [])
                 if ref.endswith((".js", ".mjs", ".css")) or (ref.endswith(".wasm") and not ref.startswith(SITE_DIR + "/"))]
    manifest_path = fingerprints.names.get(f"{SITE_DIR}/bundle.json", f"{SITE_DIR}/bundle.json")
    manifest = json.loads((site / manifest_path).read_text("utf-8"))
    # What the worker fetches: the brotli form of each file that has one (worker/brotli.js), else the file.
    forms = manifest.get("brotli", {})
    fetched = [forms[name]["file"] if name in forms else name for name in manifest["fetched"]]
    runtime = sorted({*fetched, *(name for name in manifest["files"] if name.endswith(".js"))})
    paths = [*seen, manifest_path, *(f"{SITE_DIR}/{name}" for name in runtime)]
    return [CALCULATOR_PAGE, *sorted(path for path in dict.fromkeys(paths) if (site / path).is_file())]


def service_worker(site: Path, fingerprints: Fingerprints, build: str) -> str:
    """The text of sw.js for the built site in `site`, of build `build`."""
    return (TEMPLATE.read_text("utf-8").replace("__VERSION__", build)
            .replace("__BUILD_META__", json.dumps(build_meta(build)))
            .replace("__IMMUTABLE__", json.dumps(HASHED_NAME))
            .replace("__NESTED__", json.dumps(NESTED_SITES))
            .replace("__PRECACHE__", json.dumps(precache_list(site, fingerprints), indent=2)))


def write_service_worker(site: Path, fingerprints: Fingerprints, build: str) -> None:
    (site / "sw.js").write_text(service_worker(site, fingerprints, build), "utf-8")


def template_bytes() -> bytes:
    """The service worker's template: part of the build id, since sw.js is written after it."""
    return TEMPLATE.read_bytes()
