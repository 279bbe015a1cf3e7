"""Measurements, never run by the tests: `python -m bench` (performance report) and `python -m bench.lighthouse`
(accessibility scores). The figures measured so far, and how, are in bench/README.md.

Importing the package puts the repository and `tests/` (for `support.browser`) on `sys.path`.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for _path in (str(ROOT), str(ROOT / "tests")):
    if _path not in sys.path:
        sys.path.insert(0, _path)
