"""Every figure says where it came from: the build identity (date and content hashes of catalogue and
engine), the site build id each page carries and build.json names, and the identity in the sheet's CSV
and the CLI's output."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from calculator.policy import Policy
from calculator.sheet import csv_text
from generator.hosting import SITE_BUILD_SLOT, build_date, build_identity, stamp_site_build

ROOT = Path(__file__).resolve().parents[2]
PLAN = {"city": "汕头市", "items": [{"product": 2, "contract": "100万", "devices": ""}]}


@pytest.fixture(scope="module")
def catalog_text(catalogue) -> str:
    from generator.catalogue import catalogue_json
    return catalogue_json(catalogue)


def test_the_build_date_comes_from_source_date_epoch_never_the_clock():
    assert build_date(ROOT, {"SOURCE_DATE_EPOCH": "1607299200"}) == "2020-12-07"


def test_the_identity_names_date_catalogue_and_engine_by_content_hashes(catalog_text):
    found = build_identity(catalog_text, b'{"engine": 1}', "2026-12-07")
    catalogue = hashlib.sha256(catalog_text.encode()).hexdigest()[:8]
    assert found["catalogue"] == catalogue and found["engine"] == hashlib.sha256(b'{"engine": 1}').hexdigest()[:8]
    assert found["label"] == f"2026-12-07 构建，目录数据 {catalogue}，测算引擎 {found['engine']}"
    assert "2020" not in found["label"]


def test_a_changed_cap_changes_the_catalogues_identity(catalog_text):
    data = json.loads(catalog_text)
    data["products"][1]["cap"] = "210000"
    changed = json.dumps(data, ensure_ascii=False)
    assert build_identity(catalog_text, b"", "")["catalogue"] != build_identity(changed, b"", "")["catalogue"]


def _site(tmp_path: Path, body: str) -> Path:
    site = tmp_path / "site"
    (site / "calculator").mkdir(parents=True)
    (site / "calculator" / "index.html").write_text(f'<meta name="gd-build" content="{SITE_BUILD_SLOT}">{body}')
    return site


def test_every_page_gets_the_site_build_id_that_build_json_names(tmp_path):
    site = _site(tmp_path, "A")
    manifest = stamp_site_build(site, {"date": "2026-12-07"})
    page = (site / "calculator" / "index.html").read_text()
    assert f'content="{manifest["build"]}"' in page and SITE_BUILD_SLOT not in page
    assert json.loads((site / "build.json").read_text()) == manifest


def test_two_sites_differing_in_one_file_get_different_build_ids(tmp_path):
    one = stamp_site_build(_site(tmp_path / "one", "A"), {})
    other = stamp_site_build(_site(tmp_path / "other", "B"), {})
    again = stamp_site_build(_site(tmp_path / "again", "A"), {})
    assert one["build"] != other["build"] and one["build"] == again["build"]


def test_the_csv_names_the_pages_build_when_its_catalogue_is_the_one_read(catalog_text):
    policy = Policy.from_json(catalog_text)
    build = {"date": "2026-12-07", "catalogue": policy.fingerprint, "engine": "9a87d6e1"}
    text = csv_text({"plan": PLAN, "date": "2026-12-07", "build": build}, policy)
    assert f"数据来源,2026-12-07 构建，目录数据 {policy.fingerprint}，测算引擎 9a87d6e1" in text


def test_the_csv_names_the_catalogue_it_read_even_when_the_page_claims_another(catalog_text):
    policy = Policy.from_json(catalog_text)
    text = csv_text({"plan": PLAN, "build": {"date": "2026-12-07", "catalogue": "0badc0de", "engine": "x"}}, policy)
    assert f"数据来源,目录数据 {policy.fingerprint}\r\n" in text and "0badc0de" not in text


def test_the_cli_names_the_catalogue_in_text_and_json(tmp_path, catalog_text):
    path = tmp_path / "catalog.json"
    path.write_text(catalog_text, "utf-8")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:8]  # what `sha256sum catalog.json` starts with
    run = [sys.executable, "-m", "calculator", "--catalog", str(path)]
    text = subprocess.run([*run, "--text"], input=json.dumps(PLAN), capture_output=True, text=True, cwd=ROOT, check=True)
    assert f"数据来源：目录数据 {digest}" in text.stdout
    out = subprocess.run(run, input=json.dumps(PLAN), capture_output=True, text=True, cwd=ROOT, check=True)
    assert json.loads(out.stdout)["catalogue_id"] == digest
