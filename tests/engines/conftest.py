"""The built site served over HTTP for Firefox and WebKit, and one browser session per engine per module."""

from __future__ import annotations

import functools
import os
import threading
import time

import pytest
from support.engines import ENGINES, ERRORS_JS, ERRORS_PATH, EngineUnavailable
from support.nginx import SUBPATH

from generator.hosting.serve import SiteHandler, SiteServer


class CollectingHandler(SiteHandler):
    """The site as built, under the sub-path a host would give it (SUBPATH), with a script first in every
    page's <head> that records uncaught errors and the worker's messages (WebKit's WebDriver cannot run a
    script before the page's own). Nothing is served outside the sub-path."""

    def translate_path(self, path: str) -> str:
        inside = path.startswith(SUBPATH)
        return super().translate_path("/" + path[len(SUBPATH):] if inside else "/__outside_the_sub_path__/")

    def send_head(self):
        path = self.path.split("?", 1)[0]
        if path == ERRORS_PATH:
            return self._send_bytes(ERRORS_JS.encode(), "text/javascript")
        file = self.translate_path(self.path)
        if os.path.isdir(file) and path.endswith("/"):
            file = os.path.join(file, "index.html")
        if file.endswith(".html") and os.path.isfile(file):
            with open(file, "rb") as page:
                html = page.read()
            tag = f'<script src="{ERRORS_PATH}"></script>'.encode()
            return self._send_bytes(html.replace(b"<head>", b"<head>" + tag, 1), "text/html; charset=utf-8")
        return super().send_head()

    def _send_bytes(self, body: bytes, content_type: str):
        import io

        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        return io.BytesIO(body)


@pytest.fixture(scope="session")
def engine_server(site):
    httpd = SiteServer(("127.0.0.1", 0), functools.partial(CollectingHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{SUBPATH}"
    httpd.shutdown()


# One session per engine per module; tests of one engine run on one xdist worker (--dist loadgroup).
@pytest.fixture(scope="module", params=[pytest.param(name, marks=pytest.mark.xdist_group(name)) for name in ENGINES])
def engine(request):
    started = time.monotonic()
    try:
        session = ENGINES[request.param]()
    except EngineUnavailable as err:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{request.param} 无法启动：{err}", pytrace=False)
        pytest.skip(f"{request.param} 无法启动：{err}")
    session.started_in = time.monotonic() - started
    yield session
    session.close()
