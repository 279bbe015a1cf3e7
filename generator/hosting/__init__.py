"""What a host needs: `content_security_policy` (the CSP, hashing inline scripts; `csp`), `precompress_site`
(the `.gz`/`.br` copies; `precompress`), `write_service_worker` (`sw.js`; `service_worker`),
`check_site_url`/`printable_url` (the public address; `site_url`), `host_identity` (who hosts the build;
`identity`) and `make_server`/`serve_forever` (the preview server of `make serve`; `serve`).

Other rooms import only what is named here.
"""

from generator.hosting.csp import InlineScriptError, content_security_policy
from generator.hosting.identity import HostError, host_identity
from generator.hosting.precompress import precompress_site
from generator.hosting.serve import make_server, serve_forever
from generator.hosting.service_worker import write_service_worker
from generator.hosting.site_url import SiteUrlError, check_site_url, printable_url

__all__ = ["HostError", "InlineScriptError", "SiteUrlError", "check_site_url", "content_security_policy",
           "host_identity", "make_server", "precompress_site", "printable_url", "serve_forever", "write_service_worker"]
