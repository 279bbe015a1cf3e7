"""What a host needs: `csp` (the Content-Security-Policy, hashing inline scripts), `precompress` (the
`.gz`/`.br` copies), `service_worker` (`sw.js`), `site_url` (the public address), `identity` (who hosts the
build) and `serve` (the preview server of `make serve`)."""
