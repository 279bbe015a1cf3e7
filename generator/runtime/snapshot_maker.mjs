// Build-time only, run by generator/runtime/snapshot.py under node: boot the pinned Pyodide on the trimmed
// stdlib, install the calculator wheel the way worker.js does (unpacked from the lock, never through
// `packages:`, whose package manager leaves JS objects behind that a snapshot cannot hold), warm the
// engine up (py/warm_up.py, the same program the stdlib probe runs: every module imported, the session
// built from the built catalog.json), import the worker's py/gd_worker.py and write Pyodide's memory
// snapshot.
//
// Byte-identical builds: the hash seed is fixed, and the entropy and the clock Pyodide reads while it
// starts are replaced by a seeded generator and a frozen date, so two builds write the same bytes. The
// worker reseeds `random` and reads the real clock after the restore (gd_worker.after_restore).
//
// usage: node snapshot_maker.mjs <pyodide npm dir> <trimmed stdlib zip> <pyodide-lock.json>
//                                <dir of the wheel> <package name> <catalog.json> <probe plan.json> <output>
// prints one line of JSON: {"heap": bytes, "check": the probe plan's result text, "heapStart": offset of
// the heap in the snapshot, "xorLength": bytes of it stored as a difference from the initial memory}
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { installWheel } from "./pyodide_wheel.mjs";
import { warmUp } from "./python_files.mjs";

const [runtimeDir, stdlibPath, lockPath, wheelDir, packageName, catalogPath, probePath, outPath] = process.argv.slice(2);
// Emscripten names the running program after node's script (process.argv[1]) and keeps that name in
// memory (sys.executable, the environment's `_`): the path of the checkout would be in the snapshot
// and differ from one build machine to the next. The page's worker has no script name, and Emscripten
// gives it "./this.program"; the snapshot gets the same.
process.argv.splice(1, process.argv.length - 1, "./this.program");

// Seeded entropy (xorshift32) for Python's hash secret fallback and random's first seed.
let state = 0x9e3779b9;
function seededFill(view) {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  for (let i = 0; i < bytes.length; i++) {
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    bytes[i] = state & 0xff;
  }
  return view;
}
crypto.randomFillSync = seededFill;
if (globalThis.crypto) globalThis.crypto.getRandomValues = seededFill;
// A frozen wall clock and a counting monotonic one. The wall clock stands at noon, Beijing time, of the day
// the notice was published (catalog.json notice.published): that day both in Beijing and in UTC.
const FROZEN = Date.parse(`${JSON.parse(fs.readFileSync(catalogPath, "utf8")).notice.published}T12:00:00+08:00`);
Date.now = () => FROZEN;
let ticks = 0;
performance.now = () => (ticks += 1);

// The wasm memory as instantiation leaves it (the module's data segments, zeros elsewhere), which the
// worker has for free at the same moment: the snapshot is stored as its difference from it (XOR), so
// that the unchanged static data compresses to nothing (about 3.5 MB of gzip instead of 5).
let initial = null;
const instantiate = WebAssembly.instantiate;
WebAssembly.instantiate = async (...args) => {
  const result = await instantiate(...args);
  const instance = result.instance || result;
  if (!initial && instance.exports.memory) initial = new Uint8Array(instance.exports.memory.buffer).slice();
  return result;
};

const { loadPyodide } = await import(pathToFileURL(path.join(runtimeDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: runtimeDir + "/",
  stdLibURL: stdlibPath,
  _makeSnapshot: true,
  env: { PYTHONHASHSEED: "0" },
  stdout: (line) => process.stderr.write(line + "\n"),
  stderr: (line) => process.stderr.write(line + "\n"),
});
installWheel(pyodide, lockPath, wheelDir, packageName);

// The session stays in __main__ as gd_session: the worker checks it after a restore.
const [session, check] = warmUp(pyodide, fs.readFileSync(catalogPath, "utf8"), fs.readFileSync(probePath, "utf8"));
pyodide.globals.set("gd_session", session);
session.destroy();
// The worker's own Python (in the trimmed stdlib): in memory after a restore, where no stdlib file is.
pyodide.pyimport("gd_worker").destroy();
const heap = pyodide._module.HEAP8.length;
const snapshot = pyodide.makeMemorySnapshot();
// The header (magic, offset of the heap, JSON length, build id, JSON) stays as Pyodide wrote it; the heap
// is XORed with the initial memory up to its last non-zero byte, a length the worker is told.
const heapStart = new Uint32Array(snapshot.buffer, snapshot.byteOffset, 4)[1];
let xorLength = initial.length;
while (xorLength > 0 && initial[xorLength - 1] === 0) xorLength--;
for (let i = 0; i < xorLength; i++) snapshot[heapStart + i] ^= initial[i];
fs.writeFileSync(outPath, snapshot);
process.stdout.write(JSON.stringify({ heap, check, heapStart, xorLength }) + "\n");
