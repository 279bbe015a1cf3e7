"""Every fact of the notice lives in catalog/ (issue 22, item 1): the current round's facts (titles, 文号,
issuer, years, dates as people write them, the platform, cities, regions, products, caps, ratios, earlier
rounds, the pilot programme) appear nowhere in generator/, calculator/, site_src/ or mkdocs.yml.

A new round is then an edit of catalog/ alone: nothing in code or templates keeps saying 2020."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.catalogue import round_folder

ROOT = Path(__file__).resolve().parent.parent
SEARCHED = ("generator", "calculator", "site_src", "mkdocs.yml")
# Files that are not text written by people: generated output, vendored or binary files.
SKIPPED_DIRS = {"__pycache__", "node_modules", ".cache"}
SKIPPED_NAMES = {"catalog.json", "pyodide.sha256"}
TEXT_SUFFIXES = {".py", ".js", ".mjs", ".j2", ".html", ".md", ".txt", ".ini", ".yml", ".yaml", ".json", ".css",
                 ".xml", ".sh", ".toml", ""}

# Facts of the catalogue that are also everyday words of the site, not facts a new round could change.
# Each entry says why; keep this list short.
ALLOWED: dict[str, str] = {
}

# Files still writing a fact, each for a reason stated here: (path, fact) -> why. Remove an entry when the
# file reads the fact from catalog/.
ELSEWHERE: dict[tuple[str, str], str] = {
}


@dataclass(frozen=True)
class Hit:
    path: str
    line: int
    fact: str
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}：写有目录中的事实“{self.fact}”：{self.text.strip()[:120]}"


def _yaml(folder: Path, name: str) -> Any:
    return yaml.safe_load((folder / name).read_text("utf-8"))


def date_forms(iso: str) -> set[str]:
    """A date as people write it: 2020-05-15, 2020年5月15日, 2020 年 5 月 15 日, 5月15日, 2020/5/15, 2020.5.15,
    and as JavaScript's Date.UTC takes it (2020, 4, 15: months from zero)."""
    y, m, d = (int(part) for part in iso[:10].split("-"))
    return {f"{y:04d}-{m:02d}-{d:02d}", f"{y}年{m}月{d}日", f"{y} 年 {m} 月 {d} 日", f"{m}月{d}日", f"{m} 月 {d} 日",
            f"{y}/{m}/{d}", f"{y}.{m}.{d}", f"{y}, {m - 1}, {d}", f"{y},{m - 1},{d}"}


def money_forms(yuan: int) -> set[str]:
    """An amount as the notice and the pages write it, in 万元 or 元: 30 万元, 30万元, 300000 元, 300,000元.
    A bare number is not searched: an input example (合同金额可写作 200000) is not a cap of the notice."""
    wan = f"{(Decimal(yuan) / 10000).normalize():f}"
    return {f"{wan}{space}万元" for space in ("", " ")} | {f"{n}{space}元" for n in (yuan, f"{yuan:,}")
                                                           for space in ("", " ")}


def ratio_forms(value: str) -> set[str]:
    """A ratio as written: 70%, 70 %, "0.70"."""
    pct = f"{(Decimal(value) * 100).normalize():f}"
    return {f"{pct}%", f"{pct} %", f'"{value}"', f"'{value}'"}


def round_facts(catalog: Path) -> set[str]:
    """The facts of the current round of `catalog` (the catalogue's top folder)."""
    folder = round_folder(catalog)
    policy = _yaml(folder, "policy.yaml")
    products = _yaml(folder, "products.yaml")["products"]
    provenance = _yaml(folder, "provenance.yaml")["provenance"]
    guide = _yaml(folder, "guide.yaml")
    notice = policy["notice"]
    facts: set[str] = {notice["title"], notice["number"], notice["issuer"], notice["source"],
                       notice["catalogue_title"], notice["catalogue_title"].strip("《》"), notice["catalogue_version"]}
    facts |= date_forms(notice["signed"]) | date_forms(notice["published"])
    for window in policy["windows"].values():
        facts |= date_forms(window["start"]) | date_forms(window["end"])
    facts |= {provenance["platform"]["name"], provenance["original"]["site"]}
    facts |= {_host(url) for url in _urls([policy, provenance, guide])}
    for region in policy["regions"].values():
        facts |= {region["name"], region["description"]} | ratio_forms(region["ratio"]["value"])
    facts |= ratio_forms(policy["cluster_pilot_ratio"]["value"])
    facts |= set(policy["cities"]["members"]) | set(policy["excluded_cities"]["value"])
    facts |= {city.removesuffix("市") for city in policy["cities"]["members"]}
    facts |= money_forms(policy["enterprise_cap"]["value"])
    for quota in policy["supplier_quotas"].values():
        facts |= money_forms(quota["value"])
    for product in products:
        facts |= {product["name"], re.sub(r"\s*[（(].*?[)）]\s*", "", product["name"]), product["category"]}
        facts |= money_forms(product["cap"])
    facts |= {group["name"] for group in policy["exclusion_groups"]}
    for variant in provenance["variants"]:
        facts |= {variant["followed_text"], variant["other_text"]}
    facts |= _programme_facts(policy)
    return {fact for fact in facts if fact}


def _programme_facts(policy: dict[str, Any]) -> set[str]:
    """The programme and province, the earlier rounds' years and the cluster pilot's programme."""
    return {policy["programme"]["name"], policy["programme"]["province"], policy["cluster_pilot"]["programme"],
            *policy["earlier_rounds"]["value"]}


def _urls(documents: Iterable[Any]) -> Iterator[str]:
    for doc in documents:
        if isinstance(doc, dict):
            yield from _urls(doc.values())
        elif isinstance(doc, list):
            yield from _urls(doc)
        elif isinstance(doc, str):
            yield from re.findall(r"https?://[^\s/）)]+", doc)


def _host(url: str) -> str:
    return url.split("://", 1)[1]


def _pattern(fact: str) -> re.Pattern[str]:
    """A fact as a pattern: a number is not matched inside a longer number (2020 is not in 202012)."""
    edge_start = r"(?<![\d.,])" if fact[0].isdigit() else ""
    edge_end = r"(?![\d])" if fact[-1].isdigit() else ""
    return re.compile(edge_start + re.escape(fact) + edge_end)


def searched_files(root: Path) -> Iterator[Path]:
    for name in SEARCHED:
        top = root / name
        paths = [top] if top.is_file() else sorted(top.rglob("*"))
        for path in paths:
            if (path.is_file() and path.suffix in TEXT_SUFFIXES and path.name not in SKIPPED_NAMES
                    and not SKIPPED_DIRS & set(path.relative_to(root).parts)):
                yield path


def facts_outside_catalog(root: Path, facts: Iterable[str]) -> list[Hit]:
    """Every line of the searched files of `root` that writes one of `facts`, less the allowed ones."""
    patterns = [(fact, _pattern(fact)) for fact in sorted(set(facts) - set(ALLOWED), key=lambda f: (-len(f), f))]
    # One pass with every fact at once; only a line that holds one is looked at fact by fact.
    any_fact = re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in patterns))
    hits = []
    for path in searched_files(root):
        rel = path.relative_to(root).as_posix()
        try:
            lines = path.read_text("utf-8").splitlines()
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(lines, 1):
            if not any_fact.search(line):
                continue
            found = next((fact for fact, pattern in patterns if (rel, fact) not in ELSEWHERE and pattern.search(line)),
                         None)
            if found:
                hits.append(Hit(rel, number, found, line))
    return hits


def test_no_fact_of_the_notice_is_written_outside_catalog():
    hits = facts_outside_catalog(ROOT, round_facts(ROOT / "catalog"))
    assert not hits, "以下文件写有目录中的事实，应改从 catalog/ 读取：\n" + "\n".join(map(str, hits))


def test_a_fact_planted_in_a_template_is_found(tmp_path):
    copy = tmp_path / "project"
    for name in SEARCHED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns(*SKIPPED_DIRS))
        else:
            shutil.copy(source, copy / name)
    facts = round_facts(ROOT / "catalog")
    planted = copy / "generator" / "pages" / "templates" / "planted.md.j2"
    number = _yaml(round_folder(ROOT / "catalog"), "policy.yaml")["notice"]["number"]
    planted.write_text(f"<p>依据</p>\n<p>本站收录{number}通知。</p>\n", "utf-8")
    hits = [hit for hit in facts_outside_catalog(copy, facts) if hit.path.endswith("planted.md.j2")]
    assert [(h.path, h.line, h.fact) for h in hits] == [("generator/pages/templates/planted.md.j2", 2, number)]
    assert str(hits[0]).startswith(f"generator/pages/templates/planted.md.j2:2：写有目录中的事实“{number}”")


@pytest.mark.parametrize("written", ["2020年5月15日", "深圳市企业", "工厂应用集成", "奖补上限 30 万元", "比例 70%",
                                     "“广东省工业互联网应用服务平台”", "以往批次（2018、2019 年）"], ids=str)
def test_each_kind_of_fact_is_recognised_as_people_write_it(written):
    facts = round_facts(ROOT / "catalog")
    assert any(_pattern(fact).search(written) for fact in facts), written


def test_a_number_is_not_found_inside_a_longer_one():
    assert not _pattern("2020").search("Draft202012Validator") and _pattern("2020").search("（2020年）")
