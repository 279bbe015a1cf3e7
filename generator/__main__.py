"""Command line of the generator: `python -m generator export-json PATH | check | serve DIR | dist SITE OUT |
new-round FOLDER | diff-rounds OLD NEW [--out FILE]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.catalogue import (
    CatalogueError,
    ExportError,
    catalogue_json,
    diff_html,
    load_catalogue,
    new_round,
    plausibility_errors,
    round_diff,
    rounds_of,
)

CATALOG_DIR = Path(__file__).resolve().parent.parent / "catalog"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="目录数据与网站生成工具")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="校验 catalog/ 数据")
    export = sub.add_parser("export-json", help="导出 catalog.json")
    export.add_argument("path", type=Path)
    serve = sub.add_parser("serve", help="在本机提供已构建的网站")
    serve.add_argument("directory", type=Path)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    dist = sub.add_parser("dist", help="把已构建的网站打成发布包")
    dist.add_argument("site", type=Path)
    dist.add_argument("out", type=Path)
    start = sub.add_parser("new-round", help="从当前轮次复制出新一轮草稿，并列出待办")
    start.add_argument("folder", help="新轮次的目录名，如 2021")
    start.add_argument("--from", dest="source", help="从哪一轮复制（默认当前轮次）")
    diff = sub.add_parser("diff-rounds", help="生成两轮之间的变更报告（供审核签字）")
    diff.add_argument("old")
    diff.add_argument("new")
    diff.add_argument("--out", type=Path, help="写入文件（.md 或 .html）；不写则打印")
    args = parser.parse_args(argv)

    if args.command == "dist":
        from generator.release import ConfigError, make_dist

        try:
            archive = make_dist(args.site, args.out)
        except ConfigError as err:  # e.g. a round whose catalogue_version cannot name a file
            print(f"发布包未生成：{err}", file=sys.stderr)
            return 1
        print(f"发布包：{archive}")
        return 0

    if args.command == "serve":
        from generator.hosting import serve_forever

        serve_forever(args.directory, args.host, args.port)
        return 0
    if args.command in ("check", "new-round", "diff-rounds"):
        try:
            return ROUND_COMMANDS[args.command](args)
        except CatalogueError as err:
            print(f"目录数据错误：{err}", file=sys.stderr)
            return 1
    try:
        cat = load_catalogue(CATALOG_DIR)
    except CatalogueError as err:
        print(f"目录数据错误：{err}", file=sys.stderr)
        return 1
    try:
        args.path.write_text(catalogue_json(cat), encoding="utf-8")
    except ExportError as err:
        print(err, file=sys.stderr)
        return 1
    return 0


def check(_args: argparse.Namespace) -> int:
    """Validate every round; a published round (the current one and those before it) must also be
    plausible, a draft (listed after the current one) gets its problems as a to-do list."""
    folders, current = rounds_of(CATALOG_DIR) or ([CATALOG_DIR.name], CATALOG_DIR.name)  # or one round's folder
    failed = False
    for folder, errors in plausibility_errors(CATALOG_DIR).items():
        draft = folders.index(folder) > folders.index(current)
        for err in errors:
            print(f"{'待办' if draft else '目录数据错误'}：{err}", file=sys.stdout if draft else sys.stderr)
        failed = failed or (bool(errors) and not draft)
        if draft and errors:
            print(f"草稿轮次 {folder} 尚有 {len(errors)} 项待办；改为当前轮次前须全部处理。")
    if failed:
        return 1
    cat = load_catalogue(CATALOG_DIR)
    print(f"catalog/ 校验通过：当前轮次 {current}，{len(cat.products)} 个产品；共 {len(folders)} 个轮次")
    return 0


def start_round(args: argparse.Namespace) -> int:
    print("\n".join(new_round(CATALOG_DIR, args.folder, args.source)))
    return 0


def diff_rounds(args: argparse.Namespace) -> int:
    report = round_diff(CATALOG_DIR, args.old, args.new)
    if args.out is None:
        print(report)
    elif args.out.suffix == ".html":
        args.out.write_text(diff_html(report, f"服务券目录变更报告：{args.old} 轮 → {args.new} 轮"), encoding="utf-8")
    else:
        args.out.write_text(report, encoding="utf-8")
    if args.out is not None:
        print(f"变更报告：{args.out}")
    return 0


ROUND_COMMANDS = {"check": check, "new-round": start_round, "diff-rounds": diff_rounds}


if __name__ == "__main__":
    sys.exit(main())
