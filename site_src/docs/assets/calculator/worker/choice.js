// Which boot a first visit takes, from what the worker measures itself (issue 24): how long the wasm's
// download takes, which every boot needs and which starts first. The snapshot boot
// downloads more (the snapshot against the trimmed stdlib and the wheel) but skips Python's start; on a
// slow link those extra bytes cost more than the start saves. navigator.connection is not used: it is
// missing in most browsers, and headless Chromium reports a meaningless downlink. A wrong guess costs
// little either way: both boots reach the same engine (tested to the fen), one a little later.
// Pure: no I/O, unit-tested under node (tests/js/worker_choice.test.mjs).

// How much longer starting Python on the trimmed stdlib and installing the wheel takes than restoring the
// snapshot, on a mid-range phone (bench/README.md: about 0.5 s on the 2-core VM, more with a slower CPU).
export const STDLIB_START_MS = 1500;
// The worker's heartbeat, a timer every HEARTBEAT_MS while the link is measured (state.js): a gap of more
// than HELD_MS between two beats is time the thread was held up (evaluating Pyodide's JS, on a slow phone
// or a loaded machine), when it could see no chunk, and is not counted against the link.
export const HEARTBEAT_MS = 10;
export const HELD_MS = 50;

/**
 * The longest the download of the wasm (`wasmBytes` on the wire) may take, from its first chunk, for the
 * snapshot boot to pay: at the link's speed that makes the snapshot's `extraBytes` take STDLIB_START_MS.
 */
export const budgetMs = (wasmBytes, extraBytes, startMs = STDLIB_START_MS) => (wasmBytes * startMs) / extraBytes;

/**
 * How long the wasm's download has taken, from its first chunk, less the time the worker's thread was held
 * up. The measure is the whole download against a deadline, never the pace of a few chunks: chunks held
 * up and then seen at once, by a busy thread or a stalled network, would make a slow link look fast or a
 * fast one slow. `now` is the clock; `beat()` is called by the heartbeat.
 */
export class LinkMeter {
  constructor(now = () => performance.now()) {
    this.now = now;
    this.first = null; // when the first chunk was seen
    this.doneAt = null; // when the last was
    this.lastBeat = null;
    this.heldMs = 0;
  }

  /** The thread runs now: a long gap since it last did was time it was held up. */
  beat() {
    const at = this.now();
    if (this.first !== null && this.doneAt === null && this.lastBeat !== null && at - this.lastBeat > HELD_MS) {
      this.heldMs += at - this.lastBeat - HEARTBEAT_MS;
    }
    this.lastBeat = at;
  }

  /** A chunk has arrived; `done` when the download is complete. */
  arrived(done = false) {
    this.beat();
    if (this.first === null) this.first = this.now();
    if (done && this.doneAt === null) this.doneAt = this.now();
  }

  /** {ms, heldMs, done}: the download's time so far (or in all, once done), less the time held up; null before any chunk. */
  sample() {
    if (this.first === null) return null;
    const end = this.doneAt === null ? this.now() : this.doneAt;
    return { ms: Math.max(0, end - this.first - this.heldMs), heldMs: this.heldMs, done: this.doneAt !== null };
  }
}

/**
 * "snapshot" or "stdlib" from a `sample` (LinkMeter's), or null while the wasm's download is still within
 * its budget (`budgetMs`): done within it, the link is fast enough for the snapshot's extra bytes; past it,
 * it is not. `extraBytes` is how many more bytes the snapshot boot downloads than the stdlib boot.
 */
export function chooseBoot(sample, extraBytes, wasmBytes, { startMs = STDLIB_START_MS } = {}) {
  if (extraBytes <= 0) return "snapshot";
  if (!sample) return null;
  const budget = budgetMs(wasmBytes, extraBytes, startMs);
  if (sample.done) return sample.ms <= budget ? "snapshot" : "stdlib";
  return sample.ms > budget ? "stdlib" : null;
}

/**
 * The boot whose files the browser already holds, where only one boot's are (`snapshotCached`,
 * `stdlibCached`: the snapshot's or the trimmed stdlib's file is in its caches); else `measured`. A returning
 * visitor gets its wasm from a cache, which says nothing of the link: one whose first visit took the stdlib
 * boot on a slow link would otherwise be sent the snapshot on the next.
 */
export function preferCached({ snapshotCached, stdlibCached }, measured) {
  if (snapshotCached) return "snapshot";
  if (stdlibCached) return "stdlib";
  return measured;
}
