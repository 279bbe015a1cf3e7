"""A YAML reader for catalogue data that refuses whatever YAML would read differently from what was meant.

PyYAML follows YAML 1.1, where `cap: 050000` is the octal number 20480, `1_000` is 1000, `0x10` is 16,
`on`/`yes` are booleans and a key given twice silently keeps its last value. In a catalogue of money
amounts each of these would publish a wrong fact without any error, so they are refused here, with the
key and the line, before the schema sees the data.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"
_STR = "tag:yaml.org,2002:str"

_PLAIN_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)")
# Text that a reader takes for a number but YAML 1.1 reads as text, e.g. `1e5` (no dot) or `09`.
_NUMBER_LIKE_TEXT = re.compile(r"[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?")


class StrictYamlError(Exception):
    """An ambiguous or repeated value: `key` is its path (e.g. `products[4].cap`), `line` is 1-based."""

    def __init__(self, key: str, line: int, message: str) -> None:
        self.key, self.line, self.message = key, line, message
        super().__init__(f"{key}（第 {line} 行）：{message}")


def _path(parts: tuple) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _int_problem(text: str) -> str:
    body = text.lstrip("+-")
    if body.lower().startswith("0x"):
        return f"“{text}”是十六进制写法，YAML 会读成 {int(body, 16)}；请写成十进制整数"
    if body.lower().startswith("0b"):
        return f"“{text}”是二进制写法，YAML 会读成 {int(body.replace('_', ''), 2)}；请写成十进制整数"
    if "_" in text:
        return f"“{text}”含下划线，YAML 会读成 {text.replace('_', '')}；请写成不带分隔符的十进制整数"
    if ":" in text:
        return f"“{text}”会被 YAML 当作六十进制数（时:分）；若是时间请加引号写成文本"
    if text.startswith("+"):
        return f"“{text}”带正号；请写成不带符号的十进制整数"
    if re.fullmatch(r"-?0[0-7]+", text):
        return (f"“{text}”以 0 开头，YAML 会按八进制读成 {int(text, 8)}；"
                f"请写成不带前导零的十进制整数 {int(text, 10)}")
    return f"“{text}”不是普通的十进制整数写法"


def _scalar_problem(node: ScalarNode) -> str | None:
    """Why a plain (unquoted) scalar is ambiguous, or None. Quoted scalars are always text."""
    if node.style is not None:
        return None
    text = node.value
    if node.tag == _INT and not _PLAIN_DECIMAL.fullmatch(text):
        return _int_problem(text)
    if node.tag == _FLOAT:
        return (f"“{text}”会被读成浮点数；金额请写整数元，比例请写成带引号的文本（如 \"0.70\"），"
                "若是文本请加引号")
    if node.tag == _BOOL and text not in ("true", "false"):
        return f"“{text}”会被 YAML 1.1 读成布尔值 {text.lower() in ('yes', 'on', 'true')}；若是文本请加引号"
    if node.tag == _TIMESTAMP:
        return f"“{text}”会被读成日期时间对象；请加引号写成文本（如 \"{text}\"）"
    if node.tag == _STR and text and _NUMBER_LIKE_TEXT.fullmatch(text):
        return f"“{text}”看起来像数字，却会被读成文本；数字请写成十进制整数，文本请加引号"
    return None


def _check(node: Node, path: tuple) -> None:
    if isinstance(node, ScalarNode):
        problem = _scalar_problem(node)
        if problem:
            raise StrictYamlError(_path(path), node.start_mark.line + 1, problem)
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.value):
            _check(item, (*path, i))
    elif isinstance(node, MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == _MERGE:
                raise StrictYamlError(_path(path) or "（顶层）", line,
                                      "不接受合并键 “<<”：它会让同一个键有两个来源，请把内容写全")
            if not isinstance(key_node, ScalarNode):
                raise StrictYamlError(_path(path) or "（顶层）", line, "键必须是简单文本")
            key = key_node.value
            _check(key_node, (*path, key))
            if key in seen:
                raise StrictYamlError(_path((*path, key)), line,
                                      f"键 “{key}” 重复（第 {seen[key]} 行已有），YAML 会静默保留后一个值；请删去其中一个")
            seen[key] = line
            _check(value_node, (*path, key))


def load_strict(text: str) -> Any:
    """Parse one YAML document as PyYAML's safe loader would, after refusing ambiguous input.

    Raises yaml.YAMLError for malformed YAML and StrictYamlError for valid YAML that is ambiguous.
    """
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check(node, ())
        return loader.construct_document(node)
    finally:
        loader.dispose()


_KEY_PART = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


def key_parts(key: str) -> list[str | int]:
    """`products[26].cap` → ["products", 26, "cap"], the path the catalogue's errors name."""
    return [int(index) if index else name for index, name in _KEY_PART.findall(key)]


def key_line(text: str, key: str) -> int | None:
    """The 1-based line of `key` (a path such as `products[26].cap`) in the YAML `text`: the line of the
    mapping key or list item. When the path ends in a key that is absent (a missing field), the line of the
    deepest part that exists; None when not even the first part exists or the text is not YAML."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    line: int | None = None
    for part in key_parts(key):
        if isinstance(node, MappingNode):
            found = next((pair for pair in node.value if isinstance(pair[0], ScalarNode)
                          and pair[0].value == str(part)), None)
            if found is None:
                break
            line, node = found[0].start_mark.line + 1, found[1]
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line
