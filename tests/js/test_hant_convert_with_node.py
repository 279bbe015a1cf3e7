"""The page's 简→繁 converter (assets/js/hant/convert.js with the built table.json) writes what OpenCC s2hk
itself writes, for every line of text the engine, the catalogue and the page scripts hold."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.hant.pages import Converter
from generator.hant.runtime import TABLE_PATH, calculator_corpus, runtime_table
from generator.hosting import built_name

ROOT = Path(__file__).resolve().parents[2]
CONVERT_JS = ROOT / "site_src" / "docs" / "assets" / "js" / "hant" / "convert.js"
RUN = """
import { makeConverter } from %s;
import fs from "node:fs";
const [table, texts] = JSON.parse(fs.readFileSync(0, "utf8"));
const convert = makeConverter(table);
process.stdout.write(JSON.stringify(texts.map(convert)));
"""


def _convert_in_node(table: dict, texts: list[str]) -> list[str]:
    assert shutil.which("node"), "node is needed (make setup installs it)"
    run = subprocess.run(["node", "--input-type=module", "-e", RUN % json.dumps(CONVERT_JS.as_uri())],
                         input=json.dumps([table, texts], ensure_ascii=False), capture_output=True, text=True,
                         timeout=120, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout)


def _lines(corpus: list[str]) -> list[str]:
    return sorted({line.strip() for text in corpus for line in re.split(r'[\n"]', text)
                   if re.search("[\u4e00-\u9fff]", line)})


def test_every_line_the_engine_and_scripts_hold_converts_exactly_as_opencc_does(site):
    corpus = calculator_corpus(ROOT, (site / "catalog.json").read_text("utf-8"))
    table = json.loads((site / built_name(site, TABLE_PATH)).read_text("utf-8"))
    lines = _lines(corpus)
    assert len(lines) > 300
    expected = [Converter().text(line) for line in lines]
    got = _convert_in_node(table, lines)
    assert [pair for pair in zip(lines, got, expected, strict=True) if pair[1] != pair[2]] == []


@pytest.mark.parametrize("text", [
    "头发和发票：后来干净",          # word-level: 頭髮 / 發票 / 後來 / 乾淨
    "依据粤工信办函〔2020〕37号，广东省工业和信息化厅",  # the 文号 kept as issued
    "合同额 80,000.00 元 × 70% = 56,000.00 元；兑现时至少接入 40 台设备",  # numbers and money untouched
], ids=["words", "document-number", "money"])
def test_the_converter_keeps_document_numbers_and_numbers_as_opencc_does(text):
    table = runtime_table([text])
    assert _convert_in_node(table, [text]) == [Converter().text(text)]
    assert "〔2020〕37号" in Converter().text(text) or "2020" not in text
