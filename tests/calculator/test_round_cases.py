"""Every round's YAML cases (catalog/<round>/cases/*.yaml), written from that round's notice, hold in CPython
against that round's own data: a new round brings its own expected results and never edits another's."""

from __future__ import annotations

import pytest
from support.cases import load_cases, mismatches, policy_of, round_folders

from calculator import PlanError, estimate, options

CASES = [(folder, case) for folder in round_folders() for case in load_cases(folder)]


@pytest.mark.parametrize(("folder", "case"), CASES, ids=[f"{f.name}-{c['id']}-{c['name']}" for f, c in CASES])
def test_the_case_holds_for_its_round(folder, case):
    policy = policy_of(folder)
    call = options if case.get("call") == "options" else estimate
    if "error" in case:
        with pytest.raises(PlanError) as info:
            call(case["plan"], policy)
        assert info.value.field == case["error"]["field"]
        assert case["error"]["message"] in info.value.message
        return
    problems = mismatches(case["expect"], call(case["plan"], policy))
    assert not problems, f"{case['clause']}: " + "\n".join(problems)
