"""The recommended Cache-Control (generator/hosting/cache_policy.py): content-addressed files for a year,
build.json never stored, pages and every file that keeps its name revalidated; `make serve` sends it and
the nginx form says the same."""

from __future__ import annotations

import threading
import urllib.request

import pytest

from generator.hosting import cache_control, cache_rules, make_server, nginx_map

IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.mark.parametrize(("path", "expected"), [
    ("build.json", "no-store"),
    ("sw.js", "no-cache"),
    ("assets/calculator/app.740101c87ee1.js", IMMUTABLE),
    ("assets/pyodide/pyodide-snapshot.2956cb2d1119.gz", IMMUTABLE),
    ("assets/pyodide/pyodide.asm.wasm.d2ebdd97a1c4.brotli", IMMUTABLE),
    ("catalog.decf9801d835.json", IMMUTABLE),
    ("assets/javascripts/bundle.a5f9d56c.min.js", IMMUTABLE),
    ("calculator/", "no-cache"),
    ("index.html", "no-cache"),
    ("catalog.json", "no-cache"),
    ("catalog.csv", "no-cache"),
], ids=lambda value: value.replace("/", "∕"))
def test_each_kind_of_file_gets_its_cache_control(path, expected):
    assert cache_control(path) == expected


def test_every_rule_says_why_in_chinese_and_the_last_matches_everything():
    rules = cache_rules()
    assert all(rule["why"] and rule["path_pattern"] for rule in rules)
    assert rules[-1]["pattern"] == ".*"


def test_the_nginx_map_lists_the_rules_in_order_with_the_catch_all_as_default():
    text = nginx_map()
    assert text.startswith("map $uri $gd_cache_control {") and 'default "no-cache";' in text
    assert text.index("build") < text.index("immutable")


def test_make_serve_sends_the_recommended_cache_control(tmp_path):
    (tmp_path / "assets").mkdir()
    for name in ("index.html", "build.json", "assets/app.740101c87ee1.js", "catalog.json"):
        (tmp_path / name).write_text("x")
    httpd = make_server(tmp_path)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    try:
        got = {path: urllib.request.urlopen(base + path).headers["Cache-Control"]
               for path in ("", "build.json", "assets/app.740101c87ee1.js", "catalog.json")}
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert got == {"": "no-cache", "build.json": "no-store", "assets/app.740101c87ee1.js": IMMUTABLE,
                   "catalog.json": "no-cache"}
