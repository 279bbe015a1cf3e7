"""What `make dist` writes and what the zip holds: the checksum, the 部署说明, the IIS web.config (no IIS
here: validated as XML and its settings asserted), and configure.py's answers to a wrong entry."""

from __future__ import annotations

import copy
import hashlib
import json
import xml.etree.ElementTree as ET

import pytest
from support.release_package import configure, set_ini, unpack

from generator.release import ConfigError
from generator.release.dist import deploy_guide
from generator.release.programme import read_programme


def test_dist_holds_a_versioned_zip_its_sha256_and_the_three_server_files(release):
    (archive,) = release.glob("syqpt-2020-*.zip")
    digest, name = (release / f"{archive.name}.sha256").read_text("utf-8").split()
    assert name == archive.name and digest == hashlib.sha256(archive.read_bytes()).hexdigest()
    assert {p.name for p in release.iterdir()} >= {"nginx.conf", "apache.htaccess", "web.config"}


def test_the_zip_has_the_site_its_configuration_script_and_a_chinese_deployment_guide(release, tmp_path, catalog_data):
    folder = unpack(release, tmp_path)
    for name in ("site/index.html", "site/.htaccess", "site/web.config", "site-config.ini", "configure.py",
                 "部署说明.txt", "server/nginx.conf", "tools/segno/LICENSE"):
        assert (folder / name).is_file(), name
    guide = (folder / "部署说明.txt").read_text("utf-8-sig")
    title = catalog_data["policy"]["programme"]["site_name"] + "网站"
    assert guide.startswith(f"{title} 部署说明\n") and f"{folder.name.removesuffix('-test')}-版本号.zip" in guide
    assert (folder / "server/nginx.conf").read_text("utf-8").startswith(f"# {title}：nginx 配置。")
    for words in ("python3 configure.py", "zh-Hant/", "*.br", "application/wasm", "'wasm-unsafe-eval'", ".htaccess",
                  "web.config", "nginx.conf", "frame_origins"):
        assert words in guide, words


def test_the_iis_web_config_is_xml_with_types_headers_404_pages_and_no_directory_browsing(release):
    root = ET.fromstring((release / "web.config").read_bytes())
    web = root.find("system.webServer")
    types = {m.get("fileExtension"): m.get("mimeType") for m in web.iter("mimeMap")}
    assert types[".wasm"] == "application/wasm" and types[".js"] == "text/javascript"
    assert types[".json"] == "application/json"
    headers = {h.get("name"): h.get("value") for h in web.find("httpProtocol/customHeaders").iter("add")}
    assert "'wasm-unsafe-eval'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"]
    assert "Permissions-Policy" in headers and "Strict-Transport-Security" not in headers  # unconfigured: no HTTPS known
    assert web.find("httpErrors/error").get("path") == "/404.html"
    assert web.find("directoryBrowse").get("enabled") == "false"
    assert web.find("staticContent/clientCache").get("cacheControlMode") == "DisableCache"


def test_https_addresses_add_hsts_to_every_server_file(release, tmp_path):
    folder = unpack(release, tmp_path)
    set_ini(folder, {"address": "https://gdii.example.gov.cn/syqpt/"}, {})
    assert configure(folder).returncode == 0
    assert 'add_header Strict-Transport-Security "max-age=31536000" always;' in (folder / "server/nginx.conf").read_text("utf-8")
    assert 'Header always set Strict-Transport-Security "max-age=31536000"' in (folder / "site/.htaccess").read_text("utf-8")
    assert 'name="Strict-Transport-Security"' in (folder / "site/web.config").read_text("utf-8")
    assert "location ^~ /syqpt/ {" in (folder / "server/nginx.conf").read_text("utf-8")


def test_a_government_mark_without_official_true_is_refused_in_chinese_and_nothing_changes(release, tmp_path):
    folder = unpack(release, tmp_path)
    before = (folder / "site" / "index.html").read_bytes()
    set_ini(folder, {"address": "https://x.example.gov.cn/"}, {"site_code": "4400000099"})
    done = configure(folder)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "[host] site_code" in done.stderr and "网站标识码只能由政府网站使用" in done.stderr
    assert (folder / "site" / "index.html").read_bytes() == before


def test_unconfigured_identity_slots_are_absent_never_invented(release, tmp_path):
    html = (unpack(release, tmp_path) / "site" / "index.html").read_text("utf-8")
    footer = html[html.index('<div class="md-copyright gd-host"'):]
    footer = footer[:footer.index("</div>")]
    assert 'data-gd-host="unofficial"' in footer and "非官方网站" in footer
    for words in ("网站标识码", "党政机关网站标识", "我为政府网站找错", "公网安备", "ICP"):
        assert words not in footer, words


def _site_with(tmp_path, catalog_data, short_name: str, version: str):
    data = copy.deepcopy(catalog_data)
    data["policy"]["programme"]["short_name"] = short_name
    data["catalogue_version"] = version
    (tmp_path / "catalog.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return tmp_path


def test_the_package_and_its_guide_are_named_from_the_sites_catalog_json(tmp_path, catalog_data):
    programme = read_programme(_site_with(tmp_path, catalog_data, "drill", "2031"))
    assert programme.package == "drill-2031"
    assert programme.title == catalog_data["policy"]["programme"]["site_name"] + "网站"
    guide = deploy_guide(programme)
    assert guide.startswith(f"{programme.title} 部署说明\n") and "sha256sum -c drill-2031-版本号.zip.sha256" in guide
    assert "$" not in guide


def test_a_round_whose_version_is_not_plain_ascii_is_refused_naming_the_key(tmp_path, catalog_data):
    programme = read_programme(_site_with(tmp_path, catalog_data, "drill", "2031年"))
    with pytest.raises(ConfigError) as info:
        programme.package  # noqa: B018 - the property is what checks
    assert "catalogue_version（2031年）" in str(info.value) and "英文字母、数字" in str(info.value)
