"""The calculator's runtime bundle: `bundle_files` copies the pinned Pyodide, builds the engine's wheel, the
build-time memory snapshot (`snapshot`, run by `snapshot_maker.mjs` under node) and the trimmed stdlib
(`stdlib`, probed by `stdlib_probe.mjs`), and names them in `bundle.json` under `SITE_DIR`
(`refreshed_manifest` rewrites it once the files have content-addressed names); `vendored_files` copies the
other pinned browser libraries (`vendor`). The Python these run inside Pyodide is in `py/`: the engine's
warm-up (`warm_up.py`, run by both the probe and the snapshot maker), the probe's zip writer (`stdlib_zip.py`) and
the worker's own module (`gd_worker.py`, shipped inside the trimmed stdlib and the snapshot). The bundle's
cache key covers every file of this folder and of `calculator/`.

Other rooms import only what is named here.
"""

from generator.runtime.bundle import SITE_DIR, WHEEL_PACKAGE, BundleError, bundle_files, refreshed_manifest
from generator.runtime.vendor import VendorError, vendored_files

__all__ = ["SITE_DIR", "WHEEL_PACKAGE", "BundleError", "VendorError", "bundle_files", "refreshed_manifest",
           "vendored_files"]
