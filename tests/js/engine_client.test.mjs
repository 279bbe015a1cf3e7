// The page's worker client against a fake worker and a fake clock. Run by `node --test`.
import assert from "node:assert/strict";
import { test } from "node:test";

import { EngineClient } from "../../site_src/docs/assets/calculator/engine-client.js";

class FakeClock {
  constructor() { this.now = 0; this.timers = new Map(); this.next = 0; }
  setTimeout(fn, ms) { this.next += 1; this.timers.set(this.next, { fn, at: this.now + ms }); return this.next; }
  clearTimeout(id) { this.timers.delete(id); }
  advance(ms) {
    this.now += ms;
    for (const [id, timer] of [...this.timers]) {
      if (timer.at <= this.now) { this.timers.delete(id); timer.fn(); }
    }
  }
}

class FakeWorker {
  constructor() { this.sent = []; this.terminated = false; }
  postMessage(message) { this.sent.push(message); }
  terminate() { this.terminated = true; }
  reply(message) { this.onmessage({ data: message }); }
}

function started(options = {}) {
  const clock = new FakeClock();
  const worker = new FakeWorker();
  const client = new EngineClient(worker, { stall: 1000, call: 5000, clock, ...options });
  const seen = { failed: [], ready: [], progress: [] };
  client.on("failed", (m) => seen.failed.push(m)).on("ready", (m) => seen.ready.push(m)).on("progress", (m) => seen.progress.push(m));
  return { clock, worker, client, seen };
}

test("messages that arrived before the page listened are replayed in order", () => {
  const { client, seen } = started();
  client.start([{ type: "progress", loaded: 1, total: 2 }, { type: "ready", version: "2020" }]);
  assert.equal(seen.progress.length, 1);
  assert.equal(seen.ready[0].version, "2020");
  assert.equal(client.ready, true);
});

test("a slow download that keeps progressing is never cut off", () => {
  const { clock, worker, client, seen } = started();
  client.start();
  for (let i = 0; i < 1000; i += 1) { clock.advance(900); worker.reply({ type: "progress", loaded: i, total: 1000 }); }
  assert.deepEqual(seen.failed, []);
  worker.reply({ type: "ready", version: "2020" });
  clock.advance(10 ** 7);
  assert.deepEqual(seen.failed, []);
});

test("a download that stalls fails with a Chinese message and stops the worker", () => {
  const { clock, worker, client, seen } = started();
  client.start();
  worker.reply({ type: "progress", phase: "download", loaded: 5, total: 10 });
  clock.advance(1001);
  assert.equal(seen.failed.length, 1);
  assert.match(seen.failed[0], /停滞/);
  assert.equal(worker.terminated, true);
});

test("a stall after the download names the step the worker last reported", () => {
  const { clock, worker, client, seen } = started();
  client.start();
  worker.reply({ type: "progress", phase: "start", loaded: 0, total: 0, text: "正在启动 Python" });
  clock.advance(1001);
  assert.match(seen.failed[0], /在“正在启动 Python”这一步已停滞/);
  assert.equal(worker.terminated, true);
});

test("a failure reported by the worker is passed on once, with its message", () => {
  const { worker, client, seen } = started();
  client.start();
  worker.reply({ type: "failed", message: "找不到目录数据", cause: "catalog" });
  worker.reply({ type: "failed", message: "again" });
  assert.deepEqual(seen.failed, ["找不到目录数据"]);
});

test("a run is answered by the result with its id; an unknown id is ignored", async () => {
  const { worker, client } = started();
  client.start([{ type: "ready" }]);
  const answer = client.run({ city: "广州市" });
  assert.deepEqual(worker.sent[0], { type: "run", plan: { city: "广州市" }, id: 1 });
  worker.reply({ type: "result", id: 99, data: {} });
  worker.reply({ type: "result", id: 1, data: { result: { total: "1.00" } } });
  assert.deepEqual(await answer, { result: { total: "1.00" } });
});

test("other Session methods go through the generic call message", async () => {
  const { worker, client } = started();
  client.start([{ type: "ready" }]);
  const options = client.call("options", { city: "广州市" });
  assert.deepEqual(worker.sent[0], { type: "call", method: "options", payload: { city: "广州市" }, id: 1 });
  worker.reply({ type: "result", id: 1, data: "{\"products\": []}" });
  assert.deepEqual(await options, { products: [] });
  const csv = client.call("sheet_csv", {});
  worker.reply({ type: "result", id: 2, data: "a,b\r\n" });
  assert.equal(await csv, "a,b\r\n");
});

test("a call that is never answered is rejected in Chinese instead of waiting forever", async () => {
  const { clock, client } = started();
  client.start([{ type: "ready" }]);
  const answer = client.run({});
  clock.advance(5001);
  await assert.rejects(answer, /秒内没有答复/);
});

test("a worker that dies rejects every waiting call and reports the failure", async () => {
  const { worker, client, seen } = started();
  client.start([{ type: "ready" }]);
  const answer = client.run({});
  worker.onerror({ message: "boom" });
  await assert.rejects(answer, /测算引擎出错（boom）/);
  assert.equal(seen.failed.length, 1);
  await assert.rejects(client.run({}), /boom/);
});

test("an error answer and an empty answer are rejections, not results", async () => {
  const { worker, client } = started();
  client.start([{ type: "ready" }]);
  const first = client.run({});
  worker.reply({ type: "result", id: 1, error: { message: "内部错误" } });
  await assert.rejects(first, /内部错误/);
  const second = client.run({});
  worker.reply({ type: "result", id: 2 });
  await assert.rejects(second, /没有返回结果/);
});

test("a plan that cannot be posted is rejected at once", async () => {
  const { worker, client } = started();
  client.start([{ type: "ready" }]);
  worker.postMessage = () => { throw new Error("DataCloneError"); };
  await assert.rejects(client.run({}), /无法把数据交给测算引擎/);
});
