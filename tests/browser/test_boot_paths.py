"""Every way the calculator's engine can boot gives CPython's results to the fen: the trimmed
precompiled stdlib, a module missing from it (fetched from the full stdlib), Python unable to start on
it (booted again on the full stdlib), and a repeat visit served by the service worker, offline."""

from __future__ import annotations

import functools
import hashlib
import http.server
import io
import json
import shutil
import threading
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import expect
from support.browser import wait_for_engine
from support.cases import load_cases

from calculator import PlanError, estimate, suggest
from generator.serve import SiteHandler

CASES = load_cases()
# Records the ready message and every message of the worker, whoever listens (boot.js or app.js).
CAPTURE = """window.gdMessages = []; const Native = window.Worker;
  window.Worker = class extends Native { constructor(...args) { super(...args);
    this.addEventListener('message', (e) => window.gdMessages.push(e.data)); } };"""


class LoggingHandler(SiteHandler):
    hits: list[str]

    def do_GET(self) -> None:
        self.hits.append(self.path)
        super().do_GET()


class Server:
    """The site (or a damaged copy) on its own port, with a log of the paths asked for."""

    def __init__(self, directory: Path) -> None:
        self.hits: list[str] = []
        handler = type("Handler", (LoggingHandler,), {"hits": self.hits})
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _cpython(plan, policy) -> dict:
    try:
        return json.loads(json.dumps({"result": estimate(plan, policy), "suggestion": suggest(plan, policy)}))
    except PlanError as err:
        return {"error": err.to_dict()}


def _same_as_cpython(page, policy) -> list[str]:
    """Ids of the YAML cases whose browser result differs from CPython's."""
    plans = [case["plan"] for case in CASES]
    got = page.evaluate("async (plans) => { const out = [];"
                        " for (const p of plans) out.push(await window.gdCalculator.run(p)); return out; }", plans)
    return [case["id"] for case, data in zip(CASES, got, strict=True) if data != _cpython(case["plan"], policy)]


def _ready(page) -> dict:
    wait_for_engine(page)
    return next(m for m in page.evaluate("window.gdMessages") if m.get("type") == "ready")


def _without(site: Path, dest: Path, modules: list[str]) -> Path:
    """A copy of the site whose trimmed stdlib lacks `modules`, with bundle.json agreeing with it, as
    if the build had not seen them imported."""
    shutil.copytree(site, dest)
    manifest_path = dest / "assets/pyodide/bundle.json"
    manifest = json.loads(manifest_path.read_text("utf-8"))
    stdlib = dest / "assets/pyodide" / manifest["stdlib"]
    out = io.BytesIO()
    with zipfile.ZipFile(stdlib) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename not in modules:
                target.writestr(info, source.read(info))
    assert all(m in zipfile.ZipFile(stdlib).namelist() for m in modules)
    stdlib.write_bytes(out.getvalue())
    manifest["files"][manifest["stdlib"]] = {"size": len(out.getvalue()), "sha256": hashlib.sha256(out.getvalue()).hexdigest()}
    manifest_path.write_text(json.dumps(manifest), "utf-8")
    return dest


@pytest.mark.parametrize(("missing", "stdlib"), [
    ([], "trimmed"),
    (["decimal.pyc"], "trimmed+full"),
    (["encodings/__init__.pyc"], "full"),
], ids=["trimmed stdlib", "a module imported later is missing", "python cannot start on it"])
def test_each_stdlib_boot_path_gives_cpythons_result_for_every_yaml_case(browser, site, tmp_path, policy, missing, stdlib):
    server = Server(_without(site, tmp_path / "site", missing) if missing else site)
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(CAPTURE)
    page.goto(server.url + "calculator/")
    ready = _ready(page)
    differing = _same_as_cpython(page, policy)
    context.close()
    server.stop()
    assert ready["stdlib"] == stdlib
    assert differing == []
    if stdlib == "trimmed":
        assert not [h for h in server.hits if h.endswith("/python_stdlib.zip")], "the full stdlib was downloaded"


def test_a_repeat_visit_downloads_no_runtime_and_the_calculator_works_offline(browser, site, policy):
    server = Server(site)
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url + "calculator/")
    wait_for_engine(page)
    # The service worker is registered once the engine is ready; wait for its cache to be filled.
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=60000)
    server.hits.clear()

    again = context.new_page()
    again.add_init_script(CAPTURE)
    again.goto(server.url + "calculator/")
    _ready(again)
    runtime_hits = [h for h in server.hits if "/assets/pyodide/" in h]
    again.close()

    server.stop()  # offline: nothing answers any more
    offline = context.new_page()
    offline.add_init_script(CAPTURE)
    offline.goto(server.url + "calculator/#city=" + quote("佛山市") + "&item=5:" + quote("20万") + ":40")
    expect(offline.locator("#gd-status")).to_contain_text("60,000.00 元", timeout=60000)
    differing = _same_as_cpython(offline, policy)
    context.close()
    assert runtime_hits == []
    assert differing == []
