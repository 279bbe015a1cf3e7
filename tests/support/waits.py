"""How long a browser test waits for a condition before it fails: an upper bound, not a pause.

Every wait is on a condition (an element, a text, a promise), so a healthy machine returns at once. The
bound is long because CI and these machines run at load 12 on 2 cores: a 10 s wait failed there
(issue 18). Playwright's own default (5 s for `expect`, 30 s for actions) is raised to it in conftest.py.
"""

WAIT_S = 120
WAIT_MS = WAIT_S * 1000
