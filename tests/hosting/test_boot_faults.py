"""Careless hosting through nginx: each damaged or mistyped file is named as the real cause, within a
bounded time, never as a network failure, `exit(1)` or an unsupported browser."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect
from support.browser import new_guarded_context
from support.nginx import running_nginx
from support.waits import WAIT_MS

from generator.hosting import built_name

# Bounded: far below the page's 45 s stall limit, so the cause cannot come from the watchdog.
BOUND_MS = 20000


def _damaged_copy(site: Path, dest: Path, damage) -> Path:
    """A copy of the site (hard links, so cheap) with `damage(dest)` applied to fresh files."""
    shutil.copytree(site, dest, copy_function=os.link)
    damage(dest)
    return dest


def _replace(path: Path, data: bytes) -> None:
    path.unlink()
    path.write_bytes(data)


def _manifest(root: Path) -> dict:
    return json.loads((root / built_name(root, "assets/pyodide/bundle.json")).read_text("utf-8"))


def _and_form(root: Path, name: str) -> list[Path]:
    """The runtime file `name` and its brotli form, if it has one: the worker fetches the form first and
    falls back to the file only when the form fails, so a fault reaches the worker only through both."""
    form = _manifest(root)["brotli"].get(name)
    return [root / "assets/pyodide" / name] + ([root / "assets/pyodide" / form["file"]] if form else [])


def _corrupt_wasm(root: Path) -> None:
    for path in _and_form(root, built_name(root, "assets/pyodide/pyodide.asm.wasm").rsplit("/", 1)[-1]):
        data = bytearray(path.read_bytes())
        data[len(data) // 2: len(data) // 2 + 4096] = b"\xff" * 4096
        _replace(path, bytes(data))


def _truncate(path: Path) -> None:
    _replace(path, path.read_bytes()[: path.stat().st_size // 3])


def _truncated_snapshot(root: Path) -> None:
    for path in _and_form(root, _manifest(root)["snapshot"]["file"]):
        _truncate(path)


def _truncated_stdlib(root: Path) -> None:
    # The snapshot is damaged too: the worker boots on the stdlib only when the snapshot fails.
    manifest = _manifest(root)
    for name in (manifest["snapshot"]["file"], manifest["stdlib"], manifest["stdlib_full"]):
        for path in _and_form(root, name):
            _truncate(path)


def _truncated_trimmed_stdlib(root: Path) -> None:
    manifest = _manifest(root)
    for name in (manifest["snapshot"]["file"], manifest["stdlib"]):
        for path in _and_form(root, name):
            _truncate(path)


def _missing_worker(root: Path) -> None:
    (root / built_name(root, "assets/calculator/worker.js")).unlink()


def _missing_app(root: Path) -> None:
    (root / built_name(root, "assets/calculator/app.js")).unlink()


def _missing_boot(root: Path) -> None:
    (root / built_name(root, "assets/calculator/boot.js")).unlink()


def _truncated_catalogue(root: Path) -> None:
    path = root / built_name(root, "catalog.json")  # the copy the page reads
    _replace(path, path.read_bytes()[: path.stat().st_size // 2])


def _incomplete_catalogue(root: Path) -> None:
    path = root / built_name(root, "catalog.json")  # the copy the page reads
    data = json.loads(path.read_text("utf-8"))
    del data["policy"]
    _replace(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))


FAULTS = {
    "missing-app": _missing_app,
    "missing-boot": _missing_boot,
    "truncated-catalogue": _truncated_catalogue,
    "incomplete-catalogue": _incomplete_catalogue,
    "corrupt-wasm": _corrupt_wasm,
    "truncated-stdlib": _truncated_stdlib,
    "truncated-trimmed-stdlib": _truncated_trimmed_stdlib,
    "truncated-snapshot": _truncated_snapshot,
    "missing-worker": _missing_worker,
}


@pytest.fixture(scope="module")
def faulty(site, tmp_path_factory):
    """nginx with one location per fault, and one sending .js as text/plain (old IIS)."""
    tmp = tmp_path_factory.mktemp("faults")
    locations = []
    for name, damage in FAULTS.items():
        copy = _damaged_copy(site, tmp / name, damage)
        locations.append(f"location /{name}/ {{ alias {copy}/; }}")
    locations.append(f"location /js-as-text/ {{ alias {site}/; types {{ text/html html; text/plain js; "
                     f"application/json json; application/wasm wasm; text/css css; }} }}")
    with running_nginx(tmp, "\n".join(locations)) as base:
        yield base


CAPTURE = """window.gdMessages = []; const Native = window.Worker;
  window.Worker = class extends Native { constructor(...args) { super(...args);
    this.addEventListener('message', (e) => window.gdMessages.push(e.data)); } };"""


@pytest.mark.parametrize(("fault", "cause", "says"), [
    ("corrupt-wasm", "corrupt", "已损坏或不完整，浏览器无法编译"),
    ("truncated-stdlib", "corrupt", "已损坏或不完整"),
    ("missing-worker", "http", "worker.js（HTTP 404）"),
    ("truncated-catalogue", "catalog", "目录数据不是有效的 JSON"),
    ("incomplete-catalogue", "catalog", "目录数据不完整：缺少 'policy'"),
    ("js-as-text", "mime", "text/plain"),
], ids=["a corrupt wasm", "a truncated stdlib", "a missing worker.js", "a truncated catalog.json",
        "an incomplete catalog.json", "scripts sent as text/plain"])
def test_a_hosting_fault_is_named_with_its_real_cause_within_a_bounded_time(browser, faulty, fault, cause, says):
    context, guard = new_guarded_context(browser, faulty)
    page = context.new_page()
    page.add_init_script(CAPTURE)
    page.goto(f"{faulty}/{fault}/calculator/")
    expect(page.locator("#gd-failure")).to_be_visible(timeout=BOUND_MS)
    text = page.locator("#gd-failure").inner_text()
    failed = [m for m in page.evaluate("window.gdMessages") if m.get("type") == "failed"]
    context.close()
    assert [m["cause"] for m in failed][:1] == [cause]
    assert says in text
    if fault == "corrupt-wasm":  # named as it is on the server, by its content-addressed name
        assert re.search(r"pyodide\.asm\.[0-9a-f]{12}\.wasm", text)
    assert "exit(" not in text and "超时" not in text and "不支持" not in text
    assert guard.external == []


def test_a_truncated_snapshot_falls_back_to_the_stdlib_without_an_error(browser, faulty):
    context, guard = new_guarded_context(browser, faulty)
    page = context.new_page()
    page.add_init_script(CAPTURE)
    page.goto(f"{faulty}/truncated-snapshot/calculator/#city=%E4%BD%9B%E5%B1%B1%E5%B8%82&item=5:200000:40")
    expect(page.locator("#gd-status")).to_contain_text("60,000.00 元", timeout=WAIT_MS)
    messages = page.evaluate("window.gdMessages")
    context.close()
    ready = [m for m in messages if m.get("type") == "ready"]
    assert [(m["boot"], m["stdlib"], m["snapshotFailure"]) for m in ready] == [("stdlib", "trimmed", "corrupt")]
    assert [m for m in messages if m.get("type") == "failed"] == []
    assert guard.external == []


def test_a_truncated_trimmed_stdlib_falls_back_to_the_full_one(browser, faulty):
    context, _ = new_guarded_context(browser, faulty)
    page = context.new_page()
    page.add_init_script(CAPTURE)
    page.goto(f"{faulty}/truncated-trimmed-stdlib/calculator/#city=%E4%BD%9B%E5%B1%B1%E5%B8%82&item=5:200000:40")
    expect(page.locator("#gd-status")).to_contain_text("60,000.00 元", timeout=WAIT_MS)
    ready = [m for m in page.evaluate("window.gdMessages") if m.get("type") == "ready"]
    context.close()
    assert ready[0]["stdlib"] == "full"


def test_a_missing_boot_script_is_named_and_not_blamed_on_the_browser(browser, faulty):
    context, guard = new_guarded_context(browser, faulty)
    page = context.new_page()
    page.goto(f"{faulty}/missing-boot/calculator/")
    expect(page.locator("#gd-failure")).to_be_visible(timeout=BOUND_MS)
    text = page.locator("#gd-failure").inner_text()
    context.close()
    assert "boot.js 未能加载" in text and "不支持" not in text
    assert guard.external == []


def test_a_missing_page_script_leaves_the_page_saying_what_to_do_in_plain_html(browser, faulty):
    context, guard = new_guarded_context(browser, faulty)
    page = context.new_page()
    page.goto(f"{faulty}/missing-app/calculator/")
    stuck = page.locator("#gd-stuck")
    page.add_style_tag(content=".gd-calculator { --gd-stuck-delay: 0s; }")  # the CSS delay, shortened
    expect(stuck).to_be_visible(timeout=BOUND_MS)
    expect(stuck).to_contain_text("text/javascript")
    context.close()
    assert guard.external == []
