"""Every way the calculator's engine can boot gives CPython's results to the fen: the build-time
memory snapshot; the stdlib boot it falls back to whenever the snapshot cannot be used (missing,
damaged, from another Pyodide build, failing its check); the trimmed precompiled stdlib, a module
missing from it (fetched from the full stdlib), Python unable to start on it (booted again on the full
stdlib); and a repeat visit served by the service worker, offline."""

from __future__ import annotations

import functools
import gzip
import hashlib
import http.server
import io
import json
import shutil
import threading
import zipfile
from pathlib import Path
from urllib.parse import quote

import brotli
import pytest
from playwright.sync_api import expect
from support.browser import wait_for_engine
from support.cases import cpython_estimate, load_cases
from support.waits import WAIT_MS

from generator.hosting import built_name
from generator.hosting.serve import SiteHandler

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


class GzipLabellingHandler(LoggingHandler):
    """A server that sends .gz files with `Content-Encoding: gzip` (as Apache's `AddEncoding` does), so
    the browser hands the worker the snapshot already decompressed."""

    def end_headers(self) -> None:
        if self.path.endswith(".gz"):
            self.send_header("Content-Encoding", "gzip")
        super().end_headers()


class Server:
    """The site (or a damaged copy) on its own port, with a log of the paths asked for."""

    def __init__(self, directory: Path, base: type[LoggingHandler] = LoggingHandler) -> None:
        self.hits: list[str] = []
        handler = type("Handler", (base,), {"hits": self.hits})
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _same_as_cpython(page, policy) -> list[str]:
    """Ids of the YAML cases whose browser result differs from CPython's."""
    plans = [case["plan"] for case in CASES]
    got = page.evaluate("async (plans) => { const out = [];"
                        " for (const p of plans) out.push(await window.gdCalculator.run(p)); return out; }", plans)
    return [case["id"] for case, data in zip(CASES, got, strict=True) if data != cpython_estimate(case["plan"], policy)]


def _ready(page) -> dict:
    wait_for_engine(page)
    return next(m for m in page.evaluate("window.gdMessages") if m.get("type") == "ready")


def _boot(browser, server: Server, policy, **options) -> tuple[dict, list[dict], list[str]]:
    """Open the calculator from `server` in a new context and stop both: the worker's ready message,
    every message it sent, and the ids of the YAML cases whose result differs from CPython's."""
    context = browser.new_context(**options)
    page = context.new_page()
    page.add_init_script(CAPTURE)
    page.goto(server.url + "calculator/")
    ready = _ready(page)
    messages = page.evaluate("window.gdMessages")
    differing = _same_as_cpython(page, policy)
    context.close()
    server.stop()
    return ready, messages, differing


def _register_form(folder: Path, manifest: dict, name: str, decoded: bytes) -> None:
    """`decoded` written as the brotli form of `name` (generator/runtime/brotli_forms.py), as the build would."""
    form = manifest["brotli"][name]
    path = folder / form["file"]
    path.write_bytes(brotli.compress(decoded, quality=5))
    form.update(size=len(decoded), sha256=hashlib.sha256(decoded).hexdigest())
    manifest["files"][path.name] = {"size": path.stat().st_size, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}


def _without(site: Path, dest: Path, modules: list[str]) -> Path:
    """A copy of the site without its snapshot, whose trimmed stdlib (and its brotli form, a stored zip)
    lacks `modules`, with bundle.json agreeing with it, as if the build had not seen them imported."""
    shutil.copytree(site, dest)
    manifest_path = dest / built_name(dest, "assets/pyodide/bundle.json")
    manifest = json.loads(manifest_path.read_text("utf-8"))
    folder = dest / "assets/pyodide"
    (folder / manifest["snapshot"]["file"]).unlink()
    (folder / manifest["brotli"][manifest["snapshot"]["file"]]["file"]).unlink()
    stdlib = folder / manifest["stdlib"]
    assert all(m in zipfile.ZipFile(stdlib).namelist() for m in modules)
    if modules:
        for method in (zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED):
            out = io.BytesIO()
            with zipfile.ZipFile(stdlib) as source, zipfile.ZipFile(out, "w", method) as target:
                for info in source.infolist():
                    if info.filename not in modules:
                        target.writestr(zipfile.ZipInfo(info.filename, info.date_time), source.read(info), method)
            data = out.getvalue()
            if method == zipfile.ZIP_STORED:
                _register_form(folder, manifest, manifest["stdlib"], data)
            else:
                stdlib.write_bytes(data)
                manifest["files"][manifest["stdlib"]] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    manifest_path.write_text(json.dumps(manifest), "utf-8")
    return dest


@pytest.mark.parametrize(("missing", "stdlib"), [
    ([], "trimmed"),
    (["decimal.pyc"], "trimmed+full"),
    (["encodings/__init__.pyc"], "full"),
], ids=["trimmed stdlib", "a module imported later is missing", "python cannot start on it"])
def test_each_stdlib_boot_path_gives_cpythons_result_for_every_yaml_case(browser, site, tmp_path, policy, missing, stdlib):
    server = Server(_without(site, tmp_path / "site", missing))
    ready, _, differing = _boot(browser, server, policy)
    assert (ready["boot"], ready["stdlib"], ready["snapshotFailure"]) == ("stdlib", stdlib, "missing")
    assert differing == []
    assert [h for h in server.hits if h.endswith(".whl")], "the wheel (checked against the lock) was not downloaded"
    if stdlib == "trimmed":
        full = json.loads((site / built_name(site, "assets/pyodide/bundle.json")).read_text("utf-8"))["stdlib_full"]
        assert not [h for h in server.hits if h.endswith("/" + full)], "the full stdlib was downloaded"


def _damaged_snapshot(site: Path, dest: Path, damage) -> Path:
    """A copy of the site whose snapshot `damage(raw snapshot, manifest)` rewrites; the snapshot is
    recompressed and bundle.json updated unless the damage is to the file as sent."""
    shutil.copytree(site, dest)
    manifest_path = dest / built_name(dest, "assets/pyodide/bundle.json")
    manifest = json.loads(manifest_path.read_text("utf-8"))
    path = dest / "assets/pyodide" / manifest["snapshot"]["file"]
    damage(path, manifest)
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
    return dest


def _rewrite(path: Path, manifest: dict, change) -> None:
    """The snapshot's shipped segments changed by `change(bytearray)` and registered as if the build
    had written them, in its gzip file and in its brotli form."""
    packed = bytearray(gzip.decompress(path.read_bytes()))
    change(packed)
    data = gzip.compress(bytes(packed), mtime=0)
    path.write_bytes(data)
    manifest["snapshot"].update(packed_size=len(packed), packed_sha256=hashlib.sha256(packed).hexdigest())
    manifest["files"][path.name] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    _register_form(path.parent, manifest, path.name, bytes(packed))


def _truncated(path: Path, manifest: dict) -> None:
    for damaged in (path, path.with_name(manifest["brotli"][path.name]["file"])):
        damaged.write_bytes(damaged.read_bytes()[: damaged.stat().st_size // 2])


def _other_build(path: Path, manifest: dict) -> None:
    # The header's build id (bytes 16-47, in the first segment), as another build of Pyodide writes it.
    _rewrite(path, manifest, lambda packed: packed.__setitem__(slice(16, 48), bytes(32)))


def _not_restorable(path: Path, manifest: dict) -> None:
    # 1 MiB more than Pyodide's 30 MiB heap (Pyodide issue #6254): the restore itself throws.
    extra = 1 << 20
    manifest["snapshot"]["segments"].append([manifest["snapshot"]["size"], extra])
    manifest["snapshot"]["size"] += extra
    _rewrite(path, manifest, lambda packed: packed.extend(b"\x01" * extra))


def _wrong_check(path: Path, manifest: dict) -> None:
    city = manifest["snapshot"]["plan"]["city"]
    manifest["snapshot"]["check"] = manifest["snapshot"]["check"].replace(city, "某某市", 1)


@pytest.mark.parametrize(("damage", "failure"), [
    (None, ""),
    (_truncated, "corrupt"),
    (_other_build, "restore"),
    (_not_restorable, "restore"),
    (_wrong_check, "check"),
], ids=["the snapshot restores", "a truncated snapshot", "a snapshot of another Pyodide build",
        "a snapshot too large to restore", "a snapshot failing its check"])
def test_the_snapshot_or_the_stdlib_boot_it_falls_back_to_gives_cpythons_result_for_every_yaml_case(
        browser, site, tmp_path, policy, damage, failure):
    server = Server(_damaged_snapshot(site, tmp_path / "site", damage) if damage else site)
    # Service workers blocked: only the worker's own requests are counted.
    ready, messages, differing = _boot(browser, server, policy, service_workers="block")
    errors = [m for m in messages if m.get("type") == "failed"]
    expected = ("snapshot", "snapshot") if not damage else ("stdlib", "trimmed")
    assert (ready["boot"], ready["stdlib"], ready["snapshotFailure"]) == (*expected, failure)
    assert errors == []
    assert differing == []
    # Honest progress, also when the snapshot is given up: the byte count never goes back and never
    # passes the total.
    downloads = [(m["loaded"], m["total"]) for m in messages if m.get("type") == "progress" and m["phase"] == "download"]
    assert [n for n, _ in downloads] == sorted(n for n, _ in downloads)
    assert [(n, t) for n, t in downloads if t and n > t] == []
    runtime = [h.rsplit("/", 1)[-1] for h in server.hits if "/assets/pyodide/" in h]
    if not damage:  # nothing but the snapshot: neither stdlib nor wheel is downloaded
        assert not [h for h in runtime if h.endswith((".zip", ".whl"))], runtime


def test_a_snapshot_the_server_labels_as_gzip_encoded_is_restored_all_the_same(browser, site, policy):
    ready, _, differing = _boot(browser, Server(site, GzipLabellingHandler), policy, service_workers="block")
    assert (ready["boot"], ready["snapshotFailure"]) == ("snapshot", "")
    assert differing == []


def _visited_once(browser, site):
    """A visitor's first visit to the calculator, until the service worker it registers once the engine
    is ready controls the page: (server, context, page)."""
    server = Server(site)
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url + "calculator/")
    wait_for_engine(page)
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=WAIT_MS)
    return server, context, page


def test_a_repeat_visit_downloads_no_runtime_and_the_calculator_works_offline(browser, site, policy):
    server, context, _ = _visited_once(browser, site)
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
    expect(offline.locator("#gd-status")).to_contain_text("60,000.00 元", timeout=WAIT_MS)
    differing = _same_as_cpython(offline, policy)
    context.close()
    assert runtime_hits == []
    assert differing == []


def test_after_one_visit_the_calculator_starts_offline_from_the_service_worker_alone(browser, site, policy):
    # The HTTP cache is emptied before going offline, so every module app.js imports (and the modules
    # those import) must come from the service worker's own cache (issue 23, part 7).
    server, context, page = _visited_once(browser, site)
    page.wait_for_function("navigator.serviceWorker.ready.then(() => true)", timeout=WAIT_MS)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.clearBrowserCache")
    server.stop()
    page.goto(server.url + "calculator/#city=" + quote("佛山市") + "&item=5:" + quote("20万") + ":40")
    expect(page.locator("#gd-status")).to_contain_text("60,000.00 元", timeout=WAIT_MS)
    context.close()

