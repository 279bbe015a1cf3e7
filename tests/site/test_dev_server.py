"""`make serve`'s server previews the site as a well-configured host serves it."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request

import pytest

from generator.hosting.serve import make_server


@pytest.fixture(scope="module")
def served(site):
    httpd = make_server(site)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize(("path", "lang"), [("no/such/page/", 'lang="zh"'), ("zh-Hant/no/such/page/", 'lang="zh-Hant"')],
                         ids=["simplified", "traditional"])
def test_a_missing_address_gets_the_sites_own_chinese_404_page(served, path, lang):
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(served + path)
    body = err.value.read().decode("utf-8")
    assert err.value.code == 404 and lang in body and "Nothing matches" not in body
