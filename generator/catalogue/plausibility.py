"""Plausibility of a round against the rounds before it: the wrong inputs that the schema lets through.

A cap ten times the last round's, a city dropped from every region, a 兑现 window opening before 申领
closes, search needs pointing at a product whose id now names another product, a product id or slug
reused for a different product: each stops the build with the file, key and line. When the notice really
says so, a reviewer records the exception as data, in the round's own `plausibility.yaml`:

    accept:
      - {check: cap-change, file: products.yaml, key: products[26].cap, reason: 通知原文如此（附件第 3 页）}

An exception that matches no problem is itself a problem, so that the list never outlives the data.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from generator.catalogue.reader import (
    POLICY_FILE,
    PRODUCTS_FILE,
    SEARCH_FILE,
    CatalogueError,
    display_path,
    load_catalogue,
    read_yaml,
    rounds_of,
    validate_schema,
)

ACCEPT_FILE = "plausibility.yaml"
# A draft round's copied cases carry this first line until they are rewritten from the new notice.
TEMPLATE_MARK = "# 草稿用例"
FAR = 3  # a cap more than FAR times, or less than 1/FAR of, the last round's is implausible


@dataclass(frozen=True)
class Problem:
    """One implausible value: `check` is the code an accepted exception names, `file` is inside the round."""

    check: str
    file: str
    key: str
    message: str


@dataclass(frozen=True)
class Round:
    """One round's raw data, in file order (so that keys such as `products[3]` name the file's items)."""

    folder: str
    path: Path
    products: list[dict[str, Any]]
    policy: dict[str, Any]
    search: dict[str, Any]


def read_round(path: Path) -> Round:
    """Validate the round in `path` (CatalogueError when it is wrong) and read its data as written."""
    load_catalogue(path)
    return Round(path.name, path, read_yaml(path, PRODUCTS_FILE)["products"], read_yaml(path, POLICY_FILE),
                 read_yaml(path, SEARCH_FILE))


def _far(new: int, old: int) -> bool:
    if old == 0:
        return new != 0
    return not Fraction(1, FAR) <= Fraction(new, old) <= FAR


def _times(new: int, old: int) -> str:
    if old == 0:
        return "上一轮为 0"
    ratio = Fraction(new, old)
    return f"是上一轮的 {float(ratio):.2f} 倍" if ratio >= 1 else f"仅为上一轮的 {float(ratio):.0%}"


def _product_problems(new: Round, previous: Round | None) -> Iterator[Problem]:
    before = {p["id"]: p for p in previous.products} if previous else {}
    cap = new.policy["enterprise_cap"]["value"]
    for i, product in enumerate(new.products):
        label = f"产品“{product['name']}”（序号 {product['id']}）"
        if product["cap"] > cap:
            yield Problem("cap-above-enterprise-cap", PRODUCTS_FILE, f"products[{i}].cap",
                          f"{label}的奖补上限 {product['cap']} 元高于单家企业奖补总额上限 {cap} 元")
        old = before.get(product["id"])
        if old is None or old["slug"] != product["slug"]:
            continue
        for field, what in (("cap", "奖补上限"), ("per_device", "单台设备补贴金额")):
            if old[field] is not None and product[field] is not None and _far(product[field], old[field]):
                yield Problem(f"{field.replace('_', '-')}-change", PRODUCTS_FILE, f"products[{i}].{field}",
                              f"{label}的{what}为 {product[field]} 元，上一轮（{previous.folder}）为 {old[field]} 元，"
                              f"{_times(product[field], old[field])}，超出 1/{FAR} 至 {FAR} 倍的合理范围")


def _identity_problems(new: Round, earlier: list[Round]) -> Iterator[Problem]:
    """Ids and slugs are permanent: an id of an earlier round names the same product (slug) for ever."""
    for i, product in enumerate(new.products):
        for old_round in earlier:
            for old in old_round.products:
                if old["id"] == product["id"] and old["slug"] != product["slug"]:
                    yield Problem("id-reused", PRODUCTS_FILE, f"products[{i}].id",
                                  f"序号 {product['id']} 在 {old_round.folder} 轮是“{old['name']}”（{old['slug']}），"
                                  f"本轮是“{product['name']}”（{product['slug']}）：产品编号永久不变，新产品请用新的编号")
                elif old["slug"] == product["slug"] and old["id"] != product["id"]:
                    yield Problem("slug-reused", PRODUCTS_FILE, f"products[{i}].slug",
                                  f"slug “{product['slug']}” 在 {old_round.folder} 轮属于序号 {old['id']}，本轮属于序号 "
                                  f"{product['id']}：同一产品的编号不应改变，新产品请用新的 slug")


def _policy_problems(new: Round, previous: Round | None) -> Iterator[Problem]:
    policy = new.policy
    members = policy["cities"]["members"]
    for key in policy["regions"]:
        if key not in members.values():
            yield Problem("region-without-city", POLICY_FILE, f"regions.{key}",
                          f"地区“{policy['regions'][key]['name']}”没有任何城市（cities.members 中无城市归入该地区）")
    windows = policy["windows"]
    if windows["redemption"]["start"] < windows["application"]["end"]:
        yield Problem("window-order", POLICY_FILE, "windows.redemption.start",
                      f"{windows['redemption']['name']}开始于 {windows['redemption']['start']}，早于"
                      f"{windows['application']['name']}结束的 {windows['application']['end']}")
    for name, window in windows.items():
        if window["start"][:10] < policy["notice"]["signed"]:
            yield Problem("window-before-notice", POLICY_FILE, f"windows.{name}.start",
                          f"{window['name']}开始于 {window['start'][:10]}，早于通知印发日期 {policy['notice']['signed']}")
    if previous is None:
        return
    old = previous.policy
    for city in old["cities"]["members"]:
        if city not in members:
            yield Problem("city-removed", POLICY_FILE, "cities.members",
                          f"上一轮（{previous.folder}）的{city}在本轮不属于任何地区")
    old_cap, cap = old["enterprise_cap"]["value"], policy["enterprise_cap"]["value"]
    if _far(cap, old_cap):
        yield Problem("enterprise-cap-change", POLICY_FILE, "enterprise_cap.value",
                      f"单家企业奖补总额上限为 {cap} 元，上一轮（{previous.folder}）为 {old_cap} 元，"
                      f"{_times(cap, old_cap)}，超出 1/{FAR} 至 {FAR} 倍的合理范围")
    for field, what in (("number", "文号"), ("title", "标题")):
        if policy["notice"][field] == old["notice"][field]:
            yield Problem("notice-unchanged", POLICY_FILE, f"notice.{field}",
                          f"通知{what}与上一轮（{previous.folder}）相同：“{old['notice'][field]}”")
    for name, window in windows.items():
        if window["start"] <= old["windows"][name]["end"]:
            yield Problem("window-before-previous", POLICY_FILE, f"windows.{name}.start",
                          f"{window['name']}开始于 {window['start']}，不晚于上一轮（{previous.folder}）"
                          f"同一时段结束的 {old['windows'][name]['end']}")
    old_hashes = {s["sha256"] for s in old["notice"]["sources"]}
    for i, source in enumerate(policy["notice"]["sources"]):
        if source["sha256"] in old_hashes:
            yield Problem("source-unchanged", POLICY_FILE, f"notice.sources[{i}].sha256",
                          f"原文文件 {source['file']} 与上一轮（{previous.folder}）的原文相同：请换成本轮通知的原文")


def _search_problems(new: Round, previous: Round | None) -> Iterator[Problem]:
    """A need names products by id: when an id now names another product, the need may be stale."""
    now = {p["id"]: p for p in new.products}
    before = {p["id"]: p for p in previous.products} if previous else {}
    for i, need in enumerate(new.search["needs"]):
        for j, pid in enumerate(need["products"]):
            # An id that names no product at all is refused earlier, by the reader.
            product, old = now[pid], before.get(pid)
            if old and (old["name"], old["slug"]) != (product["name"], product["slug"]):
                yield Problem("search-product-changed", SEARCH_FILE, f"needs[{i}].products[{j}]",
                              f"需求“{need['name']}”引用的序号 {pid} 上一轮（{previous.folder}）是“{old['name']}”，"
                              f"本轮是“{product['name']}”：请确认该需求仍然适用")


def _case_problems(new: Round) -> Iterator[Problem]:
    for path in sorted((new.path / "cases").glob("*.yaml")):
        if path.read_text(encoding="utf-8").startswith(TEMPLATE_MARK):
            yield Problem("cases-template", f"cases/{path.name}", "",
                          "用例仍是从上一轮抄来的草稿：请按本轮通知逐条核对改写，然后删去第 1 行的草稿标记")


def problems(new: Round, earlier: list[Round]) -> list[Problem]:
    """Every implausible value of `new`, given the rounds before it (oldest first; the last is the previous)."""
    previous = earlier[-1] if earlier else None
    return [*_product_problems(new, previous), *_identity_problems(new, earlier), *_policy_problems(new, previous),
            *_search_problems(new, previous), *_case_problems(new)]


def accepted(path: Path) -> list[dict[str, Any]]:
    """The reviewed exceptions of the round in `path` (none when it has no plausibility.yaml)."""
    if not (path / ACCEPT_FILE).is_file():
        return []
    data = read_yaml(path, ACCEPT_FILE)
    validate_schema(path, ACCEPT_FILE, data)
    return data["accept"]


def _error(path: Path, problem: Problem) -> CatalogueError:
    hint = (f"。如经核实确属通知原文，请在 {display_path(path, ACCEPT_FILE)} 的 accept 中登记：check: {problem.check}，"
            f"file: {problem.file}，key: {problem.key}，并写明 reason") if problem.key else ""
    return CatalogueError(display_path(path, problem.file), problem.key, problem.message + hint)


def round_errors(new: Round, earlier: list[Round]) -> list[CatalogueError]:
    """The problems of `new` that no reviewed exception accepts, and the exceptions that match nothing."""
    found = problems(new, earlier)
    accept = accepted(new.path)
    matched = {(a["check"], a["file"], a["key"]) for a in accept}
    errors = [_error(new.path, p) for p in found if (p.check, p.file, p.key) not in matched]
    live = {(p.check, p.file, p.key) for p in found}
    for i, entry in enumerate(accept):
        if (entry["check"], entry["file"], entry["key"]) not in live:
            errors.append(CatalogueError(display_path(new.path, ACCEPT_FILE), f"accept[{i}]",
                                         f"这条例外（{entry['check']}，{entry['file']} {entry['key']}）没有对应的问题，"
                                         "可能数据已经改正：请删去"))
    return errors


def plausibility_errors(root: Path | str, through: str | None = None) -> dict[str, list[CatalogueError]]:
    """Each round of catalog/ `root` (up to and including `through`, else all) checked against the rounds
    before it: {folder: errors}. A round's own folder as `root` is checked alone."""
    root = Path(root)
    rounds = rounds_of(root)
    if rounds is None:
        return {root.name: round_errors(read_round(root), [])}
    folders = rounds[0]
    if through is not None:
        folders = folders[: folders.index(through) + 1]
    rounds = [read_round(root / folder) for folder in folders]
    return {r.folder: round_errors(r, rounds[:i]) for i, r in enumerate(rounds)}


def check_plausibility(root: Path | str) -> None:
    """Stop (CatalogueError) at the first implausible value of the published rounds: the current round
    and those before it. Rounds listed after the current one are drafts, checked by `python -m generator
    check` but never stopping the build of the published site."""
    rounds = rounds_of(root)
    for errors in plausibility_errors(root, rounds[1] if rounds else None).values():
        if errors:
            raise errors[0]
