"""The worker's entry point, run in CPython: the same JSON the browser gets."""

from __future__ import annotations

import hashlib
import json

from calculator.browser import Session
from generator.catalogue.export import catalogue_json


def test_a_session_returns_the_result_and_the_suggestion(catalogue):
    session = Session(catalogue_json(catalogue))
    out = json.loads(session.run(json.dumps({"city": "汕头", "items": [{"product": 6, "contract": "30万"},
                                                                      {"product": 7, "contract": "40万"}]})))
    assert out["result"]["total"] == "200000.00"
    assert out["suggestion"]["total"] == "250000.00" and out["suggestion"]["better"] is True


def test_a_session_turns_bad_input_into_an_error_object(catalogue):
    session = Session(catalogue_json(catalogue))
    out = json.loads(session.run('{"city": "广州", "items": [{"product": 19, "contract": "abc"}]}'))
    assert out["error"]["field"] == "items[0].contract" and "无法识别的金额" in out["error"]["message"]
    assert json.loads(session.run("{oops"))["error"]["message"].startswith("输入不是有效的 JSON")


def test_a_session_on_a_broken_catalogue_reports_it_in_chinese_instead_of_raising():
    session = Session('{"format": "gd-cloud-voucher-catalog/1", "format_version": 1, "products": []}')
    status = json.loads(session.status())
    assert status["ready"] is False and "目录数据" in status["message"] and "Traceback" not in status["message"]
    out = json.loads(session.run('{"city": "广州市", "items": []}'))
    assert out["error"]["message"] == status["message"]


def test_a_session_on_a_good_catalogue_is_ready_and_names_the_catalogues_hash(catalogue):
    text = catalogue_json(catalogue)
    assert json.loads(Session(text).status()) == {
        "ready": True, "version": "2020", "catalogue": hashlib.sha256(text.encode()).hexdigest()[:8]}
