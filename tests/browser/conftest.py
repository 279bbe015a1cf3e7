"""The built site served over HTTP, and pages whose requests may not leave it."""

from __future__ import annotations

import threading

import pytest
from support.browser import new_guarded_context

from generator.hosting.serve import make_server


@pytest.fixture(scope="session")
def server(site):
    httpd = make_server(site)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture
def guarded(browser, server):
    """A fresh context whose requests may only go to the local server (checked at teardown)."""
    context, guard = new_guarded_context(browser, server)
    yield context, guard
    context.close()
    assert guard.external == [], f"请求离开了本站：{guard.external}"


@pytest.fixture
def page(guarded):
    context, _ = guarded
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    yield page
    assert errors == [], f"页面脚本出错：{errors}"
