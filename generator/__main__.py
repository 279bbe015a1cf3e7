"""Command line of the generator: `python -m generator export-json PATH | check | serve DIR | dist SITE OUT`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.catalogue import CatalogueError, ExportError, catalogue_json, load_catalogue

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
    args = parser.parse_args(argv)

    if args.command == "dist":
        from generator.release import make_dist

        archive = make_dist(args.site, args.out)
        print(f"发布包：{archive}")
        return 0

    if args.command == "serve":
        from generator.hosting import serve_forever

        serve_forever(args.directory, args.host, args.port)
        return 0
    try:
        cat = load_catalogue(CATALOG_DIR)
    except CatalogueError as err:
        print(f"目录数据错误：{err}", file=sys.stderr)
        return 1
    if args.command == "export-json":
        try:
            args.path.write_text(catalogue_json(cat), encoding="utf-8")
        except ExportError as err:
            print(err, file=sys.stderr)
            return 1
    else:
        print(f"catalog/ 校验通过：{len(cat.products)} 个产品")
    return 0


if __name__ == "__main__":
    sys.exit(main())
