"""A drill round built in a test's tmp_path from a copy of catalog/2020: the round's files edited in place
(set_at / delete_at edits of support.catalogue_edits, or any function of the parsed YAML) and its own
YAML cases, run as tests/calculator/test_round_cases.py runs a real round's."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import yaml

from support.cases import load_cases, mismatches, policy_of
from support.catalogue_edits import CATALOG

Edit = Callable[[Any], None]


def drill_round(tmp_path: Path, edits: dict[str, Iterable[Edit]], cases: str = "") -> Path:
    """A copy of the 2020 round at `tmp_path/drill`, each file of `edits` (e.g. "policy.yaml") edited in
    order; `cases` (YAML text, as a round's cases/*.yaml) replaces the 2020 cases."""
    root = tmp_path / "drill"
    shutil.copytree(CATALOG, root)
    for name, file_edits in edits.items():
        path = root / name
        data = yaml.safe_load(path.read_text("utf-8"))
        for edit in file_edits:
            edit(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    shutil.rmtree(root / "cases")
    (root / "cases").mkdir()
    if cases:
        (root / "cases" / "drill.yaml").write_text(cases, "utf-8")
    return root


def failing_cases(folder: Path) -> list[str]:
    """Every case of the round's cases/ that does not hold, with the fields that differ (empty: all hold)."""
    from calculator import PlanError, estimate, options

    policy = policy_of(folder)
    out = []
    for case in load_cases(folder):
        call = options if case.get("call") == "options" else estimate
        try:
            result = call(case["plan"], policy)
        except PlanError as err:
            if "error" not in case or case["error"]["field"] != err.field or case["error"]["message"] not in err.message:
                out.append(f"{case['id']} {case['name']}: PlanError {err.field}: {err.message}")
            continue
        if "error" in case:
            out.append(f"{case['id']} {case['name']}: expected an error, got a result")
            continue
        out += [f"{case['id']} {case['name']}: {p}" for p in mismatches(case["expect"], result)]
    return out


def add_region(key: str, name: str, ratio: str, cities: list[str]) -> Edit:
    """An edit of policy.yaml: a new region at `ratio` holding `cities` (taken from their old region), its
    `name` also its full name (as 北部生态发展区 is)."""
    def edit(policy: Any) -> None:
        policy["regions"][key] = {"name": name, "full_name": name, "description": f"{name}（演练）",
                                  "ratio": {"value": ratio, "reference": {"clause": "四、奖补标准", "anchor": "sec-4"}}}
        for city in cities:
            policy["cities"]["members"][city] = key
    return edit
