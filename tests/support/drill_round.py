"""A drill round (issue 22): a copy of catalog/ with a second round, "2021", made from 2020's data by data
edits alone, and published as current with 2020 as its archive. Its figures differ from 2020's in a cap,
a region's ratio and the per-enterprise cap; a third region (韶关市 alone, 90 %); one product is removed (27,
工厂应用集成) and one added (id 28, printed as 序号 27) in an exclusion group that overlaps another (with 9)."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

CATALOG = Path(__file__).resolve().parents[2] / "catalog"
DRILL = "2021"
REMOVED = 27
ADDED = 28


def _edit(path: Path, edit) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def _policy(policy: dict) -> None:
    policy["notice"]["catalogue_version"] = DRILL
    policy["enterprise_cap"]["value"] = 400000
    policy["enterprise_cap"]["description"] = "本服务券发放周期内，单家企业奖补总额上限为 40 万元。"
    policy["regions"]["prd"]["ratio"]["value"] = "0.60"
    reference = policy["regions"]["prd"]["ratio"]["reference"]
    policy["regions"]["north-eco"] = {"name": "北部生态发展区", "full_name": "北部生态发展区",
                                      "description": "北部生态发展区", "ratio": {"value": "0.90", "reference": reference}}
    policy["cities"]["members"]["韶关市"] = "north-eco"
    group = policy["exclusion_groups"][0]
    policy["exclusion_groups"].append({"id": "equipment-security", "name": "设备安全", "products": [9, ADDED],
                                       "description": "已领取“设备管理”或“设备安全监测”服务券中任意一项，不得再申领另一项。",
                                       "reference": group["reference"]})
    policy["pilot_only"] = [e for e in policy["pilot_only"] if e["product"] != REMOVED]
    policy["conditions"] = [c for c in policy["conditions"] if c["product"] != REMOVED]


def _products(doc: dict) -> None:
    doc["products"] = [p for p in doc["products"] if p["id"] != REMOVED]
    doc["products"][0]["cap"] = 100000  # 通用设计工具: 8 万 → 10 万
    model = next(p for p in doc["products"] if p["id"] == 9)
    doc["products"].append({**model, "id": ADDED, "number": 27, "slug": "equipment-safety-monitoring",
                            "name": "设备安全监测", "cap": 120000, "per_device": None, "remark": "", "notes": [],
                            "summary": "监测设备运行安全，及时预警。"})


def _search(doc: dict) -> None:
    for need in doc["needs"]:
        need["products"] = [pid for pid in need["products"] if pid != REMOVED]
    # The removed product's words (应用集成, 单点登录, 帐号) are no longer anywhere in the round to be meant.
    for synonym in doc["synonyms"]:
        synonym["means"] = [m for m in synonym["means"] if m not in ("应用集成", "单点登录", "帐号")]
    doc["synonyms"] = [s for s in doc["synonyms"] if s["means"]]


def _guide(guide: dict) -> None:
    for question in guide["faq"]:
        question["facts"] = [f for f in question["facts"] if not str(f.get("policy", "")).startswith("pilot_only")]


def drill_catalogue(tmp: Path) -> Path:
    """catalog/ copied to `tmp`, with the drill round beside 2020 and current."""
    root = tmp / "catalog"
    shutil.copytree(CATALOG, root)
    shutil.copytree(root / "2020", root / DRILL, ignore=shutil.ignore_patterns("cases"))
    (root / DRILL / "cases").mkdir()
    shutil.copy(Path(__file__).with_name("drill") / "cases.yaml", root / DRILL / "cases" / "drill.yaml")
    _edit(root / DRILL / "policy.yaml", _policy)
    _edit(root / DRILL / "products.yaml", _products)
    _edit(root / DRILL / "search.yaml", _search)
    _edit(root / DRILL / "guide.yaml", _guide)
    # The drill keeps 2020's notice, windows and source texts: reviewed exceptions to the plausibility check
    # (generator/catalogue/plausibility.py), recorded as data as an official would.
    same = "演练轮次沿用 2020 年通知的文号、标题、时间安排和原文。"
    accept = [("notice-unchanged", "notice.number"), ("notice-unchanged", "notice.title"),
              ("window-before-previous", "windows.application.start"),
              ("window-before-previous", "windows.redemption.start"),
              ("source-unchanged", "notice.sources[0].sha256"), ("source-unchanged", "notice.sources[1].sha256")]
    (root / DRILL / "plausibility.yaml").write_text(yaml.safe_dump(
        {"accept": [{"check": c, "file": "policy.yaml", "key": k, "reason": same} for c, k in accept]},
        allow_unicode=True), "utf-8")
    _edit(root / "rounds.yaml", lambda r: r.update({"current": DRILL, "rounds": [{"folder": "2020"}, {"folder": DRILL}]}))
    return root
