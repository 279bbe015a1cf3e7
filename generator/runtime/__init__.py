"""The calculator's runtime bundle: `bundle.bundle_files` copies the pinned Pyodide, builds the engine's
wheel, the build-time memory snapshot (`snapshot`, run by `snapshot_maker.mjs` under node) and the trimmed
stdlib (`stdlib`, probed by `stdlib_probe.mjs`), and names them in `bundle.json`; `vendor` copies the
other pinned browser libraries. Its cache key covers every file of this folder and of `calculator/`."""
