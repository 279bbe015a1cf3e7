"""The README is a short front door and the docs behind it hold together: sizes, links and the map of changes."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "bench" / "README.md"]
# [text](target) outside code spans; the target up to a space or the closing parenthesis.
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)[^)]*\)")


def _prose(text: str) -> str:
    """The text without fenced code blocks and code spans, where a bracket is not a link."""
    text = re.sub(r"(?ms)^```.*?^```", "", text)
    return re.sub(r"`[^`\n]*`", "", text)


def _relative_links(path: Path) -> list[str]:
    targets = LINK.findall(_prose(path.read_text("utf-8")))
    return [t for t in targets if not re.match(r"[a-z][a-z0-9+.-]*:", t) and not t.startswith("#")]


def test_the_readme_is_a_front_door_of_at_most_15000_characters_and_short_lines():
    text = README.read_text("utf-8")
    assert len(text) <= 15000, len(text)
    long_lines = [(n, len(line)) for n, line in enumerate(text.splitlines(), 1) if len(line) > 300]
    assert long_lines == []


@pytest.mark.parametrize("page", [README, *DOCS], ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_of_the_readme_and_the_docs_leads_to_a_file_of_the_repository(page):
    links = _relative_links(page)
    missing = [t for t in links if not (page.parent / unquote(t.split("#")[0])).resolve().exists()]
    assert missing == [], f"{page.relative_to(ROOT)} 中的链接指向不存在的文件：{missing}"


def test_the_readme_links_every_document_of_docs():
    linked = {(ROOT / t.split("#")[0]).resolve() for t in _relative_links(README)}
    assert [p.relative_to(ROOT).as_posix() for p in DOCS if p.resolve() not in linked] == []


def _where_a_change_goes() -> list[tuple[str, list[str]]]:
    text = README.read_text("utf-8")
    section = re.search(r"(?ms)^## [^\n]*Where a change goes\n(.*?)(?=^## )", text).group(1)
    rows = [line.split("|")[1:-1] for line in section.splitlines() if line.startswith("|")][2:]
    return [(change.strip(), re.findall(r"`([^`]+)`", _links_removed(place))) for change, place in rows]


def _links_removed(cell: str) -> str:
    return re.sub(r"\[[^\]]*\]\([^)]*\)", "", cell)


def test_every_path_in_the_readmes_table_of_where_a_change_goes_exists():
    rows = _where_a_change_goes()
    assert len(rows) >= 20
    for change, paths in rows:
        assert paths, change
        for path in paths:
            assert (ROOT / path).exists(), f"“{change}”：{path} 不存在"


def test_the_table_sends_caps_wording_and_page_types_where_the_house_rules_put_them():
    places = dict(_where_a_change_goes())
    assert next(p for c, p in places.items() if "cap" in c and "product" in c) == ["catalog/2020/products.yaml"]
    assert next(p for c, p in places.items() if c.startswith("a wording")) == ["calculator/wording.py"]
    assert "generator/pages/registry.py" in next(p for c, p in places.items() if "new page type" in c)


def test_the_docs_are_not_published_with_the_site():
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    docs_dir = re.search(r"(?m)^docs_dir:\s*(\S+)", config).group(1)
    assert (ROOT / docs_dir).resolve() != (ROOT / "docs").resolve()
    assert not (ROOT / docs_dir).resolve().is_relative_to((ROOT / "docs").resolve())


def test_the_deploying_guide_points_at_the_file_each_build_writes_its_csp_to_and_the_code_that_makes_it():
    # The policy itself is a build output (its hashes change with the theme and SITE_URL), so the guide
    # names where it comes from instead of quoting it.
    guide = (ROOT / "docs" / "deploying.md").read_text("utf-8")
    assert "site/csp.txt" in guide and "../generator/hosting/csp.py" in _relative_links(ROOT / "docs" / "deploying.md")
    # The build's last step (and a release's configure.py) writes it.
    assert '"csp.txt"' in (ROOT / "generator" / "release" / "configure.py").read_text("utf-8")
    assert "sha256-" not in re.sub(r"`sha256-…`", "", guide)


def test_the_host_file_example_in_the_deploying_guide_is_valid_yaml():
    guide = (ROOT / "docs" / "deploying.md").read_text("utf-8")
    block = re.search(r"```yaml\n(.+?)```", guide, re.S).group(1)
    host = yaml.safe_load(block)["extra"]["host"]
    assert host["official"] is True and host["site_code"] == "0000000000"
