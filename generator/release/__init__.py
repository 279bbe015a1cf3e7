"""The release an official publishes: `make dist` and what ships in its zip.

- `facts`: what a server must send (types, headers, cache policy, the probes and fixes of 部署自检), in one place.
- `config`: the one plain file a host fills in (`site-config.ini`), or SITE_URL and `extra.host` of a source build.
- `configure`: applies a configuration to a built site (addresses, QR codes, footer, 404 pages, CSP,
  server files); the build runs it too, so a configured release and a build from source are the same.
- `address`, `footer`: the marked places of a built page that depend on the address and the host.
- `servers`: the nginx, Apache (`.htaccess`) and IIS (`web.config`) configurations.
- `cli`: `configure.py` of the release. `dist`: the zip (build time only). `self_check`: the 部署自检 page.

Everything but `dist` and `self_check` ships in the zip and runs on Python 3.8+ with the standard library
and the vendored `segno` (checked by tests/release).
"""
