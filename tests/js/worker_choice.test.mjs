// The boot a first visit takes from the link it measures (worker/choice.js), with no browser. Run by
// `node --test` (test_page_helpers_with_node.py).
import assert from "node:assert/strict";
import { test } from "node:test";

import { LinkMeter, SAMPLE_CAP_MS, SAMPLE_MS, chooseBoot, preferCached } from "../../site_src/docs/assets/calculator/worker/choice.js";

const MB = 1000 * 1000;
// The snapshot boot downloads about 1.45 MB more than the stdlib boot (brotli forms, bundle.json).
const EXTRA = 1.45 * MB;

function clock() {
  const time = { now: 0 };
  return [time, () => time.now];
}

test("no choice before the first chunk, nor while the sample is too small to tell", () => {
  const [time, now] = clock();
  const link = new LinkMeter(now);
  assert.equal(chooseBoot(link.sample(), EXTRA), null);
  link.arrived(16 * 1024);
  time.now = 50;
  link.arrived(64 * 1024);
  assert.equal(chooseBoot(link.sample(), EXTRA), null);
});

test("slow 4G (1.6 Mbit/s) takes the stdlib boot, which downloads less", () => {
  const [time, now] = clock();
  const link = new LinkMeter(now);
  time.now = 150; // the request's latency is not counted: it comes before the first chunk
  link.arrived(16 * 1024);
  time.now += 1350; // 270 KB at 0.2 MB/s
  link.arrived(16 * 1024 + 270 * 1000);
  assert.equal(chooseBoot(link.sample(), EXTRA), "stdlib");
});

test("5 Mbit/s takes the stdlib boot too, 20 Mbit/s and a local link the snapshot", () => {
  for (const [mbit, expected] of [[5, "stdlib"], [20, "snapshot"], [100, "snapshot"]]) {
    const [time, now] = clock();
    const link = new LinkMeter(now);
    link.arrived(32 * 1024);
    time.now += (300 * 1000 * 8) / (mbit * 1000); // ms for 300 KB
    link.arrived(32 * 1024 + 300 * 1000);
    assert.equal(chooseBoot(link.sample(), EXTRA), expected, `${mbit} Mbit/s`);
  }
});

test("chunks held up together while the worker's thread was busy do not make a slow link look fast", () => {
  const [time, now] = clock();
  const link = new LinkMeter(now);
  time.now = 1000; // Pyodide's JS was being evaluated: 300 KB waited for the thread, then came at once
  link.arrived(16 * 1024);
  time.now += 0.5;
  link.arrived(16 * 1024 + 300 * 1000);
  assert.equal(chooseBoot(link.sample(), EXTRA), null);
  time.now += 1350; // then the link's own pace, 1.6 Mbit/s
  link.arrived(16 * 1024 + 300 * 1000 + 270 * 1000);
  assert.equal(chooseBoot(link.sample(), EXTRA), "stdlib");
});

test("a local link whose chunks all come at once, to the end, takes the snapshot", () => {
  const [time, now] = clock();
  const link = new LinkMeter(now);
  for (let got = 64 * 1024; got < 2.7 * MB; got += 64 * 1024) {
    link.arrived(got);
    time.now += 0.3;
  }
  assert.equal(chooseBoot(link.sample(), EXTRA), null);
  link.arrived(2.7 * MB, true);
  assert.equal(chooseBoot(link.sample(), EXTRA), "snapshot");
});

test("a wasm that arrives whole at once (the service worker's cache) takes the snapshot", () => {
  const [, now] = clock();
  const link = new LinkMeter(now);
  link.arrived(2.7 * MB, true);
  assert.equal(chooseBoot(link.sample(), EXTRA), "snapshot");
});

test("a link that sends nothing more within the longest wait takes the stdlib boot", () => {
  const [time, now] = clock();
  const link = new LinkMeter(now);
  link.arrived(16 * 1024);
  time.now = SAMPLE_MS - 1;
  assert.equal(chooseBoot(link.sample(), EXTRA), null);
  time.now = SAMPLE_MS;
  assert.equal(chooseBoot(link.sample(), EXTRA), "stdlib");
});

test("where the snapshot boot downloads no more than the stdlib boot, it is taken however slow the link", () => {
  const [time, now] = clock();
  const link = new LinkMeter(now);
  link.arrived(16 * 1024);
  time.now = 10 * SAMPLE_MS;
  assert.equal(chooseBoot(link.sample(), 0), "snapshot");
});

test("the sample is kept as it was when complete: later chunks seen late do not slow the link down", () => {
  const [time, now] = clock();
  const link = new LinkMeter(now);
  link.arrived(64 * 1024);
  time.now = 10;
  link.arrived(64 * 1024 + 300 * 1000);
  const kept = link.sample();
  time.now = 2000; // the worker's thread was busy decoding
  link.arrived(2.7 * MB, true);
  assert.deepEqual(link.sample(), kept);
  assert.equal(chooseBoot(link.sample(), EXTRA), "snapshot");
});

test("a returning visitor takes the boot whose files the browser holds, whatever the link measured", () => {
  assert.equal(preferCached({ snapshotCached: true, stdlibCached: true }, "stdlib"), "snapshot");
  assert.equal(preferCached({ snapshotCached: false, stdlibCached: true }, "snapshot"), "stdlib");
  assert.equal(preferCached({ snapshotCached: false, stdlibCached: false }, "stdlib"), "stdlib");
  assert.equal(preferCached({ snapshotCached: false, stdlibCached: false }, "snapshot"), "snapshot");
});

test("a fast link whose chunks wait on a busy thread, then come at once, takes the snapshot", () => {
  const [time, now] = clock();
  const beat = { at: 0 };
  const link = new LinkMeter(now, () => beat.at);
  link.arrived(64 * 1024);
  time.now = 1000; // Pyodide's JS was being evaluated: the heartbeat was due 99 times meanwhile
  for (let got = 128 * 1024; got < 1 * MB; got += 64 * 1024) link.arrived(got);
  beat.at = time.now;
  for (let got = 1 * MB; got <= 1.6 * MB; got += 64 * 1024) {
    time.now += 10; // then the link's own pace, 52 Mbit/s
    beat.at = time.now;
    link.arrived(got);
  }
  assert.equal(chooseBoot(link.sample(), EXTRA), "snapshot");
});

test("a slow link held up by a busy thread is measured at its own pace once the thread is free", () => {
  const [time, now] = clock();
  const beat = { at: 0 };
  const link = new LinkMeter(now, () => beat.at);
  link.arrived(16 * 1024);
  time.now = 1000; // 200 KB waited for the thread
  link.arrived(216 * 1000);
  for (let step = 1; step <= 6; step += 1) {
    time.now += 250; // 1.6 Mbit/s: 50 KB each quarter of a second, the heartbeat on time
    beat.at = time.now;
    link.arrived(216 * 1000 + step * 50 * 1000);
  }
  assert.equal(chooseBoot(link.sample(), EXTRA), "stdlib");
});

test("a thread held up again and again is given a choice from all that arrived, at the longest wait", () => {
  const [time, now] = clock();
  const beat = { at: 0 };
  const link = new LinkMeter(now, () => beat.at);
  link.arrived(16 * 1024);
  for (let got = 32 * 1024; time.now < SAMPLE_CAP_MS; got += 16 * 1024) {
    time.now += 100; // every chunk comes after the heartbeat was held up
    link.arrived(got);
    if (time.now < SAMPLE_CAP_MS) assert.equal(chooseBoot(link.sample(), EXTRA), null);
  }
  assert.equal(chooseBoot(link.sample(), EXTRA), "stdlib");
});
