// The worker's byte count (worker/progress.js) and the snapshot's expansion (worker/snapshot.js's
// expand), with no browser. Run by `node --test` (test_page_helpers_with_node.py).
import assert from "node:assert/strict";
import { test } from "node:test";

import { ByteProgress } from "../../site_src/docs/assets/calculator/worker/progress.js";
import { expand } from "../../site_src/docs/assets/calculator/worker/snapshot.js";

test("the total is 0 until the sizes are known, and the bytes are counted all the same", () => {
  const bytes = new ByteProgress();
  bytes.arrived("pyodide.asm.wasm", 500);
  assert.deepEqual(bytes.counts(false), { loaded: 500, total: 0 });
  bytes.expect([["pyodide.asm.wasm", 1000], ["snapshot.gz", 3000]]);
  assert.deepEqual(bytes.counts(), { loaded: 500, total: 4000 });
});

test("a second fetch of a file counts its bytes once, at the most that arrived", () => {
  const bytes = new ByteProgress();
  bytes.expect([["lock.json", 100]]);
  bytes.arrived("lock.json", 80);
  bytes.arrived("lock.json", 30);
  assert.deepEqual(bytes.counts(), { loaded: 80, total: 100 });
});

test("a snapshot given up on keeps what arrived of it, and the count never goes back", () => {
  const bytes = new ByteProgress();
  bytes.expect([["pyodide.asm.wasm", 1000], ["snapshot.gz", 3000]]);
  bytes.arrived("pyodide.asm.wasm", 1000);
  bytes.arrived("snapshot.gz", 700);
  const before = bytes.counts();
  bytes.expect([["stdlib.zip", 2000], ["wheel.whl", 50]], ["snapshot.gz"]);
  const after = bytes.counts();
  assert.equal(after.loaded, before.loaded);
  assert.deepEqual(after, { loaded: 1700, total: 1000 + 700 + 2000 + 50 });
  bytes.arrived("stdlib.zip", 2000);
  bytes.arrived("wheel.whl", 50);
  assert.deepEqual(bytes.counts(), { loaded: 3750, total: 3750 });
});

const streamOf = (...chunks) => new ReadableStream({
  start(controller) {
    for (const chunk of chunks) controller.enqueue(Uint8Array.from(chunk));
    controller.close();
  },
});

test("the snapshot's segments land at their offsets, with zeros between them, across chunk boundaries", async () => {
  const info = { size: 10, segments: [[1, 3], [7, 2]], packed_size: 5 };
  const raw = await expand(streamOf([1, 2], [3, 4], [5]), info);
  assert.deepEqual([...raw], [0, 1, 2, 3, 0, 0, 0, 4, 5, 0]);
});

test("a snapshot longer or shorter than its segments is refused", async () => {
  const info = { size: 10, segments: [[1, 3]], packed_size: 3 };
  await assert.rejects(expand(streamOf([1, 2, 3, 4]), info), /longer than its segments/);
  await assert.rejects(expand(streamOf([1, 2]), info), /2 bytes, expected 3/);
});
