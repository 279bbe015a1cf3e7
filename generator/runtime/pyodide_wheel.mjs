// Build-time only, imported by stdlib_probe.mjs and snapshot_maker.mjs: install the calculator wheel
// into a Pyodide booted under node exactly as worker.js does in the page (the wheel the lock names,
// checked against the lock's sha256, unpacked into site-packages; never through `packages:`).
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export function installWheel(pyodide, lockPath, wheelDir, packageName) {
  const entry = JSON.parse(fs.readFileSync(lockPath, "utf8")).packages[packageName];
  const wheel = fs.readFileSync(path.join(wheelDir, entry.file_name));
  if (createHash("sha256").update(wheel).digest("hex") !== entry.sha256) throw new Error("wheel sha256 mismatch");
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  pyodide.unpackArchive(new Uint8Array(wheel), "wheel", { extractDir: sitePackages });
}
