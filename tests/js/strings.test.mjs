// The page's word table (strings.js): one place for every Chinese word the calculator's scripts write.
import assert from "node:assert/strict";
import fs from "node:fs";
import { test } from "node:test";

import { T } from "../../site_src/docs/assets/calculator/strings.js";

const CALCULATOR = new URL("../../site_src/docs/assets/calculator/", import.meta.url);
// The page's scripts; the worker (worker.js, worker/) speaks the protocol's own words, and qrcode-generator is a package.
const PAGE_SCRIPTS = ["app.js", "dom.js", "engine-client.js", "plan-state.js", "sheet.js", "qr-code.js",
  ...fs.readdirSync(new URL("app/", CALCULATOR)).map((name) => `app/${name}`)];
const HAN = /[\u4e00-\u9fff]/;

test("no script of the page writes Chinese of its own: outside comments, every word comes from strings.js", () => {
  const offenders = [];
  for (const name of PAGE_SCRIPTS) {
    const lines = fs.readFileSync(new URL(name, CALCULATOR), "utf8").split("\n");
    lines.forEach((line, index) => {
      const code = line.replace(/\/\/.*$/, "").replace(/^\s*\*.*$/, "").replace(/\/\*.*?\*\//g, "");
      if (HAN.test(code)) offenders.push(`${name}:${index + 1}: ${line.trim()}`);
    });
  }
  assert.deepEqual(offenders, []);
});

test("the table is frozen, and its words with a value in them are functions of it", () => {
  assert.ok(Object.isFrozen(T));
  assert.equal(T.rows.itemProduct(2), "第 2 项：产品");
  assert.equal(T.failure.engineFailed("网络中断。"), "测算引擎加载失败：网络中断。");
  assert.equal(T.loading.canFillIn("正在加载测算引擎……"), "正在加载测算引擎……可以先填写下列问题，加载完成后立即显示结果。");
  assert.equal(T.prerendered.loading("正在下载测算引擎：已下载 1.2 MB / 共 7.5 MB"),
    "正在下载测算引擎：已下载 1.2 MB / 共 7.5 MB。测算引擎加载完成后，本表由实时测算结果替换。");
  assert.equal(T.prerendered.loading("正在加载测算引擎……"), "正在加载测算引擎。测算引擎加载完成后，本表由实时测算结果替换。");
});
