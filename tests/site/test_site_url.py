"""SITE_URL is checked before the build and printed safely; the CSP never allows a script no template wrote."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from support.build import ROOT, build_site

from generator.hosting.csp import InlineScriptError, inline_script_hashes
from generator.hosting.site_url import SiteUrlError, check_site_url, printable_url


@pytest.mark.parametrize("url,expected", [
    ("http://gdii.gd.gov.cn/syqpt/2020/", "http://gdii.gd.gov.cn/syqpt/2020/"),
    ("https://example.gov.cn", "https://example.gov.cn/"),
    ("https://example.gov.cn:8443/a/b", "https://example.gov.cn:8443/a/b/"),
    ("http://127.0.0.1:8000/", "http://127.0.0.1:8000/"),
    ("https://xn--fiqs8s.cn/gd%20site/", "https://xn--fiqs8s.cn/gd%20site/"),
], ids=["the-default", "no-trailing-slash", "a-port-and-a-path", "an-ip-address", "punycode-and-percent"])
def test_an_absolute_http_address_is_accepted_with_a_trailing_slash(url, expected):
    assert check_site_url(url) == expected


@pytest.mark.parametrize("url,words", [
    ('http://x.example/a"><script>alert(1)</script>/', "双引号"),
    ("http://x.example/a'onmouseover='alert(1)/", "单引号"),
    ("http://x.example/<b>/", "尖括号"),
    ("http://x.example/a b/", "空格"),
    ("http://x.example/a\n/", "换行"),
    ("javascript:alert(1)//", "http://"),
    ("ftp://x.example/", "http://"),
    ("/syqpt/2020/", "http://"),
    ("x.example/syqpt/", "http://"),
    ("", "为空"),
    ("https://政府.cn/", "punycode"),
    ("https://x.example/?a=1", "查询参数"),
    ("https://x.example/#top", "片段"),
    ("https://x.example/100%/", "两位十六进制"),
    ("https://user:pw@x.example/", "用户名"),
    ("https:///path/", "主机名"),
    ("https://x.example:99999/", "端口"),
], ids=["double-quote-and-script", "single-quote", "angle-brackets", "space", "newline", "javascript-scheme",
        "ftp-scheme", "a-path-only", "no-scheme", "empty", "non-ascii-host", "a-query", "a-fragment",
        "a-bare-percent", "credentials", "no-host", "a-bad-port"])
def test_a_bad_address_is_refused_in_chinese(url, words):
    with pytest.raises(SiteUrlError) as info:
        check_site_url(url)
    assert "SITE_URL" in str(info.value) and words in str(info.value)


def test_printing_percent_encodes_what_could_end_an_attribute_or_a_string():
    assert printable_url('/a"<b>\' c/') == "/a%22%3Cb%3E%27%20c/"
    assert printable_url("../..") == "../.."


def test_the_build_stops_on_a_site_url_that_would_inject_a_script(tmp_path):
    out = tmp_path / "out"
    done = build_site(out, env={"SITE_URL": 'http://x.example/a"><script>alert(1)</script>/'})
    assert done.returncode != 0
    assert "网站地址错误" in done.stderr and "双引号" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (out / "csp.txt").exists()


def test_a_valid_site_url_with_an_ampersand_is_escaped_in_the_canonical_link_and_meta_tag(tmp_path):
    out = tmp_path / "out"
    done = build_site(out, env={"SITE_URL": "https://x.example/a&b/"})
    assert done.returncode == 0, done.stderr
    page = (out / "products" / "01-general-design-tools" / "index.html").read_text("utf-8")
    assert '<link rel="canonical" href="https://x.example/a&amp;b/products/01-general-design-tools/">' in page
    assert '<meta name="SiteDomain" content="https://x.example/a&amp;b/">' in page
    not_found = (out / "404.html").read_text("utf-8")
    assert 'new URL("/a&b/",location)' in not_found
    assert re.search(r'href="/a&b/assets/', not_found)


def _template(tmp_path: Path, body: str) -> Path:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "base.html").write_text(body, "utf-8")
    return templates


def _page(tmp_path: Path, html: str) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(html, "utf-8")
    return site


def test_the_csp_hashes_an_inline_script_that_its_template_wrote(tmp_path):
    templates = _template(tmp_path, '<script>var scope=new URL("{{ base_url }}",location)</script>')
    site = _page(tmp_path, '<script>var scope=new URL("../..",location)</script>')
    assert len(inline_script_hashes(site, [templates])) == 1


@pytest.mark.parametrize("html", [
    '<script>var scope=new URL("");alert(1);//",location)</script>',
    "<script>alert(1)</script>",
    "<SCRIPT>alert(1)</SCRIPT>",
], ids=["breaking-out-of-a-template-slot", "a-script-no-template-wrote", "upper-case-tag"])
def test_the_csp_refuses_to_hash_a_script_no_template_wrote(tmp_path, html):
    templates = _template(tmp_path, '<script>var scope=new URL("{{ base_url }}",location)</script>')
    site = _page(tmp_path, html)
    with pytest.raises(InlineScriptError, match="不是由模板写出的内联脚本"):
        inline_script_hashes(site, [templates])


def test_a_script_in_the_notice_text_stops_the_build_instead_of_being_hashed_into_the_csp(tmp_path):
    catalog = tmp_path / "catalog"
    shutil.copytree(ROOT / "catalog" / "2020", catalog)
    notice = catalog / "notice.md"
    notice.write_text(notice.read_text("utf-8") + '\n<script>alert("x")</script>\n', "utf-8")
    done = build_site(tmp_path / "out", catalog)
    assert done.returncode != 0
    assert "内容安全策略" in done.stderr and "alert" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(("site_url", "told"), [(None, True), ("https://x.example/syqpt/", False)], ids=["unset", "set"])
def test_a_build_without_site_url_says_where_its_links_and_qr_codes_point(tmp_path, site_url, told):
    import os
    import subprocess
    import sys

    # An empty catalogue directory stops the build right after the address is checked: quick, and enough.
    environ = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    environ |= {"GD_CATALOG_DIR": str(tmp_path), "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        environ["SITE_URL"] = site_url
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "out")],
                          cwd=ROOT, env=environ, capture_output=True, text=True)
    assert ("未设置 SITE_URL" in done.stderr) is told
    # Issue 20: an unconfigured build names no address at all, least of all this computer's.
    assert "127.0.0.1" not in done.stderr
