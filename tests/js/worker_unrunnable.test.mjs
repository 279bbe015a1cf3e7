// A runtime file the browser cannot compile or execute (worker/downloads.js's unrunnable): whole, it
// means the browser is too old; damaged or unknown, it does not (issue 18). Run by `node --test`.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";

import { unrunnable } from "../../site_src/docs/assets/calculator/worker/downloads.js";

const WASM = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 2, 3]).buffer;
const stateFor = (bytes) => ({
  manifest: { files: { "pyodide.asm.wasm": {
    size: bytes.byteLength, sha256: createHash("sha256").update(new Uint8Array(bytes)).digest("hex") } } },
});

test("a whole file the browser cannot run means the browser is too old, and says so in plain words", async () => {
  const error = await unrunnable(stateFor(WASM), "pyodide.asm.wasm", WASM);
  assert.equal(error.cause, "unsupported");
  assert.match(error.message, /浏览器不支持/);
  assert.match(error.message, /pyodide\.asm\.wasm 完好/);
  assert.doesNotMatch(error.message, /损坏|重新部署/);
});

test("a damaged file is not blamed on the browser", async () => {
  const damaged = WASM.slice(0, 10);
  assert.equal(await unrunnable(stateFor(WASM), "pyodide.asm.wasm", damaged), null);
  const sameSize = new Uint8Array(WASM.slice(0)); sameSize[9] = 9;
  assert.equal(await unrunnable(stateFor(WASM), "pyodide.asm.wasm", sameSize.buffer), null);
});

test("a file bundle.json does not name, or no bundle.json yet, cannot be called whole", async () => {
  assert.equal(await unrunnable(stateFor(WASM), "other.js", WASM), null);
  assert.equal(await unrunnable({ manifest: null }, "pyodide.asm.wasm", WASM), null);
});
