// Build-time only, run by generator/runtime/stdlib.py under node: boot the pinned Pyodide the way the page's
// worker does (the calculator wheel from its lock, unpacked into site-packages), run the engine, and write a zip of
// precompiled .pyc for exactly the stdlib modules that were imported. Pyodide's own Python 3.14
// compiles them, so the bytecode matches the runtime (a host interpreter would write a wrong magic).
//
// usage: node stdlib_probe.mjs <pyodide npm dir> <pyodide-lock.json> <dir of the wheel> <package name>
//                              <catalog.json> <output zip>
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { installWheel } from "./pyodide_wheel.mjs";

const [runtimeDir, lockPath, wheelDir, packageName, catalogPath, outPath] = process.argv.slice(2);
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

pyodide.globals.set("catalog_text", fs.readFileSync(catalogPath, "utf8"));
pyodide.globals.set("out_path", "/tmp/stdlib.zip");
pyodide.runPython(String.raw`
import json, marshal, sys, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc
from importlib.util import source_hash

# Exercise the engine as the page does: a valid plan, a plan with a bad field, text that is not JSON,
# and every other Session method the page may call.
from calculator.browser import Session

session = Session(catalog_text)
policy = json.loads(catalog_text)
products = [p["id"] for p in policy.get("products", [])][:6] or [1]
plans = [
    {"city": "佛山市", "cluster_pilot": False, "claimed_before": [],
     "items": [{"product": p, "contract": "20万", "devices": "40"} for p in products]},
    {"city": "深圳市", "items": [{"product": products[0], "contract": "1000"}]},
    {"city": "佛山市", "cluster_pilot": True, "claimed_before": products[:1],
     "items": [{"product": products[0], "contract": "abc"}]},
    {"city": "", "items": []},
]
for plan in plans:
    session.run(json.dumps(plan, ensure_ascii=False))
session.run("{not json")
for name in ("options", "sheet_csv"):
    method = getattr(session, name, None)
    if method is not None:
        for payload in (None, plans[0], {"plan": plans[0]}):
            try:
                method(json.dumps(payload, ensure_ascii=False))
            except Exception:  # only the imports matter here; the page's worker reports errors
                pass

stdlib = sys.path[0] if sys.path[0].endswith(".zip") else next(p for p in sys.path if p.endswith(".zip"))
prefix = stdlib + "/"
used = sorted({m.__file__[len(prefix):] for m in list(sys.modules.values())
               if isinstance(getattr(m, "__file__", None), str) and m.__file__.startswith(prefix)})
source_zip = zipfile.ZipFile(stdlib)
with zipfile.ZipFile(out_path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
    for name in used:
        source = source_zip.read(name)
        code = compile(source, prefix + name, "exec", dont_inherit=True, optimize=0)
        # Unchecked hash-based .pyc: no timestamp in the header, so builds are byte-identical.
        data = _code_to_hash_pyc(code, source_hash(source), checked=False)
        info = zipfile.ZipInfo(name[:-3] + ".pyc", date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
print(json.dumps({"modules": len(used)}))
`);
fs.writeFileSync(outPath, pyodide.FS.readFile("/tmp/stdlib.zip"));
