// Which boot a first visit takes, from what the worker measures itself (issue 24): the throughput of the
// first part of the wasm download, which every boot needs and which starts first. The snapshot boot
// downloads more (the snapshot against the trimmed stdlib and the wheel) but skips Python's start; on a
// slow link those extra bytes cost more than the start saves. navigator.connection is not used: it is
// missing in most browsers, and headless Chromium reports a meaningless downlink. A wrong guess costs
// little either way: both boots reach the same engine (tested to the fen), one a little later.
// Pure: no I/O, unit-tested under node (tests/js/worker_choice.test.mjs).

// Bytes of the wasm after its first chunk (which carries the request's latency) that make a sample.
export const SAMPLE_BYTES = 256 * 1024;
// Longest wait for that sample, from the first chunk: a link this slow is slow enough to decide.
export const SAMPLE_MS = 1500;
// How much longer starting Python on the trimmed stdlib and installing the wheel takes than restoring the
// snapshot, on a mid-range phone (bench/README.md: about 0.5 s on the 2-core VM, more with a slower CPU).
export const STDLIB_START_MS = 1500;
// Chunks seen this close after the one before, from the first on, were held up together (the worker's
// thread was busy, evaluating Pyodide's JS, or a cache answered): when they arrived is unknown, so the
// measure starts after them. A link that keeps them this close all along is fast, and ends as one.
export const BURST_MS = 4;
// The worker's heartbeat, a timer every HEARTBEAT_MS while the link is measured (state.js): a chunk seen
// while it is more than HELD_MS late was held up by a busy thread, however long after the one before it came,
// and the measure starts again after it. Without this a busy thread makes a fast link look slow: the first
// chunk, a second's wait on the thread, then the rest at once.
export const HEARTBEAT_MS = 10;
export const HELD_MS = 50;
// However often the measure starts again, a choice is made this long after the first chunk, from all that
// arrived since then.
export const SAMPLE_CAP_MS = 2 * SAMPLE_MS;

/** Whether `sample` ({bytes, ms, done}) is enough to choose from. */
export const complete = (sample, sampleBytes = SAMPLE_BYTES, sampleMs = SAMPLE_MS) =>
  Boolean(sample) && (sample.done || sample.bytes >= sampleBytes || sample.ms >= sampleMs);

/**
 * The throughput of one download, from the byte counts of its chunks as they arrive. The sample is kept
 * as it was when it became complete: what the worker does afterwards (decoding on the same thread)
 * delays how it sees later chunks, not the link. `beat` gives the time of the worker's latest heartbeat
 * (by default now: a thread never held up).
 */
export class LinkMeter {
  constructor(now = () => performance.now(), beat = now) {
    this.now = now;
    this.beat = beat;
    this.start = null; // {at, got} when the first chunk arrived
    this.first = null; // {at, got} where the measure starts: the first chunk, or the last one held up
    this.last = null; // {at, got} of the latest
    this.done = false;
    this.kept = null;
    this.inBurst = true; // every chunk since `first` came at once with it
  }

  /** `got` bytes have arrived so far; `done` when the download is complete. */
  arrived(got, done = false) {
    const at = this.now();
    const held = at - this.beat() > HELD_MS;
    if (!this.first || held) {
      this.first = { at, got };
      this.inBurst = true;
    } else if (this.inBurst && at - this.last.at <= BURST_MS) this.first = { at, got };
    else this.inBurst = false;
    this.start = this.start || this.first;
    this.last = { at, got };
    this.done = this.done || done;
    if (!this.kept && complete(this.sample())) this.kept = this.sample();
  }

  /**
   * {bytes, ms, done}: what arrived since the measure started, over how long; null before any chunk. Once
   * SAMPLE_CAP_MS have gone by since the first chunk, what arrived since that one, if the measure is shorter.
   */
  sample() {
    if (this.kept) return this.kept;
    if (!this.first) return null;
    const end = this.done ? this.last.at : this.now();
    const measured = { bytes: this.last.got - this.first.got, ms: end - this.first.at, done: this.done };
    if (end - this.start.at < SAMPLE_CAP_MS || complete(measured)) return measured;
    return { bytes: this.last.got - this.start.got, ms: end - this.start.at, done: this.done };
  }
}

/**
 * "snapshot" or "stdlib" from a `sample` ({bytes, ms, done}, LinkMeter's), or null while the sample is too
 * small to tell. `extraBytes` is how many more bytes the snapshot boot downloads than the stdlib boot.
 */
export function chooseBoot(sample, extraBytes, { sampleBytes = SAMPLE_BYTES, sampleMs = SAMPLE_MS, startMs = STDLIB_START_MS } = {}) {
  if (!complete(sample, sampleBytes, sampleMs)) return null;
  const { bytes, ms } = sample;
  if (extraBytes <= 0) return "snapshot";
  // Whole before a millisecond went by (a cache, a local link): as fast as it gets.
  if (ms <= 0) return "snapshot";
  const extraMs = extraBytes / (bytes / ms);
  return extraMs > startMs ? "stdlib" : "snapshot";
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
