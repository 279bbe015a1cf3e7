"""Names that change when content changes (generator/hosting/fingerprint.py): every file a page loads is
renamed by its content, references are rewritten, and a change anywhere renames everything above it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.hosting import FingerprintError, built_name, fingerprint_site


def _site(root: Path, dom: str = "export const x = 1;") -> Path:
    files = {
        "calculator/index.html": '<script type="module" src="../assets/calculator/app.js"></script>'
                                 '<script src="../assets/calculator/boot.js" data-catalog="../catalog.json"></script>',
        "assets/calculator/app.js": 'import { x } from "./dom.js";\nconst w = new URL("worker.js", import.meta.url);',
        "assets/calculator/dom.js": dom,
        "assets/calculator/worker.js": 'const m = "bundle.json";',
        "assets/calculator/boot.js": "var a = 1;",
        "assets/pyodide/bundle.json": '{"wheel": "engine.whl"}',
        "assets/pyodide/engine.whl": "wheel",
        "catalog.json": '{"products": []}',
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, "utf-8")
    return root


def test_loaded_files_get_content_addressed_names_and_every_reference_follows(tmp_path):
    site = _site(tmp_path / "site")
    fingerprint_site(site)
    page = (site / "calculator/index.html").read_text()
    app, worker = built_name(site, "assets/calculator/app.js"), built_name(site, "assets/calculator/worker.js")
    assert f'src="../{app}"' in page and f'src="../{built_name(site, "assets/calculator/boot.js")}"' in page
    assert f'data-catalog="../{built_name(site, "catalog.json")}"' in page
    assert built_name(site, "assets/calculator/dom.js").rsplit("/", 1)[1] in (site / app).read_text()
    assert built_name(site, "assets/pyodide/bundle.json").rsplit("/", 1)[1] in (site / worker).read_text()
    manifest = (site / built_name(site, "assets/pyodide/bundle.json")).read_text()
    assert built_name(site, "assets/pyodide/engine.whl").rsplit("/", 1)[1] in manifest
    assert not (site / "assets/calculator/app.js").exists()
    assert (site / "catalog.json").exists(), "catalog.json keeps its published name for downloads"


def test_a_change_in_an_imported_module_renames_the_module_that_imports_it(tmp_path):
    one, two = _site(tmp_path / "one"), _site(tmp_path / "two", dom="export const x = 2;")
    fingerprint_site(one)
    fingerprint_site(two)
    assert built_name(one, "assets/calculator/app.js") != built_name(two, "assets/calculator/app.js")
    assert built_name(one, "assets/calculator/boot.js") == built_name(two, "assets/calculator/boot.js")
    assert re.fullmatch(r"assets/calculator/app\.[0-9a-f]{12}\.js", built_name(one, "assets/calculator/app.js"))


def test_a_reference_cycle_stops_the_build_with_a_chinese_message(tmp_path):
    site = _site(tmp_path / "site", dom='import "./app.js";')
    with pytest.raises(FingerprintError, match="互相引用"):
        fingerprint_site(site)


def test_a_file_a_page_names_in_a_data_load_attribute_is_renamed_too(tmp_path):
    # The 部署自检 page asks the host for the runtime's files: under their old names it would get 404s.
    site = _site(tmp_path / "site")
    (site / "self-check").mkdir()
    (site / "self-check/index.html").write_text(
        '<div data-gd-self-check data-root="../"\n data-load-js="../assets/calculator/boot.js" data-json="catalog.json">'
        '<a href="../assets/calculator/app.js">x</a></div>', "utf-8")
    fingerprint_site(site)
    page = (site / "self-check/index.html").read_text()
    assert f'data-load-js="../{built_name(site, "assets/calculator/boot.js")}"' in page
    assert 'data-json="catalog.json"' in page
