"""Start a new round from the current one: `python -m generator new-round 2021`.

The new folder is a copy of the current round, so that it is valid from the first minute and every edit
is a change against known data (the diff report lists each one). It is added to rounds.yaml after the
current round, as a draft: `current` does not move, so the published site stays as it is until the
reviewed round is made current. Its cases are copied as templates marked on their first line, and the
plausibility check lists what still looks like the old notice (文号, windows, source texts, cases).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from generator.catalogue.plausibility import ACCEPT_FILE, TEMPLATE_MARK
from generator.catalogue.reader import ROUNDS_FILE, CatalogueError, display_path, rounds_of

_FOLDER = re.compile(r"[0-9]{4}[a-z0-9-]*")


def checklist(old: str, new: str) -> list[str]:
    """What to edit next, in order, in Chinese."""
    d = f"catalog/{new}"
    return [
        f"已从 {old} 轮复制出草稿轮次 {d}/，并在 catalog/rounds.yaml 中登记（current 仍为 {old}，网站暂不变）。请依次：",
        f"1. 原文：把新通知的原文逐字存入 {d}/sources/（不作任何改动），删去上一轮的原文文件；"
        f"在 {d}/policy.yaml 的 notice.sources 中登记网址、取得日期和 sha256，版本差异写入 notice.notes。",
        f"2. 正文：把 {d}/notice.md 换成新通知正文，每个条款保留锚点（如 {{#sec-4}}）。",
        f"3. 政策参数：{d}/policy.yaml 中的标题、文号、日期，地区与比例、城市所属地区、单家企业上限、"
        "互斥组、集群试点、申领条件、申领与兑现时间、供应商额度，逐项对照新通知，并更新 reference。",
        f"4. 产品目录：{d}/products.yaml。新产品用从未用过的序号和 slug；取消的产品整条删去，其序号不再使用；"
        "上限和单台设备补贴照原文，以元为单位。",
        f"5. 办事指南与检索：{d}/guide.yaml、provenance.yaml、search.yaml（needs 引用的产品序号须与本轮一致）。",
        f"6. 用例：按新通知改写 {d}/cases/ 中的用例，改好一个文件就删去它第 1 行的草稿标记。",
        f"7. 自查：运行 python -m generator check，逐条处理所列待办；确属原文的异常值，"
        f"在 {d}/{ACCEPT_FILE} 中登记例外并写明理由。",
        f"8. 审核：运行 python -m generator diff-rounds {old} {new} --out 变更报告.md，交审核人对照原文签字。",
        f"9. 发布：审核通过后把 catalog/rounds.yaml 的 current 改为 \"{new}\"，构建网站；{old} 轮从此作为存档，不再改动。",
    ]


def new_round(root: Path | str, folder: str, source: str | None = None) -> list[str]:
    """Copy round `source` (the current round by default) of catalog/ `root` to `folder`, list it in
    rounds.yaml after the current round, and return the checklist. CatalogueError when it cannot."""
    root = Path(root)
    shown = display_path(root, ROUNDS_FILE)
    if not _FOLDER.fullmatch(folder):
        raise CatalogueError(shown, "rounds", f"轮次目录名 “{folder}” 应以四位年份开头，只含小写字母、数字和连字符")
    rounds = rounds_of(root)
    if rounds is None:
        raise CatalogueError(shown, "", "文件不存在：新一轮须在 catalog/ 顶层目录中开始")
    folders, current = rounds
    source = source or current
    if source not in folders:
        raise CatalogueError(shown, "rounds", f"没有轮次 “{source}”（现有：{'、'.join(folders)}）")
    if folder in folders or (root / folder).exists():
        raise CatalogueError(shown, "rounds", f"轮次 “{folder}” 已存在")
    # The accepted exceptions were reviewed for the old round's data, not for this one.
    shutil.copytree(root / source, root / folder, ignore=shutil.ignore_patterns(ACCEPT_FILE))
    for case in sorted((root / folder / "cases").glob("*.yaml")):
        text = case.read_text(encoding="utf-8")
        case.write_text(f"{TEMPLATE_MARK}：抄自 {source} 轮，须按 {folder} 轮通知逐条核对改写，改好后删去本行。\n{text}",
                        encoding="utf-8")
    rounds_path = root / ROUNDS_FILE
    before = rounds_path.read_text(encoding="utf-8")
    # Appended as text so that the file's comments stay; the list of rounds is the file's last key.
    rounds_path.write_text(before.rstrip("\n") + f'\n  - folder: "{folder}"\n', encoding="utf-8")
    try:
        listed = (rounds_of(root) or ([], ""))[0]
    except CatalogueError:
        listed = []
    if listed != [*folders, folder]:
        rounds_path.write_text(before, encoding="utf-8")
        shutil.rmtree(root / folder)
        raise CatalogueError(shown, "rounds", f"无法自动登记轮次 “{folder}”：请确认 rounds 是文件的最后一项")
    return checklist(source, folder)
