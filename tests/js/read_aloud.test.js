// 朗读's pure helpers without a browser (node --test; run by tests/js/test_page_helpers_with_node.py).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const { chunks, pickVoice } = require(path.join(__dirname, "../../site_src/docs/assets/js/read-aloud.js"));

test("text is cut at the ends of sentences, each piece no longer than the limit", () => {
  const text = "第一句话。第二句话！\n第三句话？" + "长".repeat(25);
  const pieces = chunks(text, 10);
  assert.deepEqual(pieces.slice(0, 3), ["第一句话。第二句话！", "第三句话？", "长".repeat(10)]);
  assert.equal(pieces.join(""), "第一句话。第二句话！第三句话？" + "长".repeat(25));
  assert.ok(pieces.every((p) => p.length <= 10));
});

test("an empty page gives nothing to read", () => {
  assert.deepEqual(chunks("  \n "), []);
});

test("a 简体 page takes a mainland voice and a 繁體 page a Hong Kong or Taiwan one", () => {
  const voices = [{ lang: "en-US", name: "en" }, { lang: "zh-TW", name: "tw" }, { lang: "zh-CN", name: "cn" }];
  assert.equal(pickVoice(voices, "zh").name, "cn");
  assert.equal(pickVoice(voices, "zh-Hant").name, "tw");
  assert.equal(pickVoice([{ lang: "zh-HK", name: "hk" }], "zh-CN").name, "hk");
});

test("without a Chinese voice there is no voice", () => {
  assert.equal(pickVoice([{ lang: "en-US" }, { lang: "fr-FR" }], "zh"), null);
  assert.equal(pickVoice([], "zh"), null);
});
