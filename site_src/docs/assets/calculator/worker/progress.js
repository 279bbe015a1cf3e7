// The byte count of the progress bar, with no I/O, so it is unit-tested under node
// (tests/js/worker_progress.test.mjs). The count never goes back: a file given up on (the snapshot,
// when the boot falls back to the stdlib) keeps counting what arrived of it, and the total reaches
// the count only when every file it counts has arrived.
export class ByteProgress {
  constructor() {
    this.received = new Map(); // file name -> bytes received (the most of any fetch of it)
    this.expected = new Map(); // file name -> bytes the boot path being taken fetches
  }

  /** `got` bytes of `name` have arrived so far on one fetch of it. */
  arrived(name, got) {
    this.received.set(name, Math.max(this.received.get(name) || 0, got));
  }

  /** The boot now fetches these [name, size] pairs; each of `givenUp` counts as what arrived of it. */
  expect(sizes, givenUp = []) {
    for (const name of givenUp) this.expected.set(name, this.received.get(name) || 0);
    for (const [name, size] of sizes) this.expected.set(name, size);
  }

  /** {loaded, total} in bytes; total is 0 until the sizes are known (`known`, bundle.json arrived). */
  counts(known = true) {
    let loaded = 0;
    for (const n of this.received.values()) loaded += n;
    if (!known) return { loaded, total: 0 };
    let total = 0;
    for (const name of new Set([...this.expected.keys(), ...this.received.keys()])) {
      total += Math.max(this.expected.get(name) || 0, this.received.get(name) || 0);
    }
    return { loaded, total };
  }
}
