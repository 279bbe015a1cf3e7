"""Load `catalog/`, validate it against its schema and its cross-references, and fail in plain Chinese."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from generator.catalogue.notice import (
    TABLE_MARKER,
    cited,
    clause_block,
    clause_sentence,
    has_table_marker,
    notice_anchors,
)
from generator.catalogue.strict_yaml import StrictYamlError, key_line, load_strict

PRODUCTS_FILE = "products.yaml"
POLICY_FILE = "policy.yaml"
NOTICE_FILE = "notice.md"
SEARCH_FILE = "search.yaml"
ROUNDS_FILE = "rounds.yaml"
# The schemas belong to the code that reads the data, not to a round: every round is checked by the same ones.
SCHEMA_DIR = Path(__file__).resolve().parents[2] / "catalog" / "schema"


class CatalogueError(Exception):
    """A bad catalogue file: names the file, the key inside it, its line and the problem.

    The line is looked up in the YAML file itself when not given, so that every check (schema, references,
    plausibility) names it without carrying positions around; `locate=False` when the message has it.
    """

    def __init__(self, file: str, key: str, message: str, line: int | None = None, *, locate: bool = True) -> None:
        if line is None and locate:
            line = yaml_line(file, key)
        self.file, self.key, self.message, self.line = file, key, message, line
        where = f"（第 {line} 行）" if line else ""
        super().__init__(f"{file}：{key or '（文件）'}{where}：{message}")


def yaml_line(file: str, key: str) -> int | None:
    """The line of `key` in the YAML file `file` (as shown in errors: relative to the working folder)."""
    path = Path(file)
    if not key or path.suffix not in (".yaml", ".yml") or not path.is_file():
        return None
    try:
        return key_line(path.read_text(encoding="utf-8"), key)
    except (OSError, UnicodeDecodeError):
        return None


@dataclass(frozen=True)
class Catalogue:
    """The validated catalogue: products in 序号 (`number`) order, policy parameters and the notice text."""

    products: list[dict[str, Any]]
    policy: dict[str, Any]
    notice_md: str
    products_reference: dict[str, str]
    # catalog/search.yaml: stop words, synonyms, guidance words and the needs of 按需求找产品.
    search: dict[str, Any] = dataclasses.field(default_factory=dict)
    # The round's folder, where the files beside policy.yaml (provenance.yaml, guide.yaml) are read from.
    root: Path | None = None

    def product(self, pid: int) -> dict[str, Any]:
        return next(p for p in self.products if p["id"] == pid)

    def groups_of(self, pid: int) -> list[dict[str, Any]]:
        """Every exclusion group holding the product, in policy.yaml's order (groups may overlap)."""
        return [g for g in self.policy["exclusion_groups"] if pid in g["products"]]

    def notice_anchors(self) -> set[str]:
        return notice_anchors(self.notice_md, self.products)

    def clause(self, anchor: str) -> str:
        """The Markdown of the clause of the notice that `anchor` names ("" when there is none)."""
        return clause_block(self.notice_md, anchor)

    def clause_sentence(self, anchor: str) -> str:
        """One numbered paragraph clause of the notice as a sentence (KeyError when there is none)."""
        return clause_sentence(self.notice_md, anchor)


def display_path(root: Path, name: str) -> str:
    path = root / name
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read_yaml(root: Path, name: str) -> Any:
    shown = display_path(root, name)
    path = root / name
    if not path.is_file():
        raise CatalogueError(shown, "", "文件不存在")
    try:
        return load_strict(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise CatalogueError(shown, "", "文件不是 UTF-8 编码") from None
    except StrictYamlError as err:
        raise CatalogueError(shown, err.key, f"{err.message}（第 {err.line} 行）", locate=False) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark else ""
        raise CatalogueError(shown, where, f"YAML 格式错误：{getattr(err, 'problem', err)}", locate=False) from None


def _key_path(parts: Any) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_TYPE_NAMES = {"integer": "整数", "string": "文本", "array": "列表", "object": "映射", "null": "空值",
               "number": "数字", "boolean": "布尔值"}


def schema_message(err: jsonschema.ValidationError) -> str:
    """Translate a JSON Schema error into a Chinese sentence a catalogue editor can act on."""
    v, val = err.validator, err.validator_value
    if v == "required":
        missing = [k for k in val if isinstance(err.instance, dict) and k not in err.instance]
        return f"缺少必填字段 “{missing[0] if missing else val}”"
    if v == "type":
        kinds = val if isinstance(val, list) else [val]
        return f"应为{'或'.join(_TYPE_NAMES.get(k, k) for k in kinds)}，实际为 {err.instance!r}"
    if v == "additionalProperties":
        extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
        return f"未知字段 “{'、'.join(map(str, extra))}”"
    if v == "minimum":
        return f"不得小于 {val}，实际为 {err.instance!r}"
    if v == "pattern":
        return f"格式不符（应匹配 {val}），实际为 {err.instance!r}"
    if v == "maxLength":
        return f"不得超过 {val} 个字，实际为 {len(err.instance)} 个字"
    if v in ("minLength", "minItems", "minProperties"):
        return "不得为空"
    if v == "uniqueItems":
        return "列表中有重复项"
    if v == "enum":
        return f"应为 {'、'.join(map(str, val))} 之一，实际为 {err.instance!r}"
    if v == "const":
        return f"应为 {val!r}，实际为 {err.instance!r}"
    return err.message


def validate_schema(root: Path, name: str, data: Any) -> None:
    schema = json.loads((SCHEMA_DIR / name.replace(".yaml", ".schema.json")).read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.validator))
    if errors:
        # The deepest error is the most specific one, e.g. the cap itself rather than its product.
        err = max(errors[:1] + [e for e in errors if e.absolute_path == errors[0].absolute_path],
                  key=lambda e: len(e.absolute_path))
        raise CatalogueError(display_path(root, name), _key_path(err.absolute_path), schema_message(err))


def _check_products(root: Path, products: list[dict[str, Any]]) -> None:
    shown = display_path(root, PRODUCTS_FILE)
    for field in ("id", "slug", "name"):
        seen: dict[Any, int] = {}
        for i, product in enumerate(products):
            value = product[field]
            if value in seen:
                raise CatalogueError(shown, f"products[{i}].{field}",
                                     f"重复的 {field} {value!r}（与 products[{seen[value]}] 相同）")
            seen[value] = i
    # `id` is the permanent identity (gaps allowed, never reused); `number` is this round's 序号 as the
    # notice prints it (the id when not written), which must run 1..N.
    seen_numbers: dict[int, int] = {}
    for i, product in enumerate(products):
        number = product_number(product)
        if number in seen_numbers:
            raise CatalogueError(shown, f"products[{i}].number",
                                 f"重复的序号 {number}（与 products[{seen_numbers[number]}] 相同；未写 number 时序号即 id）")
        seen_numbers[number] = i
    numbers = sorted(seen_numbers)
    if numbers != list(range(1, len(numbers) + 1)):
        raise CatalogueError(shown, "products", f"序号（number，未写时同 id）应从 1 连续编号至 {len(numbers)}，"
                                                f"实际为 {numbers}；产品的 id 可以有空号，序号不能")


def product_number(product: dict[str, Any]) -> int:
    """The product's 序号 in this round: its `number`, else its id."""
    return product.get("number", product["id"])


def _check_policy(root: Path, policy: dict[str, Any], products: list[dict[str, Any]]) -> None:
    shown = display_path(root, POLICY_FILE)
    ids = {p["id"] for p in products}
    for city, region in policy["cities"]["members"].items():
        if region not in policy["regions"]:
            raise CatalogueError(shown, f"cities.members.{city}",
                                 f"城市未归入任何地区（“{region}”不是 regions 中定义的地区："
                                 f"{'、'.join(policy['regions'])}）")
    for i, city in enumerate(policy["excluded_cities"]["value"]):
        if city not in policy["cities"]["members"]:
            raise CatalogueError(shown, f"excluded_cities.value[{i}]", f"未知城市 “{city}”")
    # A product may be in several groups (附件说明 4 lists groups; a later notice may let them overlap):
    # each group bars its own members. Two groups with the same members would be one rule written twice.
    seen: dict[str, dict[str, int]] = {"id": {}, "name": {}}
    for i, group in enumerate(policy["exclusion_groups"]):
        for field, earlier in seen.items():
            if group[field] in earlier:
                raise CatalogueError(shown, f"exclusion_groups[{i}].{field}", f"重复的互斥组 {field} {group[field]!r}"
                                     f"（与 exclusion_groups[{earlier[group[field]]}] 相同）")
            earlier[group[field]] = i
        for j, pid in enumerate(group["products"]):
            if pid not in ids:
                raise CatalogueError(shown, f"exclusion_groups[{i}].products[{j}]",
                                     f"互斥组 “{group['name']}” 引用了不存在的产品序号 {pid}")
        for j, other in enumerate(policy["exclusion_groups"][:i]):
            if set(other["products"]) == set(group["products"]):
                raise CatalogueError(shown, f"exclusion_groups[{i}].products",
                                     f"互斥组 “{group['name']}” 与 exclusion_groups[{j}] “{other['name']}” 的产品完全相同")
    for section in ("pilot_only", "conditions"):
        for i, entry in enumerate(policy[section]):
            if entry["product"] not in ids:
                raise CatalogueError(shown, f"{section}[{i}].product", f"引用了不存在的产品序号 {entry['product']}")
    pilot = policy["cluster_pilot_ratio"]
    if "地区" in pilot["description"]:
        # The wording of where the pilot ratio applies is derived from `rule`, so that no page can state
        # a rule the engine does not apply.
        raise CatalogueError(shown, "cluster_pilot_ratio.description",
                             "描述只写该比例适用于谁，不写与所在地区比例的关系（如“不论所在地区”）："
                             f"该关系由 rule（现为 {pilot['rule']}）规定，页面措辞按 rule 生成")
    for name, window in policy["windows"].items():
        if window["start"] >= window["end"]:
            raise CatalogueError(shown, f"windows.{name}.end", "结束时间应晚于开始时间")


def _check_search(root: Path, search: dict[str, Any], products: list[dict[str, Any]]) -> None:
    shown = display_path(root, SEARCH_FILE)
    ids = {p["id"] for p in products}
    seen: dict[str, int] = {}
    for i, need in enumerate(search["needs"]):
        if need["id"] in seen:
            raise CatalogueError(shown, f"needs[{i}].id", f"重复的 id {need['id']!r}（与 needs[{seen[need['id']]}] 相同）")
        seen[need["id"]] = i
        for j, pid in enumerate(need["products"]):
            if pid not in ids:
                raise CatalogueError(shown, f"needs[{i}].products[{j}]", f"需求 “{need['name']}” 引用了不存在的产品序号 {pid}")


def check_references(root: Path, name: str, data: Any, anchors: set[str]) -> None:
    """Every `reference.anchor` must exist on the notice page, so each rule links to its sentence."""
    for path, node in cited(data):
        if node["reference"].get("anchor") not in anchors:
            raise CatalogueError(display_path(root, name), _key_path((*path, "reference", "anchor")),
                                 f"通知正文中没有锚点 “#{node['reference'].get('anchor')}”")


def _check_notice_notes(root: Path, policy: dict[str, Any], anchors: set[str]) -> None:
    for i, note in enumerate(policy["notice"].get("notes", [])):
        if note["anchor"] not in anchors:
            raise CatalogueError(display_path(root, POLICY_FILE), f"notice.notes[{i}].anchor",
                                 f"通知正文中没有锚点 “#{note['anchor']}”")


def _check_sources(root: Path, policy: dict[str, Any]) -> None:
    """The source texts are in the repository, unchanged since their hash was recorded."""
    for i, source in enumerate(policy["notice"]["sources"]):
        path = root / source["file"]
        if not path.is_file():
            raise CatalogueError(display_path(root, POLICY_FILE), f"notice.sources[{i}].file",
                                 f"原文文件 {source['file']} 不存在")
        if hashlib.sha256(path.read_bytes()).hexdigest() != source["sha256"]:
            raise CatalogueError(display_path(root, POLICY_FILE), f"notice.sources[{i}].sha256",
                                 f"原文文件 {source['file']} 与记录的 sha256 不符：原文不应改动")


def rounds_of(root: Path | str) -> tuple[list[str], str] | None:
    """The rounds `catalog/rounds.yaml` lists, oldest first, and the current one; None when `root` is a
    round's own folder (a build of that round alone)."""
    root = Path(root)
    if not (root / ROUNDS_FILE).is_file():
        return None
    rounds = read_yaml(root, ROUNDS_FILE)
    validate_schema(root, ROUNDS_FILE, rounds)
    folders = [r["folder"] for r in rounds["rounds"]]
    if rounds["current"] not in folders:
        raise CatalogueError(display_path(root, ROUNDS_FILE), "current",
                             f"当前轮次 “{rounds['current']}” 不在 rounds 列表中（{'、'.join(folders)}）")
    for i, folder in enumerate(folders):
        if not (root / folder).is_dir():
            raise CatalogueError(display_path(root, ROUNDS_FILE), f"rounds[{i}].folder", f"目录 {folder}/ 不存在")
    return folders, rounds["current"]


def round_folder(root: Path | str) -> Path:
    """The folder of the round to publish: `catalog/rounds.yaml`'s `current` when `root` is the catalogue's
    top folder, else `root` itself (a round's own folder)."""
    root = Path(root)
    rounds = rounds_of(root)
    return root / rounds[1] if rounds else root


def load_catalogue(root: Path | str) -> Catalogue:
    """Read and validate the round in `root` (catalog/ itself means its current round); raise
    CatalogueError naming the file and key on any problem."""
    root = round_folder(root)
    products_doc = read_yaml(root, PRODUCTS_FILE)
    validate_schema(root, PRODUCTS_FILE, products_doc)
    products = products_doc["products"]
    _check_products(root, products)

    policy = read_yaml(root, POLICY_FILE)
    validate_schema(root, POLICY_FILE, policy)
    _check_policy(root, policy, products)

    notice_path = root / NOTICE_FILE
    if not notice_path.is_file():
        raise CatalogueError(display_path(root, NOTICE_FILE), "", "文件不存在")
    notice_md = notice_path.read_text(encoding="utf-8")
    if not has_table_marker(notice_md):
        raise CatalogueError(display_path(root, NOTICE_FILE), "", f"缺少产品目录表的位置标记 {TABLE_MARKER}")
    anchors = notice_anchors(notice_md, products)
    check_references(root, PRODUCTS_FILE, products_doc, anchors)
    check_references(root, POLICY_FILE, policy, anchors)
    _check_notice_notes(root, policy, anchors)
    _check_sources(root, policy)

    search = read_yaml(root, SEARCH_FILE)
    validate_schema(root, SEARCH_FILE, search)
    _check_search(root, search, products)

    # In the notice's order, each with its 序号 next to its id.
    products = [{"id": p["id"], "number": product_number(p), **p} for p in sorted(products, key=product_number)]
    return Catalogue(products, policy, notice_md, products_doc["reference"], search, root)
