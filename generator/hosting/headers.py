"""The security headers every response of the site carries (a government site's pre-launch security test
expects them): sent by the preview server (`serve`) and written into the release's server files
(generator/release/facts.py).

Shipped in the release (Python 3.8+, standard library only).
"""

from __future__ import annotations

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
}
