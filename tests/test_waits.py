"""Browser tests wait on conditions, each bounded by the one shared limit (support/waits.py), never by a
short number of their own: a 10 s wait failed at load 12 on 2 cores (issue 18)."""

from __future__ import annotations

import re
from pathlib import Path

from support.waits import WAIT_MS, WAIT_S

TESTS = Path(__file__).resolve().parent
# A Playwright wait in milliseconds written as a number (timeout=5000, timeout_ms=10_000, wait_for_timeout(500));
# a subprocess's limit (capture_output, in seconds, for a whole build) is not a browser wait.
LITERAL_MS = re.compile(r"\btimeout(?:_ms)?(?::\s*int)?\s*=\s*\d[\d_]{3,}\b|wait_for_timeout\(\s*\d")


def test_no_browser_test_waits_with_a_number_of_its_own():
    found = [f"{path.relative_to(TESTS)}:{number}: {line.strip()}"
             for path in sorted(TESTS.rglob("*.py")) if path.name not in {"waits.py", "test_waits.py"}
             for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
             if LITERAL_MS.search(line) and "capture_output" not in line]
    assert found == [], "请改用 support.waits.WAIT_MS：\n" + "\n".join(found)


def test_the_shared_limit_is_long_enough_for_a_loaded_machine():
    assert WAIT_MS == WAIT_S * 1000 >= 120_000
