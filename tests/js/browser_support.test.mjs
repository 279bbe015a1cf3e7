// The calculator's check for browsers too old for the engine (browser-support.js), with node standing
// in for a browser: every feature it names is removed in turn. Run by `node --test` (test_page_helpers_with_node.py).
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";

const require = createRequire(import.meta.url);
const { missingFeatures, tooOldMessage, check } = require("../../site_src/docs/assets/calculator/browser-support.js");

// A browser as new as the engine needs: node's own globals, and a Worker.
function modern(overrides = {}) {
  return { WebAssembly, BigInt, BigInt64Array, Object, Array, WeakRef, FinalizationRegistry, Worker: class {}, ...overrides };
}

// A WebAssembly whose validator knows only the MVP (a browser before wasm exceptions or SIMD).
function wasmWithout(feature) {
  const bytes = { exceptions: [6, 64, 25], simd: [253, 12] };
  const has = (module, seq) => module.some((_, i) => seq.every((b, j) => module[i + j] === b));
  return { ...WebAssembly, validate: (m) => !has(Array.from(m), bytes[feature]) && WebAssembly.validate(m),
    instantiate: WebAssembly.instantiate };
}

test("node, as new as the browsers the engine runs in, lacks nothing", () => {
  assert.deepEqual(missingFeatures(modern()), []);
  assert.equal(tooOldMessage([]), "");
});

test("each feature the runtime needs is named when it is missing", () => {
  const cases = [
    [{ WebAssembly: undefined }, "WebAssembly"],
    [{ WebAssembly: wasmWithout("exceptions") }, "WebAssembly 异常处理"],
    [{ WebAssembly: wasmWithout("simd") }, "WebAssembly SIMD"],
    [{ BigInt64Array: undefined }, "BigInt64Array"],
    [{ Object: { keys: Object.keys } }, "Object.hasOwn"],
    [{ Array: function OldArray() {} }, "Array.prototype.at"],
    [{ WeakRef: undefined }, "WeakRef"],
    [{ Worker: undefined }, "Web Worker"],
  ];
  for (const [change, name] of cases) assert.deepEqual(missingFeatures(modern(change)), [name], name);
});

test("a browser of the iOS 15 era (no SIMD, no hasOwn, no at) is told it is too old, in Chinese, with what to use", () => {
  const old = modern({ WebAssembly: wasmWithout("simd"), Object: { keys: Object.keys }, Array: function OldArray() {} });
  const message = tooOldMessage(missingFeatures(old));
  assert.match(message, /^您的浏览器版本过旧，无法运行测算引擎（缺少 WebAssembly SIMD、Object\.hasOwn、Array\.prototype\.at）。/);
  assert.match(message, /请升级浏览器，或换用新版的 Chrome、Edge、Firefox、Safari（iPhone、iPad 需 iOS 16\.4 及以上）/);
  assert.match(message, /本站其他页面仍可正常浏览/);
  assert.doesNotMatch(message, /损坏|重新部署/);
});

test("a validator that throws counts as missing the feature, not as a crash", () => {
  const throwing = { ...WebAssembly, validate: () => { throw new TypeError("no"); }, instantiate: WebAssembly.instantiate };
  assert.deepEqual(missingFeatures(modern({ WebAssembly: throwing })), ["WebAssembly 异常处理", "WebAssembly SIMD"]);
});

test("check leaves boot alone in a new browser, and in an old one sets the error and fills the failure box", () => {
  const boot = { error: null };
  assert.equal(check(boot, modern()), false);
  assert.equal(boot.error, null);
  const box = { hidden: true };
  const reason = { textContent: "" };
  const loader = { hidden: false };
  const document = { readyState: "complete", getElementById: (id) => ({ "gd-failure": box, "gd-failure-reason": reason, "gd-loader": loader })[id] };
  assert.equal(check(boot, modern({ BigInt64Array: undefined, document })), true);
  assert.match(boot.error, /^您的浏览器版本过旧/);
  assert.equal(reason.textContent, boot.error);
  assert.equal(box.hidden, false);
  assert.equal(loader.hidden, true);
});
