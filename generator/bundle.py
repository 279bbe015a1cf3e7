"""The in-browser calculator bundle: the Pyodide runtime and the calculator wheel (issue 5)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path


def bundle_files(root: Path, work: Path) -> Iterator[tuple[str, Path]]:
    """(site path, file) pairs to copy into the site. Filled in by the browser calculator."""
    return iter(())
