"""The build itself: deterministic, escaping catalogue text, stopping on bad data."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from support.build import ROOT, build_site


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_builds_of_the_same_sources_are_byte_identical(site, tmp_path):
    again = tmp_path / "again"
    done = build_site(again)
    assert done.returncode == 0, done.stderr
    first, second = _tree(site), _tree(again)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def _catalog_copy(tmp_path: Path, mutate) -> Path:
    root = tmp_path / "catalog"
    shutil.copytree(ROOT / "catalog" / "2020", root)
    data = yaml.safe_load((root / "products.yaml").read_text("utf-8"))
    mutate(data)
    (root / "products.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return root


def test_invalid_catalogue_data_stops_the_build_naming_file_key_and_problem(tmp_path):
    def mutate(data):
        data["products"][4]["cap"] = "十万"

    done = build_site(tmp_path / "out", _catalog_copy(tmp_path, mutate))
    assert done.returncode != 0
    assert "products.yaml" in done.stderr and "products[4].cap" in done.stderr and "应为整数" in done.stderr
    assert "Traceback" not in done.stderr


def test_catalogue_text_containing_a_script_tag_renders_as_text(tmp_path):
    evil = '<script>alert("x")</script>'

    def mutate(data):
        product = data["products"][0]
        product["name"] = f"通用设计{evil}"
        product["scenario"] += evil
        product["modules"][0] += evil
        product["remark"] = evil
        product["keywords"].append(evil)

    out = tmp_path / "out"
    done = build_site(out, _catalog_copy(tmp_path, mutate))
    assert done.returncode == 0, done.stderr
    for page in [out / "products" / "01-general-design-tools" / "index.html", out / "products" / "index.html",
                 out / "notice" / "index.html", out / "index.html"]:
        html = page.read_text("utf-8")
        assert "<script>alert" not in html, page
    page = (out / "products" / "01-general-design-tools" / "index.html").read_text("utf-8")
    assert "&lt;script&gt;alert" in page
