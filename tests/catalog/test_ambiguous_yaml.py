"""YAML that would be read differently from what was written stops the build, naming file, key and line.

YAML 1.1 (PyYAML) reads `cap: 050000` as the octal 20480, `1_000` as 1000, `on` as True, and keeps the
last of two equal keys. Before the strict reader each of these passed the schema silently.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.build import build_site

from generator.catalogue.reader import CatalogueError, load_catalogue
from generator.catalogue.strict_yaml import StrictYamlError, load_strict

CATALOG = Path(__file__).resolve().parents[2] / "catalog" / "2020"


def _edited(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """A copy of catalog/ with the first `old` in `name` replaced by `new`, as an editor would type it."""
    root = tmp_path / "catalog"
    shutil.copytree(CATALOG, root)
    path = root / name
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")
    return root


# (file, text as it is, text as mistyped, key named, words of the message)
CASES = [
    pytest.param("products.yaml", "cap: 50000\n", "cap: 050000\n", "products[2].cap", ["八进制", "20480", "50000"],
                 id="an-octal-looking-cap"),
    pytest.param("products.yaml", "cap: 80000\n", "cap: 80_000\n", "products[0].cap", ["下划线"],
                 id="a-cap-with-an-underscore"),
    pytest.param("products.yaml", "cap: 80000\n", "cap: 0x13880\n", "products[0].cap", ["十六进制", "80000"],
                 id="a-hexadecimal-cap"),
    pytest.param("products.yaml", "cap: 80000\n", "cap: 0b101\n", "products[0].cap", ["二进制"],
                 id="a-binary-cap"),
    pytest.param("products.yaml", "cap: 80000\n", "cap: 8e4\n", "products[0].cap", ["像数字"],
                 id="an-exponent-cap-that-yaml-reads-as-text"),
    pytest.param("products.yaml", "cap: 80000\n", "cap: 8.0e+4\n", "products[0].cap", ["浮点数"],
                 id="a-floating-point-cap"),
    pytest.param("products.yaml", "cap: 80000\n", "cap: +80000\n", "products[0].cap", ["正号"],
                 id="a-cap-with-a-plus-sign"),
    pytest.param("products.yaml", "cap: 80000\n", "cap: 1:20\n", "products[0].cap", ["六十进制"],
                 id="a-sexagesimal-cap"),
    pytest.param("products.yaml", "per_device: 1500\n", "per_device: 01500\n", "products[4].per_device",
                 ["八进制", "832"], id="an-octal-looking-per-device-amount"),
    pytest.param("products.yaml", "remark: 每台设备1500元\n", "remark: yes\n", "products[4].remark", ["布尔值"],
                 id="yes-where-text-is-meant"),
    pytest.param("products.yaml", "category: 研发设计\n", "category: off\n", "products[0].category", ["布尔值"],
                 id="off-where-text-is-meant"),
    pytest.param("products.yaml", "keywords: [CAD,", "keywords: [On,", "products[0].keywords[0]", ["布尔值"],
                 id="on-in-a-list-of-text"),
    pytest.param("policy.yaml", 'signed: "2020-05-14"', "signed: 2020-05-14", "notice.signed", ["日期时间"],
                 id="an-unquoted-date"),
    pytest.param("policy.yaml", 'value: "0.70"', "value: 0.70", "regions.prd.ratio.value", ["浮点数", '"0.70"'],
                 id="an-unquoted-ratio"),
    pytest.param("policy.yaml", "value: 300000\n", "value: 0300000\n", "enterprise_cap.value", ["八进制"],
                 id="an-octal-looking-enterprise-cap"),
    pytest.param("products.yaml", "    cap: 80000\n", "    cap: 80000\n    cap: 800000\n", "products[0].cap",
                 ["重复", "后一个值"], id="a-key-given-twice"),
    pytest.param("policy.yaml", "  prd:\n", "  east-west-north:\n    name: x\n  prd:\n", "regions.east-west-north",
                 ["重复"], id="a-region-given-twice"),
    pytest.param("policy.yaml", "    广州市: prd\n", "    广州市: prd\n    广州市: east-west-north\n",
                 "cities.members.广州市", ["重复"], id="a-city-given-twice"),
]


@pytest.mark.parametrize("name,old,new,key,words", CASES)
def test_an_ambiguous_value_names_the_file_the_key_the_line_and_the_problem(tmp_path, name, old, new, key, words):
    root = _edited(tmp_path, name, old, new)
    with pytest.raises(CatalogueError) as info:
        load_catalogue(root)
    err = info.value
    assert err.file.endswith(name) and err.key == key, str(err)
    assert "第 " in err.message and " 行" in err.message
    for word in words:
        assert word in err.message, err.message


def test_a_merge_key_is_refused_because_it_hides_where_a_value_comes_from():
    with pytest.raises(StrictYamlError, match="合并键"):
        load_strict("base: &b {cap: 1}\nproduct:\n  <<: *b\n  cap: 2\n")


@pytest.mark.parametrize("text,value", [
    ("cap: 80000", {"cap": 80000}), ("cap: -5", {"cap": -5}), ("cap: 0", {"cap": 0}),
    ('cap: "050000"', {"cap": "050000"}), ("flag: true", {"flag": True}), ("x: null", {"x": None}),
    ("x: ~", {"x": None}), ("x:", {"x": None}), ("k: [5G, 3D, IoT]", {"k": ["5G", "3D", "IoT"]}),
    ("name: 生产协同 I", {"name": "生产协同 I"}), ("v: '1e5'", {"v": "1e5"}),
], ids=["decimal", "negative", "zero", "quoted-leading-zero", "true", "null", "tilde", "empty",
        "digits-and-letters", "chinese", "quoted-exponent"])
def test_plain_unambiguous_values_read_as_before(text, value):
    assert load_strict(text) == value


def test_the_strict_build_stops_on_an_octal_looking_cap_instead_of_publishing_20480(tmp_path):
    root = _edited(tmp_path, "products.yaml", "cap: 50000\n", "cap: 050000\n")
    done = build_site(tmp_path / "out", root)
    assert done.returncode != 0
    assert "products.yaml" in done.stderr and "products[2].cap" in done.stderr and "八进制" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_strict_build_stops_on_a_key_given_twice(tmp_path):
    root = _edited(tmp_path, "products.yaml", "    cap: 80000\n", "    cap: 80000\n    cap: 800000\n")
    done = build_site(tmp_path / "out", root)
    assert done.returncode != 0
    assert "products[0].cap" in done.stderr and "重复" in done.stderr
    assert "Traceback" not in done.stderr
