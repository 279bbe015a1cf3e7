"""The release, unpacked, configured with its own file and script, and served under a sub-path by nginx
with the shipped nginx.conf and by Debian's apache2 with the shipped .htaccess: addresses, QR codes,
footer, headers, types, compression, 404 pages and the calculator (issue 20, 'Done means')."""

from __future__ import annotations

import gzip
import io
import re
import urllib.error
import urllib.request

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect
from support.apache import readable_root, running_apache
from support.nginx import free_port, running_nginx
from support.release_package import OFFICIAL, PORTAL, SUBPATH, configured_official, published
from support.waits import WAIT_MS

PRODUCT = "products/05-equipment-iot/"


@pytest.fixture(scope="module", params=["nginx", "apache"])
def served(request, release, tmp_path_factory):
    """(the site's address, the configured release folder), served by nginx or apache2 with the shipped file."""
    port = free_port()
    folder = configured_official(release, tmp_path_factory.mktemp(request.param), port)
    if request.param == "nginx":
        root = tmp_path_factory.mktemp("webroot")
        published(folder, root)
        server = f"    root {root};\n    include {folder / 'server' / 'nginx.conf'};"
        with running_nginx(tmp_path_factory.mktemp("nginx"), server, gzip=False, port=port) as base:
            yield base + SUBPATH, folder
    else:
        with readable_root() as root:
            published(folder, root)
            with running_apache(tmp_path_factory.mktemp("apache"), root, port) as base:
                yield base + SUBPATH, folder


@pytest.fixture(scope="module")
def base(served):
    """The address the site is served at."""
    return served[0]


@pytest.fixture(scope="module")
def official(served):
    return served[1], None


def get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as err:
        return err.code, {k.lower(): v for k, v in err.headers.items()}, err.read()


def test_pages_name_the_configured_address_in_canonical_links_and_shares(base):
    status, _, body = get(base + PRODUCT)
    html = body.decode("utf-8")
    assert status == 200
    assert f'<link rel="canonical" href="{base}{PRODUCT}">' in html
    assert f'value="{base}{PRODUCT}"' in html
    assert f'<meta name="SiteDomain" content="{base}">' in html
    assert "127.0.0.1:8000" not in html


def test_the_qr_codes_decode_to_the_configured_address(base):
    slug = PRODUCT.rstrip("/").rsplit("/", 1)[-1]
    for page in (PRODUCT, "zh-Hant/" + PRODUCT):
        status, headers, body = get(f"{base}{page}qr-{slug}.png")
        assert status == 200 and headers["content-type"] == "image/png"
        assert [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(body)))] == [base + page]


def test_the_footer_carries_the_official_identity_and_its_links(base):
    html = get(base)[2].decode("utf-8")
    footer = re.search(r'<div class="md-copyright gd-host".*?</div>', html, re.S).group(0)
    assert 'data-gd-host="official"' in footer and "非官方" not in footer
    for key in ("organizer", "site_code", "icp", "public_security", "contact"):
        assert OFFICIAL[key] in footer, key
    for key in ("public_security_link", "gov_mark_link", "error_report_link"):
        assert f'href="{OFFICIAL[key]}"' in footer.replace("&amp;", "&"), key
    assert "我为政府网站找错" in footer and 'alt="党政机关网站标识"' in footer
    image = re.search(r'<img src="([^"]+)"', footer).group(1)
    assert get(base + image)[0] == 200


def test_every_response_carries_the_csp_and_the_security_headers(base, official):
    folder, _ = official
    csp = (folder / "site" / "csp.txt").read_text("utf-8").strip()
    for path in ("", PRODUCT, "assets/js/site.js", "catalog.json", "does-not-exist/"):
        _, headers, _ = get(base + path)
        assert headers["content-security-policy"] == csp, path
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
        assert "camera=()" in headers["permissions-policy"]
        assert "strict-transport-security" not in headers  # plain HTTP: HSTS only where served over HTTPS
    assert f"frame-ancestors 'self' {PORTAL}" in csp and "'wasm-unsafe-eval'" in csp


@pytest.mark.parametrize(("pattern", "mime"), [("assets/pyodide/*.wasm", "application/wasm"),
                                               ("assets/calculator/*.js", "text/javascript"),
                                               ("catalog.json", "application/json")], ids=["wasm", "js", "json"])
def test_the_engine_s_files_have_their_types(base, official, pattern, mime):
    folder, _ = official
    path = next((folder / "site").glob(pattern)).relative_to(folder / "site").as_posix()
    status, headers, _ = get(base + path)
    assert status == 200 and headers["content-type"].split(";")[0] == mime


def test_the_precompressed_copy_is_sent_to_a_browser_that_accepts_gzip(base, official):
    folder, _ = official
    status, headers, body = get(base + "catalog.json", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("content-encoding") == "gzip"
    assert body == (folder / "site" / "catalog.json.gz").read_bytes()
    assert gzip.decompress(body) == (folder / "site" / "catalog.json").read_bytes()


def test_unknown_addresses_get_the_site_s_own_404_page_in_each_script(base):
    status, _, body = get(base + "no-such-page/")
    assert status == 404 and 'lang="zh"' in body.decode("utf-8") and f'href="{SUBPATH}' in body.decode("utf-8")
    status, _, body = get(base + "zh-Hant/no-such-page/")
    assert status == 404 and 'lang="zh-Hant"' in body.decode("utf-8")


def test_no_directory_is_listed_and_no_server_file_is_sent(base):
    status, _, body = get(base + "assets/")
    assert status in (403, 404) and b"Index of" not in body
    for name in (".htaccess", "web.config"):
        assert get(base + name)[0] in (403, 404), name


def test_html_is_revalidated_and_fingerprinted_theme_files_are_kept_a_year(base, official):
    folder, _ = official
    assert get(base + PRODUCT)[1]["cache-control"] == "no-cache"
    theme = next((folder / "site" / "assets" / "stylesheets").glob("main.*.min.css"))
    assert "immutable" in get(base + theme.relative_to(folder / "site").as_posix())[1]["cache-control"]


def test_the_calculator_answers_under_the_shipped_csp_with_no_violation(browser, base):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.add_init_script("window.gdViolations = []; document.addEventListener('securitypolicyviolation',"
                         " e => window.gdViolations.push(e.violatedDirective + ' ' + e.blockedURI));")
    page.goto(base + "calculator/")
    # Under the site's CSP: no string evaluated in the page (wait_for_function would be), only locators.
    expect(page.locator("#gd-calculator")).to_have_attribute("data-state", re.compile("^(?!loading).+"), timeout=WAIT_MS)
    page.get_by_label("所在地级市").select_option("佛山市")
    page.get_by_label("第 1 项：产品").select_option("5")
    page.get_by_label("合同金额（元）").fill("20万")
    page.get_by_label("接入设备数（台）").fill("40")
    expect(page.locator("#gd-status")).to_have_text(re.compile("测算合计 60,000.00 元"), timeout=WAIT_MS)
    assert page.evaluate("window.gdViolations") == []
    assert page.locator("[data-gd-unconfigured]").is_hidden()
    context.close()
