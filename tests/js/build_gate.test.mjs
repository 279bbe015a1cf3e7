// One build at a time (build-gate.js): the engine's figures are shown only with the page of their build.
// Run by `node --test`.
import assert from "node:assert/strict";
import { test } from "node:test";

import { mismatch, whenSameBuild } from "../../site_src/docs/assets/calculator/build-gate.js";

const page = { build: "9a9144745361", date: "2026-12-07", catalogue: "decf9801", engine: "9a87d6e1" };
const fakeDoc = (build) => ({
  querySelector: () => ({ content: build.build, dataset: { date: build.date, catalogue: build.catalogue, engine: build.engine } }),
  getElementById: () => null,
});

test("an engine that read this page's catalogue may show its figures", () => {
  assert.equal(mismatch(page, { catalogue: "decf9801" }), "");
});

test("an engine that read another build's catalogue is refused with a Chinese message naming both", () => {
  const message = mismatch(page, { catalogue: "0badc0de" });
  assert.match(message, /0badc0de/);
  assert.match(message, /decf9801/);
  assert.match(message, /不是同一版本/);
});

test("a mismatched engine is stopped before any figure and never released", async () => {
  const refused = [];
  let released = false;
  whenSameBuild({ catalogue: "0badc0de" }, (m) => refused.push(m), { check: null, doc: fakeDoc(page) })
    .then(() => { released = true; });
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(refused.length, 1);
  assert.equal(released, false);
});

test("a page the server has replaced shows no figure: the engine is stopped with the update message", async () => {
  const refused = [];
  let released = false;
  const check = { done: Promise.resolve("newer"), message: "本站已更新。" };
  whenSameBuild({ catalogue: "decf9801" }, (m) => refused.push(m), { check, wait: 60_000, doc: fakeDoc(page) })
    .then(() => { released = true; });
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(released, false);
  assert.match(refused[0], /本站已更新/);
});

test("a page of the server's build, or offline (no answer), shows its figures", async () => {
  for (const state of ["same", "unknown"]) {
    const refused = [];
    await whenSameBuild({ catalogue: "decf9801" }, (m) => refused.push(m),
      { check: { done: Promise.resolve(state), message: "" }, wait: 60_000, doc: fakeDoc(page) });
    assert.deepEqual(refused, [], state);
  }
});
