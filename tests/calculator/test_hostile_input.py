"""Hostile and careless input: the API raises only PlanError, the CLI exits 2 with one Chinese line,
and nothing is silently changed (issue 11)."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculator import PlanError, estimate, options, suggest
from calculator.browser import Session
from calculator.money import parse_amount, yuan
from calculator.sheet import credit_code_valid, csv_text, safe_cell

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30) | st.decimals().map(str),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=25)
plan_like = st.fixed_dictionaries({}, optional={
    "city": st.one_of(st.sampled_from(["广州市", "深圳", "梅州", "𐩀"]), json_values),
    "cluster_pilot": json_values, "claimed_before": json_values, "granted_this_round": json_values,
    "items": st.lists(st.fixed_dictionaries({}, optional={
        "product": st.one_of(st.integers(-3, 30), json_values), "contract": json_values, "devices": json_values}),
        max_size=4) | json_values,
})
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(raw=st.one_of(json_values, plan_like))
def test_any_json_value_gives_a_result_or_a_plan_error_and_nothing_else(policy, raw):
    for call in (estimate, suggest, options):
        try:
            out = call(raw, policy)
        except PlanError as err:
            assert err.errors and all(e["message"] for e in err.errors)
        else:
            json.dumps(out)


@FUZZ
@given(raw=st.one_of(json_values, plan_like))
def test_the_browser_session_always_answers_with_json(catalog_text, raw):
    session = _session(catalog_text)
    for method in (session.run, session.options, session.sheet_csv):
        out = json.loads(method(json.dumps(raw)))
        assert set(out) <= {"result", "suggestion", "options", "csv", "error"}
        if "error" in out:
            assert "Traceback" not in out["error"]["message"]


_SESSIONS: dict[str, Session] = {}


def _session(text: str) -> Session:
    if text not in _SESSIONS:
        _SESSIONS[text] = Session(text)
    return _SESSIONS[text]


@pytest.fixture(scope="module")
def catalog_text(catalogue) -> str:
    from generator.catalogue.export import catalogue_json

    return catalogue_json(catalogue)


def plan(**item) -> dict:
    return {"city": "广州市", "items": [{"product": 19, "contract": 1000, **item}]}


HOSTILE = [
    (plan(devices="9" * 5000), "items[0].devices", "设备数过大"),
    (plan(devices="᧚"), "items[0].devices", "整数"),
    (plan(devices=10**5000), "items[0].devices", "设备数过大"),
    ({"city": "广州市", "items": [{"product": "𐩀", "contract": 1}]}, "items[0].product", "未知产品"),
    ({"city": "广州市", "items": [{"product": "٣", "contract": 1}]}, "items[0].product", "未知产品"),
    (plan(contract="9" * 1_000_000), "items[0].contract", "金额过长"),
    (plan(contract=10**5000), "items[0].contract", "金额过大"),
    (plan(contract="1.005"), "items[0].contract", "有歧义"),
    (plan(contract="80.000"), "items[0].contract", "有歧义"),
    (plan(contract="1.0005"), "items[0].contract", "精确到分"),
    (plan(contract=1e-7), "items[0].contract", "精确到分"),
    (plan(contract="᧚"), "items[0].contract", "无法识别的金额"),
    ({"city": "广州市", "items": [{"product": 1, "contract": 1}] * 101}, "items", "最多 100 项"),
    ({"city": "广州市", "claimed_before": list(range(1, 28)) * 4, "items": []}, "claimed_before", "最多 100 项"),
    ({"city": "广" * 10_000, "items": []}, "city", "过长"),
]


@pytest.mark.parametrize("raw,field,message", HOSTILE, ids=[
    "5000-digit-devices", "non-ascii-digit-devices", "huge-int-devices", "kharoshthi-product", "arabic-indic-product",
    "million-digit-contract", "5000-digit-int-contract", "three-decimals", "point-as-thousands",
    "sub-fen-contract", "sub-fen-float", "non-ascii-digit-contract",
    "101-items", "108-claims", "huge-city"])
def test_hostile_input_is_refused_in_chinese_naming_the_field(policy, raw, field, message):
    with pytest.raises(PlanError) as info:
        estimate(raw, policy)
    assert (info.value.field, message in info.value.message) == (field, True), info.value.message


def test_every_bad_field_is_reported_at_once(policy):
    raw = {"city": "广州市", "items": [{"product": 6, "contract": "十万块"}, {"product": 19, "contract": "abc"},
                                      {"product": 21, "contract": "10万"}]}
    with pytest.raises(PlanError) as info:
        estimate(raw, policy)
    assert [e["field"] for e in info.value.errors] == ["items[0].contract", "items[1].contract"]
    assert info.value.field == "items[0].contract"


@pytest.mark.parametrize("text,expected", [("8w", "80000"), ("8W", "80000"), ("1.5w", "15000"), ("８万", "80000"),
                                           ("-0", None), ("0", "0")], ids=["8w", "8W", "1.5w", "full-width", "-0", "0"])
def test_common_ways_of_writing_amounts_are_read_or_refused(text, expected):
    if expected is None:
        with pytest.raises(PlanError):
            parse_amount(text, "x")
    else:
        assert parse_amount(text, "x") == int(expected)


def test_a_negative_zero_float_prints_as_zero():
    assert yuan(parse_amount(-0.0, "x")) == "0.00"


def test_claimed_before_with_many_duplicates_is_linear_and_deduplicated(policy):
    out = estimate({"city": "广州市", "claimed_before": [9] * 100, "items": [{"product": 19, "contract": 1}]}, policy)
    assert [h["product"] for h in out["history"]["claimed_before"]] == [9]


@pytest.mark.parametrize("code,valid", [("91350100M000100Y43", True), ("91350100M000100Y44", False),
                                        ("91350100M00010OY43", False), ("9135", False)],
                         ids=["valid", "bad-check", "letter-O", "short"])
def test_credit_codes_are_checked_by_their_check_character(code, valid):
    assert credit_code_valid(code) is valid


def test_sheet_cells_that_would_start_a_formula_are_neutralised(policy):
    text = csv_text({"plan": {"city": "广州市", "claimed_before": [], "items": [{"product": 19, "contract": "8万"}]},
                     "enterprise": {"name": "=HYPERLINK(\"http://x\")", "credit_code": ""}, "date": "2026-11-23"},
                    policy)
    assert "'=HYPERLINK" in text and safe_cell("@SUM(1)") == "'@SUM(1)" and safe_cell("+1") == "'+1"


def _cli(args: list[str], stdin: bytes, catalog_json) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "calculator", "--catalog", str(catalog_json), *args], input=stdin,
                          capture_output=True)


@pytest.fixture(scope="module")
def catalog_json(tmp_path_factory, catalog_text):
    path = tmp_path_factory.mktemp("cat") / "catalog.json"
    path.write_text(catalog_text, "utf-8")
    return path


GOOD = '{"city": "广州市", "items": [{"product": 19, "contract": "8万"}]}'
CLI_HOSTILE = [
    ("[" * 100_000 + "]" * 100_000, "嵌套"),
    ('{"city": "广州市", "city": "深圳市", "items": []}', "出现了两次"),
    ('{"city": "广州市", "items": [{"product": 19, "contract": ' + "9" * 5000 + "}]}", "位数过多"),
    ('{"city": "广州市", "items": [{"product": 19, "contract": NaN}]}', "NaN"),
]


@pytest.mark.parametrize("stdin,message", CLI_HOSTILE, ids=["deep-nesting", "duplicate-key", "4300-digit-int", "NaN"])
def test_the_cli_refuses_hostile_json_with_one_chinese_line(catalog_json, stdin, message):
    done = _cli([], stdin.encode(), catalog_json)
    err = done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in err and message in err and err.count("\n") == 1, err


def test_the_cli_reads_a_file_with_a_utf8_bom(catalog_json):
    done = _cli([], "\ufeff".encode() + GOOD.encode(), catalog_json)
    assert done.returncode == 0 and json.loads(done.stdout)["total"] == "50000.00"


def test_the_cli_names_a_gbk_file_in_chinese(catalog_json):
    done = _cli([], GOOD.encode("gbk"), catalog_json)
    assert done.returncode == 2 and "不是 UTF-8 编码" in done.stderr.decode()


@pytest.mark.parametrize("content", ['{"format": "gd-cloud-voucher-catalog/1", "format_version": 1}', "{oops", "[]",
                                     '{"format": "gd-cloud-voucher-catalog/1", "format_version": 2}'],
                         ids=["incomplete", "not-json", "not-an-object", "other-format"])
def test_the_cli_reports_a_malformed_catalogue_in_chinese(tmp_path, content):
    path = tmp_path / "catalog.json"
    path.write_text(content, "utf-8")
    done = _cli([], GOOD.encode(), path)
    err = done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in err and err.startswith("目录数据错误"), err


def test_the_cli_stops_quietly_when_its_reader_goes_away(catalog_json):
    done = subprocess.run(f"{sys.executable} -m calculator --catalog {catalog_json} --text --options | head -c 10",
                          shell=True, input='{"city": "广州市"}'.encode(), capture_output=True)
    assert b"Traceback" not in done.stderr and b"BrokenPipe" not in done.stderr


def test_the_cli_lists_what_can_still_be_claimed(catalog_json):
    done = _cli(["--options", "--text"], '{"city": "佛山市", "claimed_before": [9]}'.encode(), catalog_json)
    out = done.stdout.decode()
    assert done.returncode == 0 and "19. 仓储管理：最多 50,000.00 元，合同额至少 71,428.57 元" in out
    assert "5. 设备物联：不可申领。此前已领取“设备物联、设备管理、设备智能”类的 9「设备管理」" in out


def test_the_cli_writes_the_sheet_as_csv_with_a_bom(catalog_json):
    payload = {"plan": json.loads(GOOD), "enterprise": {"name": "某某机械有限公司", "credit_code": "91350100M000100Y43"},
               "date": "2026-11-23"}
    done = _cli(["--csv"], json.dumps(payload).encode(), catalog_json)
    text = done.stdout.decode("utf-8")
    assert done.returncode == 0 and text.startswith("\ufeff") and "某某机械有限公司" in text and "50,000.00 元" in text


@pytest.mark.parametrize("where", ["catalog", "plan"])
def test_the_cli_refuses_an_endless_file_before_reading_it_whole(catalog_json, where):
    # /dev/zero never ends: a CLI that read the file whole ran for minutes and ate gigabytes.
    args = ["--catalog", "/dev/zero"] if where == "catalog" else ["--catalog", str(catalog_json), "/dev/zero"]
    command = [sys.executable, "-m", "calculator", *args]
    started = time.monotonic()
    done = subprocess.run(command, input=GOOD.encode(), capture_output=True, timeout=120)
    elapsed = time.monotonic() - started
    err = done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in err and "过大" in err and "字节" in err, err
    assert elapsed < 30, f"took {elapsed:.1f} s"


def test_the_cli_refuses_an_endless_stdin_with_a_chinese_line(catalog_json):
    with open("/dev/zero", "rb") as endless:
        done = subprocess.run([sys.executable, "-m", "calculator", "--catalog", str(catalog_json)], stdin=endless,
                              capture_output=True, timeout=120)
    assert done.returncode == 2 and "标准输入过大" in done.stderr.decode()
