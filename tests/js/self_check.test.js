// The 部署自检 judgements without a browser (node --test; run by tests/js/test_page_helpers_with_node.py).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const sc = require(path.join(__dirname, "../../site_src/docs/assets/js/self-check.js"));

test("types: .wasm must be application/wasm, any JavaScript type passes for .js", () => {
  assert.ok(sc.judgeType("wasm", "application/wasm").ok);
  assert.ok(!sc.judgeType("wasm", "text/html; charset=utf-8").ok);
  assert.ok(sc.judgeType("js", "application/javascript").ok);
  assert.ok(!sc.judgeType("js", "text/plain").ok);
  assert.ok(sc.judgeType("json", "application/json; charset=utf-8").ok);
});

test("CSP: missing, or without wasm-unsafe-eval, fails; default-src stands in for script-src", () => {
  assert.ok(!sc.judgeCsp(null).ok);
  assert.ok(!sc.judgeCsp("default-src 'self'; script-src 'self'").ok);
  assert.ok(sc.judgeCsp("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'").ok);
  assert.ok(sc.judgeCsp("default-src 'self' 'wasm-unsafe-eval'").ok);
});

test("HTML cached for a year fails, revalidation passes", () => {
  assert.ok(!sc.judgeHtmlCache("public, max-age=31536000").ok);
  assert.ok(!sc.judgeHtmlCache("max-age=600, immutable").ok);
  assert.ok(sc.judgeHtmlCache("no-cache").ok);
  assert.ok(sc.judgeHtmlCache(null).ok);
});

test("the 404 must be a 404 status with the site's own page", () => {
  assert.ok(sc.judgeNotFound(404, '<div class="gd-not-found">').ok);
  assert.ok(!sc.judgeNotFound(404, "<center>nginx</center>").ok);
  assert.ok(!sc.judgeNotFound(200, '<div class="gd-not-found">').ok);
});

test("the address must be configured and be where the page is read", () => {
  assert.ok(!sc.judgeAddress("", "https://x.example/a/self-check/").ok);
  assert.ok(sc.judgeAddress("https://x.example/a/", "https://x.example/a/self-check/").ok);
  assert.ok(!sc.judgeAddress("https://y.example/", "https://x.example/a/self-check/").ok);
});
