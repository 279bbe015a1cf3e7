"""The source texts are part of the repository, with their official address and date, and every
difference between them is a note the site shows."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "catalog" / "2020" / "sources"
PDF_TEXT = SOURCES / "notice-with-catalog.txt"
WEB_PAGE = SOURCES / "notice-webpage.md"


def test_both_source_texts_are_in_the_repository(catalogue):
    files = [s["file"] for s in catalogue.policy["notice"]["sources"]]
    assert files == ["sources/notice-with-catalog.txt", "sources/notice-webpage.md"]
    for name in files:
        assert (ROOT / "catalog" / "2020" / name).is_file(), name


@pytest.mark.parametrize("index", [0, 1], ids=["pdf-text", "web-page"])
def test_each_source_records_its_official_address_the_date_taken_and_its_hash(catalogue, index):
    source = catalogue.policy["notice"]["sources"][index]
    assert source["url"].startswith("http://gdii.gd.gov.cn/")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", source["taken"])
    assert hashlib.sha256((ROOT / "catalog" / "2020" / source["file"]).read_bytes()).hexdigest() == source["sha256"]


def test_no_test_reads_anything_outside_the_repository():
    offenders = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        text = path.read_text("utf-8")
        if re.search(r"['\"/]shared['\"/]|\.\./shared|parents\[[3-9]\]", text):
            offenders.append(path.relative_to(ROOT).as_posix())
    assert offenders == []


def _body(text: str) -> str:
    """The notice's own text, from the salutation to the 附件 line, without white space or markup."""
    start = text.index("各地市工业和信息化主管部门")
    end = text.index("附件：", start)
    return re.sub(r"[\s#*]", "", text[start:end])


def _variant_notes(catalogue) -> list[tuple[str, str, str]]:
    out = []
    for note in catalogue.policy["notice"]["notes"]:
        if note["kind"] == "版本差异":
            web, pdf = re.findall(r"作“([^”]+)”", note["text"])
            out.append((note["anchor"], web, pdf))
    return out


def test_the_web_page_omits_cluster_in_exactly_the_four_places_noted(catalogue):
    pdf, web = _body(PDF_TEXT.read_text("utf-8")), _body(WEB_PAGE.read_text("utf-8"))
    assert pdf.count("集群") - web.count("集群") == 4
    assert pdf.replace("集群数字化转型", "数字化转型") == web.replace("集群数字化转型", "数字化转型")
    assert len(_variant_notes(catalogue)) == 4


@pytest.mark.parametrize("anchor", ["preamble", "sec-1-order", "sec-2", "sec-5-1"], ids=str)
def test_each_variant_note_quotes_both_sources_exactly(catalogue, anchor):
    pdf, web = _body(PDF_TEXT.read_text("utf-8")), _body(WEB_PAGE.read_text("utf-8"))
    found = {a: (w, p) for a, w, p in _variant_notes(catalogue)}
    web_text, pdf_text = found[anchor]
    assert web_text in web and web_text not in pdf
    assert pdf_text in pdf and pdf_text not in web
    assert pdf_text.replace("集群", "") == web_text
    notice = re.sub(r"\s", "", catalogue.notice_md)
    assert pdf_text in notice, "the site follows the PDF text"


def test_the_city_split_says_that_clause_4_lists_no_cities(catalogue):
    cities = catalogue.policy["cities"]
    assert cities["reference"]["anchor"] == "sec-4"
    assert any("未列出所辖城市" in note for note in cities["notes"])


def _copy(tmp_path: Path) -> Path:
    import shutil

    root = tmp_path / "catalog"
    shutil.copytree(ROOT / "catalog" / "2020", root)
    return root


def test_an_edited_source_text_stops_the_build(tmp_path):
    from generator.catalogue.reader import CatalogueError, load_catalogue

    root = _copy(tmp_path)
    path = root / "sources" / "notice-with-catalog.txt"
    path.write_text(path.read_text("utf-8").replace("8 万元", "80 万元", 1), "utf-8")
    with pytest.raises(CatalogueError) as info:
        load_catalogue(root)
    assert info.value.key == "notice.sources[0].sha256" and "原文不应改动" in info.value.message


def test_a_note_on_a_clause_the_notice_lacks_is_refused(tmp_path):
    from generator.catalogue.reader import CatalogueError, load_catalogue

    root = _copy(tmp_path)
    path = root / "policy.yaml"
    path.write_text(path.read_text("utf-8").replace("- anchor: sec-5-1\n", "- anchor: sec-9\n", 1), "utf-8")
    with pytest.raises(CatalogueError) as info:
        load_catalogue(root)
    assert info.value.key == "notice.notes[3].anchor" and "#sec-9" in info.value.message
