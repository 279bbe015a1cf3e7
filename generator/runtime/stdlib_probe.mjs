// Build-time only, run by generator/runtime/stdlib.py under node: boot the pinned Pyodide the way the page's
// worker does (the calculator wheel from its lock, unpacked into site-packages), warm the engine up
// (py/warm_up.py, the same program the snapshot maker runs), and write a zip of precompiled .pyc for
// exactly the stdlib modules that were imported, plus the worker's own Python (py/gd_worker.py), with
// py/stdlib_zip.py. Pyodide's own Python 3.14 compiles them, so the bytecode matches the runtime (a host
// interpreter would write a wrong magic).
//
// usage: node stdlib_probe.mjs <pyodide npm dir> <pyodide-lock.json> <dir of the wheel> <package name>
//                              <catalog.json> <probe plan.json> <output zip>
// prints one line of JSON: {"modules": number of stdlib modules kept}
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { installWheel } from "./pyodide_wheel.mjs";
import { pythonSource, runPythonFile, warmUp } from "./python_files.mjs";

// The modules of py/ that the page's worker imports from the trimmed stdlib.
const SHIPPED = ["gd_worker"];

const [runtimeDir, lockPath, wheelDir, packageName, catalogPath, probePath, outPath] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(runtimeDir, "pyodide.mjs")).href);

const pyodide = await loadPyodide({
  indexURL: runtimeDir + "/",
  // Set iteration order (frozenset constants) must not depend on a random hash seed.
  env: { PYTHONHASHSEED: "0" },
  stdout: (line) => process.stderr.write(line + "\n"),
  stderr: (line) => process.stderr.write(line + "\n"),
});
// Installed as worker.js does: the wheel registered in the lock, checked, unpacked into site-packages.
installWheel(pyodide, lockPath, wheelDir, packageName);

const [session] = warmUp(pyodide, fs.readFileSync(catalogPath, "utf8"), fs.readFileSync(probePath, "utf8"));
session.destroy();
// Written after the warm-up: the zip writer's own imports (zipfile…) are kept as well.
const writer = runPythonFile(pyodide, "stdlib_zip.py");
const writeZip = writer.get("write_zip");
const shipped = pyodide.toPy(Object.fromEntries(SHIPPED.map((module) => [module, pythonSource(`${module}.py`)])));
const modules = writeZip("/tmp/stdlib.zip", shipped);
for (const proxy of [shipped, writeZip, writer]) proxy.destroy();
fs.writeFileSync(outPath, pyodide.FS.readFile("/tmp/stdlib.zip"));
process.stdout.write(JSON.stringify({ modules }) + "\n");
