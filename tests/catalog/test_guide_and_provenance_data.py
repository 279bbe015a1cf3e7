"""catalog/guide.yaml and catalog/provenance.yaml: a bad entry fails with its file, key and a Chinese reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.catalogue_edits import CATALOG, broken_copy

from generator.catalogue import CatalogueError, load_catalogue, load_guide, load_provenance


def _load(root: Path):
    cat = load_catalogue(root)
    return load_guide(root, cat), load_provenance(root, cat)


def test_the_guide_and_provenance_of_the_repository_load():
    guide, provenance = _load(CATALOG)
    assert guide["steps"] and provenance["variants"]


GUIDE_CASES = {
    "unverified-missing": (lambda d: d["faq"][0]["facts"][2].pop("unverified"), "faq[0].facts[2].unverified",
                           "必须标注 unverified"),
    "official-marked-unverified": (lambda d: d["materials"][0].update(unverified=True), "materials[0].unverified",
                                   "不应标注为未经核实"),
    "unknown-source": (lambda d: d["materials"][0].update(source="blog"), "materials[0].source", "未知来源"),
    "missing-anchor": (lambda d: d["steps"][1]["facts"][1]["reference"].update(anchor="sec-9"),
                       "steps[1].facts[1].reference.anchor", "没有锚点"),
    "bad-policy-path": (lambda d: d["faq"][3]["facts"].__setitem__(2, {"policy": "enterprise_caps"}),
                        "faq[3].facts[2].policy", "policy.yaml 中没有"),
    "fact-without-source": (lambda d: d["materials"][0].pop("source"), "materials[0]", ""),
}


@pytest.mark.parametrize("case", GUIDE_CASES, ids=str)
def test_a_bad_guide_entry_names_the_key_and_the_problem(tmp_path, case):
    mutate, key, message = GUIDE_CASES[case]
    root = broken_copy(tmp_path, "guide.yaml", mutate)
    with pytest.raises(CatalogueError) as info:
        _load(root)
    assert info.value.file.endswith("guide.yaml")
    assert info.value.key == key and message in info.value.message


PROVENANCE_CASES = {
    "variant-without-note": (lambda d: d["provenance"]["variants"][0].update(other_text="特色行业数字化"),
                             "provenance.variants[0].references[0]", "版本差异说明"),
    "variant-not-in-clause": (lambda d: d["provenance"]["variants"][0]["references"].append(
        {"clause": "四、奖补标准", "anchor": "sec-4"}), "provenance.variants[0].references[4]", "中没有"),
    "bad-platform-url": (lambda d: d["provenance"]["platform"].update(url="syspt"), "provenance.platform.url", "格式不符"),
}


@pytest.mark.parametrize("case", PROVENANCE_CASES, ids=str)
def test_a_bad_provenance_entry_names_the_key_and_the_problem(tmp_path, case):
    mutate, key, message = PROVENANCE_CASES[case]
    root = broken_copy(tmp_path, "provenance.yaml", mutate)
    with pytest.raises(CatalogueError) as info:
        _load(root)
    assert info.value.file.endswith("provenance.yaml")
    assert info.value.key == key and message in info.value.message
