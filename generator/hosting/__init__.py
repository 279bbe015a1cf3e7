"""What a host needs: `content_security_policy` (the CSP, hashing inline scripts; `csp`; `site_policy` hashes
a configured site's scripts again), `precompress_site` (the `.gz`/`.br` copies; `precompress`),
`write_service_worker` (`sw.js`; `service_worker`), `check_site_url`/`printable_url` (the public address;
`site_url`), `host_identity` (who hosts the build; `identity`), `make_server`/`serve_forever` (the preview
server of `make serve`; `serve`), and what makes a correction reach every visitor (docs/updates.md):
`fingerprint_site`/`built_name` (content-addressed names; `fingerprint`), `build_identity`/`build_date`/
`stamp_site_build` (which build a figure came from, and `build.json`; `build_identity`) and
`cache_rules`/`cache_control`/`nginx_map` (the recommended `Cache-Control` per kind of file, as data for
whoever writes a server's configuration; `cache_policy`).

Other rooms import only what is named here. generator/release ships `csp`, `identity`, `site_url`,
`precompress`, `headers` and `cache_policy` in the release package, with an `__init__` of its own naming only
what it uses (`RELEASE_NAMES`).
"""

from generator.hosting.build_identity import (
    BUILD_LABEL_SLOT,
    MANIFEST,
    SITE_BUILD_SLOT,
    build_date,
    stamp_site_build,
)
from generator.hosting.build_identity import identity as build_identity
from generator.hosting.cache_policy import HASHED_NAME, cache_control, cache_rules, nginx_map
from generator.hosting.csp import InlineScriptError, content_security_policy, site_policy
from generator.hosting.fingerprint import FingerprintError, built_name, fingerprint_site
from generator.hosting.headers import SECURITY_HEADERS
from generator.hosting.identity import FIELDS as HOST_FIELDS
from generator.hosting.identity import HostError, host_identity
from generator.hosting.precompress import MAX_RATIO, compressible, gzip_bytes, precompress_site
from generator.hosting.serve import make_server, serve_forever
from generator.hosting.service_worker import template_bytes as service_worker_template
from generator.hosting.service_worker import write_service_worker
from generator.hosting.site_url import SiteUrlError, check_site_url, printable_url

# The modules and names the release package's configure.py uses (generator/release/dist.py ships them).
RELEASE_NAMES = {
    "cache_policy": ("cache_rules",),
    "csp": ("site_policy",),
    "headers": ("SECURITY_HEADERS",),
    "identity": ("FIELDS as HOST_FIELDS", "HostError", "host_identity"),
    "precompress": ("MAX_RATIO", "compressible", "gzip_bytes"),
    "site_url": ("SiteUrlError", "check_site_url", "printable_url"),
}

__all__ = ["BUILD_LABEL_SLOT", "HASHED_NAME", "HOST_FIELDS", "MANIFEST", "MAX_RATIO", "RELEASE_NAMES",
           "SECURITY_HEADERS", "SITE_BUILD_SLOT", "FingerprintError", "HostError", "InlineScriptError",
           "SiteUrlError", "build_date", "build_identity", "built_name", "cache_control", "cache_rules",
           "check_site_url", "compressible", "content_security_policy", "fingerprint_site", "gzip_bytes",
           "host_identity", "make_server", "nginx_map", "precompress_site", "printable_url", "serve_forever",
           "service_worker_template", "site_policy", "stamp_site_build", "write_service_worker"]
