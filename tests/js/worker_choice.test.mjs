// The boot a first visit takes from the link it measures (worker/choice.js), with no browser. Run by
// `node --test` (test_page_helpers_with_node.py).
import assert from "node:assert/strict";
import { test } from "node:test";

import { HEARTBEAT_MS, LinkMeter, STDLIB_START_MS, budgetMs, chooseBoot, preferCached } from "../../site_src/docs/assets/calculator/worker/choice.js";

const MB = 1000 * 1000;
// The snapshot boot downloads about 1.45 MB more than the stdlib boot; the wasm's form is 2.74 MB (bundle.json).
const EXTRA = 1.45 * MB;
const WASM = 2.74 * MB;
const BUDGET = budgetMs(WASM, EXTRA);

function clock() {
  const time = { now: 0 };
  return [time, () => time.now];
}

test("the wasm's budget is its download time at the speed where the snapshot's extra bytes cost the stdlib's start", () => {
  assert.equal(Math.round(BUDGET), Math.round((WASM / (EXTRA / STDLIB_START_MS))));
  assert.ok(BUDGET > 2800 && BUDGET < 2900, BUDGET); // 7.7 Mbit/s
});

/** A download of the wasm at `mbit` Mbit/s in 64 KB chunks, the heartbeat on time, until `until` ms or its end. */
function download(mbit, until = Infinity, { heldFrom = Infinity, heldTo = -Infinity } = {}) {
  const [time, now] = clock();
  const link = new LinkMeter(now);
  const chunk = 64 * 1024;
  const msPerChunk = (chunk * 8) / (mbit * 1000);
  let nextChunk = 0;
  let got = 0;
  for (; time.now <= until && got < WASM; time.now += 1) {
    const held = time.now >= heldFrom && time.now < heldTo;
    if (!held && time.now % HEARTBEAT_MS === 0) link.beat();
    while (!held && time.now >= nextChunk && got < WASM) {
      got = Math.min(WASM, got + chunk);
      link.arrived(got === WASM);
      nextChunk += msPerChunk;
    }
  }
  time.now -= 1;
  return link;
}

test("no choice before the first chunk, nor while the download is within its budget", () => {
  const [, now] = clock();
  assert.equal(chooseBoot(new LinkMeter(now).sample(), EXTRA, WASM), null);
  assert.equal(chooseBoot(download(1.6, BUDGET - 5).sample(), EXTRA, WASM), null);
});

test("slow 4G (1.6 Mbit/s) and 5 Mbit/s take the stdlib boot, which downloads less, as soon as the budget is spent", () => {
  for (const mbit of [1.6, 5]) {
    const link = download(mbit, BUDGET + 5);
    assert.equal(link.sample().done, false);
    assert.equal(chooseBoot(link.sample(), EXTRA, WASM), "stdlib", `${mbit} Mbit/s`);
  }
});

test("20 Mbit/s and a local link take the snapshot, once the wasm is downloaded", () => {
  for (const mbit of [20, 1000]) {
    const link = download(mbit);
    assert.equal(link.sample().done, true);
    assert.equal(chooseBoot(link.sample(), EXTRA, WASM), "snapshot", `${mbit} Mbit/s`);
  }
});

test("a fast link whose chunks wait three seconds on a busy thread still takes the snapshot", () => {
  // Pyodide's JS being evaluated on a slow phone: no heartbeat, no chunk seen, from 20 ms to 3 s.
  const link = download(50, Infinity, { heldFrom: 20, heldTo: 3020 });
  assert.equal(link.sample().done, true);
  assert.ok(link.sample().heldMs > 2900, link.sample().heldMs);
  assert.equal(chooseBoot(link.sample(), EXTRA, WASM), "snapshot");
});

test("a slow link whose thread is held up for a while is still slow", () => {
  const link = download(1.6, 6000, { heldFrom: 500, heldTo: 2000 });
  assert.equal(chooseBoot(link.sample(), EXTRA, WASM), "stdlib");
});

test("chunks that come at once after the network stalled do not make a slow link look fast", () => {
  const [time, now] = clock();
  const link = new LinkMeter(now);
  link.arrived();
  for (time.now = 10; time.now <= 1000; time.now += 10) link.beat(); // nothing arrives, the thread is free
  link.arrived(); // a megabyte at once
  time.now += 1;
  link.arrived();
  assert.equal(chooseBoot(link.sample(), EXTRA, WASM), null);
  for (; time.now <= BUDGET + 10; time.now += 10) link.beat();
  assert.equal(chooseBoot(link.sample(), EXTRA, WASM), "stdlib");
});

test("a wasm that arrives whole at once (the service worker's cache) takes the snapshot", () => {
  const [, now] = clock();
  const link = new LinkMeter(now);
  link.arrived(true);
  assert.equal(chooseBoot(link.sample(), EXTRA, WASM), "snapshot");
});

test("where the snapshot boot downloads no more than the stdlib boot, it is taken however slow the link", () => {
  assert.equal(chooseBoot(download(0.5, 10 * BUDGET).sample(), 0, WASM), "snapshot");
});

test("a returning visitor takes the boot whose files the browser holds, whatever the link measured", () => {
  assert.equal(preferCached({ snapshotCached: true, stdlibCached: true }, "stdlib"), "snapshot");
  assert.equal(preferCached({ snapshotCached: false, stdlibCached: true }, "snapshot"), "stdlib");
  assert.equal(preferCached({ snapshotCached: false, stdlibCached: false }, "stdlib"), "stdlib");
  assert.equal(preferCached({ snapshotCached: false, stdlibCached: false }, "snapshot"), "snapshot");
});
