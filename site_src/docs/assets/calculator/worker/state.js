// The worker's boot state, as objects handed to every step (never module-level variables), and the
// two errors the boot steps throw. Nothing here touches the network or Pyodide.
import { HEARTBEAT_MS, LinkMeter, chooseBoot } from "./choice.js";
import { ByteProgress } from "./progress.js";

/** An error whose cause the page can act on (see the protocol at the top of worker.js). */
export class BootError extends Error {
  constructor(message, cause) {
    super(message);
    this.cause = cause;
  }
}

/** The snapshot was not used; `reason` is one of the snapshotFailure values of the protocol. */
export class SnapshotFailure extends Error {
  constructor(reason, detail) {
    super(`${reason}: ${detail}`);
    this.reason = reason;
  }
}

export const TEXT = { download: "正在下载测算引擎", start: "正在启动 Python", engine: "正在载入测算规则" };

export const fileName = (url) => decodeURIComponent(String(url).split("?")[0].split("/").pop());

/** The text of an error, or of whatever was thrown, cut to `limit` characters. */
export const describe = (error, limit = 300) => String(error && error.message ? error.message : error).slice(0, limit);

/**
 * One boot of the engine: where the runtime is, what the page has been told, and what the boot
 * attempt under way may do without.
 *   runtime      URL of the folder of the Pyodide runtime (ends with "/")
 *   fetch        the browser's own fetch (the worker's `fetch` is replaced, see downloads.js)
 *   post         sends a message to the page
 *   manifest     bundle.json, once it has arrived
 *   bytes        what was downloaded, for the progress bar (progress.js)
 *   phase        "download" | "start" | "engine"
 *   failed       the page was told the boot failed; nothing more is sent about it
 *   optional     files whose failure does not end the boot (a later path replaces them)
 *   fallible     a boot attempt that another path may replace is running
 *   fetchError   the first download that failed, which Pyodide may have swallowed
 *   fullStdlibUsed  a module came from the full stdlib after the boot (stdlib.js)
 *   forms        the runtime's brotli forms are fetched and decoded here (brotli.js)
 *   plain        plain files fetched instead of their brotli form, which failed; `kept` those taken decoded
 *                from an earlier visit (decoded.js)
 *   encodings    how each large file arrived: "worker" (its brotli form, decoded here), "server" (its
 *                brotli form, decoded by the server or a proxy) or "plain" (the plain file, as the server sent it)
 *   decodeMs     time spent decoding each brotli form, in ms
 *   toKeep       [url, bytes, type, snapshot file] decoded by this boot, kept for the next visit (decoded.js);
 *                `keptSegments` what an earlier visit kept of the snapshot ({file, bytes} or null); `keptUsed` the
 *                urls this boot took from there; `keptMiss` why no kept segments were used ("" where none were
 *                looked for)
 *   link         how long the wasm's download has taken (choice.js), `linkFile` the file it measures;
 *                `chosen` once the boot is chosen
 *   session      calculator.browser.Session once the engine is ready
 *   marks        when each step of the boot ended, in ms since the epoch (`mark`), for the bench: where the
 *                time of a boot goes
 */
export class BootState {
  constructor({ runtime, fetch, post }) {
    this.runtime = runtime;
    this.fetch = fetch;
    this.post = post;
    this.manifest = null;
    this.bytes = new ByteProgress();
    this.phase = "download";
    this.failed = false;
    this.started = false;
    this.optional = new Set();
    this.fallible = false;
    this.fetchError = null;
    this.fullStdlibUsed = false;
    this.forms = false;
    this.plain = new Set();
    this.kept = new Set();
    this.encodings = {};
    this.decodeMs = {};
    this.toKeep = [];
    this.keptUsed = [];
    this.keptMiss = "";
    this.keptSegments = Promise.resolve(null);
    this.link = new LinkMeter();
    this.linkFile = "";
    // The heartbeat the link's measure counts held-up time by (choice.js), which also checks a pending choice
    // (`chooseBoot`); it beats until the boot is chosen, or the engine is ready (a boot with no choice to
    // make). Not until the wasm is downloaded: a damaged form has the plain file measured next (usePlain).
    this.chosen = false;
    this.checkChoice = null;
    const heartbeat = setInterval(() => {
      this.link.beat();
      if (this.checkChoice) this.checkChoice();
      if (this.chosen || this.session || this.failed) clearInterval(heartbeat);
    }, HEARTBEAT_MS);
    this.session = null;
    this.marks = {};
    this.mark("worker");
    this.manifestReady = new Promise((resolve, reject) => {
      this.gotManifest = resolve;
      this.noManifest = reject;
    });
    this.manifestReady.catch(() => {});
  }

  /** The name this boot fetches for the plain file `name`: its brotli form where there is one to use. */
  wire(name) {
    const form = this.forms && !this.plain.has(name) && !this.kept.has(name) && this.manifest && this.manifest.brotli
      && this.manifest.brotli[name];
    return form ? form.file : name;
  }

  /** The brotli form of `name` failed: the plain file is fetched instead, and counted instead of it. */
  usePlain(name, error) {
    console.warn(`${name}: brotli form not used, fetching the plain file:`, error);
    const form = this.wire(name);
    this.plain.add(name);
    if (form === this.linkFile) {
      this.link = new LinkMeter();
      this.linkFile = name;
    }
    if (this.bytes.expected.has(form)) this.expectFiles([name], [form], true);
  }

  /** `name` came decoded from an earlier visit (decoded.js): counted whole, as arrived, instead of its form. */
  tookKept(name) {
    const form = this.wire(name);
    this.kept.add(name);
    if (this.manifest) this.expectFiles([name], [form], true);
    if (this.manifest) this.arrived(name, this.manifest.files[name].size, true);
  }

  /** Step `name` of the boot has ended now (only the first time is kept). */
  mark(name) {
    if (!(name in this.marks)) this.marks[name] = Math.round(performance.timeOrigin + performance.now());
  }

  /** `ms` more spent decoding the brotli form `file`. */
  decoded(file, ms) {
    this.decodeMs[file] = (this.decodeMs[file] || 0) + ms;
  }

  /** Tell the page where the boot is; `next` moves it to another phase. */
  progress(next) {
    if (next) this.phase = next;
    const { loaded, total } = this.phase === "download" ? this.bytes.counts(Boolean(this.manifest)) : { loaded: 0, total: 0 };
    this.post({ type: "progress", phase: this.phase, text: TEXT[this.phase], loaded, total });
  }

  /**
   * Files the boot now expects (their sizes from bundle.json); a file given up on counts as what arrived.
   * Named as plain files, each counted as the file fetched for it (its brotli form, see `wire`), unless
   * `asNamed`.
   */
  expectFiles(names, givenUp = [], asNamed = false) {
    const fetched = (name) => (asNamed ? name : this.wire(name));
    this.bytes.expect(names.map((name) => [fetched(name), this.manifest.files[fetched(name)].size]), givenUp.map(fetched));
  }

  /** `got` bytes of `name` have arrived so far on one fetch of it (`done`: all of it). */
  arrived(name, got, done = false) {
    if (name === this.linkFile) {
      this.mark(done ? "wasm downloaded" : "wasm first bytes");
      this.link.arrived(done);
    }
    this.bytes.arrived(name, got);
    if (this.phase === "download") this.progress();
  }

  /** A boot attempt that a later path may replace: only the files in `optional` may fail. */
  attempt(optional) {
    this.fallible = true;
    this.optional = new Set(optional);
  }

  /** The attempt is over (it worked, or it was given up): every failure is fatal again. */
  settled() {
    this.fallible = false;
    this.optional = new Set();
  }

  /** Tell the page, once, that the boot failed. */
  fail(error) {
    if (this.failed) return;
    this.failed = true;
    const cause = error instanceof BootError ? error.cause : "engine";
    const message = error instanceof BootError ? error.message : `测算引擎启动失败（${describe(error)}）`;
    this.post({ type: "failed", message, cause });
  }

  /**
   * An error escaped every handler. Before the engine is ready it ends the boot, except during an
   * attempt that another path can replace, where only errors with a known cause end it.
   */
  escaped(error) {
    if (!this.session && (!this.fallible || error instanceof BootError)) this.fail(error);
  }

  /**
   * "snapshot" or "stdlib": the boot a first visit takes, once the wasm's download has ended within its
   * budget or gone past it (choice.js); `extraBytes` is what the snapshot boot downloads more than the stdlib boot.
   */
  chooseBoot(extraBytes) {
    return new Promise((resolve) => {
      // Checked now, then on each heartbeat until decided.
      this.checkChoice = () => {
        // The file measured may change on the way (its brotli form failed, state.usePlain).
        const wasmBytes = (this.manifest.files[this.linkFile] || { size: 0 }).size;
        const choice = this.failed ? "snapshot" : chooseBoot(this.link.sample(), extraBytes, wasmBytes);
        if (!choice) return;
        this.chosen = true;
        this.checkChoice = null;
        resolve(choice);
      };
      this.link.beat();
      this.checkChoice();
    });
  }
}
