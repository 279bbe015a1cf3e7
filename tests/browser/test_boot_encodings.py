"""However the server sends the runtime, the engine gives CPython's results to the fen (issue 24): the
brotli forms decoded by the worker (a server that sends them as they are); the same forms decoded on the
way (a server that labels them `Content-Encoding: br`); the plain files with the server's own gzip, where
the forms are missing or damaged; the plain files as they are. And a first visit from a server that
compresses nothing costs fewer bytes than a bare Pyodide's boot. On a slow link the worker chooses the
stdlib boot, which downloads less (worker/choice.js), and it gives the same results."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from pathlib import Path

import pytest
from support.browser import wait_for_engine
from support.cases import cpython_estimate, load_cases
from support.waits import WAIT_MS

from generator.hosting import built_name
from generator.hosting.serve import SiteHandler

ROOT = Path(__file__).resolve().parents[2]
CASES = load_cases()
CAPTURE = """window.gdMessages = []; const Native = window.Worker;
  window.Worker = class extends Native { constructor(...args) { super(...args);
    this.addEventListener('message', (e) => window.gdMessages.push(e.data)); } };"""
# What a bare Pyodide boot fetches (bench/static/bare-worker.js): the npm package's own files.
BARE = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")


class CountingHandler(SiteHandler):
    """The site as `make serve` sends it (the build's .gz copies as `Content-Encoding: gzip`), with a log of
    the paths asked for and of the bytes of every answer's body."""

    hits: list[str]
    sent: list[int]

    def do_GET(self) -> None:
        self.hits.append(self.path)
        super().do_GET()

    def send_header(self, keyword: str, value: str) -> None:
        if keyword.lower() == "content-length" and self.command == "GET":
            self.sent.append(int(value))
        super().send_header(keyword, value)


class IdentityHandler(CountingHandler):
    """A server that compresses nothing: every file as it is, with no Content-Encoding."""

    def send_head(self):
        return http.server.SimpleHTTPRequestHandler.send_head(self)


class BrotliLabellingHandler(IdentityHandler):
    """A server that labels the brotli forms `Content-Encoding: br` (as an `AddEncoding br` for their suffix
    would), so the browser hands the worker their bytes already decoded."""

    def end_headers(self) -> None:
        if self.path.endswith(".brotli"):
            self.send_header("Content-Encoding", "br")
        super().end_headers()


class Server:
    def __init__(self, directory: Path, handler: type[CountingHandler]) -> None:
        self.hits: list[str] = []
        self.sent: list[int] = []
        bound = type("Handler", (handler,), {"hits": self.hits, "sent": self.sent})
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(bound, directory=str(directory)))
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _visit(context, server: Server, policy, mbit: float | None = None, keep: bool = False) -> tuple[dict, list[str]]:
    """The worker's ready message for a visit in `context` (over a link of `mbit` Mbit/s and 150 ms per
    request, emulated by Chromium, if given), and the ids of the YAML cases whose result differs from CPython's.
    With `keep` the visit ends only once the worker has kept what it decoded for the next one."""
    page = context.new_page()
    page.add_init_script(CAPTURE)
    if mbit:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 150,
                 "downloadThroughput": mbit * 1e6 / 8, "uploadThroughput": mbit * 1e6 / 8})
    page.goto(server.url + "calculator/")
    wait_for_engine(page)
    ready = next(m for m in page.evaluate("window.gdMessages") if m.get("type") == "ready")
    plans = [case["plan"] for case in CASES]
    got = page.evaluate("async (plans) => { const out = [];"
                        " for (const p of plans) out.push(await window.gdCalculator.run(p)); return out; }", plans)
    if keep:
        page.wait_for_function("window.gdMessages.some((m) => m.type === 'kept')", timeout=WAIT_MS)
    page.close()
    return ready, [case["id"] for case, data in zip(CASES, got, strict=True) if data != cpython_estimate(case["plan"], policy)]


def _boot(browser, server: Server, policy, mbit: float | None = None) -> tuple[dict, list[str]]:
    """A first visit (`_visit`) in a new context. Service workers are blocked: only the worker's own requests
    are counted."""
    context = browser.new_context(service_workers="block")
    try:
        return _visit(context, server, policy, mbit)
    finally:
        context.close()
        server.stop()


def _manifest(site: Path) -> dict:
    return json.loads((site / built_name(site, "assets/pyodide/bundle.json")).read_text("utf-8"))


def _forms_changed(site: Path, dest: Path, change) -> Path:
    """A copy of the site whose brotli forms `change(path)` damages or removes."""
    shutil.copytree(site, dest)
    for form in _manifest(dest)["brotli"].values():
        change(dest / "assets/pyodide" / form["file"])
    return dest


def _truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


@pytest.mark.parametrize(("handler", "change", "encoding"), [
    (IdentityHandler, None, "worker"),
    (BrotliLabellingHandler, None, "server"),
    (CountingHandler, Path.unlink, "plain"),
    (CountingHandler, _truncated, "plain"),
    (IdentityHandler, Path.unlink, "plain"),
], ids=["brotli forms decoded by the worker", "brotli forms the server labels as br-encoded",
        "no brotli forms: the server's gzip", "damaged brotli forms: the server's gzip",
        "no brotli forms and no compression"])
def test_the_snapshot_boot_gives_cpythons_result_for_every_yaml_case_however_the_runtime_is_sent(
        browser, site, tmp_path, policy, handler, change, encoding):
    server = Server(_forms_changed(site, tmp_path / "site", change) if change else site, handler)
    ready, differing = _boot(browser, server, policy)
    # A local link: the worker chooses the snapshot boot (worker/choice.js).
    assert (ready["chosen"], ready["boot"], ready["snapshotFailure"]) == ("snapshot", "snapshot", "")
    assert ready["encodings"] == {"wasm": encoding, "snapshot": encoding}
    assert differing == []
    # The forms are asked for first, always; the plain wasm only where its form failed.
    forms = [h for h in server.hits if h.endswith(".brotli")]
    assert len(forms) == 2, server.hits
    wasm = built_name(site, "assets/pyodide/pyodide.asm.wasm").rsplit("/", 1)[-1]
    assert any(h.endswith("/" + wasm) for h in server.hits) == (encoding == "plain")
    if encoding == "worker":
        assert set(ready["decodeMs"]) == {f.rsplit("/", 1)[-1] for f in forms}


def test_the_stdlib_boot_decodes_the_trimmed_stdlib_from_its_brotli_form(browser, site, tmp_path, policy):
    dest = tmp_path / "site"
    shutil.copytree(site, dest)
    (dest / "assets/pyodide" / _manifest(dest)["snapshot"]["file"]).unlink()
    (dest / "assets/pyodide" / _manifest(dest)["brotli"][_manifest(dest)["snapshot"]["file"]]["file"]).unlink()
    server = Server(dest, IdentityHandler)
    ready, differing = _boot(browser, server, policy)
    assert (ready["boot"], ready["stdlib"], ready["snapshotFailure"]) == ("stdlib", "trimmed", "missing")
    assert ready["encodings"] == {"wasm": "worker", "snapshot": "plain", "stdlib": "worker"}
    assert differing == []
    stdlib = _manifest(site)["stdlib"]
    assert not [h for h in server.hits if h.endswith("/" + stdlib)], "the deflated trimmed stdlib was downloaded"


def test_a_first_visit_from_a_server_that_compresses_nothing_costs_fewer_bytes_than_a_bare_pyodide(
        browser, site, policy):
    server = Server(site, IdentityHandler)
    ready, differing = _boot(browser, server, policy)
    assert differing == []
    assert ready["encodings"] == {"wasm": "worker", "snapshot": "worker"}
    bare = sum((ROOT / "node_modules/pyodide" / name).stat().st_size for name in BARE)
    # Every byte the server sent for the visit: the page, its scripts and styles, the catalogue, the runtime.
    assert sum(server.sent) < bare, (sum(server.sent), bare)


def test_on_a_slow_link_the_worker_chooses_the_stdlib_boot_which_gives_cpythons_result_for_every_yaml_case(
        browser, site, policy):
    server = Server(site, IdentityHandler)
    ready, differing = _boot(browser, server, policy, mbit=2)
    assert (ready["chosen"], ready["boot"], ready["stdlib"], ready["snapshotFailure"]) == ("stdlib", "stdlib", "trimmed", "")
    assert ready["encodings"] == {"wasm": "worker", "stdlib": "worker"}
    assert differing == []
    snapshot = _manifest(site)["brotli"][_manifest(site)["snapshot"]["file"]]["file"]
    assert not [h for h in server.hits if h.endswith("/" + snapshot)], "the snapshot was downloaded"


def test_a_returning_visitor_decodes_nothing_and_downloads_no_runtime(browser, site, policy):
    server = Server(site, IdentityHandler)
    context = browser.new_context()
    try:
        # Once the engine is ready the worker keeps what it decoded (worker/decoded.js).
        first, _ = _visit(context, server, policy, keep=True)
        page = context.new_page()
        page.goto(server.url + "404.html")
        page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=WAIT_MS)
        server.hits.clear()
        ready, differing = _visit(context, server, policy)
    finally:
        context.close()
        server.stop()
    assert first["keptMiss"] == "none kept"
    assert (ready["boot"], ready["encodings"], ready["decodeMs"], ready["keptMiss"]) == (
        "snapshot", {"wasm": "kept", "snapshot": "kept"}, {}, "")
    assert differing == []
    assert [h for h in server.hits if "/assets/pyodide/" in h] == []


def test_a_returning_visitor_on_a_slow_link_keeps_the_stdlib_boot_whose_files_it_holds(browser, site, policy):
    server = Server(site, IdentityHandler)
    # No service worker, as on a plain-http host: the HTTP cache holds what the first visit fetched.
    context = browser.new_context(service_workers="block")
    try:
        first, _ = _visit(context, server, policy, mbit=2)
        server.hits.clear()
        again, differing = _visit(context, server, policy, mbit=2)
    finally:
        context.close()
        server.stop()
    assert (first["chosen"], again["chosen"], again["stdlib"]) == ("stdlib", "stdlib", "trimmed")
    assert differing == []
    assert not [h for h in server.hits if "pyodide-snapshot" in h], server.hits
