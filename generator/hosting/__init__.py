"""What a host needs: `content_security_policy` (the CSP, hashing inline scripts; `csp`; `site_policy` hashes
a configured site's scripts again), `precompress_site` (the `.gz`/`.br` copies; `precompress`),
`write_service_worker` (`sw.js`; `service_worker`), `check_site_url`/`printable_url` (the public address;
`site_url`), `host_identity` (who hosts the build; `identity`) and `make_server`/`serve_forever` (the
preview server of `make serve`; `serve`).

Other rooms import only what is named here. generator/release ships `csp`, `identity`, `site_url` and
`precompress` in the release package, with an `__init__` of its own naming only what it uses
(`RELEASE_NAMES`).
"""

from generator.hosting.csp import InlineScriptError, content_security_policy, site_policy
from generator.hosting.headers import SECURITY_HEADERS
from generator.hosting.identity import FIELDS as HOST_FIELDS
from generator.hosting.identity import HostError, host_identity
from generator.hosting.precompress import MAX_RATIO, compressible, gzip_bytes, precompress_site
from generator.hosting.serve import make_server, serve_forever
from generator.hosting.service_worker import write_service_worker
from generator.hosting.site_url import SiteUrlError, check_site_url, printable_url

# The modules and names the release package's configure.py uses (generator/release/dist.py ships them).
RELEASE_NAMES = {
    "csp": ("site_policy",),
    "headers": ("SECURITY_HEADERS",),
    "identity": ("FIELDS as HOST_FIELDS", "HostError", "host_identity"),
    "precompress": ("MAX_RATIO", "compressible", "gzip_bytes"),
    "site_url": ("SiteUrlError", "check_site_url", "printable_url"),
}

__all__ = ["HOST_FIELDS", "MAX_RATIO", "RELEASE_NAMES", "SECURITY_HEADERS", "HostError", "InlineScriptError", "SiteUrlError",
           "check_site_url", "compressible", "content_security_policy", "gzip_bytes", "host_identity",
           "make_server", "precompress_site", "printable_url", "serve_forever", "site_policy",
           "write_service_worker"]
