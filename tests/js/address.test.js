// The address helper without a browser (node --test; run by tests/js/test_page_helpers_with_node.py).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const { siteRoot, addressOf, isLocalHost } = require(path.join(__dirname, "../../site_src/docs/assets/js/address.js"));

test("the site root is where this script's folder starts, under any sub-path", () => {
  assert.equal(siteRoot("https://portal.example.gov.cn/zt/syqpt/assets/js/address.js?v=1"), "https://portal.example.gov.cn/zt/syqpt/");
  assert.equal(siteRoot("http://10.0.0.5:8080/assets/js/address.js"), "http://10.0.0.5:8080/");
  assert.equal(siteRoot("https://portal.example.gov.cn/zt/syqpt/assets/js/address.1a2b3c4d5e6f.js"), "https://portal.example.gov.cn/zt/syqpt/");
  assert.equal(siteRoot("https://x.example/other.js"), null);
});

test("a page's address is the root and its site path; on a 繁体 page, the 繁体 copy's", () => {
  assert.equal(addressOf("https://x.example/a/", "products/05-x/", false), "https://x.example/a/products/05-x/");
  assert.equal(addressOf("https://x.example/a/", "products/05-x/", true), "https://x.example/a/zh-Hant/products/05-x/");
  assert.equal(addressOf("https://x.example/a/", "zh-Hant/", true), "https://x.example/a/zh-Hant/");
});

test("only this computer counts as a preview host", () => {
  for (const name of ["localhost", "127.0.0.1", "127.1.2.3", "[::1]", "site.localhost"]) assert.ok(isLocalHost(name), name);
  for (const name of ["gdii.gd.gov.cn", "10.0.0.5", "192.168.1.2", "example.com"]) assert.ok(!isLocalHost(name), name);
});
