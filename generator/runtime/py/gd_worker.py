"""Python that the page's worker runs in Pyodide (see site_src/docs/assets/calculator/worker/).

Shipped inside the trimmed stdlib (`stdlib_probe.mjs` compiles it into the zip beside the stdlib's
modules) and imported by the snapshot maker, so that it is in memory after a restore, where no file
is on disk. It imports nothing but built-in modules: it must work before any stdlib file can be read.
"""

import sys
import time
import zipimport


class FullStdlib:
    """A finder, last on sys.meta_path, for a module that neither the snapshot nor the trimmed stdlib
    holds: it downloads the full python_stdlib.zip once (through `fetch_full`, a synchronous download
    that returns the bytes or None; imports are synchronous, and a worker may block), writes it to
    `path` and imports from it."""

    def __init__(self, fetch_full, path):
        self._fetch_full, self._path, self._importer = fetch_full, path, None

    def find_spec(self, name, path=None, target=None):
        if self._importer is None:
            data = self._fetch_full()
            if data is None:
                return None
            with open(self._path, "wb") as out:
                out.write(data.to_py())
            self._importer = zipimport.zipimporter(self._path)
        package, _, _ = name.rpartition(".")
        importer = self._importer
        if package:
            importer = zipimport.zipimporter(self._path + "/" + package.replace(".", "/") + "/")
        try:
            return importer.find_spec(name)
        except zipimport.ZipImportError:
            return None


def install_full_stdlib_finder(fetch_full, path="/lib/python_stdlib_full.zip"):
    sys.meta_path.append(FullStdlib(fetch_full, path))


def after_restore():
    """After a restore the clock already reads the real time, but the time zone, `random` and the import
    caches are as the build left them. The stdlib file the build's zipimporter cached is not on disk (an
    empty one stands in its place), so its cached importer is dropped and a module the snapshot lacks is
    found by the full-stdlib finder instead."""
    if hasattr(time, "tzset"):  # not built into Pyodide 314; time.localtime() asks the browser each call
        time.tzset()
    if "random" in sys.modules:
        sys.modules["random"].seed()
    for path in [p for p in sys.path_importer_cache if p.endswith(".zip")]:
        del sys.path_importer_cache[path]
        zipimport._zip_directory_cache.pop(path, None)
