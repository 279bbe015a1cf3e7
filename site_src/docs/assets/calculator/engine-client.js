// The page's side of the worker protocol, with no DOM, so it is unit-tested with a fake worker.
//
// Worker -> page: {type: "progress", phase, loaded, total, text}, {type: "ready", version},
// {type: "failed", message, cause}, {type: "result", id, data}.
// Page -> worker: {type: "run", id, plan} (the first protocol, kept) and {type: "call", id, method,
// payload} for the other methods of calculator.browser.Session (`options`, `sheet_csv`).
//
// Every failure ends as one Chinese message given to onFailed (loading) or as a rejected call:
// nothing waits forever. A download that is slow but still progressing is never cut off; only a
// silence of `stall` ms while loading is.

import { T } from "./strings.js";

export class EngineError extends Error {}

export class EngineClient {
  constructor(worker, { stall = 45000, call = 60000, clock = globalThis } = {}) {
    this.worker = worker;
    this.limits = { stall, call };
    this.clock = clock;
    this.ready = false;
    this.failed = null;
    this.phase = "";
    this.stepText = "";
    this.nextId = 0;
    this.pending = new Map();
    this.handlers = { progress: [], ready: [], failed: [] };
    this.stallTimer = null;
  }

  on(event, handler) {
    this.handlers[event].push(handler);
    return this;
  }

  emit(event, ...args) {
    for (const handler of this.handlers[event]) handler(...args);
  }

  // Take the worker over; `earlier` are the messages it sent before the page listened (boot.js).
  start(earlier = []) {
    this.worker.onmessage = (event) => this.receive(event.data);
    this.worker.onerror = (event) => {
      if (event && typeof event.preventDefault === "function") event.preventDefault();
      this.fail(T.client.workerError(event && event.message));
    };
    this.worker.onmessageerror = () => this.fail(T.client.unreadable);
    this.armStall();
    for (const message of earlier) this.receive(message);
  }

  armStall() {
    this.clock.clearTimeout(this.stallTimer);
    if (this.ready || this.failed) return;
    this.stallTimer = this.clock.setTimeout(() => {
      const seconds = Math.round(this.limits.stall / 1000);
      const step = this.stepText ? T.client.atStep(this.stepText) : "";
      this.fail(this.phase === "download" || this.phase === ""
        ? T.client.stalledDownload(step, seconds) : T.client.stalled(step, seconds));
    }, this.limits.stall);
  }

  receive(message) {
    if (!message || typeof message !== "object") return;
    if (message.type === "progress") {
      this.phase = message.phase || (message.total && message.loaded >= message.total ? "start" : "download");
      this.stepText = message.text || "";
      this.armStall();
      this.emit("progress", message);
    } else if (message.type === "ready") {
      this.ready = true;
      this.clock.clearTimeout(this.stallTimer);
      this.emit("ready", message);
    } else if (message.type === "failed") {
      this.fail(message.message || T.client.loadFailed, message.cause);
    } else if (message.type === "result") {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      this.clock.clearTimeout(waiting.timer);
      if (message.error) waiting.reject(new EngineError(describe(message.error)));
      else if (message.data === undefined || message.data === null) waiting.reject(new EngineError(T.client.noResult));
      else waiting.resolve(message.data);
    }
  }

  fail(message, cause) {
    if (this.failed) return;
    this.failed = { message, cause };
    this.clock.clearTimeout(this.stallTimer);
    for (const waiting of this.pending.values()) {
      this.clock.clearTimeout(waiting.timer);
      waiting.reject(new EngineError(message));
    }
    this.pending.clear();
    try { this.worker.terminate(); } catch { /* already gone */ }
    this.emit("failed", message, cause);
  }

  send(message) {
    if (this.failed) return Promise.reject(new EngineError(this.failed.message));
    this.nextId += 1;
    const id = this.nextId;
    return new Promise((resolve, reject) => {
      const timer = this.clock.setTimeout(() => {
        this.pending.delete(id);
        reject(new EngineError(T.client.noAnswer(Math.round(this.limits.call / 1000))));
      }, this.limits.call);
      this.pending.set(id, { resolve, reject, timer });
      try {
        this.worker.postMessage({ ...message, id });
      } catch (error) {
        this.pending.delete(id);
        this.clock.clearTimeout(timer);
        reject(new EngineError(T.client.cannotSend(error && error.message ? error.message : error)));
      }
    });
  }

  // `{result, suggestion}` or `{error}` for a plan.
  run(plan) {
    return this.send({ type: "run", plan });
  }

  // Another method of the engine's browser Session: `options`, `sheet_csv`.
  call(method, payload) {
    return this.send({ type: "call", method, payload }).then((data) => {
      if (typeof data === "string" && method !== "sheet_csv") return JSON.parse(data);
      return data;
    });
  }
}

function describe(error) {
  if (typeof error === "string") return error;
  return error.message || T.client.error;
}
