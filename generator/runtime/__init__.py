"""The calculator's runtime bundle: `bundle.bundle_files` copies the pinned Pyodide, builds the engine's
wheel, the build-time memory snapshot (`snapshot`, run by `snapshot_maker.mjs` under node) and the trimmed
stdlib (`stdlib`, probed by `stdlib_probe.mjs`), and names them in `bundle.json`; `vendor` copies the
other pinned browser libraries. The Python these run inside Pyodide is in `py/`: the engine's warm-up
(`warm_up.py`, run by both the probe and the snapshot maker), the probe's zip writer (`stdlib_zip.py`) and
the worker's own module (`gd_worker.py`, shipped inside the trimmed stdlib and the snapshot).
Its cache key covers every file of this folder and of `calculator/`."""
